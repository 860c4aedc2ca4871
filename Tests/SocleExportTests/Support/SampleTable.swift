import SocleCore
@testable import SocleExport

/// A small table with every column type, nulls, quotes, newlines, unicode and hostile text.
enum SampleTable {
    static let columns: [ExportColumn] = [
        ExportColumn(name: "id", label: "Identifiant", type: .integer),
        ExportColumn(name: "montant", label: "Montant (€)", type: .number),
        ExportColumn(name: "actif", label: "Actif ?", type: .boolean),
        ExportColumn(name: "ouverture", label: "Date d'ouverture", type: .date),
        ExportColumn(name: "maj", label: "Mise à jour", type: .datetime),
        ExportColumn(name: "code_insee", label: "Code INSEE", type: .code),
        ExportColumn(name: "position", label: "Position", type: .geopoint),
        ExportColumn(name: "contour", label: "Contour", type: .geometry),
        ExportColumn(name: "nom", label: "Nom; \"officiel\"", type: .text),
    ]

    static let point = #"{"type":"Point","coordinates":[5.22,46.2]}"#
    static let polygon = #"{"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}"#
    static let tricky = "Ajaccio \"la\" ville; côte, \nligne 2\r\nfin"
    static let hostile = "=SUM(A1)\u{01}\u{FFFE} 🇫🇷 é 日本 & <b>"

    static let rows: [[CellValue]] = [
        [.integer(1), .number(12.5), .bool(true), .text("2024-01-05"), .text("2024-01-05T14:30:00Z"),
         .text("01053"), .text("46.2,5.22"), .text(point), .text("Bourg-en-Bresse")],
        [.integer(-7), .number(3.0), .bool(false), .text("1900-02-28"), .text("2023-12-31 23:59:59"),
         .text("2A004"), .text(" 41.93 , 8.74 "), .text(polygon), .text(tricky)],
        Array(repeating: .null, count: 9),
        [.integer(.max), .number(.nan), .integer(1), .text("1899-12-31"), .text("pas une date"),
         .text("007"), .text("pas un point"), .text("{\"type\":\"Point\"}]"), .text(hostile)],
        // Short row: the missing cells are null.
        [.integer(.min), .number(-.infinity), .integer(0)],
    ]

    /// Runs a writer over rows, flushing the buffer into the document after every call the way
    /// the server does past its threshold (here 0: the harshest case).
    static func render(_ writer: any ExportWriter, rows: [[CellValue]] = rows, flushAt threshold: Int = 0) -> [UInt8] {
        var writer = writer
        var document: [UInt8] = []
        var buffer: [UInt8] = []
        func flush() {
            if buffer.count > threshold {
                document.append(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        writer.begin(into: &buffer)
        flush()
        for row in rows {
            writer.row(row, into: &buffer)
            flush()
        }
        writer.end(into: &buffer)
        document.append(contentsOf: buffer)
        return document
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
