import Foundation
@testable import SocleIngest

/// Test helpers: schemas from strings and rows as in-memory batches.
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

}
