/// Excel's cell names: column letters and row numbers (`C12`), and locations for messages
/// (`Sheet1!C12`), so a user can go straight to the cell.
public enum CellReference {
    /// Excel's last column, XFD.
    public static let maxColumn = 16_384
    /// Excel's last row.
    public static let maxRow = 1_048_576

    /// The letters of a 1-based column: 1 → A, 26 → Z, 27 → AA, 16384 → XFD.
    public static func letters(column: Int) -> String {
        precondition(column >= 1, "columns count from 1")
        var n = column
        var out: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            out.append(UInt8(65 + r))
            n = (n - 1) / 26
        }
        return String(decoding: out.reversed(), as: UTF8.self)
    }

    /// `C12` for row 12, column 3.
    public static func name(row: Int, column: Int) -> String {
        letters(column: column) + String(row)
    }

    /// `Sheet1!C12`; a sheet name that is not a plain word is quoted as Excel does (`'第 1 批'!B3`).
    public static func location(sheet: String, row: Int, column: Int) -> String {
        let plain = !sheet.isEmpty && sheet.unicodeScalars.allSatisfy { s in
            s == "_" || s.properties.isAlphabetic || ("0"..."9").contains(s)
        }
        let quoted = plain ? sheet : "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'"
        return quoted + "!" + name(row: row, column: column)
    }

    /// Parses `C12` (or `$C$12`) into (row, column); nil when it is not a cell name within the grid
    /// bounds of `Int` (the reader checks Excel's grid itself, to say which limit was passed).
    public static func parse(_ text: String) -> (row: Int, column: Int)? {
        parse(utf8: Array(text.utf8))
    }

    static func parse<C: Collection<UInt8>>(utf8 bytes: C) -> (row: Int, column: Int)? {
        var column = 0, row = 0, letters = 0, digits = 0
        for b in bytes {
            switch b {
            case UInt8(ascii: "$"):
                continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 4 else { return nil }
                column = column * 26 + Int((b & 0xDF) - 64)
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 8 else { return nil }
                row = row * 10 + Int(b - 48)
                digits += 1
            default:
                return nil
            }
        }
        guard letters > 0, digits > 0, row > 0 else { return nil }
        return (row, column)
    }
}
