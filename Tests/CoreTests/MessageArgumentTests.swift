import Core
import Foundation
import Testing

/// Dates and counts inside sentences (issue 17): a count reads with thousands separators in both
/// languages, a date as the language writes it, and both survive JSON (an external plugin's messages).
@Suite("dates and counts in messages")
struct MessageArgumentTests {
    static let catalogue = try! Catalogue(json: [
        .en: Array(#"{"n": {"one": "{count} firm on {date}", "other": "{count} firms on {date}"}, "y": "in {year}"}"#.utf8),
        .zh: Array(#"{"n": "{date} 有 {count} 家企业", "y": "{year} 年"}"#.utf8),
    ], source: "test")

    @Test("a count has separators in both languages and picks the plural; a date is 2024-12-31 or 2024年12月31日")
    func words() {
        let day = Day(year: 2024, month: 12, day: 31)!
        let many = Message("n", ["count": .count(1486), "date": .date(day)])
        #expect(Self.catalogue.words(many, in: .en) == "1,486 firms on 2024-12-31")
        #expect(Self.catalogue.words(many, in: .zh) == "2024年12月31日 有 1,486 家企业")
        let one = Message("n", ["count": .count(1), "date": .date(Day(year: 2024, month: 1, day: 5)!)])
        #expect(Self.catalogue.words(one, in: .en) == "1 firm on 2024-01-05")
        #expect(Self.catalogue.words(one, in: .zh) == "2024年1月5日 有 1 家企业")
        #expect(Self.catalogue.words(Message("n", ["count": .count(-1234567), "date": "x"]), in: .en) == "-1,234,567 firms on x")
        // A year (or a line, a code) stays as its digits.
        #expect(Self.catalogue.words(Message("y", ["year": .integer(2024)]), in: .en) == "in 2024")
        #expect(Wording(many, catalogue: Self.catalogue).text == "1,486 firms on 2024-12-31")
    }

    @Test("counts and dates keep their kind through JSON; numbers, text and messages read as before")
    func codable() throws {
        let m = Message("n", ["count": .count(1486), "date": .date(Day(year: 2024, month: 12, day: 31)!), "year": .integer(2024),
                              "name": "株洲", "inner": .message(Message("y", ["year": 7]))])
        let data = try JSONEncoder().encode(m)
        #expect(try JSONDecoder().decode(Message.self, from: data) == m)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains(#""count":1486"#) && json.contains(#""date":"2024-12-31""#))
        let old = try JSONDecoder().decode(Message.self, from: Data(#"{"key": "y", "arguments": {"year": 2024, "a": "b", "m": {"key": "y"}}}"#.utf8))
        #expect(old.arguments == ["year": .integer(2024), "a": .text("b"), "m": .message(Message("y"))])
    }

    @Test("a wording equals another that says the same, message or not (reports compare as before)")
    func equality() {
        let worded = Wording(Message("y", ["year": .integer(2024)]), catalogue: Self.catalogue)
        #expect(worded == Wording("in 2024"))
        #expect(Set([worded, Wording("in 2024")]).count == 1)
        #expect(worded != Wording("in 2025"))
    }
}
