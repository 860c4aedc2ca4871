
/// The one JSON writer for rows: escaped strings and cell values written straight into a byte buffer, used by
/// the records API, the compatibility views, the exports and the CLI. One rule for every surface
/// (docs/query-api.md, "JSON values"): integers as integers; decimals as the shortest text that reads back as
/// the same double, without `.0` noise (`3`, `12.5`, `0.00001`); NaN and infinities `null`; null `null`;
/// dates and times as their ISO text; booleans `true`/`false`.
public enum JSONBytes {
    private static let hex: StaticString = "0123456789abcdef"

    /// Appends a JSON string literal. Valid UTF-8 passes through; quotes, backslashes and
    /// control characters are escaped.
    public static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        s.withUTF8Bytes { appendEscaped($0, to: &out) }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends the escaped body of a JSON string (without the quotes).
    public static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        for i in 0..<bytes.count {
            let b = bytes[i]
            if b >= 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") { continue }
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
            out.append(UInt8(ascii: "\\"))
            switch b {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            default:
                out.appendLiteral("u00")
                hex.withUTF8Buffer { h in
                    out.append(h[Int(b >> 4)])
                    out.append(h[Int(b & 0x0F)])
                }
            }
            runStart = i + 1
        }
        if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    /// Appends one cell as a JSON value, following the column's type: booleans stored as
    /// integers become `true`/`false`, non-finite numbers `null`, geopoints `{"lat":…,"lon":…}`,
    /// geometries their GeoJSON object, everything else (codes included) a string.
    public static func appendValue(_ value: CellValue, type: ColumnType, to out: inout [UInt8]) {
        switch value {
        case .null:
            out.appendLiteral("null")
        case .bool(let b):
            if b { out.appendLiteral("true") } else { out.appendLiteral("false") }
        case .integer(let i):
            if type == .boolean {
                if i != 0 { out.appendLiteral("true") } else { out.appendLiteral("false") }
            } else {
                out.appendDecimal(i)
            }
        case .number(let d):
            if !NumberText.append(d, to: &out) { out.appendLiteral("null") }
        case .text(let s):
            switch type {
            case .geopoint:
                // An unreadable point keeps its text rather than disappearing.
                if !GeoText.appendPoint(s, style: .latLonObject, to: &out) { appendString(s, to: &out) }
            case .geometry:
                if !GeoText.appendGeometry(s, to: &out) { appendString(s, to: &out) }
            default:
                appendString(s, to: &out)
            }
        }
    }

    /// One cell whose column type is not known here (computed values, aggregates): like `appendValue`
    /// for a text column, which writes numbers as numbers and text as strings.
    @inlinable
    public static func appendCell(_ value: CellValue, to out: inout [UInt8]) {
        appendValue(value, type: .text, to: &out)
    }
}
