import Foundation
@testable import SocleIngest

/// Test helpers: in-memory batches and a minimal RFC 4180 splitter for the corpus files (comma, quotes,
/// CRLF), used until the CSV reader is available to these tests.
enum SchemaTestSupport {
    /// A batch whose empty strings and nils are both nulls (as readers emit them); lines start at 2.
    static func batch(_ rows: [[String?]], columns: Int? = nil, firstLine: Int = 2) -> RawBatch {
        let n = columns ?? rows.first?.count ?? 0
        var b = RawBatch(columnCount: n)
        for (k, row) in rows.enumerated() {
            for c in 0..<n { b.appendField(c < row.count ? row[c] : nil) }
            b.endRow(line: firstLine + k)
        }
        return b
    }

    static func schema(_ json: String, name: String = "schema.json") throws -> TableSchemaDocument {
        try TableSchemaDocument.parse(Array(json.utf8), sourceName: name)
    }

    static func validate(_ schema: TableSchemaDocument, _ labels: [String], _ rows: [[String?]],
                         maxErrors: Int = 1000) throws -> ValidationReport {
        try TableSchemaValidator.validate(labels: labels, batches: [batch(rows, columns: labels.count)],
                                          schema: schema, maxErrors: maxErrors)
    }

    /// Splits a comma-separated file into labels and rows (1 batch), recording physical lines.
    static func readCSV(_ url: URL) throws -> (labels: [String], batch: RawBatch) {
        let bytes = [UInt8](try Data(contentsOf: url))
        var records: [([String], Int)] = []
        var field: [UInt8] = []
        var row: [String] = []
        var inQuotes = false
        var line = 1
        var rowLine = 1
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func endField() { row.append(String(decoding: field, as: UTF8.self)); field = [] }
        while i < bytes.count {
            let c = bytes[i]
            if inQuotes {
                if c == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") { field.append(c); i += 1 } else { inQuotes = false }
                } else {
                    if c == 0x0A { line += 1 }
                    field.append(c)
                }
            } else if c == UInt8(ascii: "\"") {
                inQuotes = true
            } else if c == UInt8(ascii: ",") {
                endField()
            } else if c == 0x0A || c == 0x0D {
                if c == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                endField()
                records.append((row, rowLine))
                row = []
                line += 1
                rowLine = line
            } else {
                field.append(c)
            }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty { endField(); records.append((row, rowLine)) }
        guard let header = records.first else { return ([], RawBatch(columnCount: 0)) }
        var batch = RawBatch(columnCount: header.0.count)
        for (values, l) in records.dropFirst() {
            for c in 0..<header.0.count { batch.appendField(c < values.count ? values[c] : nil) }
            batch.endRow(line: l)
        }
        return (header.0, batch)
    }

    static let corpus = URL(fileURLWithPath: "/work/shared/corpus")
}
