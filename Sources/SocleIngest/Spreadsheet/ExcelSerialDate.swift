import Foundation

/// Excel's dates: which number formats show a date, and serial numbers to ISO text.
enum ExcelSerialDate {
    /// What a cell's number format shows.
    enum Kind: UInt8 {
        case number, date, dateTime, time
    }

    /// The kind of a built-in format id (when the workbook does not define the code itself).
    static func kind(builtinFormat id: Int) -> Kind {
        switch id {
        case 14...17: return .date
        case 22: return .dateTime
        case 18...21, 45...47: return .time
        default: return .number
        }
    }

    /// The kind of a format code: letters d, m, y, h, s outside quotes, brackets and escapes mean a
    /// date or time (so `[h]:mm:ss`, `dd/mm/yyyy`, `yyyy-mm-dd hh:mm` are dates; `0.00 "m²"` is not).
    static func kind(formatCode: String) -> Kind {
        var hasDay = false, hasMonthOrMinute = false, hasYear = false, hasHour = false, hasSecond = false
        var inQuote = false, inBracket = false, skipNext = false
        for ch in formatCode.unicodeScalars {
            if skipNext { skipNext = false; continue }
            if inQuote { if ch == "\"" { inQuote = false }; continue }
            if inBracket { if ch == "]" { inBracket = false }; continue }
            switch ch {
            case "\"": inQuote = true
            case "[": inBracket = true
            case "\\", "_", "*": skipNext = true
            case "d", "D": hasDay = true
            case "m", "M": hasMonthOrMinute = true
            case "y", "Y": hasYear = true
            case "h", "H": hasHour = true
            case "s", "S": hasSecond = true
            default: break
            }
        }
        let hasTime = hasHour || hasSecond
        let hasDate = hasDay || hasYear || (hasMonthOrMinute && !hasTime)
        switch (hasDate, hasTime) {
        case (true, true): return .dateTime
        case (true, false): return .date
        case (false, true): return .time
        default: return .number
        }
    }

    /// Largest serial Excel shows as a date (9999-12-31).
    static let maxSerial = 2_958_465.0

    /// Appends the serial as "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS" or (time formats, serial < 1)
    /// "HH:MM:SS". Follows Excel's 1900 leap-year bug (serial 60 is the fictitious 1900-02-29) unless
    /// the workbook uses the 1904 system. Returns false (nothing written) for serials that are no date.
    static func append(serial: Double, kind: Kind, date1904: Bool, to out: ByteAccumulator) -> Bool {
        guard serial.isFinite, serial >= 0, serial < maxSerial + 1 else { return false }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86400).rounded())
        if seconds >= 86400 { days += 1; seconds -= 86400 }
        let text: String
        if kind == .time && days == 0 {
            text = clock(seconds)
        } else {
            let date: String
            if date1904 {
                date = civil(daysSince1970: days - 24107)
            } else if days == 60 {
                date = "1900-02-29"
            } else {
                // Serial 1 is 1900-01-01; past the fictitious Feb 29 every serial is one day ahead.
                date = civil(daysSince1970: days < 60 ? days - 25568 : days - 25569)
            }
            text = kind == .date ? date : date + "T" + clock(seconds)
        }
        out.append(Array(text.utf8))
        return true
    }

    private static func clock(_ s: Int) -> String {
        String(format: "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
    }

    /// Proleptic Gregorian date of a day count from 1970-01-01 (era-based civil calendar arithmetic).
    static func civil(daysSince1970 n: Int) -> String {
        let z = n + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }
}
