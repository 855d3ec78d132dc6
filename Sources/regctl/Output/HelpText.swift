/// Help text laid out for an 80-column terminal. argument-parser wraps a discussion at the terminal's
/// width but starts each continuation at the margin, so a list item that does not fit is wrapped here,
/// under its own text.
enum HelpText {
    /// The width help is written for.
    static let width = 80

    /// `  name         text…`, the text wrapped at `width` under its first word.
    static func item(_ name: String, _ text: String, nameWidth: Int = 12) -> String {
        let head = "  " + name.padding(toLength: max(nameWidth, name.count), withPad: " ", startingAt: 0) + " "
        return head + wrap(text, width: width - head.count, indent: String(repeating: " ", count: head.count))
    }

    /// `text` in lines of at most `width` display columns (a longer word stands alone), joined with
    /// `indent` before every line but the first.
    static func wrap(_ text: String, width: Int, indent: String = "") -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && DisplayWidth.of(line) + 1 + DisplayWidth.of(String(word)) > width {
                lines.append(line)
                line = String(word)
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n" + indent)
    }
}
