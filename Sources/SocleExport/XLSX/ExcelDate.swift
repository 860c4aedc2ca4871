import SocleCore

/// ISO dates and datetimes as Excel serial numbers (1900 date system).
///
/// Excel counts 1900-02-29, a day that never existed (Lotus 1-2-3's leap-year bug), so from
/// 1900-03-01 on a serial is the number of days since 1899-12-30, and before it the number of
/// days since 1899-12-31 (1900-01-01 is serial 1). Earlier dates have no serial: they stay text.
enum ExcelDate {
    /// Serial of `YYYY-MM-DD`, or nil when the text is no valid date Excel can show.
    static func serial(date text: String) -> Double? {
        text.withUTF8Bytes { bytes in
            guard bytes.count == 10, let day = dayNumber(bytes) else { return nil }
            return Double(day)
        }
    }

    /// Serial of `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH[:MM]]`, the time as a fraction of a
    /// day. The time zone suffix is ignored: Excel has no time zones, the wall-clock time as
    /// written is what the reader expects to see.
    static func serial(dateTime text: String) -> Double? {
        text.withUTF8Bytes { bytes in
            guard bytes.count >= 10, let day = dayNumber(bytes) else { return nil }
            if bytes.count == 10 { return Double(day) }
            guard let seconds = secondsOfDay(bytes) else { return nil }
            return Double(day) + seconds / 86_400
        }
    }

    /// Excel's serial for the first 10 bytes `YYYY-MM-DD`.
    private static func dayNumber(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let year = digits(b, 0, 4), let month = digits(b, 5, 2), let day = digits(b, 8, 2),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        let epochDays = daysFromCivil(year: year, month: month, day: day)
        // 1899-12-30 is 25,569 days before 1970-01-01.
        var serial = epochDays + 25_569
        if serial < 61 { serial -= 1 }  // before 1900-03-01: no phantom 29 February yet
        return serial >= 1 ? serial : nil
    }

    /// Seconds since midnight of the part after the date; nil if it is malformed.
    private static func secondsOfDay(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = b.count
        guard n >= 16, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "t"),
              b[13] == UInt8(ascii: ":"), let hour = digits(b, 11, 2), let minute = digits(b, 14, 2),
              hour <= 23, minute <= 59 else { return nil }
        var seconds = Double(hour * 3600 + minute * 60)
        var i = 16
        if i < n && b[i] == UInt8(ascii: ":") {
            // Leap second 60 is accepted and lands on the next minute, as Excel would show it.
            guard let s = digits(b, i + 1, 2), s <= 60 else { return nil }
            seconds += Double(s)
            i += 3
            if i < n && (b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",")) {
                i += 1
                var scale = 0.1
                let start = i
                while i < n, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") {
                    seconds += Double(b[i] - UInt8(ascii: "0")) * scale
                    scale /= 10
                    i += 1
                }
                guard i > start else { return nil }
            }
        }
        guard i < n else { return seconds }
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            return i + 1 == n ? seconds : nil
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let rest = n - i - 1
            guard digits(b, i + 1, 2) != nil else { return nil }
            switch rest {
            case 2: return seconds
            case 4: return digits(b, i + 3, 2) != nil ? seconds : nil
            case 5: return b[i + 3] == UInt8(ascii: ":") && digits(b, i + 4, 2) != nil ? seconds : nil
            default: return nil
            }
        default:
            return nil
        }
    }

    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start >= 0, start + count <= b.count else { return nil }
        var v = 0
        for i in start..<(start + count) {
            let d = b[i] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        Int(CivilCalendar.days(year: Int64(year), month: Int64(month), day: Int64(day)))
    }
}
