/// Help text laid out for an 80-column terminal. argument-parser wraps a discussion at the terminal's
/// width but starts each continuation at the margin, so a list item that does not fit is wrapped here,
/// under its own text. It also counts characters, not columns, and breaks only at spaces, so Chinese
/// help (two columns a character, no spaces) is wrapped here before argument-parser sees it (`fit`).
enum HelpText {
    /// The width help is written for.
    static let width = 80
    /// Where argument-parser starts an option's help (its label column is 26 wide).
    static let optionHelpWidth = width - 26

    /// `  name         text…`, the text wrapped at `width` under its first word.
    static func item(_ name: String, _ text: String, nameWidth: Int = 12) -> String {
        let head = "  " + name.padding(toLength: max(nameWidth, name.count), withPad: " ", startingAt: 0) + " "
        return head + wrap(text, width: width - head.count, indent: String(repeating: " ", count: head.count))
    }

    /// `text` in lines of at most `width` display columns (a longer word stands alone), joined with
    /// `indent` before every line but the first. Lines break at spaces and between Chinese characters
    /// (never before Chinese closing punctuation).
    static func wrap(_ text: String, width: Int, indent: String = "") -> String {
        var lines: [String] = []
        var line = ""
        for (token, spaced) in tokens(text) {
            let joint = line.isEmpty || !spaced ? "" : " "
            if !line.isEmpty && DisplayWidth.of(line) + joint.count + DisplayWidth.of(token) > width {
                lines.append(line)
                line = token
            } else {
                line += joint + token
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n" + indent)
    }

    /// Every line of `text` that is wider than `width` wrapped, its continuation lines under its own
    /// indentation; lines that fit, and lines laid out in columns (`item`'s), are left as they are.
    static func fit(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let line = String(line)
            let indent = String(line.prefix { $0 == " " })
            guard DisplayWidth.of(line) > width, !line.dropFirst(indent.count).contains("  ") else { return line }
            return indent + wrap(String(line.dropFirst(indent.count)), width: width - indent.count, indent: indent)
        }.joined(separator: "\n")
    }

    /// The units a line may break between, each with whether a space precedes it: words, and each
    /// Chinese character with the punctuation that must stay with it.
    private static func tokens(_ text: String) -> [(String, Bool)] {
        var out: [(String, Bool)] = []
        for word in text.split(separator: " ") {
            var current = ""
            var first = true
            func flush() {
                guard !current.isEmpty else { return }
                out.append((current, first))
                first = false
                current = ""
            }
            for c in word {
                if closing.contains(c) {
                    if !current.isEmpty {
                        current.append(c)
                        flush()
                        continue
                    }
                    if !first {
                        out[out.count - 1].0.append(c)
                        continue
                    }
                }
                let wide = c.unicodeScalars.first.map { DisplayWidth.width($0) == 2 } ?? false
                if wide, let last = current.last, !opening.contains(last) { flush() }
                current.append(c)
                // After a wide character a line may break before anything but closing punctuation.
                if wide, !opening.contains(c) { flush() }
            }
            flush()
        }
        return out
    }

    /// Punctuation a line may not start with.
    private static let closing: Set<Character> = ["，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "”", "’", "…"]
    /// Punctuation a line may not end with.
    private static let opening: Set<Character> = ["（", "《", "「", "“", "‘"]
}
