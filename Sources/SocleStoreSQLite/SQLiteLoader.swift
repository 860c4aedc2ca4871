import Foundation
import GRDB
import GRDBSQLite
import SocleCore
import SocleStore

/// Writes one revision inside an open write transaction: metadata rows, table, rows, indexes.
struct SQLiteLoader {
    let db: Database
    let draft: RevisionDraft

    func load<S: BatchSource>(source: inout S) throws -> Revision {
        let org: Organisation
        if let row = try Row.fetchOne(db, sql: "SELECT id, slug, name FROM organisations WHERE slug = ?",
                                      arguments: [draft.organisationSlug]) {
            org = SQLiteStore.organisation(row)
        } else {
            guard draft.mayCreateOrganisation else { throw StoreError.notFound("organisation", draft.organisationSlug) }
            org = try SQLiteStore.insertOrganisation(db, slug: draft.organisationSlug, name: draft.organisationName)
        }
        let datasetId: Int64
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM datasets WHERE slug = ?", arguments: [draft.datasetSlug]) {
            datasetId = id
        } else {
            guard draft.mayCreateDataset else { throw StoreError.notFound("dataset", draft.datasetSlug) }
            try db.execute(sql: "INSERT INTO datasets (slug, title, organisation_id, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [draft.datasetSlug, draft.datasetTitle, org.id, StoreSupport.isoString(Date())])
            datasetId = db.lastInsertedRowID
        }
        let number = (try Int.fetchOne(db, sql: "SELECT max(number) FROM revisions WHERE dataset_id = ?",
                                       arguments: [datasetId]) ?? 0) + 1
        let table = StoreSupport.tableName(datasetId: datasetId, number: number)
        let layout = TableLayout(schema: draft.columns)
        try createTable(table, layout)
        var t = Date()
        let rows = try insertRows(table, layout, source: &source)
        trace("insert rows", &t)
        let columns = source.finalSchema?.columns ?? draft.columns
        let warnings = source.finalSchema?.warnings ?? draft.warnings
        for cols in StoreSupport.indexedColumns(layout) {
            let name = StoreSupport.quote("\(table)_\(cols.joined(separator: "_"))_idx")
            try db.execute(sql: "CREATE INDEX \(name) ON \(StoreSupport.quote(table)) (\(cols.map(StoreSupport.quote).joined(separator: ", ")))")
        }
        trace("indexes", &t)
        // Statistics for the planner (≈ 0.1 s per million rows): without them SQLite assumes any code
        // value picks ~10 rows and reads a filter on a few frequent codes through the index plus a sort,
        // which made a 100,000-row export cost 1.5× the plain scan it picks when it knows.
        try db.execute(sql: "ANALYZE \(StoreSupport.quote(table))")
        trace("analyze", &t)
        let now = Date()
        try db.execute(sql: "UPDATE revisions SET status = 'superseded' WHERE dataset_id = ? AND status = 'ready'",
                       arguments: [datasetId])
        try db.execute(sql: """
            INSERT INTO revisions (dataset_id, number, created_at, source_name, source_size, source_sha256, format,
                encoding, delimiter, row_count, columns_json, warnings_json, status, table_name)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ready', ?)
            """, arguments: [datasetId, number, StoreSupport.isoString(now), draft.source.fileName, draft.source.size,
                             draft.source.sha256, draft.source.format, draft.source.encoding, draft.source.delimiter,
                             rows, StoreSupport.encodeJSON(columns), StoreSupport.encodeJSON(warnings), table])
        try db.execute(sql: "UPDATE datasets SET current_revision = ? WHERE id = ?", arguments: [number, datasetId])
        return Revision(datasetId: datasetId, number: number, createdAt: now, source: draft.source, rowCount: rows,
                        columns: columns, warnings: warnings, status: .ready, tableName: table)
    }

    private func trace(_ what: String, _ since: inout Date) {
        guard draft.trace else { return }
        FileHandle.standardError.write(Data(String(format: "trace: sqlite %@ %.3f s\n", what, Date().timeIntervalSince(since)).utf8))
        since = Date()
    }

    func createTable(_ table: String, _ layout: TableLayout) throws {
        let defs = layout.columns.map { c -> String in
            let type: String
            switch c.storage {
            case .integer: type = "INTEGER"
            case .real: type = "REAL"
            case .text: type = "TEXT"
            }
            return "\(StoreSupport.quote(c.name)) \(type)"
        }
        let body = (["_row INTEGER PRIMARY KEY"] + defs).joined(separator: ", ")
        try db.execute(sql: "CREATE TABLE \(StoreSupport.quote(table)) (\(body)) STRICT")
    }

    /// Inserts with one prepared statement and raw sqlite3 binds: no per-cell allocation.
    func insertRows<S: BatchSource>(_ table: String, _ layout: TableLayout, source: inout S) throws -> Int64 {
        let n = layout.columns.count
        var total: Int64 = 0
        guard n > 0 else {
            while let b = try source.next() {
                for _ in 0..<b.rowCount { try db.execute(sql: "INSERT INTO \(StoreSupport.quote(table)) DEFAULT VALUES") }
                total += Int64(b.rowCount)
            }
            return total
        }
        let names = layout.columns.map { StoreSupport.quote($0.name) }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: n).joined(separator: ", ")
        let statement = try db.makeStatement(sql: "INSERT INTO \(StoreSupport.quote(table)) (\(names)) VALUES (\(marks))")
        let stmt = statement.sqliteStatement
        while let batch = try source.next() {
            guard batch.columns.count == n else {
                throw SocleError(.internalError, code: "store.layout_mismatch",
                                 args: ["expected": String(n), "found": String(batch.columns.count)])
            }
            try bindAndStep(batch, stmt: stmt)
            total += Int64(batch.rowCount)
        }
        return total
    }

    private func bindAndStep(_ batch: ColumnBatch, stmt: OpaquePointer) throws {
        // Text buffers are pinned once per batch; binds use SQLITE_STATIC (nil destructor) because
        // each row is stepped before the buffers move.
        let texts: [TextVector?] = batch.columns.map { if case .texts(let t) = $0 { return t } else { return nil } }
        try withPinnedTexts(texts, index: 0, pointers: []) { pointers in
            for r in 0..<batch.rowCount {
                for (ci, column) in batch.columns.enumerated() {
                    let idx = Int32(ci + 1)
                    switch column {
                    case .integers(let v, let valid):
                        if valid[r] { sqlite3_bind_int64(stmt, idx, v[r]) } else { sqlite3_bind_null(stmt, idx) }
                    case .reals(let v, let valid):
                        if valid[r] { sqlite3_bind_double(stmt, idx, v[r]) } else { sqlite3_bind_null(stmt, idx) }
                    case .texts(let t):
                        if t.valid[r], let base = pointers[ci] {
                            let start = r == 0 ? 0 : t.ends[r - 1]
                            // The readers stop far below this (IngestLimits); a value past Int32 is refused, never trapped on.
                            guard let length = Int32(exactly: t.ends[r] - start) else {
                                throw SocleError(.tooLarge, code: "store.value_too_large", args: ["max": String(Int32.max >> 20)])
                            }
                            sqlite3_bind_text(stmt, idx, base + start, length, nil)
                        } else if t.valid[r] {
                            sqlite3_bind_text(stmt, idx, "", 0, nil)
                        } else {
                            sqlite3_bind_null(stmt, idx)
                        }
                    }
                }
                let rc = sqlite3_step(stmt)
                sqlite3_reset(stmt)
                if rc != SQLITE_DONE {
                    throw DatabaseError(resultCode: ResultCode(rawValue: rc),
                                        message: String(cString: sqlite3_errmsg(sqlite3_db_handle(stmt))))
                }
            }
        }
    }

    private func withPinnedTexts(_ texts: [TextVector?], index: Int, pointers: [UnsafePointer<CChar>?],
                                 _ body: ([UnsafePointer<CChar>?]) throws -> Void) throws {
        if index == texts.count { return try body(pointers) }
        guard let t = texts[index], !t.bytes.isEmpty else {
            return try withPinnedTexts(texts, index: index + 1, pointers: pointers + [nil], body)
        }
        try t.bytes.withUnsafeBufferPointer { buf in
            try buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                try withPinnedTexts(texts, index: index + 1, pointers: pointers + [p], body)
            }
        }
    }
}
