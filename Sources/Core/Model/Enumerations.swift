/// An enumeration of the filing format: English values plus the Chinese labels accepted on input.
public protocol FilingEnumeration: RawRepresentable<String>, CaseIterable, Sendable, Hashable, Codable {
    /// Chinese labels (and other spellings) accepted as aliases of a value.
    static var aliases: [String: Self] { get }
}

extension FilingEnumeration {
    public static var aliases: [String: Self] { [:] }

    /// Parses a value or one of its aliases; surrounding white space and quote styles are ignored.
    public init?(label: String) {
        let t = FilingText.trimmed(label)
        if let v = Self(rawValue: t) ?? Self(rawValue: t.lowercased()) {
            self = v
            return
        }
        if let v = Self.aliases[t] ?? Self.aliases[FilingText.stripQuotes(t)] {
            self = v
            return
        }
        return nil
    }

    /// The accepted English values, for messages: "national, provincial, municipal".
    public static var valueList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// Designation and incubator levels, ordered national > provincial > municipal.
public enum Level: String, FilingEnumeration, Comparable {
    case national, provincial, municipal

    public static let aliases: [String: Level] = ["国家级": .national, "省级": .provincial, "市级": .municipal]

    /// Rank for ordering: higher is more senior.
    public var seniority: Int {
        switch self {
        case .national: 3
        case .provincial: 2
        case .municipal: 1
        }
    }

    /// Chinese label.
    public var chinese: String {
        switch self {
        case .national: "国家级"
        case .provincial: "省级"
        case .municipal: "市级"
        }
    }

    public static func < (a: Level, b: Level) -> Bool { a.seniority < b.seniority }
}

/// Park level: national or provincial.
public enum ParkLevel: String, FilingEnumeration {
    case national, provincial
    public static let aliases: [String: ParkLevel] = ["国家级": .national, "省级": .provincial]
}

/// Kind of park.
public enum ParkKind: String, FilingEnumeration {
    case highTechZone = "high-tech-zone", economicZone = "economic-zone", other
    public static let aliases: [String: ParkKind] = [
        "高新区": .highTechZone, "高新技术产业开发区": .highTechZone,
        "经开区": .economicZone, "经济技术开发区": .economicZone, "其他": .other,
    ]
}

/// Designation programme.
public enum Program: String, FilingEnumeration {
    case littleGiant = "little-giant"
    case specializedSME = "specialized-sme"
    case innovativeSME = "innovative-sme"
    case singleChampion = "single-champion"
    case highTech = "high-tech"

    public static let aliases: [String: Program] = [
        "专精特新小巨人": .littleGiant, "专精特新“小巨人”": .littleGiant, "专精特新「小巨人」": .littleGiant,
        "小巨人": .littleGiant,
        "专精特新中小企业": .specializedSME, "创新型中小企业": .innovativeSME,
        "制造业单项冠军": .singleChampion, "单项冠军": .singleChampion,
        "高新技术企业": .highTech,
    ]

    /// Chinese name.
    public var chinese: String {
        switch self {
        case .littleGiant: "专精特新“小巨人”"
        case .specializedSME: "专精特新中小企业"
        case .innovativeSME: "创新型中小企业"
        case .singleChampion: "制造业单项冠军"
        case .highTech: "高新技术企业"
        }
    }
}

/// Status of a firm.
public enum FirmStatus: String, FilingEnumeration {
    case active, deregistered
    public static let aliases: [String: FirmStatus] = ["存续": .active, "在业": .active, "注销": .deregistered]
}

/// A reviewer's decision about a candidate firm for a name.
public enum LinkDecision: String, FilingEnumeration {
    case same, different
    public static let aliases: [String: LinkDecision] = ["同一": .same, "相同": .same, "是": .same, "不同": .different, "否": .different]
}

/// Status of a designation.
public enum DesignationStatus: String, FilingEnumeration {
    case active, revoked
    public static let aliases: [String: DesignationStatus] = ["有效": .active, "撤销": .revoked, "取消": .revoked]
}

/// Kind of incubator.
public enum IncubatorKind: String, FilingEnumeration {
    case incubator, makerSpace = "maker-space", accelerator
    public static let aliases: [String: IncubatorKind] = ["孵化器": .incubator, "众创空间": .makerSpace, "加速器": .accelerator]
}

/// How a firm came into an incubator.
public enum Intake: String, FilingEnumeration {
    case local, introduced, spinoff
    public static let aliases: [String: Intake] = ["本地": .local, "引进": .introduced, "衍生": .spinoff]
}

/// Kind of institution a technology comes from.
public enum SourceKind: String, FilingEnumeration {
    case university, institute, enterprise, rdInstitution = "rd-institution", other
    public static let aliases: [String: SourceKind] = [
        "高校": .university, "高等院校": .university, "科研院所": .institute, "企业": .enterprise,
        "新型研发机构": .rdInstitution, "其他": .other,
    ]
}

/// Mode of technology transfer (科技成果转化方式).
public enum TransferMode: String, FilingEnumeration {
    case `self`, transfer, license, cooperation, equity, other
    public static let aliases: [String: TransferMode] = [
        "自行实施": .self, "转让": .transfer, "许可": .license, "合作实施": .cooperation,
        "作价投资": .equity, "其他": .other,
    ]
}

/// Channel of a transfer: converted locally, through an enclave, or otherwise.
public enum Channel: String, FilingEnumeration {
    case local, enclave, other
    public static let aliases: [String: Channel] = ["就地转化": .local, "飞地孵化": .enclave, "其他": .other]
}

/// Helpers for text as filings write it.
public enum FilingText {
    /// Removes every kind of quotation mark, so 专精特新"小巨人" and 专精特新“小巨人” match.
    public static func stripQuotes(_ s: String) -> String {
        String(s.unicodeScalars.filter { !"\"'“”‘’「」『』＂".unicodeScalars.contains($0) }.map(Character.init))
    }

    /// Text without leading and trailing white space. Most values have none, and this checks the two
    /// ends' bytes before falling back to Foundation, which is costly on every field of a large load.
    public static func trimmed(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return s }
        // Printable ASCII and CJK ideographs are never white space; Unicode's property tables are
        // consulted only for other characters (most values start and end with one of these).
        func surelyNotSpace(_ c: Unicode.Scalar) -> Bool { (c.value > 0x20 && c.value < 0x7F) || (0x4E00...0x9FFF).contains(c.value) }
        if surelyNotSpace(first) && surelyNotSpace(last) { return s }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return s }
        return s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The key a firm's name is matched by: full-width folded to half-width (NFKC), brackets unified,
    /// white space removed, Latin letters upper-cased.
    public static func nameKey(_ name: String) -> String {
        nameKeyOfPlainName(name) ?? nameKeyOfAnyName(name)
    }

    /// `nameKey` character by character, after NFKC where the name needs it.
    static func nameKeyOfAnyName(_ name: String) -> String {
        var out = ""
        out.reserveCapacity(name.utf8.count)
        // ASCII and the CJK Unified Ideographs are unchanged by NFKC; most names hold nothing else.
        let stable = name.unicodeScalars.allSatisfy { $0.value < 0x80 || (0x4E00...0x9FFF).contains($0.value) }
        for ch in (stable ? name : name.precomposedStringWithCompatibilityMapping).unicodeScalars {
            switch ch {
            case " ", "\t", "\n", "\r", "\u{3000}", "\u{A0}": continue
            case "[", "【", "〔", "{": out.unicodeScalars.append("(")
            case "]", "】", "〕", "}": out.unicodeScalars.append(")")
            case "a"..."z": out.unicodeScalars.append(Unicode.Scalar(ch.value - 32)!)
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// `nameKey` of a name written in ASCII, CJK Unified Ideographs and full-width parentheses only
    /// (nearly every firm's), worked out on its UTF-8 bytes: NFKC leaves ASCII and those ideographs as
    /// they are and folds （ ） to ( ), and none of them combines with a neighbour, so each character is
    /// mapped on its own. Nil for any other name, which takes the general path. A name that needs no
    /// change is returned as it is, without a copy.
    static func nameKeyOfPlainName(_ name: String) -> String? {
        var bytes = name
        let (plain, key) = bytes.withUTF8 { u -> (Bool, String?) in
            let n = u.count
            var changed = false
            var i = 0
            while i < n {
                let c = u[i]
                if c < 0x80 {
                    switch c {
                    case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
                         UInt8(ascii: "a")...UInt8(ascii: "z"):
                        changed = true
                    default: break
                    }
                    i += 1
                } else if i + 2 < n, c >= 0xE4, c <= 0xE9, u[i + 1] & 0xC0 == 0x80, u[i + 2] & 0xC0 == 0x80,
                          c != 0xE4 || u[i + 1] >= 0xB8 {
                    i += 3  // U+4E00…U+9FFF
                } else if i + 2 < n, c == 0xEF, u[i + 1] == 0xBC, u[i + 2] == 0x88 || u[i + 2] == 0x89 {
                    changed = true  // U+FF08, U+FF09
                    i += 3
                } else {
                    return (false, nil)
                }
            }
            if !changed { return (true, nil) }
            var out: [UInt8] = []
            out.reserveCapacity(n)
            i = 0
            while i < n {
                let c = u[i]
                if c < 0x80 {
                    switch c {
                    case 0x20, 0x09, 0x0A, 0x0D: break
                    case UInt8(ascii: "["), UInt8(ascii: "{"): out.append(UInt8(ascii: "("))
                    case UInt8(ascii: "]"), UInt8(ascii: "}"): out.append(UInt8(ascii: ")"))
                    case UInt8(ascii: "a")...UInt8(ascii: "z"): out.append(c - 32)
                    default: out.append(c)
                    }
                    i += 1
                } else if c == 0xEF {
                    out.append(u[i + 2] == 0x88 ? UInt8(ascii: "(") : UInt8(ascii: ")"))
                    i += 3
                } else {
                    out.append(c); out.append(u[i + 1]); out.append(u[i + 2])
                    i += 3
                }
            }
            return (true, String(decoding: out, as: UTF8.self))
        }
        return plain ? key ?? name : nil
    }
}

import Foundation
