import Foundation

/// A date/time pattern in Python `strptime` syntax (`%d/%m/%Y`), as Table Schema formats use it.
/// Matching is whole-value, ASCII case-insensitive, and a space in the pattern matches any run of spaces.
struct StrptimeFormat: Sendable, Equatable {
    enum Token: Sendable, Equatable {
        case literal(UInt8)
        case whitespace
        case directive(UInt8)
    }

    static let supported: Set<UInt8> = Set("dmYyHIMSfjbBaApzZ%".utf8)
    static let months = ["january", "february", "march", "april", "may", "june", "july", "august",
                         "september", "october", "november", "december"].map { Array($0.utf8) }
    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        .map { Array($0.utf8) }

    let pattern: String
    let tokens: [Token]

    /// Parses the pattern; throws the first directive it does not support (e.g. `%U`).
    init(_ pattern: String) throws(UnsupportedDirective) {
        self.pattern = pattern
        var tokens: [Token] = []
        let bytes = Array(pattern.utf8)
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "%") {
                guard i + 1 < bytes.count else { throw UnsupportedDirective(directive: "%") }
                let d = bytes[i + 1]
                guard StrptimeFormat.supported.contains(d) else {
                    throw UnsupportedDirective(directive: "%" + String(decoding: [d], as: UTF8.self))
                }
                tokens.append(d == UInt8(ascii: "%") ? .literal(d) : .directive(d))
                i += 2
            } else if c == 0x20 || c == 0x09 {
                if tokens.last != .whitespace { tokens.append(.whitespace) }
                i += 1
            } else {
                tokens.append(.literal(c))
                i += 1
            }
        }
        self.tokens = tokens
    }

    struct UnsupportedDirective: Error { var directive: String }

    /// The parts of a value matching the whole pattern, or nil.
    func parse(_ b: UnsafeBufferPointer<UInt8>) -> DateTimeParts? {
        var state = MatchState()
        guard match(0, 0, b, &state) else { return nil }
        var p = state.parts
        if let pm = p.pm, state.twelveHour {
            p.hour = p.hour % 12 + (pm ? 12 : 0)
        }
        if let yday = state.dayOfYear, !state.sawMonth, !state.sawDay {
            var remaining = yday
            var m = 1
            while m <= 12, remaining > DateTimeParts.daysIn(month: m, year: p.year) {
                remaining -= DateTimeParts.daysIn(month: m, year: p.year)
                m += 1
            }
            guard m <= 12 else { return nil }
            p.month = m
            p.day = remaining
        }
        return p.epochDay == nil ? nil : p
    }

    private struct MatchState {
        var parts = DateTimeParts()
        var twelveHour = false
        var dayOfYear: Int?
        var sawMonth = false
        var sawDay = false
    }

    /// Recursive matcher: numeric directives of variable width backtrack like Python's regex does.
    private func match(_ t: Int, _ pos: Int, _ b: UnsafeBufferPointer<UInt8>, _ st: inout MatchState) -> Bool {
        if t == tokens.count { return pos == b.count }
        switch tokens[t] {
        case .literal(let c):
            guard pos < b.count, lower(b[pos]) == lower(c) else { return false }
            return match(t + 1, pos + 1, b, &st)
        case .whitespace:
            var p = pos
            while p < b.count, b[p] == 0x20 || b[p] == 0x09 { p += 1 }
            guard p > pos else { return false }
            return match(t + 1, p, b, &st)
        case .directive(let d):
            if let (lo, hi, minW, maxW) = StrptimeFormat.numericRange(d) {
                var width = maxW
                while width >= minW {
                    if let v = number(b, pos, width), v >= lo, v <= hi {
                        var next = st
                        StrptimeFormat.assign(d, v, width, &next)
                        if match(t + 1, pos + width, b, &next) { st = next; return true }
                    }
                    width -= 1
                }
                return false
            }
            return matchWord(d, t, pos, b, &st)
        }
    }

    private func matchWord(_ d: UInt8, _ t: Int, _ pos: Int, _ b: UnsafeBufferPointer<UInt8>,
                           _ st: inout MatchState) -> Bool {
        switch d {
        case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "a"), UInt8(ascii: "A"):
            let names = (d == UInt8(ascii: "b") || d == UInt8(ascii: "B")) ? StrptimeFormat.months : StrptimeFormat.weekdays
            for (k, name) in names.enumerated() {
                // Full names first, then three-letter abbreviations.
                for len in [name.count, 3] where hasWord(b, pos, name.prefix(len)) {
                    var next = st
                    if d == UInt8(ascii: "b") || d == UInt8(ascii: "B") { next.parts.month = k + 1; next.sawMonth = true }
                    if match(t + 1, pos + len, b, &next) { st = next; return true }
                }
            }
            return false
        case UInt8(ascii: "p"):
            for (word, pm) in [("am", false), ("pm", true)] where hasWord(b, pos, Array(word.utf8)[...]) {
                var next = st
                next.parts.pm = pm
                if match(t + 1, pos + 2, b, &next) { st = next; return true }
            }
            return false
        case UInt8(ascii: "z"):
            var s = ByteScanner(b)
            s.i = pos
            guard let off = s.readOffset() else { return false }
            var next = st
            next.parts.offset = off
            if match(t + 1, s.i, b, &next) { st = next; return true }
            return false
        case UInt8(ascii: "Z"):
            for name in ["utc", "gmt", "z"] where hasWord(b, pos, Array(name.utf8)[...]) {
                var next = st
                next.parts.offset = 0
                if match(t + 1, pos + name.utf8.count, b, &next) { st = next; return true }
            }
            return false
        default:
            return false
        }
    }

    /// (minimum, maximum, minimum width, maximum width) of each numeric directive, after Python's `_strptime`.
    private static func numericRange(_ d: UInt8) -> (Int, Int, Int, Int)? {
        switch d {
        case UInt8(ascii: "d"): return (1, 31, 1, 2)
        case UInt8(ascii: "m"): return (1, 12, 1, 2)
        case UInt8(ascii: "Y"): return (0, 9999, 4, 4)
        case UInt8(ascii: "y"): return (0, 99, 2, 2)
        case UInt8(ascii: "H"): return (0, 23, 1, 2)
        case UInt8(ascii: "I"): return (1, 12, 1, 2)
        case UInt8(ascii: "M"): return (0, 59, 1, 2)
        case UInt8(ascii: "S"): return (0, 61, 1, 2)
        case UInt8(ascii: "f"): return (0, 999_999, 1, 6)
        case UInt8(ascii: "j"): return (1, 366, 1, 3)
        default: return nil
        }
    }

    private static func assign(_ d: UInt8, _ v: Int, _ width: Int, _ st: inout MatchState) {
        switch d {
        case UInt8(ascii: "d"): st.parts.day = v; st.sawDay = true
        case UInt8(ascii: "m"): st.parts.month = v; st.sawMonth = true
        case UInt8(ascii: "Y"): st.parts.year = v
        case UInt8(ascii: "y"): st.parts.year = v < 69 ? 2000 + v : 1900 + v
        case UInt8(ascii: "H"): st.parts.hour = v
        case UInt8(ascii: "I"): st.parts.hour = v; st.twelveHour = true
        case UInt8(ascii: "M"): st.parts.minute = v
        case UInt8(ascii: "S"): st.parts.second = v
        case UInt8(ascii: "f"):
            var scale = 1.0
            for _ in 0..<width { scale *= 10 }
            st.parts.fraction = Double(v) / scale
        case UInt8(ascii: "j"): st.dayOfYear = v
        default: break
        }
    }

    private func number(_ b: UnsafeBufferPointer<UInt8>, _ pos: Int, _ width: Int) -> Int? {
        guard pos + width <= b.count else { return nil }
        var v = 0
        for k in pos..<(pos + width) {
            let c = b[k]
            guard c >= 0x30, c <= 0x39 else { return nil }
            v = v * 10 + Int(c - 0x30)
        }
        return v
    }

    private func hasWord(_ b: UnsafeBufferPointer<UInt8>, _ pos: Int, _ word: ArraySlice<UInt8>) -> Bool {
        guard pos + word.count <= b.count else { return false }
        var k = pos
        for c in word {
            guard lower(b[k]) == c else { return false }
            k += 1
        }
        return true
    }

    @inline(__always) private func lower(_ c: UInt8) -> UInt8 {
        c >= 0x41 && c <= 0x5A ? c + 0x20 : c
    }

    /// Whether the pattern reads a calendar date (day, month or year), or only a time of day.
    var readsDate: Bool {
        tokens.contains { if case .directive(let d) = $0 { return Set("dmYyjbB".utf8).contains(d) } else { return false } }
    }

    /// True when the day comes before the month (`%d/%m/%Y`), the French order.
    var dayFirst: Bool? {
        var day: Int?
        var month: Int?
        for (k, t) in tokens.enumerated() {
            if case .directive(let d) = t {
                if d == UInt8(ascii: "d"), day == nil { day = k }
                if d == UInt8(ascii: "m") || d == UInt8(ascii: "b") || d == UInt8(ascii: "B"), month == nil { month = k }
            }
        }
        guard let d = day, let m = month else { return nil }
        return d < m
    }
}
