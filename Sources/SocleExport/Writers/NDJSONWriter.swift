import SocleCore

/// Newline-delimited JSON: one row object per line, values as in the JSON export.
public struct NDJSONWriter: ExportWriter {
    public let columns: [ExportColumn]
    public private(set) var rowCount = 0
    private let encoder: JSONRowEncoder

    public var format: ExportFormat { .ndjson }

    public init(columns: [ExportColumn]) {
        self.columns = columns
        encoder = JSONRowEncoder(columns: columns)
    }

    public mutating func begin(into out: inout [UInt8]) {}

    public mutating func row(_ cells: [CellValue], into out: inout [UInt8]) {
        encoder.appendObject(cells, to: &out)
        out.append(0x0A)
        rowCount += 1
    }

    public mutating func end(into out: inout [UInt8]) {}
}
