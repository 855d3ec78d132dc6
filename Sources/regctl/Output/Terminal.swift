import Foundation

/// What regctl knows about where its output goes.
enum Terminal {
    /// Whether file descriptor `fd` is a terminal.
    static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Whether the environment asks for no progress display: CI is set (GitHub Actions, GitLab, most
    /// CI systems set it), or TERM is dumb.
    static func inCI(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        if let ci = environment["CI"], !ci.isEmpty, ci.lowercased() != "false", ci != "0" { return true }
        return environment["TERM"] == "dumb"
    }

    /// Whether colour may be used on `fd`: a terminal, and NO_COLOR (https://no-color.org) not set
    /// to a non-empty value.
    static func colour(_ fd: Int32, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        colourAllowed(isTTY: isTTY(fd), environment: environment)
    }

    static func colourAllowed(isTTY: Bool, environment: [String: String]) -> Bool {
        if let v = environment["NO_COLOR"], !v.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isTTY
    }

    /// Columns available for table output on standard output: nil (no limit) unless standard output is
    /// a terminal; then COLUMNS when set, else the terminal's width.
    static func outputWidth(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int? {
        guard isTTY(STDOUT_FILENO) else { return nil }
        return width(fd: STDOUT_FILENO, environment: environment)
    }

    /// COLUMNS when set to a number, else the width of terminal `fd`, else nil.
    static func width(fd: Int32, environment: [String: String] = ProcessInfo.processInfo.environment) -> Int? {
        if let c = environment["COLUMNS"].flatMap(Int.init), c > 0 { return c }
        var size = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return nil
    }
}

/// The error prefix with what separates it from the message ("Error: ", "错误："), red on a terminal
/// unless NO_COLOR.
func errorLabel(colour: Bool = Terminal.colour(STDERR_FILENO), words: Words = .current) -> String {
    let label = words(.errorLabel)
    let word = label.trimmingCharacters(in: .whitespaces)
    return colour ? "\u{1B}[31m\(word)\u{1B}[0m" + label.dropFirst(word.count) : label
}

extension String {
    /// This string, or `replacement` when it is empty.
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
