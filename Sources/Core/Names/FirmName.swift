/// A firm's name taken apart for matching: its normalised key, the region it names (as a prefix,
/// 湖南XX科技, or in brackets, XX科技（湖南）), its legal form, and the stem left between them.
/// Names that differ only in region or legal form have equal stems.
public struct FirmName: Sendable, Hashable {
    /// The legal form a name ends with. Spellings the Company Law treats as one form fold together:
    /// 有限责任公司 ≡ 有限公司, 股份有限公司 ≡ 股份公司.
    public enum LegalForm: String, Sendable, Hashable {
        case limited, jointStock = "joint-stock", company, none
    }

    /// Where a name states its region.
    public enum RegionPlacement: Sendable, Hashable {
        case prefix, bracketed, none
    }

    /// `FilingText.nameKey` of the name.
    public let key: String
    /// The name without region and legal form ("" when nothing else is left: then nothing is compared by stem).
    public let stem: String
    /// The legal form's words as written (有限责任公司), "" when none.
    public let legalFormText: String
    public let legalForm: LegalForm
    /// The region's words as written (湖南, 湖南省, 厦门), "" when none.
    public let regionText: String
    public let regionPlacement: RegionPlacement

    /// Longest first, so that 股份有限公司 is not read as 有限公司.
    static let legalForms: [(String, LegalForm)] = [
        ("股份有限公司", .jointStock), ("有限责任公司", .limited), ("股份公司", .jointStock), ("有限公司", .limited), ("公司", .company),
    ]

    public init(_ name: String) {
        self.init(normalisedKey: FilingText.nameKey(name))
    }

    /// A name already normalised by `FilingText.nameKey` (as the registry stores it), taken apart.
    init(normalisedKey key: String) {
        self.key = key
        if let parts = Self.plainParts(key) {
            stem = parts.stem
            legalFormText = parts.formText
            legalForm = parts.form
            regionText = parts.regionText
            regionPlacement = parts.placement
            return
        }
        var rest = Substring(key)
        var formText = "", form = LegalForm.none
        for (words, f) in Self.legalForms where rest.hasSuffix(words) && rest.count > words.count {
            formText = words
            form = f
            rest = rest.dropLast(words.count)
            break
        }
        var regionText = "", placement = RegionPlacement.none
        if let open = rest.lastIndex(of: "("), let close = rest[open...].firstIndex(of: ")"),
           case let inner = rest[rest.index(after: open)..<close], Self.isRegion(inner),
           rest.count > inner.count + 2 {
            regionText = String(inner)
            placement = .bracketed
            rest = rest[..<open] + rest[rest.index(after: close)...]
        } else {
            // The longest leading region name that leaves at least two characters of stem.
            let chars = Array(rest)
            var length = min(7, chars.count - 2)
            while length >= 2 {
                let prefix = String(chars[0..<length])
                if Self.isRegion(prefix[...]) {
                    regionText = prefix
                    placement = .prefix
                    rest = rest.dropFirst(length)
                    break
                }
                length -= 1
            }
        }
        self.stem = String(rest)
        self.legalFormText = formText
        self.legalForm = form
        self.regionText = regionText
        self.regionPlacement = placement
    }

    /// The province (two digits) of the region the name states, when the table knows it.
    public var regionProvince: String? {
        regionText.isEmpty ? nil : RegionTable.codes(named: regionText).first.map { String($0.prefix(2)) }
    }

    /// Province- and prefecture-level names (湖南省, 湖南, 厦门市, 厦门) and those of counties (浏阳):
    /// what firm names begin with or bracket.
    static func isRegion(_ text: Substring) -> Bool {
        text.count >= 2 && !RegionTable.codes(named: String(text)).isEmpty
    }

    /// The parts of a key of printable ASCII and CJK Unified Ideographs only (nearly every firm's),
    /// worked out on its UTF-8: the same as the general path above, whose Characters are then single
    /// scalars, equal only when their scalars are (none has a canonical decomposition), and whose
    /// region look-up then trims nothing. An index parses a million names, and the general path's
    /// Characters, substrings and a look-up for every prefix length cost most of building one. Nil for
    /// any other key.
    static func plainParts(_ key: String) -> (stem: String, formText: String, form: LegalForm, regionText: String, placement: RegionPlacement)? {
        var key = key
        return key.withUTF8 { u -> (stem: String, formText: String, form: LegalForm, regionText: String, placement: RegionPlacement)? in
            // Scalar i is u[starts[i]..<starts[i + 1]].
            var s: [UInt32] = [], starts: [Int] = []
            s.reserveCapacity(u.count / 2)
            starts.reserveCapacity(u.count / 2 + 1)
            var i = 0
            while i < u.count {
                let b = u[i]
                if b >= 0x21 && b <= 0x7E {
                    s.append(UInt32(b)); starts.append(i); i += 1
                } else if b >= 0xE4 && b <= 0xE9 && i + 2 < u.count {
                    let v = (UInt32(b) & 0x0F) << 12 | (UInt32(u[i + 1]) & 0x3F) << 6 | UInt32(u[i + 2]) & 0x3F
                    guard (0x4E00...0x9FFF).contains(v), u[i + 1] & 0xC0 == 0x80, u[i + 2] & 0xC0 == 0x80 else { return nil }
                    s.append(v); starts.append(i); i += 3
                } else {
                    return nil
                }
            }
            starts.append(u.count)
            func text(_ lo: Int, _ hi: Int) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: u[starts[lo]..<starts[hi]]), as: UTF8.self)
            }
            var hi = s.count
            var formText = "", form = LegalForm.none
            for (words, scalars, f) in legalFormScalars where hi > scalars.count && s[(hi - scalars.count)..<hi].elementsEqual(scalars) {
                formText = words
                form = f
                hi -= scalars.count
                break
            }
            let paren = UInt32(UInt8(ascii: "(")), closing = UInt32(UInt8(ascii: ")"))
            if let open = s[0..<hi].lastIndex(of: paren), let close = s[open..<hi].firstIndex(of: closing),
               case let inner = text(open + 1, close), isPlainRegion(inner, close - open - 1), hi > close - open + 1 {
                return (text(0, open) + text(close + 1, hi), formText, form, inner, .bracketed)
            }
            // The longest leading region name that leaves at least two characters of stem; no region
            // name is longer than the longest beginning with the same two characters.
            if hi >= 4 {
                var length = min(7, hi - 2, regionNameLengths[UInt64(s[0]) << 32 | UInt64(s[1])] ?? 0)
                while length >= 2 {
                    let prefix = text(0, length)
                    if isPlainRegion(prefix, length) { return (text(length, hi), formText, form, prefix, .prefix) }
                    length -= 1
                }
            }
            return (text(0, hi), formText, form, "", .none)
        }
    }

    /// `isRegion` of a text without whitespace or characters of more than one scalar.
    static func isPlainRegion(_ text: String, _ characters: Int) -> Bool {
        characters >= 2 && plainRegionNames.contains(text)
    }

    static let legalFormScalars: [(String, [UInt32], LegalForm)] = legalForms.map { ($0.0, $0.0.unicodeScalars.map(\.value), $0.1) }

    /// The names `RegionTable.codes(named:)` knows (codes(named:) trims whitespace, which these have none of).
    static let plainRegionNames: Set<String> = {
        var names = Set(RegionTable.table.codesByName.filter { !$0.value.isEmpty }.keys)
        names.insert("新疆生产建设兵团")
        return names
    }()

    /// The first two scalars of region names → the most characters of a region name beginning with them.
    static let regionNameLengths: [UInt64: Int] = {
        var out: [UInt64: Int] = [:]
        for name in plainRegionNames {
            let s = Array(name.unicodeScalars)
            guard s.count >= 2 else { continue }
            let start = UInt64(s[0].value) << 32 | UInt64(s[1].value)
            out[start] = max(out[start] ?? 0, name.count)
        }
        return out
    }()
}
