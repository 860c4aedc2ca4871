/// Plain decimal text for doubles: `12.5`, `3`, `0.00001`; no `.0` noise and no exponent for
/// usual magnitudes, and always the shortest text that reads back as the same double.
public enum NumberText {
    /// JavaScript's rule for plain notation: exponents in this range are written out in full.
    public static let plainExponents = -7...20

    /// Appends `value` with the given decimal separator; returns false (nothing written) for NaN
    /// and infinities, which no export format can represent as a number.
    @discardableResult
    public static func append(_ value: Double, decimalSeparator: UInt8 = UInt8(ascii: "."),
                       to out: inout [UInt8]) -> Bool {
        guard value.isFinite else { return false }
        let magnitude = value.magnitude
        // Every integral double below 1e19 converts exactly to UInt64. `-0.0` prints as `0`.
        // (Integer conversions rather than rounded(): they compile to one instruction, not a libm call.)
        if magnitude < 1e19 {
            let whole = UInt64(magnitude)
            if Double(whole) == magnitude {
                if value < 0 && whole != 0 { out.append(UInt8(ascii: "-")) }
                out.appendDecimal(whole)
                return true
            }
        }
        if magnitude < 1e15,
           appendShortFraction(value, magnitude: magnitude, decimalSeparator: decimalSeparator, to: &out) {
            return true
        }
        appendDescription(value, decimalSeparator: decimalSeparator, to: &out)
        return true
    }

    /// Fast path for values with at most 9 fraction digits. `n / 10^k` is a correctly rounded
    /// division of two exact doubles, i.e. exactly what a parser returns for the text "n / 10^k",
    /// so the first k for which it equals the value gives the shortest text that round-trips.
    private static func appendShortFraction(_ value: Double, magnitude: Double, decimalSeparator: UInt8,
                                            to out: inout [UInt8]) -> Bool {
        var scale = 10.0
        var power: UInt64 = 10
        for k in 1...9 {
            let scaled = magnitude * scale
            // Beyond 2^53 integers are no longer exact.
            if scaled >= 9.0e15 { return false }
            // Adding 0.5 may be inexact near 2^53; the equality check below catches any miss.
            var whole = UInt64(scaled + 0.5)
            if Double(whole) / scale == magnitude {
                if value < 0 { out.append(UInt8(ascii: "-")) }
                out.appendDecimal(whole / power)
                whole %= power
                var digits = k
                while digits > 0 && whole % 10 == 0 { whole /= 10; digits -= 1 }
                if digits > 0 {
                    out.append(decimalSeparator)
                    out.appendDecimal(whole, width: digits)
                }
                return true
            }
            scale *= 10
            power *= 10
        }
        return false
    }

    /// Slow path: Swift's shortest round-trip text, with its exponent written out when small.
    private static func appendDescription(_ value: Double, decimalSeparator: UInt8, to out: inout [UInt8]) {
        let text = Array(value.description.utf8)
        guard let e = text.firstIndex(of: UInt8(ascii: "e")) else {
            for b in text { out.append(b == UInt8(ascii: ".") ? decimalSeparator : b) }
            return
        }
        var negative = false
        var mantissa = text[..<e]
        if mantissa.first == UInt8(ascii: "-") {
            negative = true
            mantissa = mantissa.dropFirst()
        }
        var exponent = 0
        var exponentSign = 1
        for b in text[(e + 1)...] {
            switch b {
            case UInt8(ascii: "-"): exponentSign = -1
            case UInt8(ascii: "+"): break
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                // The exponent of a finite double has at most 3 digits: no overflow.
                exponent = exponent * 10 + Int(b - UInt8(ascii: "0"))
            default: break
            }
        }
        exponent *= exponentSign
        guard plainExponents.contains(exponent) else {
            if negative { out.append(UInt8(ascii: "-")) }
            for b in mantissa { out.append(b == UInt8(ascii: ".") ? decimalSeparator : b) }
            out.append(contentsOf: text[e...])
            return
        }
        let digits = mantissa.filter { $0 != UInt8(ascii: ".") }
        let pointAt = (mantissa.firstIndex(of: UInt8(ascii: ".")).map { $0 - mantissa.startIndex } ?? mantissa.count) + exponent
        if negative { out.append(UInt8(ascii: "-")) }
        if pointAt <= 0 {
            out.append(UInt8(ascii: "0"))
            out.append(decimalSeparator)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -pointAt))
            out.append(contentsOf: digits)
        } else if pointAt >= digits.count {
            out.append(contentsOf: digits)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: pointAt - digits.count))
        } else {
            out.append(contentsOf: digits[..<pointAt])
            out.append(decimalSeparator)
            out.append(contentsOf: digits[pointAt...])
        }
    }
}
