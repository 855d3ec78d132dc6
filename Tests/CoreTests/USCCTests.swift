import Testing
@testable import Core

@Suite("USCC check (GB 32100-2015)")
struct USCCTests {
    static let real = ["914403001922038216", "91440300708461136T", "91110000802100433B"]

    @Test("real codes pass", arguments: real)
    func realCodesPass(code: String) {
        #expect(USCC.isValid(code))
        #expect(USCC.problem(code) == nil)
    }

    @Test("every one-character corruption of a real code fails", arguments: real)
    func corruptionsFail(code: String) {
        let chars = Array(code)
        var tried = 0
        for i in chars.indices {
            for c in USCC.alphabet.map({ Character(Unicode.Scalar($0)) }) where c != chars[i] {
                var bad = chars
                bad[i] = c
                let s = String(bad)
                #expect(!USCC.isValid(s), "\(s) (position \(i + 1)) should fail")
                tried += 1
            }
        }
        #expect(tried == 18 * 30)
    }

    @Test("letters outside the alphabet, wrong lengths and non-digit division codes fail")
    func structuralProblems() {
        #expect(USCC.problem("91440300708461136")!.contains("17 characters"))
        #expect(USCC.problem("91440300708461136I")!.contains("alphabet"))
        #expect(USCC.problem("91A40300708461136T") != nil)
    }

    @Test("lower case and full-width input normalise to the code")
    func normalisation() {
        #expect(USCC.normalize("91440300708461136t") == "91440300708461136T")
        #expect(USCC.normalize("９１４４０３００７０８４６１１３６Ｔ") == "91440300708461136T")
        #expect(USCC.normalize(" 914403001922038216 ") == "914403001922038216")
    }

    @Test("check character computation agrees with the real codes", arguments: real)
    func checkCharacter(code: String) {
        #expect(USCC.checkCharacter(for: String(code.prefix(17))) == code.last)
    }
}

@Suite("Days and money")
struct ValueTests {
    @Test func impossibleDatesAreRejected() {
        #expect(Day("2021-02-30") == nil)
        #expect(Day("2021-13-01") == nil)
        #expect(Day("2021-2-3") == nil)
        #expect(Day("2024-02-29") != nil)
        #expect(Day("2023-02-29") == nil)
        #expect(Day("2021-07-01")!.description == "2021-07-01")
        #expect(Day(year: 7, month: 3, day: 9)!.description == "0007-03-09")
        #expect(Day(year: 9999, month: 12, day: 31)!.description == "9999-12-31")
        #expect(Day(year: 1949, month: 10, day: 1)!.description == "1949-10-01")
        #expect(Day("2021-12-31")!.next == Day("2022-01-01"))
    }

    @Test func moneyIsExact() {
        #expect(Money(yuan: "1250000.5")!.fen == 125_000_050)
        #expect(Money(yuan: "0.07")!.fen == 7)
        #expect(Money(yuan: "1.234") == nil)
        #expect(Money(yuan: "1,000") == nil)
        #expect(Money(yuan: "-3")!.fen == -300)
        #expect(Money(fen: 125_000_050).description == "1250000.5")
        #expect(Money(fen: 7).description == "0.07")
    }

    @Test func namesNormalise() {
        #expect(FilingText.nameKey("瀚天天成电子科技（厦门）股份有限公司") == FilingText.nameKey("瀚天天成电子科技(厦门)股份有限公司"))
        #expect(FilingText.nameKey("冷水江三Ａ新材料 科技有限公司") == FilingText.nameKey("冷水江三A新材料科技有限公司"))
        #expect(FilingText.nameKey("abc【x】") == "ABC(X)")
        #expect(FilingText.nameKey("华为技术（深圳）有限公司") == "华为技术(深圳)有限公司")
        #expect(FilingText.nameKey("株洲中车时代电气股份有限公司") == "株洲中车时代电气股份有限公司")
    }

    /// The byte-level path for plain names (ASCII, CJK ideographs, full-width parentheses) must give
    /// what the general one gives: names built at random from characters on both sides of every
    /// boundary the fast path draws (the ends of the ideograph block, other full-width forms, spaces,
    /// brackets, a combining mark, letters of both cases).
    @Test func plainNamesTakeTheFastPathWithTheSameKey() {
        let alphabet: [String] = ["a", "z", "A", "Z", "0", "-", " ", "\t", "[", "]", "{", "}", "(", ")", "·",
                                  "一", "龥", "\u{9FFF}", "\u{4DFF}", "\u{4000}", "\u{A000}", "（", "）", "Ａ", "ｂ", "【", "】",
                                  "\u{3000}", "\u{A0}", "é", "e\u{301}", "〔", "株", "洲", "有", "限", "公", "司", "😀"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var fast = 0
        for _ in 0..<5000 {
            let name = (0..<(1 + next(12))).map { _ in alphabet[next(alphabet.count)] }.joined()
            if FilingText.nameKeyOfPlainName(name) != nil { fast += 1 }
            #expect(FilingText.nameKey(name) == FilingText.nameKeyOfAnyName(name), "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        // Both paths were exercised.
        #expect(fast > 100 && fast < 4900)
    }
}
