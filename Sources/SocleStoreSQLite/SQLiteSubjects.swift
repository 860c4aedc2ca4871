import Foundation
import GRDB
import GRDBSQLite
import SocleCore
import SocleStore

/// The subject index and the erasure of rows (issue 12, item 3) on SQLite.
extension SQLiteStore {
    public func indexSubjects(revision: Revision, plan: SubjectIndexPlan) async throws {
        try await Self.mappingErrors { try await pool.write { db in try Self.buildSubjectIndex(db, revision: revision, plan: plan) } }
    }

    /// Reads the plan's columns of every row (straight from the statement), writes the sorted runs and the
    /// signature. Runs inside the caller's transaction (a load's, an erasure's, or its own).
    static func buildSubjectIndex(_ db: Database, revision: Revision, plan: SubjectIndexPlan) throws {
        try db.execute(sql: "DELETE FROM subject_index WHERE dataset_id = ? AND revision = ?",
                       arguments: [revision.datasetId, revision.number])
        var runs = SubjectRuns()
        if !plan.columns.isEmpty {
            let cols = plan.columns.map { "CAST(\(StoreSupport.quote($0)) AS TEXT)" }.joined(separator: ", ")
            let statement = try db.makeStatement(sql: "SELECT _row, \(cols) FROM \(StoreSupport.quote(revision.tableName))")
            let stmt = statement.sqliteStatement
            defer { sqlite3_reset(stmt) }
            // Read in batches, hashed on every core while the next batch is read.
            var rows: [Int64] = [], values: [[String?]] = []
            let width = plan.columns.count
            while true {
                let rc = sqlite3_step(stmt)
                if rc == SQLITE_DONE { break }
                guard rc == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(stmt))))
                }
                var row = [String?](repeating: nil, count: width)
                for i in 0..<width {
                    let c = Int32(i + 1)
                    if let p = sqlite3_column_text(stmt, c) {
                        row[i] = String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(stmt, c))), as: UTF8.self)
                    }
                }
                rows.append(sqlite3_column_int64(stmt, 0))
                values.append(row)
                if rows.count == SubjectRuns.batchRows {
                    runs.add(rows: rows, values: values, plan: plan)
                    rows.removeAll(keepingCapacity: true)
                    values.removeAll(keepingCapacity: true)
                }
            }
            runs.add(rows: rows, values: values, plan: plan)
        }
        try writeRuns(db, datasetId: revision.datasetId, revision: revision.number, runs)
        try db.execute(sql: """
            INSERT INTO subject_index_state (dataset_id, revision, signature) VALUES (?, ?, ?)
            ON CONFLICT (dataset_id, revision) DO UPDATE SET signature = excluded.signature
            """, arguments: [revision.datasetId, revision.number, plan.signature])
    }

    static func writeRuns(_ db: Database, datasetId: Int64, revision: Int, _ runs: SubjectRuns) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO subject_index (dataset_id, revision, first_key, last_key, entries) VALUES (?, ?, ?, ?, ?)
            """)
        for run in runs.runs() {
            try insert.execute(arguments: [datasetId, revision, run.first, run.last, Data(run.bytes)])
        }
    }

    public func subjectIndexStates() async throws -> [SubjectIndexState] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT dataset_id, revision, signature FROM subject_index_state ORDER BY dataset_id, revision")
                .map { SubjectIndexState(datasetId: $0["dataset_id"], revision: $0["revision"], signature: $0["signature"]) }
        }
    }

    public func lookupSubjects(keys: [Int64]) async throws -> [SubjectHit] {
        guard !keys.isEmpty else { return [] }
        let wanted = Array(Set(keys)).sorted()
        return try await pool.read { db in
            var hits = Set<SubjectHit>()
            let statement = try db.cachedStatement(sql: """
                SELECT dataset_id, revision, entries FROM subject_index WHERE first_key <= ? AND last_key >= ?
                """)
            for key in wanted {
                let range = SubjectRuns.range(of: key)
                let rows = try Row.fetchCursor(statement, arguments: [range.upperBound, range.lowerBound])
                while let row = try rows.next() {
                    let bytes: Data = row["entries"]
                    for found in SubjectRuns.matches([UInt8](bytes), wanted: [key]) {
                        hits.insert(SubjectHit(datasetId: row["dataset_id"], revision: row["revision"], row: found, column: -1))
                    }
                }
            }
            return StoreSupport.sorted(hits)
        }
    }

    public func storedRows(of revision: Revision, ids: [Int64]) async throws -> [StoredRow] {
        guard !ids.isEmpty else { return [] }
        let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
        return try await storedRows(of: revision, where: "_row IN (SELECT value FROM json_each(?))", list)
    }

    public func storedRows(of revision: Revision, column: String, values: [String]) async throws -> [StoredRow] {
        guard !values.isEmpty, revision.columns.contains(where: { $0.name == column && $0.type.storage == .text }) else { return [] }
        return try await storedRows(of: revision, where: "\(StoreSupport.quote(column)) IN (SELECT value FROM json_each(?))",
                                    StoreSupport.encodeJSON(values))
    }

    private func storedRows(of revision: Revision, where condition: String, _ list: String) async throws -> [StoredRow] {
        let layout = revision.layout
        let sql = StoreSupport.storedRowsSQL(revision, rowsCondition: condition)
        let types: [ColumnType?] = [.integer] + layout.columns.map(\.logical)
        return try await pool.read { db in
            let statement = try db.makeStatement(sql: sql)
            let cursor = try Row.fetchCursor(statement, arguments: [list])
            var out: [StoredRow] = []
            while try cursor.next() != nil {
                let cells = Self.decode(statement.sqliteStatement, columns: statement.columnCount, types: types)
                guard case .integer(let row)? = cells.first else { continue }
                out.append(StoredRow(row: row, cells: Array(cells.dropFirst())))
            }
            return out
        }
    }

    public func eraseRows(_ erasure: RowErasure) async throws -> RowErasureResult {
        let seal = auditSeal
        let (result, entry) = try await Self.mappingErrors { try await pool.writeWithoutTransaction { db in
            // Deleted cells and freed pages are overwritten with zeros as they go, so the values do not stay
            // readable in the file's free space (the WAL is truncated by `compactErased` after the commit).
            try db.execute(sql: "PRAGMA secure_delete = ON")
            defer { try? db.execute(sql: "PRAGMA secure_delete = OFF") }
            var result = RowErasureResult(newRevisions: [], tables: [], rowsRemoved: 0)
            var entry: AuditEntry?
            try db.inTransaction {
                for target in erasure.targets {
                    try Self.erase(db, target, into: &result)
                    FaultPoint.hit(FaultPoint.eraseMidway)
                }
                for (id, body) in erasure.records.sorted(by: { $0.key < $1.key }) {
                    try db.execute(sql: "UPDATE register_records SET body = ?, updated_at = ? WHERE id = ?",
                                   arguments: [body, StoreSupport.isoString(Date()), id])
                }
                for event in erasure.audit { entry = try Self.appendAudit(db, event, seal: seal) }
                return .commit
            }
            return (result, entry)
        } }
        if let entry { auditSeal.checkpoint(entry) }
        pool.releaseMemoryEventually()
        return result
    }

    private static func erase(_ db: Database, _ target: RowErasure.Target, into result: inout RowErasureResult) throws {
        let datasetId = target.datasetId
        guard let current = try Int.fetchOne(db, sql: "SELECT current_revision FROM datasets WHERE id = ?", arguments: [datasetId]) else {
            throw StoreError.notFound("dataset", String(datasetId))
        }
        guard current == target.expectedCurrent ?? current else {
            throw SocleError(.conflict, code: "subject.dataset_changed", args: ["dataset": target.datasetSlug])
        }
        func revision(_ number: Int) throws -> Revision? {
            try Row.fetchOne(db, sql: "SELECT \(revisionColumns) FROM revisions WHERE dataset_id = ? AND number = ?",
                             arguments: [datasetId, number]).map(Self.revision)
        }
        func json(_ rows: [Int64]) -> String { "[" + rows.map(String.init).joined(separator: ",") + "]" }
        // 0. The metadata that quotes values (type evidence, warnings, documents, job reports) forgets them.
        let blank = StoreSupport.erasedLiteral
        for v in target.scrub {
            try db.execute(sql: """
                UPDATE revisions SET columns_json = replace(columns_json, ?1, ?2), warnings_json = replace(warnings_json, ?1, ?2)
                WHERE dataset_id = ?3 AND (instr(columns_json, ?1) > 0 OR instr(warnings_json, ?1) > 0)
                """, arguments: [v, blank, datasetId])
            try db.execute(sql: "UPDATE dataset_documents SET body = replace(body, ?1, ?2) WHERE dataset_id = ?3 AND instr(body, ?1) > 0",
                           arguments: [v, blank, datasetId])
            try db.execute(sql: """
                UPDATE jobs SET result = replace(result, ?1, ?2), error_json = replace(error_json, ?1, ?2)
                WHERE dataset_slug = ?3 AND (instr(result, ?1) > 0 OR instr(error_json, ?1) > 0)
                """, arguments: [v, blank, target.datasetSlug])
        }
        let rectifying = !target.corrections.isEmpty
        // The new revision's index: the old current one's, once it has lost the rows (same rows, same numbers), when
        // it was built under the same plan; otherwise built from the copied table.
        var indexCopy: (from: Int, to: Revision, plan: SubjectIndexPlan)?
        // 1. The current revision loses rows: a new revision, a copy without them (row numbers kept).
        if let fresh = target.newRevision, let rows = target.rows[current], !rows.isEmpty, let old = try revision(current) {
            let number = (try Int.fetchOne(db, sql: "SELECT max(number) FROM revisions WHERE dataset_id = ?", arguments: [datasetId]) ?? current) + 1
            let table = StoreSupport.tableName(datasetId: datasetId, number: number)
            let renamed = { (sql: String) in
                sql.replacingOccurrences(of: "\"\(old.tableName)\"", with: "\"\(table)\"")
                    .replacingOccurrences(of: "\"\(old.tableName)_", with: "\"\(table)_")
            }
            guard let ddl = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                                                arguments: [old.tableName]) else { throw StoreError.notFound("revision", old.tableName) }
            try db.execute(sql: renamed(ddl))
            // A rectification copies every row, then corrects the person's.
            try db.execute(sql: "INSERT INTO \(StoreSupport.quote(table)) SELECT * FROM \(StoreSupport.quote(old.tableName)) "
                           + "WHERE _row NOT IN (SELECT value FROM json_each(?))", arguments: [json(rectifying ? [] : rows)])
            if rectifying { _ = try correct(db, table: table, StoreSupport.corrections(target.corrections, in: old), rows: rows) }
            let count = try Int64.fetchOne(db, sql: "SELECT count(*) FROM \(StoreSupport.quote(table))") ?? 0
            for index in try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                                             arguments: [old.tableName]) {
                try db.execute(sql: renamed(index))
            }
            try db.execute(sql: "ANALYZE \(StoreSupport.quote(table))")
            try db.execute(sql: "UPDATE revisions SET status = 'superseded' WHERE dataset_id = ? AND status = 'ready'", arguments: [datasetId])
            let now = Date()
            let made = Revision(datasetId: datasetId, number: number, createdAt: now, source: fresh.source, rowCount: count,
                                columns: old.columns, warnings: old.warnings, status: .ready, tableName: table)
            try db.execute(sql: """
                INSERT INTO revisions (dataset_id, number, created_at, source_name, source_size, source_sha256, format,
                    encoding, delimiter, row_count, columns_json, warnings_json, status, table_name)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ready', ?)
                """, arguments: [datasetId, number, StoreSupport.isoString(now), made.source.fileName, made.source.size,
                                 made.source.sha256, made.source.format, made.source.encoding, made.source.delimiter,
                                 count, StoreSupport.encodeJSON(made.columns), StoreSupport.encodeJSON(made.warnings), table])
            try db.execute(sql: "UPDATE datasets SET current_revision = ? WHERE id = ?", arguments: [number, datasetId])
            for d in fresh.documents(made) { try putDocument(db, datasetId: datasetId, d) }
            if let plan = fresh.plan { indexCopy = (current, made, plan) }
            result.newRevisions.append(made)
            result.tables.append(table)
        }
        // 2. Every revision that held them, the previous current one included, loses them in place.
        for (number, rows) in target.rows.sorted(by: { $0.key < $1.key }) where !rows.isEmpty {
            guard let r = try revision(number) else { continue }
            if rectifying {
                result.rowsCorrected += try correct(db, table: r.tableName, StoreSupport.corrections(target.corrections, in: r), rows: rows)
                try db.execute(sql: "ANALYZE \(StoreSupport.quote(r.tableName))")
                // Its index holds the old identifiers: dropped, rebuilt at the next search.
                try db.execute(sql: "DELETE FROM subject_index WHERE dataset_id = ? AND revision = ?", arguments: [datasetId, number])
                try db.execute(sql: "DELETE FROM subject_index_state WHERE dataset_id = ? AND revision = ?", arguments: [datasetId, number])
                result.tables.append(r.tableName)
                continue
            }
            try db.execute(sql: "DELETE FROM \(StoreSupport.quote(r.tableName)) WHERE _row IN (SELECT value FROM json_each(?))",
                           arguments: [json(rows)])
            let removed = db.changesCount
            result.rowsRemoved += removed
            try db.execute(sql: "UPDATE revisions SET row_count = row_count - ? WHERE dataset_id = ? AND number = ?",
                           arguments: [removed, datasetId, number])
            // Fresh statistics: the old ones may hold sampled values of the removed rows.
            try db.execute(sql: "ANALYZE \(StoreSupport.quote(r.tableName))")
            try rewriteRuns(db, datasetId: datasetId, revision: number, without: Set(rows))
            result.tables.append(r.tableName)
        }
        // 3. The new revision's index.
        if let copy = indexCopy {
            let signature = try String.fetchOne(db, sql: "SELECT signature FROM subject_index_state WHERE dataset_id = ? AND revision = ?",
                                                arguments: [datasetId, copy.from])
            if signature == copy.plan.signature && !rectifying {
                try db.execute(sql: """
                    INSERT INTO subject_index (dataset_id, revision, first_key, last_key, entries)
                    SELECT dataset_id, ?, first_key, last_key, entries FROM subject_index WHERE dataset_id = ? AND revision = ?
                    """, arguments: [copy.to.number, datasetId, copy.from])
                try db.execute(sql: """
                    INSERT INTO subject_index_state (dataset_id, revision, signature) VALUES (?, ?, ?)
                    ON CONFLICT (dataset_id, revision) DO UPDATE SET signature = excluded.signature
                    """, arguments: [datasetId, copy.to.number, copy.plan.signature])
            } else {
                try buildSubjectIndex(db, revision: copy.to, plan: copy.plan)
            }
        }
    }

    /// Sets the corrected columns of the rows; the number of rows changed.
    static func correct(_ db: Database, table: String, _ corrections: [(column: String, value: CellValue)], rows: [Int64]) throws -> Int {
        guard !corrections.isEmpty else { return 0 }
        let set = corrections.map { "\(StoreSupport.quote($0.column)) = ?" }.joined(separator: ", ")
        var arguments = StatementArguments()
        for c in corrections {
            switch c.value {
            case .null: arguments += [DatabaseValue.null]
            case .bool(let b): arguments += [Int64(b ? 1 : 0)]
            case .integer(let i): arguments += [i]
            case .number(let d): arguments += [d]
            case .text(let t): arguments += [t]
            }
        }
        arguments += ["[" + rows.map(String.init).joined(separator: ",") + "]"]
        try db.execute(sql: "UPDATE \(StoreSupport.quote(table)) SET \(set) WHERE _row IN (SELECT value FROM json_each(?))",
                       arguments: arguments)
        return db.changesCount
    }

    /// Drops the index entries of removed rows from a revision's runs.
    static func rewriteRuns(_ db: Database, datasetId: Int64, revision: Int, without rows: Set<Int64>) throws {
        var kept = SubjectRuns()
        let stored = try Data.fetchAll(db, sql: "SELECT entries FROM subject_index WHERE dataset_id = ? AND revision = ?",
                                       arguments: [datasetId, revision])
        guard !stored.isEmpty else { return }
        for data in stored {
            for e in SubjectRuns.entries([UInt8](data)) where !rows.contains(SubjectRuns.row(e)) { kept.add(entry: e) }
        }
        try db.execute(sql: "DELETE FROM subject_index WHERE dataset_id = ? AND revision = ?", arguments: [datasetId, revision])
        try writeRuns(db, datasetId: datasetId, revision: revision, kept)
    }

    public func compactErased(tables: [String]) async throws {
        // A reader holding an old snapshot keeps the log from being truncated: wait for it (readers are short;
        // an export may take longer, hence the patience), then say so rather than pretend.
        for attempt in 0..<600 {
            let done: Bool = try await pool.writeWithoutTransaction { db in
                var log: Int32 = 0, done: Int32 = 0
                let rc = sqlite3_wal_checkpoint_v2(db.sqliteConnection, nil, SQLITE_CHECKPOINT_TRUNCATE, &log, &done)
                return rc == SQLITE_OK
            }
            if done { return }
            try await Task.sleep(nanoseconds: UInt64(min(attempt + 1, 10)) * 100_000_000)
        }
        throw SocleError(.unavailable, code: "store.checkpoint_busy")
    }
}
