/// Parses decimal numbers as French (and other) files write them, given the column's decimal
/// separator: `22,26`, `1 234 567,89`, `1.234,5`, `12,5 %`, `-3`, `(1 200,00 €)`, `1,5e-3`.
///
/// Thousands may be grouped by a space, U+00A0, U+202F, or by the other separator char
/// (`.` when the decimal separator is `,` and vice versa); groups are 3 digits after a first
/// group of 1–3. `%` and currency suffixes (`€`, `euros`, `euro`, `EUR`, any case) are dropped
/// (the value is kept as written: `12 %` → 12, `50 000 euros` → 50000); `Scan` says which.
public enum NumberParser {
    public typealias Bytes = UnsafeBufferPointer<UInt8>

    /// Exact powers of ten representable in a Double (Clinger's fast path).
    private static let pow10: [Double] = (0 ... 22).map { e in
        var v = 1.0
        for _ in 0 ..< e { v *= 10 }
        return v
    }

    /// The number in `p` (already trimmed) read with `decimalSeparator` (`,` or `.`), or nil.
    public static func parse(_ p: Bytes, decimalSeparator: UInt8) -> Double? {
        scan(p, decimal: decimalSeparator)?.value
    }

    public static func parse(_ s: String, decimalSeparator: Character) -> Double? {
        let d: UInt8 = decimalSeparator == "," ? UInt8(ascii: ",") : UInt8(ascii: ".")
        return ByteText.with(s) { parse($0, decimalSeparator: d) }
    }

    struct Scan {
        var value: Double
        /// True when a `%` or currency suffix was dropped.
        var suffix: Bool
        /// Which: a currency (`€`, `euros`…), a `%`.
        var currency = false
        var percent = false
    }

    static func scan(_ p: Bytes, decimal: UInt8) -> Scan? {
        var s = 0
        var e = p.count
        var suffix = false
        var units: UInt8 = 0
        var negative = false
        stripSuffixes(p, s, &e, &units)
        if e - s >= 2, p[s] == UInt8(ascii: "("), p[e - 1] == UInt8(ascii: ")") {
            negative = true
            s += 1
            e -= 1
            stripSuffixes(p, s, &e, &units)
        }
        suffix = units != 0
        guard s < e else { return nil }
        let c = p[s]
        if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            if negative { return nil }
            negative = c == UInt8(ascii: "-")
            s += 1
        } else if c == 0xE2, e - s > 3, p[s + 1] == 0x88, p[s + 2] == 0x92 {
            if negative { return nil }
            negative = true
            s += 3
        }
        let other: UInt8 = decimal == UInt8(ascii: ",") ? UInt8(ascii: ".") : UInt8(ascii: ",")
        var mant: UInt64 = 0
        var sig = 0
        var exp10 = 0
        var inexact = false
        var anyDigit = false
        var i = s

        @inline(__always) func add(_ b: UInt8, fraction: Bool) {
            anyDigit = true
            if sig >= 19 {
                if !fraction { exp10 += 1 }
                if b != UInt8(ascii: "0") { inexact = true }
                return
            }
            mant = mant &* 10 &+ UInt64(b &- 0x30)
            if mant != 0 { sig += 1 }
            if fraction { exp10 -= 1 }
        }

        // Integer part, possibly grouped by thousands.
        var groupKind = 0 // 0 none, 1 space-like, 2 the other separator char
        var groupDigits = 0
        while i < e {
            let b = p[i]
            if ByteText.isDigit(b) {
                add(b, fraction: false)
                groupDigits += 1
                i += 1
                continue
            }
            var kind = 0
            var len = 0
            if b == other { kind = 2; len = 1 } else {
                len = ByteText.spaceLength(p, at: i)
                if len > 0 { kind = 1 }
            }
            if kind == 0 { break }
            if groupKind != 0 && groupKind != kind { return nil }
            if groupKind == 0 ? (groupDigits < 1 || groupDigits > 3) : groupDigits != 3 { return nil }
            groupKind = kind
            groupDigits = 0
            i += len
            guard i < e, ByteText.isDigit(p[i]) else { return nil }
        }
        if groupKind != 0 && groupDigits != 3 { return nil }
        if i < e, p[i] == decimal {
            i += 1
            guard i < e, ByteText.isDigit(p[i]) else { return nil }
            while i < e, ByteText.isDigit(p[i]) {
                add(p[i], fraction: true)
                i += 1
            }
        }
        guard anyDigit else { return nil }
        if i < e, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
            i += 1
            var eneg = false
            if i < e, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
                eneg = p[i] == UInt8(ascii: "-")
                i += 1
            }
            var ev = 0
            var n = 0
            while i < e, ByteText.isDigit(p[i]), n < 4 {
                ev = ev * 10 + Int(p[i] &- 0x30)
                n += 1
                i += 1
            }
            guard n > 0 else { return nil }
            exp10 += eneg ? -ev : ev
        }
        guard i == e else { return nil }
        var v: Double
        if mant == 0 {
            v = 0
        } else if !inexact, mant <= (1 << 53), exp10 >= -22, exp10 <= 22 {
            v = Double(mant)
            v = exp10 < 0 ? v / pow10[-exp10] : v * pow10[exp10]
        } else {
            guard let slow = slowValue(p, s, e, decimal: decimal) else { return nil }
            v = slow
        }
        guard v.isFinite else { return nil }
        if negative && v != 0 { v = -v }
        return Scan(value: v, suffix: suffix, currency: units & 1 != 0, percent: units & 2 != 0)
    }

    /// Drops trailing spaces, `%` and currency suffixes (in any order) before `e`; `units` gets
    /// bit 1 for a currency, bit 2 for a percent.
    @inline(__always)
    private static func stripSuffixes(_ p: Bytes, _ s: Int, _ e: inout Int, _ units: inout UInt8) {
        while e > s {
            let last = p[e - 1]
            if last <= 0x20 || last == 0xA0 || last == 0xAF {
                let t = ByteText.trailingSpaceLength(p, end: e)
                if t > 0 { e -= t; continue }
            }
            if last == UInt8(ascii: "%") { e -= 1; units |= 2; continue }
            if last == 0xAC, e - s >= 3, p[e - 3] == 0xE2, p[e - 2] == 0x82 { e -= 3; units |= 1; continue }
            // `euros`, `euro`, `eur` (any case), only after a digit or a space.
            if last | 0x20 == UInt8(ascii: "s") || last | 0x20 == UInt8(ascii: "o") || last | 0x20 == UInt8(ascii: "r") {
                let n = e - s
                let end = e
                var w = 0
                if n > 5, ByteText.equalsLower(Bytes(rebasing: p[(end - 5) ..< end]), "euros") {
                    w = 5
                } else if n > 4, ByteText.equalsLower(Bytes(rebasing: p[(end - 4) ..< end]), "euro") {
                    w = 4
                } else if n > 3, ByteText.equalsLower(Bytes(rebasing: p[(end - 3) ..< end]), "eur") {
                    w = 3
                }
                if w > 0 {
                    let before = p[e - w - 1]
                    if ByteText.isDigit(before) || before == 0x20 || before == 0xA0 || before == 0xAF {
                        e -= w
                        units |= 1
                        continue
                    }
                }
            }
            break
        }
    }

    /// Correctly rounded value for long mantissas: rebuild plain ASCII and let the standard
    /// library parse it. Only reached for > 19 significant digits or huge exponents.
    private static func slowValue(_ p: Bytes, _ s: Int, _ e: Int, decimal: UInt8) -> Double? {
        var ascii: [UInt8] = []
        ascii.reserveCapacity(e - s)
        var i = s
        var inExponent = false
        while i < e {
            let b = p[i]
            if ByteText.isDigit(b) { ascii.append(b) } else if b == decimal && !inExponent {
                ascii.append(UInt8(ascii: "."))
            } else if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                inExponent = true
                ascii.append(UInt8(ascii: "e"))
            } else if inExponent && (b == UInt8(ascii: "-") || b == UInt8(ascii: "+")) {
                ascii.append(b)
            }
            i += 1
        }
        return Double(String(decoding: ascii, as: UTF8.self))
    }
}
