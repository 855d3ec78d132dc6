import Core
import Foundation
import Testing

/// The faster ways to the same words (issue #19, item 4): a template written with arguments kept in
/// another shape than a message's, a wording whose message is made when read, and thousands
/// separators on the bytes of ASCII numbers.
@Suite("words written without a message: the same words")
struct WordsWritingTests {
    static func catalogue() throws -> Catalogue {
        try Catalogue(json: [.en: Array(#"{"n": {"one": "{count} firm in {place}", "other": "{count} firms in {place}"}, "b": "{{{x}}} and {y}"}"#.utf8)],
                      source: "test")
    }

    @Test("a template written through its fill reads as the catalogue words the message, plural forms and missing arguments too")
    func templateWrite() throws {
        let c = try Self.catalogue()
        for (count, place): (Int, String?) in [(1, "株洲"), (2, "株洲"), (1, nil), (0, "a, b")] {
            var arguments: [String: Message.Argument] = ["count": .integer(count)]
            if let place { arguments["place"] = .text(place) }
            var out = "> "
            c.template("n", in: .en)!.write(into: &out) { $0 == "count" ? count : nil } fill: { name, out in
                switch name {
                case "count": out += String(count)
                case "place": guard let place else { return false }; out += place
                default: return false
                }
                return true
            }
            #expect(out == "> " + c.words(Message("n", arguments), in: .en))
        }
        var braces = ""
        c.template("b", in: .en)!.write(into: &braces, count: { _ in nil }, fill: { _, _ in false })
        #expect(braces == "{{x}} and {y}" && braces == c.words(Message("b"), in: .en))
    }

    @Test("writing a message into a string appends what words returns")
    func writeAppends() throws {
        let c = try Self.catalogue()
        var out = "x"
        c.write(Message("n", ["count": .count(1_486), "place": .message(Message("b", ["x": 1, "y": "z"]))]), in: .en, into: &out)
        #expect(out == "x1,486 firms in {1} and z")
    }

    @Test("a wording whose message is made when read equals, hashes and encodes as one given its message")
    func deferredMessage() throws {
        let message = Message("b", ["x": 1, "y": "z"])
        let given = Wording("{1} and z", message: message)
        let deferred = Wording("{1} and z") { message }
        #expect(deferred.message == message && deferred == given && deferred.hashValue == given.hashValue)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(deferred) == encoder.encode(given))
        var changed = deferred
        changed.message = nil
        #expect(changed.message == nil && changed.text == "{1} and z")
        #expect(try encoder.encode(changed) == encoder.encode(Wording("{1} and z")))
        #expect(deferred.words(in: .zh, catalogue: try Self.catalogue()) == "{1} and z")
    }

    @Test("thousands separators on ASCII numbers as on Characters; anything else unchanged", arguments: [
        ("1", "1"), ("12", "12"), ("123", "123"), ("1234", "1,234"), ("-1234", "-1,234"), ("1234567", "1,234,567"), ("-123456.7890", "-123,456.7890"),
        ("1234.", "1,234."), ("-", "-"), ("-.5", "-.5"), (".5", ".5"), ("1.2.3", "1.2.3"), ("1,234", "1,234"), ("+1234", "+1234"), ("12a", "12a"),
        ("1234 ", "1234 "), ("１２３４", "１２３４"), ("1234\u{301}", "1234\u{301}"), ("-\u{301}1234", "-\u{301}1234"), ("1234.5\u{301}", "1234.5\u{301}"),
        ("٣٤٥٦", "٣٤٥٦"), ("99999999999999999999999", "99,999,999,999,999,999,999,999"),
    ])
    func grouped(plain: String, readable: String) {
        #expect(NumberStyle.grouped(plain) == readable)
    }
}
