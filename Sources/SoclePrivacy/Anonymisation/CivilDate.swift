import Foundation

/// A calendar date read from a cell, possibly partial ("2024", "2024-03"), validated.
struct CivilDate: Equatable, Comparable {
    var year: Int
    var month: Int?
    var day: Int?

    /// Reads `YYYY-MM-DD` (Socle's stored form, also the head of a stored datetime), `YYYY-MM`, `YYYY`,
    /// `YYYY/MM/DD` and `DD/MM/YYYY` (French files typed as text). Anything else, or an impossible date, is nil.
    init?(parsing text: String) {
        let bytes = Array(text.utf8.prefix(64))
        var i = 0
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        func number(maxDigits: Int) -> (value: Int, digits: Int)? {
            var v = 0, n = 0
            while i < bytes.count, n < maxDigits, (0x30...0x39).contains(bytes[i]) {
                v = v * 10 + Int(bytes[i] - 0x30); n += 1; i += 1
            }
            return n == 0 ? nil : (v, n)
        }
        func take(_ c: UInt8) -> Bool { if i < bytes.count, bytes[i] == c { i += 1; return true }; return false }
        guard let first = number(maxDigits: 4) else { return nil }
        var y: Int, m: Int?, d: Int?
        if first.digits == 4 {
            y = first.value
            let sep: UInt8? = take(0x2D) ? 0x2D : (take(0x2F) ? 0x2F : nil)
            if let sep {
                guard let mm = number(maxDigits: 2), mm.digits == 2 else { return nil }
                m = mm.value
                if take(sep) {
                    guard let dd = number(maxDigits: 2), dd.digits == 2 else { return nil }
                    d = dd.value
                }
            }
        } else if first.digits <= 2, take(0x2F) {
            guard let mm = number(maxDigits: 2), take(0x2F), let yy = number(maxDigits: 4), yy.digits == 4 else { return nil }
            (y, m, d) = (yy.value, mm.value, first.value)
        } else {
            return nil
        }
        // What may follow: nothing, spaces, or a time ("T10:00:00Z", " 14:30").
        if i < bytes.count, bytes[i] != 0x54, bytes[i] != 0x20, bytes[i] != 0x09 { return nil }
        guard y >= 1 else { return nil }
        if let m, !(1...12).contains(m) { return nil }
        if let d {
            guard let m, (1...CivilDate.daysIn(month: m, year: y)).contains(d) else { return nil }
        }
        self.year = y
        self.month = m
        self.day = d
    }

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The calendar day of an instant in France (Europe/Paris), where the authorities using Socle are;
    /// UTC if the time-zone database is missing.
    init(_ date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month ?? 0, a.day ?? 0) < (b.year, b.month ?? 0, b.day ?? 0)
    }

    /// Whole years from `self` (a full birth date) to `reference`; negative when born after it.
    func age(at reference: CivilDate) -> Int {
        var years = reference.year - year
        let birthday = (month ?? 1, day ?? 1)
        if (reference.month ?? 1, reference.day ?? 1) < birthday { years -= 1 }
        return years
    }
}
