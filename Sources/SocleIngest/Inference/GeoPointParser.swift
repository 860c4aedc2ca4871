import Foundation

/// Parses a point written in one cell as `"lat,lon"` or `"lat, lon"` (dot decimals, WGS84), or as a
/// JSON array `[lon,lat]` — GeoJSON's order, the one the IRVE schema's `coordonneesXY` uses — with lat
/// in [-90, 90] and lon in [-180, 180], and writes its canonical text (always `lat,lon`).
///
/// Canonical text: `lat,lon` with `.` decimals, no spaces, no `+`, no leading zeros in the
/// integer part, no trailing zeros in the fraction (`"48.85660, +2.3522"` → `48.8566,2.3522`);
/// digits are otherwise kept as written, so the text parses back to the same doubles.
public enum GeoPointParser {
    public typealias Bytes = UnsafeBufferPointer<UInt8>

    /// Latitude and longitude of the cell, or nil.
    public static func parse(_ p: Bytes) -> (lat: Double, lon: Double)? {
        guard let (a, b) = halves(p), let lat = PlainDecimal(a), let lon = PlainDecimal(b),
              isLatitude(lat.value), isLongitude(lon.value) else { return nil }
        return (lat.value, lon.value)
    }

    /// True when the cell is written as a `[lon,lat]` array.
    @inline(__always)
    public static func isArray(_ p: Bytes) -> Bool {
        p.count >= 5 && p[0] == UInt8(ascii: "[") && p[p.count - 1] == UInt8(ascii: "]")
    }

    public static func parse(_ s: String) -> (lat: Double, lon: Double)? { ByteText.with(s) { parse($0) } }

    /// Parses the cell and appends its canonical text to `out`; nil (nothing appended) if invalid.
    public static func appendCanonical(_ p: Bytes, to out: inout [UInt8]) -> (lat: Double, lon: Double)? {
        guard let (a, b) = halves(p), let lat = PlainDecimal(a), let lon = PlainDecimal(b),
              isLatitude(lat.value), isLongitude(lon.value) else { return nil }
        lat.appendCanonical(a, to: &out)
        out.append(UInt8(ascii: ","))
        lon.appendCanonical(b, to: &out)
        return (lat.value, lon.value)
    }

    /// The canonical text of a point read from two number columns.
    public static func canonical(lat: Double, lon: Double) -> String {
        "\(decimalText(lat)),\(decimalText(lon))"
    }

    @inline(__always) static func isLatitude(_ v: Double) -> Bool { v >= -90 && v <= 90 }
    @inline(__always) static func isLongitude(_ v: Double) -> Bool { v >= -180 && v <= 180 }

    /// The latitude and longitude texts: `lat,lon`, or `[lon,lat]` with the order swapped.
    @inline(__always)
    private static func halves(_ p: Bytes) -> (Bytes, Bytes)? {
        guard isArray(p) else { return split(p) }
        guard let (lon, lat) = split(ByteText.trim(Bytes(rebasing: p[1 ..< p.count - 1]))) else { return nil }
        return (lat, lon)
    }

    /// The two halves around the only comma, trimmed.
    @inline(__always)
    private static func split(_ p: Bytes) -> (Bytes, Bytes)? {
        let n = p.count
        guard n >= 3, n <= 64 else { return nil }
        var comma = -1
        for i in 0 ..< n where p[i] == UInt8(ascii: ",") {
            if comma >= 0 { return nil }
            comma = i
        }
        guard comma > 0, comma < n - 1 else { return nil }
        return (ByteText.trim(Bytes(rebasing: p[0 ..< comma])), ByteText.trim(Bytes(rebasing: p[(comma + 1) ..< n])))
    }

    /// A plain decimal (optional sign, digits, optional `.` and digits) read in one scan, with
    /// where its significant digits are, to write it back canonically without formatting a Double.
    struct PlainDecimal {
        var value: Double
        var negative: Bool
        var intStart: Int
        var intEnd: Int
        var fracEnd: Int

        @inline(__always)
        init?(_ p: Bytes) {
            let n = p.count
            guard n > 0 else { return nil }
            var i = 0
            negative = false
            if p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
                negative = p[0] == UInt8(ascii: "-")
                i = 1
            }
            var mant: UInt64 = 0
            var digits = 0
            var exp = 0
            let intFrom = i
            while i < n, ByteText.isDigit(p[i]) {
                mant = mant &* 10 &+ UInt64(p[i] &- 0x30)
                digits += 1
                i += 1
            }
            intEnd = i
            fracEnd = i
            if i < n {
                guard p[i] == UInt8(ascii: ".") else { return nil }
                i += 1
                while i < n, ByteText.isDigit(p[i]) {
                    mant = mant &* 10 &+ UInt64(p[i] &- 0x30)
                    digits += 1
                    exp -= 1
                    i += 1
                }
                guard i == n else { return nil }
                fracEnd = n
                while fracEnd > intEnd + 1, p[fracEnd - 1] == UInt8(ascii: "0") { fracEnd -= 1 }
                if fracEnd == intEnd + 1 { fracEnd = intEnd }
            }
            guard digits > 0 else { return nil }
            var s = intFrom
            while s < intEnd - 1, p[s] == UInt8(ascii: "0") { s += 1 }
            intStart = s
            if digits <= 19 && mant <= (1 << 53) && exp >= -22 {
                let v = Double(mant)
                value = exp == 0 ? v : v / GeoPointParser.pow10[-exp]
            } else {
                guard let v = NumberParser.parse(p, decimalSeparator: UInt8(ascii: ".")) else { return nil }
                value = abs(v)
            }
            if negative { value = -value }
        }

        /// Appends the digits as written, without `+`, leading integer zeros or trailing fraction zeros.
        @inline(__always)
        func appendCanonical(_ p: Bytes, to out: inout [UInt8]) {
            if negative && value != 0 { out.append(UInt8(ascii: "-")) }
            if intStart >= intEnd { out.append(UInt8(ascii: "0")) } else {
                out.append(contentsOf: Bytes(rebasing: p[intStart ..< intEnd]))
            }
            if fracEnd > intEnd {
                out.append(contentsOf: Bytes(rebasing: p[intEnd ..< fracEnd]))
            }
        }
    }

    fileprivate static let pow10: [Double] = (0 ... 22).map { e in
        var v = 1.0
        for _ in 0 ..< e { v *= 10 }
        return v
    }

    /// Appends a plain decimal in canonical form; falls back to formatting `value` when the
    /// text is not a plain `[sign]digits[sep digits]` (grouped, suffixed, exponent).
    static func appendDecimal(_ p: Bytes, decimal: UInt8, value: Double, to out: inout [UInt8]) {
        var i = 0
        var negative = false
        if !p.isEmpty, p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
            negative = p[0] == UInt8(ascii: "-")
            i = 1
        }
        var sepAt = -1
        for k in i ..< p.count {
            let b = p[k]
            if ByteText.isDigit(b) { continue }
            if b == decimal && sepAt < 0 { sepAt = k; continue }
            out.append(contentsOf: decimalText(value).utf8)
            return
        }
        let intEnd = sepAt < 0 ? p.count : sepAt
        var intStart = i
        while intStart < intEnd - 1, p[intStart] == UInt8(ascii: "0") { intStart += 1 }
        var fracEnd = p.count
        if sepAt >= 0 { while fracEnd > sepAt + 1, p[fracEnd - 1] == UInt8(ascii: "0") { fracEnd -= 1 } }
        if negative && value != 0 { out.append(UInt8(ascii: "-")) }
        if intStart >= intEnd { out.append(UInt8(ascii: "0")) } else {
            out.append(contentsOf: Bytes(rebasing: p[intStart ..< intEnd]))
        }
        if sepAt >= 0 && fracEnd > sepAt + 1 {
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: Bytes(rebasing: p[(sepAt + 1) ..< fracEnd]))
        }
    }

    /// A plain decimal text of a double (no exponent), shortest round-trip digits when possible.
    static func decimalText(_ v: Double) -> String {
        if v == 0 { return "0" }
        var s = "\(v)"
        if s.contains("e") { s = String(format: "%.15f", v) }
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
}
