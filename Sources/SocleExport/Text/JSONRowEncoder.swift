import SocleCore

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
