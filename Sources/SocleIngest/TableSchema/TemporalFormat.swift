import Foundation
import SocleCore

/// The parts of a date, time or datetime read from a cell (Python's strptime defaults for absent parts).
struct DateTimeParts: Equatable {
    var year = 1900
    var month = 1
    var day = 1
    var hour = 0
    var minute = 0
    var second = 0
    var fraction = 0.0
    /// Offset from UTC in seconds when the value carried one.
    var offset: Int?
    var pm: Bool?

    /// Days since 1970-01-01, or nil when the calendar date does not exist (31/02).
    var epochDay: Int64? {
        guard month >= 1, month <= 12, day >= 1, day <= DateTimeParts.daysIn(month: month, year: year) else { return nil }
        return DateTimeParts.daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day))
    }

    /// Seconds since the epoch, in UTC when an offset was given (naive values are taken as UTC).
    var epochSeconds: Double? {
        guard let d = epochDay, hour <= 24, minute < 60, second <= 61 else { return nil }
        return Double(d * 86400 + Int64(hour * 3600 + minute * 60 + second - (offset ?? 0))) + fraction
    }

    var secondsOfDay: Double { Double(hour * 3600 + minute * 60 + second - (offset ?? 0)) + fraction }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian calendar).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        CivilCalendar.days(year: year, month: month, day: day)
    }
}

/// Byte-level readers for the ISO 8601 forms the Table Schema `default` formats accept.
enum ISOTemporal {
    /// `YYYY-MM-DD` (month and day may have one digit, as Python's strptime allows).
    static func date(_ b: UnsafeBufferPointer<UInt8>) -> DateTimeParts? {
        var s = ByteScanner(b)
        guard let p = s.readDate(), s.atEnd else { return nil }
        return p
    }

    /// `YYYY-MM-DDThh:mm:ss[.fff][Z|±hh[:mm]]`; a space may replace the `T`.
    static func datetime(_ b: UnsafeBufferPointer<UInt8>) -> DateTimeParts? {
        var s = ByteScanner(b)
        guard var p = s.readDate() else { return nil }
        guard let sep = s.next(), sep == UInt8(ascii: "T") || sep == UInt8(ascii: "t") || sep == 0x20 else { return nil }
        guard s.readTime(into: &p), s.atEnd else { return nil }
        return p
    }

    /// `hh:mm:ss[.fff][Z|±hh[:mm]]`.
    static func time(_ b: UnsafeBufferPointer<UInt8>) -> DateTimeParts? {
        var s = ByteScanner(b)
        var p = DateTimeParts()
        guard s.readTime(into: &p), s.atEnd else { return nil }
        return p
    }
}

/// A cursor over a cell's bytes with the small readers the temporal parsers share.
struct ByteScanner {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0

    init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

    var atEnd: Bool { i >= b.count }
    var peek: UInt8? { i < b.count ? b[i] : nil }

    mutating func next() -> UInt8? {
        guard i < b.count else { return nil }
        defer { i += 1 }
        return b[i]
    }

    mutating func eat(_ c: UInt8) -> Bool {
        guard i < b.count, b[i] == c else { return false }
        i += 1
        return true
    }

    /// Reads between `min` and `max` ASCII digits.
    mutating func digits(min: Int, max: Int) -> Int? {
        var v = 0
        var n = 0
        while n < max, i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
            v = v * 10 + Int(b[i] - 0x30)
            i += 1
            n += 1
        }
        return n >= min ? v : nil
    }

    mutating func readDate() -> DateTimeParts? {
        var p = DateTimeParts()
        guard let y = digits(min: 4, max: 4), eat(UInt8(ascii: "-")),
              let m = digits(min: 1, max: 2), eat(UInt8(ascii: "-")),
              let d = digits(min: 1, max: 2) else { return nil }
        p.year = y
        p.month = m
        p.day = d
        return p.epochDay == nil ? nil : p
    }

    mutating func readTime(into p: inout DateTimeParts) -> Bool {
        guard let h = digits(min: 2, max: 2), h < 24, eat(UInt8(ascii: ":")),
              let m = digits(min: 2, max: 2), m < 60, eat(UInt8(ascii: ":")),
              let sec = digits(min: 2, max: 2), sec < 60 else { return false }
        p.hour = h
        p.minute = m
        p.second = sec
        if peek == UInt8(ascii: ".") || peek == UInt8(ascii: ",") {
            i += 1
            guard let f = readFraction() else { return false }
            p.fraction = f
        }
        if atEnd { return true }
        guard let off = readOffset() else { return false }
        p.offset = off
        return true
    }

    mutating func readFraction() -> Double? {
        var v = 0.0
        var scale = 0.1
        let start = i
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
            v += Double(b[i] - 0x30) * scale
            scale /= 10
            i += 1
        }
        return i > start ? v : nil
    }

    /// `Z`, `±hh`, `±hhmm` or `±hh:mm`.
    mutating func readOffset() -> Int? {
        guard let c = next() else { return nil }
        if c == UInt8(ascii: "Z") || c == UInt8(ascii: "z") { return 0 }
        guard c == UInt8(ascii: "+") || c == UInt8(ascii: "-") else { return nil }
        guard let h = digits(min: 2, max: 2), h <= 23 else { return nil }
        var m = 0
        if eat(UInt8(ascii: ":")) {
            guard let mm = digits(min: 2, max: 2) else { return nil }
            m = mm
        } else if let mm = digits(min: 2, max: 2) {
            m = mm
        }
        guard m < 60 else { return nil }
        let total = h * 3600 + m * 60
        return c == UInt8(ascii: "-") ? -total : total
    }
}
