import Foundation
import Testing
@testable import Core

/// Issue 17: Core's own words (its diagnostics, storage errors, contradictions, analysis phrases) are
/// a catalogue in both languages, and a problem carries its words as a message.
@Suite("Core's own words")
struct CoreWordsTests {
    @Test("every key of CoreKey is in both languages with the same placeholders, and no other key is")
    func catalogue() {
        #expect(!CoreWords.catalogue.keys(in: .en).isEmpty, "the embedded catalogue parses")
        let problems = CoreWords.catalogue.problems(expecting: Set(CoreKey.allCases.map(\.rawValue)))
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test("every Chinese template is Chinese: no English word of three letters or more but ids, fields and codes")
    func chineseTemplates() {
        // The words a Chinese template may hold: field and element names, enumeration values and format names.
        let allowed: Set<String> = Set(RecordKind.allCases.flatMap(\.fields)).union(["filing", "active", "revoked", "xml", "csv", "uscc",
                                                                                    "sqlite", "postgresql", "regctl", "xlsx", "yyyy", "excel", "wps"])
            // The filing header's attributes, and names of formats, programs and units that Chinese writes as they are.
            .union(["authority", "issued", "title", "ref", "amp", "quot", "apos", "zip", "mib", "gib", "utf", "gbk", "xls", "nul",
                    "iconv", "libxml", "openssl", "doctype", "dtd", "xfd", "xmlns", "libpq"])
            // A CSV's sidecar (`.meta.json`) and its keys.
            .union(["json", "kind", "encoding", "set"])
            // A flag's values.
            .union(["true", "false"])
            // Record elements (`annual-report`) are ids of the filing format too.
            .union(RecordKind.allCases.flatMap { $0.rawValue.split(separator: "-").map(String.init) })
        for key in CoreWords.catalogue.keys(in: .zh) {
            // Placeholders are names for code, not words; the template with none filled in shows them as `{name}`.
            let zh = CoreWords.catalogue.words(key, in: .zh).replacing(/\{[A-Za-z0-9_]+\}/, with: "")
            let words = zh.split(whereSeparator: { !($0.isASCII && $0.isLetter) }).map { $0.lowercased() }.filter { $0.count >= 3 }
            let english = words.filter { w in !allowed.contains(w) && !allowed.contains { $0.split(separator: "-").contains(Substring(w)) } }
            #expect(english.isEmpty, "\(key): \(zh)")
        }
    }

    /// Records that break each rule a single record can break, with the English Core printed before
    /// its words were a catalogue's (these strings are the contract of `message`).
    static let cases: [(kind: RecordKind, fields: [String: String], english: String)] = [
        (.firm, ["uscc": "91430211MA4L0XXXX1", "name": "甲", "region": "430211", "colour": "red"],
         "unknown field 'colour'; the fields of firm are uscc, name, region, park, industry, founded, status, former-names"),
        (.firm, ["uscc": "91430211MA4L0XXXX1", "name": "甲", "region": "430299"],
         "region '430299' is not a known GB/T 2260 division code (nor a retired one)"),
        (.firm, ["uscc": "91430211MA4L0XXXX1", "name": "甲", "region": "4302"],
         "region '4302' is not a six-digit GB/T 2260 division code such as 430211"),
        (.firm, ["uscc": "9143021", "name": "甲", "region": "430211"], "uscc '9143021' is not a valid USCC: has 7 characters, not 18"),
        (.firm, ["uscc": "91430211MA4L0XXXX1", "name": "甲", "region": "430211", "founded": "2021-02-30"],
         "founded '2021-02-30' is not a date; write YYYY-MM-DD with a day that exists (2021-02-28)"),
        (.firm, ["uscc": "91430211MA4L0XXXX1", "region": "430211"], "required field 'name' is missing"),
        (.designation, ["uscc": "91430211MA4L0XXXX1", "program": "little-giant", "level": "nationa", "year": "2024"],
         "level 'nationa' is not one of national, provincial, municipal (or a Chinese label such as 国家级, 市级, 省级); did you mean national?"),
        (.designation, ["firm": "甲", "region": "湖南", "program": "little-giant", "level": "national", "year": "2024"], ""),
        (.designation, ["firm": "甲", "region": "株州市", "program": "little-giant", "level": "national", "year": "2024"],
         "region '株州市' is neither a known division code nor the name of a province or prefecture (湖南省, 株洲市, 厦门市); did you mean 株洲市?"),
        (.designation, ["program": "little-giant", "level": "national", "year": "2024"], "a designation needs 'uscc', or 'firm' (the name) with 'region'"),
        (.designation, ["uscc": "91430211MA4L0XXXX1", "program": "little-giant", "level": "national", "year": "2024",
                        "valid-from": "2024-01-01", "valid-to": "2023-01-01"], "valid-to 2023-01-01 is before valid-from 2024-01-01"),
        (.annualReport, ["uscc": "91430211MA4L0XXXX1", "year": "2023", "employees": "10", "rd-staff": "12"], "rd-staff 12 exceeds employees 10"),
        (.annualReport, ["uscc": "91430211MA4L0XXXX1", "year": "2023", "revenue": "-1"], "revenue '-1' is negative; money amounts are zero or more"),
    ]

    @Test("a refused record's problem is a message: its English is what Core always printed, its Chinese is Chinese")
    func recordProblems() throws {
        for c in Self.cases {
            let outcome = RecordValidator().validate(RawRecord(kind: c.kind, fields: c.fields, line: 1))
            let english = outcome.problems.map(\.message).filter { !$0.contains("USCC") || c.english.contains("USCC") }
            if c.english.isEmpty {
                #expect(!english.contains { $0.hasPrefix("region") }, "\(english)")
                continue
            }
            #expect(english.contains(c.english), "\(c.fields): \(english)")
            let problem = try #require(outcome.problems.first { $0.message == c.english })
            #expect(problem.words.english == problem.message)
            let zh = CoreWords.catalogue.words(problem.words, in: .zh)
            #expect(zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(zh)")
            for english in ["is not", "missing", "did you mean", "before", "exceeds", "negative", "needs", "unknown field"] {
                #expect(!zh.contains(english), "\(zh)")
            }
        }
    }

    @Test("USCC problems: the same English, Chinese words, and only a wrong check character is a misprint")
    func usccWords() throws {
        let bad = "91430211MA4L0XXXX1"
        #expect(USCC.problem(bad) == "check character is '1' but the first 17 characters require 'G'")
        let words = try #require(USCC.problemWords(bad))
        #expect(words.key == CoreKey.usccCheck.rawValue)
        #expect(CoreWords.catalogue.words(words, in: .zh) == "校验位为“1”，但按前 17 位应为“G”，校验位错误")
        #expect(USCC.problemWords("9143021")?.key == CoreKey.usccLength.rawValue)
        #expect(USCC.problemWords("91430211MA4L0XXXXO")?.key == CoreKey.usccAlphabet.rawValue)
        // The remedy follows the message key, not the English words.
        let misprint = RecordValidator().validate(RawRecord(kind: .firm, fields: ["uscc": bad, "name": "甲", "region": "430211"], line: 1))
        #expect(misprint.problems.first?.remedy == .acceptBadUSCC)
        let structural = RecordValidator().validate(RawRecord(kind: .firm, fields: ["uscc": "91430211MA4L0XXXXO", "name": "甲", "region": "430211"], line: 1))
        #expect(structural.problems.first?.remedy == nil)
        let admitted = RecordValidator(acceptBadUSCC: true).validate(RawRecord(kind: .firm, fields: ["uscc": bad, "name": "甲", "region": "430211"], line: 1))
        #expect(admitted.warnings.first?.message == "uscc '\(bad)' fails the USCC check (check character is '1' but the first 17 characters require 'G'); admitted as asked")
    }

    @Test("lists and did-you-mean as messages: the English of before, the Chinese with 、 and 或")
    func lists() {
        #expect(Message.list(["a", "b", "c"]).english == "a, b, c")
        #expect(CoreWords.catalogue.words(.list(["a", "b", "c"]), in: .zh) == "a、b、c")
        #expect(Message.orList(["a", "b", "c"]).english == Suggestions.orList(["a", "b", "c"]))
        #expect(CoreWords.catalogue.words(.orList(["a", "b"]), in: .zh) == "a 或 b")
        #expect(Suggestions.didYouMeanWords("株州市", among: RegionTable.upperLevelNames).english
            == Suggestions.didYouMean("株州市", among: RegionTable.upperLevelNames))
        #expect(Suggestions.didYouMeanWords("zzzzzz", among: ["a"]).english.isEmpty)
        for kind in RecordKind.allCases { #expect(kind.words.english == kind.rawValue) }
    }

    @Test("the as-of source, the levels counted and a candidate's reasons: the English (an API) of before, Chinese words")
    func phrases() {
        for source in AsOf.Source.allCases {
            #expect(source.words.english == source.rawValue)
            #expect(CoreWords.catalogue.words(source.words, in: .zh) != source.rawValue || source == .given)
        }
        let criteria = DesignationCount.Criteria(program: .littleGiant, level: .provincial, exact: false)
        #expect(criteria.levelText == "provincial level and above")
        #expect(CoreWords.catalogue.words(criteria.levelWords, in: .zh) == "省级及以上")
        #expect(DesignationCount.Criteria(program: .littleGiant, level: .national, exact: false).levelText == "national level")
        #expect(DesignationCount.Criteria(program: .littleGiant, level: .municipal, exact: true).levelText == "municipal level")
        let reasons: [CandidateReason] = [.equalName, .formerName, .legalForm, .regionPrefix, .similar(0.905), .decision]
        for r in reasons {
            #expect(r.words.english == r.description)
            #expect(CoreWords.catalogue.words(r.words, in: .zh).unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) })
        }
        #expect(LoadError.reasonWords("not an .xml, .csv or .xlsx file").english == "not an .xml, .csv or .xlsx file")
        #expect(CoreWords.catalogue.words(LoadError.reasonWords("Is a directory"), in: .zh) == "Is a directory", "the system's words stay")
    }
}
