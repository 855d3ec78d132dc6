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
        let key = FilingText.nameKey(name)
        self.key = key
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
}
