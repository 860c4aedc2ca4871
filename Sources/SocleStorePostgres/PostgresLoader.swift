import Foundation
import Logging
import NIOCore
import PostgresNIO
import SocleCore
import SocleStore

/// Writes one revision inside an open transaction: metadata rows, table, COPY of the rows, indexes.
struct PostgresLoader {
    let conn: PostgresConnection
    let logger: Logger
    let store: PostgresStore
    let draft: RevisionDraft

    func load<S: BatchSource>(source: inout S) async throws -> Revision {
        let org: Organisation
        if let existing = try await store.organisation(conn, slug: draft.organisationSlug) {
            org = existing
        } else {
            guard draft.mayCreateOrganisation else { throw StoreError.notFound("organisation", draft.organisationSlug) }
            org = try await store.insertOrganisation(conn, slug: draft.organisationSlug, name: draft.organisationName)
        }
        var datasetId: Int64?
        for try await id in try await conn.query("SELECT id FROM datasets WHERE slug = \(draft.datasetSlug) FOR UPDATE",
                                                 logger: logger).decode(Int64.self) {
            datasetId = id
        }
        if datasetId == nil {
            guard draft.mayCreateDataset else { throw StoreError.notFound("dataset", draft.datasetSlug) }
            let rows = try await conn.query("""
                INSERT INTO datasets (slug, title, organisation_id, created_at)
                VALUES (\(draft.datasetSlug), \(draft.datasetTitle), \(org.id), now()) RETURNING id
                """, logger: logger)
            for try await id in rows.decode(Int64.self) { datasetId = id }
        }
        guard let datasetId else { throw SocleError(.internalError, code: "store.insert_failed") }
        var number = 1
        for try await max in try await conn.query("SELECT max(number) FROM revisions WHERE dataset_id = \(datasetId)",
                                                  logger: logger).decode(Int32?.self) {
            number = Int(max ?? 0) + 1
        }
        let table = StoreSupport.tableName(datasetId: datasetId, number: number)
        let layout = TableLayout(schema: draft.columns)
        try await conn.query(PostgresQuery(unsafeSQL: createTableSQL(table, layout)), logger: logger)
        var rowCount: Int64 = 0
        if !layout.columns.isEmpty {
            // copyFrom quotes the names itself; ours are checked identifiers (rev_N_N, HeaderCleaner output).
            try await conn.copyFrom(table: table, columns: layout.columns.map(\.name),
                                    logger: logger) { writer in
                var buffer = ByteBufferAllocator().buffer(capacity: 1 << 20)
                while let batch = try source.next() {
                    try CopyTextEncoder.encode(batch, layout: layout, into: &buffer)
                    rowCount += Int64(batch.rowCount)
                    if buffer.readableBytes >= 1 << 20 {
                        try await writer.write(buffer)
                        buffer.clear()
                    }
                }
                if buffer.readableBytes > 0 { try await writer.write(buffer) }
            }
        } else {
            while let batch = try source.next() {
                for _ in 0..<batch.rowCount {
                    try await conn.query(PostgresQuery(unsafeSQL: "INSERT INTO \(StoreSupport.quote(table)) DEFAULT VALUES"), logger: logger)
                }
                rowCount += Int64(batch.rowCount)
            }
        }
        for cols in StoreSupport.indexedColumns(layout) {
            let name = StoreSupport.quote("\(table)_\(cols.joined(separator: "_"))_idx")
            // `_row` last: pages are in record order, so a filtered page reads its 100 entries in order
            // instead of walking the primary key past every other code's rows (SQLite's indexes carry
            // the rowid already).
            try await conn.query(PostgresQuery(unsafeSQL:
                "CREATE INDEX \(name) ON \(StoreSupport.quote(table)) (\(cols.map(StoreSupport.quote).joined(separator: ", ")), _row)"),
                logger: logger)
        }
        try await conn.query(PostgresQuery(unsafeSQL: "ANALYZE \(StoreSupport.quote(table))"), logger: logger)
        try await conn.query("UPDATE revisions SET status = 'superseded' WHERE dataset_id = \(datasetId) AND status = 'ready'",
                             logger: logger)
        let now = Date()
        let columns = source.finalSchema?.columns ?? draft.columns
        let warnings = source.finalSchema?.warnings ?? draft.warnings
        let columnsJSON = StoreSupport.encodeJSON(columns)
        let warningsJSON = StoreSupport.encodeJSON(warnings)
        let n32 = Int32(number)
        try await conn.query("""
            INSERT INTO revisions (dataset_id, number, created_at, source_name, source_size, source_sha256, format,
                encoding, delimiter, row_count, columns_json, warnings_json, status, table_name)
            VALUES (\(datasetId), \(n32), \(now), \(draft.source.fileName), \(draft.source.size), \(draft.source.sha256),
                \(draft.source.format), \(draft.source.encoding), \(draft.source.delimiter), \(rowCount), \(columnsJSON),
                \(warningsJSON), 'ready', \(table))
            """, logger: logger)
        try await conn.query("UPDATE datasets SET current_revision = \(n32) WHERE id = \(datasetId)", logger: logger)
        return Revision(datasetId: datasetId, number: number, createdAt: now, source: draft.source, rowCount: rowCount,
                        columns: columns, warnings: warnings, status: .ready, tableName: table)
    }

    func createTableSQL(_ table: String, _ layout: TableLayout) -> String {
        let defs = layout.columns.map { c -> String in
            let type: String
            switch (c.storage, c.logical) {
            case (.integer, .boolean?): type = "BOOLEAN"
            case (.integer, _): type = "BIGINT"
            case (.real, _): type = "DOUBLE PRECISION"
            case (.text, _): type = "TEXT"
            }
            return "\(StoreSupport.quote(c.name)) \(type)"
        }
        let body = (["_row BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"] + defs).joined(separator: ", ")
        return "CREATE TABLE \(StoreSupport.quote(table)) (\(body))"
    }
}

/// Encodes typed batches in PostgreSQL's COPY text format (tab-separated, `\N` for NULL, backslash escapes).
enum CopyTextEncoder {
    static func encode(_ batch: ColumnBatch, layout: TableLayout, into buffer: inout ByteBuffer) throws {
        let n = batch.columns.count
        guard n == layout.columns.count else {
            throw SocleError(.internalError, code: "store.layout_mismatch",
                             args: ["expected": String(layout.columns.count), "found": String(n)])
        }
        let booleans = layout.columns.map { $0.logical == .boolean }
        var digits = [UInt8](repeating: 0, count: 24)
        for r in 0..<batch.rowCount {
            for c in 0..<n {
                if c > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                switch batch.columns[c] {
                case .integers(let v, let valid):
                    if !valid[r] { buffer.writeStaticString("\\N") }
                    else if booleans[c] { buffer.writeInteger(v[r] != 0 ? UInt8(ascii: "t") : UInt8(ascii: "f")) }
                    else { writeInt(v[r], into: &buffer, scratch: &digits) }
                case .reals(let v, let valid):
                    if !valid[r] || !v[r].isFinite { buffer.writeStaticString("\\N") }
                    else { buffer.writeString(v[r].description) }
                case .texts(let t):
                    if !t.valid[r] { buffer.writeStaticString("\\N"); continue }
                    let range = t.range(at: r)
                    t.bytes.withUnsafeBufferPointer { all in
                        var start = range.lowerBound
                        for i in range {
                            let b = all[i]
                            let escaped: UInt8
                            switch b {
                            case UInt8(ascii: "\\"): escaped = UInt8(ascii: "\\")
                            case 0x09: escaped = UInt8(ascii: "t")
                            case 0x0A: escaped = UInt8(ascii: "n")
                            case 0x0D: escaped = UInt8(ascii: "r")
                            default: continue
                            }
                            if i > start { buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(all)[start..<i])) }
                            buffer.writeInteger(UInt8(ascii: "\\"))
                            buffer.writeInteger(escaped)
                            start = i + 1
                        }
                        if range.upperBound > start {
                            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(all)[start..<range.upperBound]))
                        }
                    }
                }
            }
            buffer.writeInteger(UInt8(ascii: "\n"))
        }
    }

    @inline(__always)
    static func writeInt(_ value: Int64, into buffer: inout ByteBuffer, scratch: inout [UInt8]) {
        if value == 0 { buffer.writeInteger(UInt8(ascii: "0")); return }
        var v = value.magnitude
        var i = scratch.count
        while v > 0 {
            i -= 1
            scratch[i] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
        }
        if value < 0 { buffer.writeInteger(UInt8(ascii: "-")) }
        buffer.writeBytes(scratch[i...])
    }
}
