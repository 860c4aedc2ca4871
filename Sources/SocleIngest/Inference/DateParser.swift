/// Parses dates and datetimes as French files write them.
///
/// Dates: `dd/mm/yyyy`, `dd/mm/yy`, `dd-mm-yyyy`, `dd.mm.yyyy` (day and month may have 1 digit),
/// `yyyy-mm-dd`, `yyyy/mm/dd`, `yyyy.mm.dd`. Two-digit years follow Excel, where most such
/// files come from: 00–29 → 20xx, 30–99 → 19xx. Datetimes: a date, then `T` or a space, `hh:mm[:ss[.fff]]`, then optionally
/// `Z`, `±hh:mm`, `±hhmm` or `±hh`. Every date is calendar-checked (Feb 29 on leap years only).
public enum DateParser {
    public typealias Bytes = UnsafeBufferPointer<UInt8>

    /// What the syntax says before the day/month order is decided.
    struct Scan {
        /// Year first (`yyyy-mm-dd`): the order is not ambiguous.
        var yearFirst: Bool
        /// Year-first: month, day. Otherwise: the first and second parts.
        var a: Int
        var b: Int
        var year: Int
        var time: CivilDateTime?

        /// The date under the given order, if it is a real calendar day.
        @inline(__always)
        func resolve(dayFirst: Bool) -> CivilDateTime? {
            let (m, d) = yearFirst ? (a, b) : (dayFirst ? (b, a) : (a, b))
            guard CivilDateTime.isValidDate(year, m, d) else { return nil }
            if var t = time {
                t.year = year; t.month = m; t.day = d
                return t
            }
            return CivilDateTime(year: year, month: m, day: d)
        }

        @inline(__always)
        func isValid(dayFirst: Bool) -> Bool {
            let (m, d) = yearFirst ? (a, b) : (dayFirst ? (b, a) : (a, b))
            return CivilDateTime.isValidDate(year, m, d)
        }
    }

    /// A date-only value, or nil (a value with a time is not a date).
    public static func parseDate(_ p: Bytes, dayFirst: Bool) -> CivilDateTime? {
        guard let s = scan(p), s.time == nil else { return nil }
        return s.resolve(dayFirst: dayFirst)
    }

    /// A datetime value; with `allowDateOnly`, a date alone is read as midnight.
    public static func parseDateTime(_ p: Bytes, dayFirst: Bool, allowDateOnly: Bool = false) -> CivilDateTime? {
        guard let s = scan(p), s.time != nil || allowDateOnly else { return nil }
        guard var r = s.resolve(dayFirst: dayFirst) else { return nil }
        r.hasTime = true
        return r
    }

    public static func parseDate(_ s: String, dayFirst: Bool = true) -> CivilDateTime? {
        ByteText.with(s) { parseDate($0, dayFirst: dayFirst) }
    }

    public static func parseDateTime(_ s: String, dayFirst: Bool = true, allowDateOnly: Bool = false) -> CivilDateTime? {
        ByteText.with(s) { parseDateTime($0, dayFirst: dayFirst, allowDateOnly: allowDateOnly) }
    }

    /// Reads up to `max` digits at `i`; returns the value and the count.
    @inline(__always)
    private static func digits(_ p: Bytes, _ i: inout Int, max: Int) -> (Int, Int) {
        var v = 0
        var n = 0
        while i < p.count, n < max, ByteText.isDigit(p[i]) {
            v = v * 10 + Int(p[i] &- 0x30)
            n += 1
            i += 1
        }
        return (v, n)
    }

    static func scan(_ p: Bytes) -> Scan? {
        let e = p.count
        guard e >= 6, e <= 40 else { return nil }
        var i = 0
        let (v1, n1) = digits(p, &i, max: 4)
        guard i < e else { return nil }
        let sep = p[i]
        guard sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/") || sep == UInt8(ascii: ".") else { return nil }
        i += 1
        var s: Scan
        if n1 == 4 {
            let (m, nm) = digits(p, &i, max: 2)
            guard nm > 0, i < e, p[i] == sep else { return nil }
            i += 1
            let (d, nd) = digits(p, &i, max: 2)
            guard nd > 0 else { return nil }
            s = Scan(yearFirst: true, a: m, b: d, year: v1, time: nil)
        } else if n1 >= 1 && n1 <= 2 {
            let (v2, n2) = digits(p, &i, max: 2)
            guard n2 > 0, i < e, p[i] == sep else { return nil }
            i += 1
            var (y, ny) = digits(p, &i, max: 4)
            if ny == 2 { y += y <= 29 ? 2000 : 1900 } else if ny != 4 { return nil }
            s = Scan(yearFirst: false, a: v1, b: v2, year: y, time: nil)
        } else {
            return nil
        }
        if i == e { return s }
        // Time of day.
        let t = p[i]
        guard t == UInt8(ascii: "T") || t == UInt8(ascii: " ") || t == UInt8(ascii: "t") else { return nil }
        i += 1
        let (hh, nh) = digits(p, &i, max: 2)
        guard nh > 0, hh <= 23, i < e, p[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        let (mm, nmm) = digits(p, &i, max: 2)
        guard nmm == 2, mm <= 59 else { return nil }
        var time = CivilDateTime(year: 0, month: 0, day: 0, hour: hh, minute: mm, hasTime: true)
        if i < e, p[i] == UInt8(ascii: ":") {
            i += 1
            let (ss, ns) = digits(p, &i, max: 2)
            guard ns == 2, ss <= 59 else { return nil }
            time.second = ss
            if i < e, p[i] == UInt8(ascii: ".") || p[i] == UInt8(ascii: ",") {
                i += 1
                var ms = 0
                var nf = 0
                while i < e, ByteText.isDigit(p[i]) {
                    if nf < 3 { ms = ms * 10 + Int(p[i] &- 0x30) }
                    nf += 1
                    i += 1
                }
                guard nf > 0, nf <= 9 else { return nil }
                var k = nf
                while k < 3 { ms *= 10; k += 1 }
                time.millis = ms
                time.hasFraction = true
            }
        }
        if i < e {
            let z = p[i]
            if z == UInt8(ascii: "Z") || z == UInt8(ascii: "z") {
                i += 1
                time.offsetMinutes = 0
            } else if z == UInt8(ascii: "+") || z == UInt8(ascii: "-") {
                i += 1
                let (oh, noh) = digits(p, &i, max: 2)
                guard noh == 2, oh <= 23 else { return nil }
                var om = 0
                if i < e {
                    if p[i] == UInt8(ascii: ":") { i += 1 }
                    let (v, n) = digits(p, &i, max: 2)
                    guard n == 2, v <= 59 else { return nil }
                    om = v
                }
                let off = oh * 60 + om
                time.offsetMinutes = z == UInt8(ascii: "-") ? -off : off
            }
        }
        guard i == e else { return nil }
        s.time = time
        return s
    }
}
