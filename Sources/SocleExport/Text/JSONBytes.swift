import SocleCore

/// JSON text written straight into a byte buffer: escaped strings and typed cell values.
enum JSONBytes {
    private static let hex: StaticString = "0123456789abcdef"

    /// Appends a JSON string literal. Valid UTF-8 passes through; quotes, backslashes and
    /// control characters are escaped.
    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        s.withUTF8Bytes { appendEscaped($0, to: &out) }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends the escaped body of a JSON string (without the quotes).
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
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
    static func appendValue(_ value: CellValue, type: ColumnType, to out: inout [UInt8]) {
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
}

/// The object form of a row for JSON, NDJSON and GeoJSON properties, keys prepared once.
struct JSONRowEncoder: Sendable {
    /// `"name":` for every column, escaped, back to back in one buffer (one buffer rather than an
    /// array per key spares reference counting in the per-cell loop).
    private let keyBytes: [UInt8]
    /// Key i spans `keyStarts[i] ..< keyStarts[i + 1]`.
    private let keyStarts: [Int]
    private let types: [ColumnType]

    init(columns: [ExportColumn]) {
        var bytes: [UInt8] = []
        var starts = [0]
        for column in columns {
            JSONBytes.appendString(column.name, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            starts.append(bytes.count)
        }
        keyBytes = bytes
        keyStarts = starts
        types = columns.map(\.type)
    }

    /// Appends `{"a":1,"b":"x"}`; missing cells are null, extra cells ignored, and the column at
    /// `skipping` (the GeoJSON geometry) left out.
    func appendObject(_ cells: [CellValue], skipping: Int? = nil, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        let skip = skipping ?? -1
        keyBytes.withUnsafeBufferPointer { keys in
            keyStarts.withUnsafeBufferPointer { starts in
                types.withUnsafeBufferPointer { types in
                    cells.withUnsafeBufferPointer { cells in
                        var first = true
                        for i in 0..<types.count where i != skip {
                            if !first { out.append(UInt8(ascii: ",")) }
                            first = false
                            out.append(contentsOf: UnsafeBufferPointer(rebasing: keys[starts[i]..<starts[i + 1]]))
                            if i < cells.count {
                                JSONBytes.appendValue(cells[i], type: types[i], to: &out)
                            } else {
                                out.appendLiteral("null")
                            }
                        }
                    }
                }
            }
        }
        out.append(UInt8(ascii: "}"))
    }
}
