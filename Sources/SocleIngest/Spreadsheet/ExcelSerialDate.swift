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
        if kind == .time && days == 0 {
            appendClock(seconds, to: out)
            return true
        }
        if date1904 {
            appendCivil(daysSince1970: days - 24107, to: out)
        } else if days == 60 {
            out.append("1900-02-29")
        } else {
            // Serial 1 is 1900-01-01; past the fictitious Feb 29 every serial is one day ahead.
            appendCivil(daysSince1970: days < 60 ? days - 25568 : days - 25569, to: out)
        }
        if kind != .date {
            out.append(UInt8(ascii: "T"))
            appendClock(seconds, to: out)
        }
        return true
    }

    /// Appends "HH:MM:SS" (hours may pass 24 for durations).
    static func appendClock(_ s: Int, to out: ByteAccumulator) {
        appendDigits(s / 3600, width: 2, to: out)
        out.append(UInt8(ascii: ":"))
        appendDigits((s / 60) % 60, width: 2, to: out)
        out.append(UInt8(ascii: ":"))
        appendDigits(s % 60, width: 2, to: out)
    }

    /// Appends a non-negative integer padded with zeros to `width` digits.
    static func appendDigits(_ value: Int, width: Int, to out: ByteAccumulator) {
        var v = max(0, value)
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            repeat {
                buf[n] = UInt8(0x30 + v % 10)
                v /= 10
                n += 1
            } while v > 0 && n < 20
            while n < width && n < 20 { buf[n] = 0x30; n += 1 }
            for i in stride(from: n - 1, through: 0, by: -1) { out.append(buf[i]) }
        }
    }

    /// Appends the proleptic Gregorian "YYYY-MM-DD" of a day count from 1970-01-01.
    static func appendCivil(daysSince1970 n: Int, to out: ByteAccumulator) {
        let (y, m, d) = civil(daysSince1970: n)
        appendDigits(y, width: 4, to: out)
        out.append(UInt8(ascii: "-"))
        appendDigits(m, width: 2, to: out)
        out.append(UInt8(ascii: "-"))
        appendDigits(d, width: 2, to: out)
    }

    /// Proleptic Gregorian date of a day count from 1970-01-01 (era-based civil calendar arithmetic).
    static func civil(daysSince1970 n: Int) -> (Int, Int, Int) {
        CivilDateTime.civilFromDays(n)
    }
}
