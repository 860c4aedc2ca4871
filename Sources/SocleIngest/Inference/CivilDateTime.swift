import SocleCore

/// A calendar date with an optional time of day and UTC offset, as read from a cell.
public struct CivilDateTime: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Fraction of a second, truncated to milliseconds.
    public var millis: Int
    /// True when the cell had a fraction of a second (then it is written as `.fff`).
    public var hasFraction: Bool
    /// True when the cell had a time of day.
    public var hasTime: Bool
    /// Minutes east of UTC when the cell gave an offset (`Z` = 0); nil for a local time.
    public var offsetMinutes: Int?

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
                millis: Int = 0, hasFraction: Bool = false, hasTime: Bool = false, offsetMinutes: Int? = nil) {
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second
        self.millis = millis; self.hasFraction = hasFraction; self.hasTime = hasTime
        self.offsetMinutes = offsetMinutes
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return isLeap(y) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// True for a real day of the (proleptic Gregorian) calendar in years 1–9999.
    public static func isValidDate(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
    }

    /// Days since 1970-01-01 (Gregorian, era-based day counting).
    static func daysFromCivil(_ y: Int, _ m: Int, _ d: Int) -> Int {
        Int(CivilCalendar.days(year: Int64(y), month: Int64(m), day: Int64(d)))
    }

    static func civilFromDays(_ z: Int) -> (Int, Int, Int) {
        let c = CivilCalendar.date(fromDays: Int64(z))
        return (Int(c.year), Int(c.month), Int(c.day))
    }

    /// The same instant in UTC (offset 0) when an offset was given; unchanged otherwise.
    public func toUTC() -> CivilDateTime {
        guard let off = offsetMinutes, off != 0 else { return self }
        var r = self
        r.offsetMinutes = 0
        // Same day after the shift: no calendar arithmetic needed (the usual case).
        let minutes = hour * 60 + minute - off
        if minutes >= 0 && minutes < 1440 {
            r.hour = minutes / 60
            r.minute = minutes % 60
            return r
        }
        let total = Self.daysFromCivil(year, month, day) * 1440 + hour * 60 + minute - off
        let days = total >= 0 ? total / 1440 : (total - 1439) / 1440
        let mod = total - days * 1440
        let (y, m, d) = Self.civilFromDays(days)
        r.year = y; r.month = m; r.day = d
        r.hour = mod / 60; r.minute = mod % 60
        return r
    }

    /// Appends `YYYY-MM-DD`.
    @inline(__always)
    public func appendDate(to out: inout [UInt8]) {
        Self.put(year, 4, &out)
        out.append(UInt8(ascii: "-"))
        Self.put(month, 2, &out)
        out.append(UInt8(ascii: "-"))
        Self.put(day, 2, &out)
    }

    /// Appends `YYYY-MM-DDTHH:MM:SS[.fff][Z]`, normalised to UTC when an offset was given.
    public func appendDateTime(to out: inout [UInt8]) {
        let u = toUTC()
        u.appendDate(to: &out)
        out.append(UInt8(ascii: "T"))
        Self.put(u.hour, 2, &out)
        out.append(UInt8(ascii: ":"))
        Self.put(u.minute, 2, &out)
        out.append(UInt8(ascii: ":"))
        Self.put(u.second, 2, &out)
        if u.hasFraction {
            out.append(UInt8(ascii: "."))
            Self.put(u.millis, 3, &out)
        }
        if u.offsetMinutes != nil { out.append(UInt8(ascii: "Z")) }
    }

    /// The storage text of a date (`YYYY-MM-DD`).
    public var dateText: String {
        var b: [UInt8] = []
        appendDate(to: &b)
        return String(decoding: b, as: UTF8.self)
    }

    /// The storage text of a datetime (`YYYY-MM-DDTHH:MM:SS[.fff][Z]`).
    public var dateTimeText: String {
        var b: [UInt8] = []
        appendDateTime(to: &b)
        return String(decoding: b, as: UTF8.self)
    }

    @inline(__always)
    private static func put(_ v: Int, _ width: Int, _ out: inout [UInt8]) {
        var x = max(0, v)
        var digits: (UInt8, UInt8, UInt8, UInt8) = (48, 48, 48, 48)
        withUnsafeMutableBytes(of: &digits) { d in
            var i = width - 1
            while i >= 0 {
                d[i] = UInt8(48 + x % 10)
                x /= 10
                i -= 1
            }
            for k in 0 ..< width { out.append(d[k]) }
        }
    }
}
