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
            epochOffset = Day(year: 1904, month: 1, day: 1)!.dayNumber
        } else if whole == 60 {
            return nil
        } else if whole < 60 {
            // Before the fictitious day the count starts one day later.
            epochOffset = Day(year: 1899, month: 12, day: 31)!.dayNumber
        } else {
            epochOffset = Day(year: 1899, month: 12, day: 30)!.dayNumber
        }
        guard let day = Day(dayNumber: epochOffset + whole) else { return nil }
        return seconds == 0 ? .date(day) : .dateTime(day, secondsOfDay: seconds)
    }
}

extension ExcelDate {
    /// The 1900-system serial of `day`, as a workbook written by regctl stores dates; nil before
    /// 1 March 1900, where the system's fictitious 29 February makes serials ambiguous.
    static func serial(of day: Day) -> Int? {
        let n = day.dayNumber - Day(year: 1899, month: 12, day: 30)!.dayNumber
        return n >= 61 ? n : nil
    }
}
