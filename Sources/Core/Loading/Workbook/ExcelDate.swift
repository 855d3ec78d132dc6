/// Excel's date serials: days since an epoch, in one of two systems the workbook names.
enum ExcelDate {
    /// Turns a serial into a date, or nil when it is none (negative, beyond year 9999, or the
    /// 1900 system's fictitious 29 February 1900).
    ///
    /// In the 1900 system serial 1 is 1900-01-01 and Lotus 1-2-3's bug is kept: 60 is 1900-02-29, a
    /// day that never was, so from 61 on the serial counts from 1899-12-30. In the 1904 system (old Mac
    /// workbooks, `date1904`), 0 is 1904-01-01.
    static func value(serial: Double, date1904: Bool) -> CellValue? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = serial.rounded(.down)
        // The time of day, to the second; 23:59:59.6 rounds into the next day.
        var seconds = Int(((serial - days) * 86_400).rounded())
        if seconds == 86_400 { seconds = 0; days += 1 }
        let whole = Int(days)
        let epochOffset: Int
        if date1904 {
            epochOffset = daysFrom1970(year: 1904, month: 1, day: 1)
        } else if whole == 60 {
            return nil
        } else if whole < 60 {
            // Before the fictitious day the count starts one day later.
            epochOffset = daysFrom1970(year: 1899, month: 12, day: 31)
        } else {
            epochOffset = daysFrom1970(year: 1899, month: 12, day: 30)
        }
        guard let day = civil(daysFrom1970: epochOffset + whole) else { return nil }
        return seconds == 0 ? .date(day) : .dateTime(day, secondsOfDay: seconds)
    }

    /// Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm, proleptic Gregorian).
    static func daysFrom1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count from 1970-01-01 (inverse of `daysFrom1970`).
    static func civil(daysFrom1970 z0: Int) -> Day? {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return Day(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }
}
