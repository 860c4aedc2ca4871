import SocleCore

/// A GeoJSON FeatureCollection (RFC 7946): one feature per row.
///
/// The geometry comes from the first geopoint or geometry column (a geopoint becomes a Point,
/// longitude first); the other columns go to `properties`. A row whose geometry is empty or
/// unreadable gets `"geometry": null`, and so does every row of a table without a geo column.
public struct GeoJSONWriter: ExportWriter {
    public let columns: [ExportColumn]
    public private(set) var rowCount = 0
    /// Index of the column that gives the geometry, if any.
    public let geometryColumn: Int?
    private let encoder: JSONRowEncoder

    public var format: ExportFormat { .geojson }

    public init(columns: [ExportColumn]) {
        self.columns = columns
        geometryColumn = columns.firstIndex { $0.type.isGeographic }
        encoder = JSONRowEncoder(columns: columns)
    }

    public mutating func begin(into out: inout [UInt8]) {
        out.appendLiteral("{\"type\":\"FeatureCollection\",\"features\":[")
    }

    public mutating func row(_ cells: [CellValue], into out: inout [UInt8]) {
        if rowCount > 0 { out.append(UInt8(ascii: ",")) }
        out.appendLiteral("\n{\"type\":\"Feature\",\"geometry\":")
        appendGeometry(cells, to: &out)
        out.appendLiteral(",\"properties\":")
        encoder.appendObject(cells, skipping: geometryColumn, to: &out)
        out.append(UInt8(ascii: "}"))
        rowCount += 1
    }

    public mutating func end(into out: inout [UInt8]) {
        if rowCount > 0 { out.append(0x0A) }
        out.appendLiteral("]}\n")
    }

    private func appendGeometry(_ cells: [CellValue], to out: inout [UInt8]) {
        guard let g = geometryColumn, g < cells.count, case .text(let text) = cells[g] else {
            out.appendLiteral("null")
            return
        }
        let written = columns[g].type == .geopoint
            ? GeoText.appendPoint(text, style: .geoJSONPoint, to: &out)
            : GeoText.appendGeometry(text, to: &out)
        if !written { out.appendLiteral("null") }
    }
}
