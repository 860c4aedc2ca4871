import SocleCore

/// A JSON array of row objects, keys in column order: `[{"a":1,"b":"x"},…]`.
public struct JSONWriter: ExportWriter {
    public let columns: [ExportColumn]
    public private(set) var rowCount = 0
    private let encoder: JSONRowEncoder

    public var format: ExportFormat { .json }

    public init(columns: [ExportColumn]) {
        self.columns = columns
        encoder = JSONRowEncoder(columns: columns)
    }

    public mutating func begin(into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
    }

    public mutating func row(_ cells: [CellValue], into out: inout [UInt8]) {
        // One row per line keeps large files readable with line tools.
        if rowCount > 0 { out.append(UInt8(ascii: ",")) }
        out.append(0x0A)
        encoder.appendObject(cells, to: &out)
        rowCount += 1
    }

    public mutating func end(into out: inout [UInt8]) {
        if rowCount > 0 { out.append(0x0A) }
        out.appendLiteral("]\n")
    }
}
