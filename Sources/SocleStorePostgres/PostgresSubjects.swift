import Foundation
import NIOCore
import PostgresNIO
import SocleCore
import SocleStore

/// The subject index and the erasure of rows (issue 12, item 3) on PostgreSQL.
extension PostgresStore {
    public func indexSubjects(revision: Revision, plan: SubjectIndexPlan) async throws {
        try await transaction { conn in try await self.buildSubjectIndex(conn, revision: revision, plan: plan) }
    }

    /// Reads the plan's columns as text, writes the sorted runs and the signature, in the caller's transaction.
    func buildSubjectIndex(_ conn: PostgresConnection, revision: Revision, plan: SubjectIndexPlan) async throws {
        try await run(conn, "DELETE FROM subject_index WHERE dataset_id = \(revision.datasetId) AND revision = \(Int32(revision.number))")
        var runs = SubjectRuns()
        if !plan.columns.isEmpty {
            let cols = plan.columns.map { "\(StoreSupport.quote($0))::text" }.joined(separator: ", ")
            let rows = try await conn.query(PostgresQuery(unsafeSQL: "SELECT _row, \(cols) FROM \(StoreSupport.quote(revision.tableName))"),
                                            logger: logger)
            var ids: [Int64] = [], values: [[String?]] = []
            for try await row in rows {
                var id: Int64 = 0
                var cells = [String?](repeating: nil, count: plan.columns.count)
                for (i, cell) in row.enumerated() {
                    if i == 0 { id = try cell.decode(Int64.self) } else { cells[i - 1] = try cell.decode(String?.self) }
                }
                ids.append(id)
                values.append(cells)
                if ids.count == SubjectRuns.batchRows {
                    runs.add(rows: ids, values: values, plan: plan)
                    ids.removeAll(keepingCapacity: true)
                    values.removeAll(keepingCapacity: true)
                }
            }
            runs.add(rows: ids, values: values, plan: plan)
        }
        try await writeRuns(conn, datasetId: revision.datasetId, revision: revision.number, runs)
        try await run(conn, """
            INSERT INTO subject_index_state (dataset_id, revision, signature)
            VALUES (\(revision.datasetId), \(Int32(revision.number)), \(plan.signature))
            ON CONFLICT (dataset_id, revision) DO UPDATE SET signature = excluded.signature
            """)
    }

    func writeRuns(_ conn: PostgresConnection, datasetId: Int64, revision: Int, _ runs: SubjectRuns) async throws {
        for run in runs.runs() {
            var buffer = ByteBufferAllocator().buffer(capacity: run.bytes.count)
            buffer.writeBytes(run.bytes)
            try await self.run(conn, """
                INSERT INTO subject_index (dataset_id, revision, first_key, last_key, entries)
                VALUES (\(datasetId), \(Int32(revision)), \(run.first), \(run.last), \(buffer))
                """)
        }
    }

    public func subjectIndexStates() async throws -> [SubjectIndexState] {
        try await connection { conn in
            try await self.all(conn, "SELECT dataset_id, revision, signature FROM subject_index_state ORDER BY dataset_id, revision") { row in
                let (d, r, s) = try row.decode((Int64, Int32, String).self)
                return SubjectIndexState(datasetId: d, revision: Int(r), signature: s)
            }
        }
    }

    public func lookupSubjects(keys: [Int64]) async throws -> [SubjectHit] {
        guard !keys.isEmpty else { return [] }
        let wanted = Array(Set(keys)).sorted()
        return try await connection { conn in
            var hits = Set<SubjectHit>()
            for key in wanted {
                let range = SubjectRuns.range(of: key)
                let rows = try await self.all(conn, """
                    SELECT dataset_id, revision, entries FROM subject_index WHERE first_key <= \(range.upperBound) AND last_key >= \(range.lowerBound)
                    """) { row in try row.decode((Int64, Int32, ByteBuffer).self) }
                for (d, r, buffer) in rows {
                    for found in SubjectRuns.matches(Array(buffer.readableBytesView), wanted: [key]) {
                        hits.insert(SubjectHit(datasetId: d, revision: Int(r), row: found, column: -1))
                    }
                }
            }
            return StoreSupport.sorted(hits)
        }
    }

    public func storedRows(of revision: Revision, ids: [Int64]) async throws -> [StoredRow] {
        guard !ids.isEmpty else { return [] }
        var binds = PostgresBindings()
        try binds.append(ids)
        return try await storedRows(of: revision, where: "_row = ANY($1)", binds)
    }

    public func storedRows(of revision: Revision, column: String, values: [String]) async throws -> [StoredRow] {
        guard !values.isEmpty, revision.columns.contains(where: { $0.name == column && $0.type.storage == .text }) else { return [] }
        var binds = PostgresBindings()
        try binds.append(values)
        return try await storedRows(of: revision, where: "\(StoreSupport.quote(column)) = ANY($1)", binds)
    }

    private func storedRows(of revision: Revision, where condition: String, _ binds: PostgresBindings) async throws -> [StoredRow] {
        let layout = revision.layout
        let sql = StoreSupport.storedRowsSQL(revision, rowsCondition: condition)
        let query = PostgresQuery(unsafeSQL: sql, binds: binds)
        return try await connection { conn in
            try await self.all(conn, query) { row in
                var id: Int64 = 0
                var cells: [CellValue] = []
                for (i, cell) in row.enumerated() {
                    if i == 0 { id = try cell.decode(Int64.self) } else {
                        cells.append(try Self.cell(cell, logical: layout.columns[i - 1].logical ?? .text))
                    }
                }
                return StoredRow(row: id, cells: cells)
            }
        }
    }

    public func eraseRows(_ erasure: RowErasure) async throws -> RowErasureResult {
        let (result, entry) = try await transaction { conn in
            var result = RowErasureResult(newRevisions: [], tables: [], rowsRemoved: 0)
            for target in erasure.targets {
                try await self.erase(conn, target, into: &result)
                FaultPoint.hit(FaultPoint.eraseMidway)
            }
            for (id, body) in erasure.records.sorted(by: { $0.key < $1.key }) {
                try await self.run(conn, "UPDATE register_records SET body = \(body), updated_at = now() WHERE id = \(id)")
            }
            var entry: AuditEntry?
            for event in erasure.audit { entry = try await self.appendAudit(conn, event) }
            return (result, entry)
        }
        if let entry { auditSeal.checkpoint(entry) }
        return result
    }

    private func revision(_ conn: PostgresConnection, datasetId: Int64, number: Int) async throws -> Revision? {
        try await all(conn, """
            SELECT dataset_id, number, created_at, source_name, source_size, source_sha256, format, encoding, delimiter,
            row_count, columns_json, warnings_json, status, table_name FROM revisions WHERE dataset_id = \(datasetId) AND number = \(Int32(number))
            """) { row in
            let (ds, n, created, name, size, sha, format, enc, delim, rows, columnsJSON, warningsJSON, status, table) =
                try row.decode((Int64, Int32, Date, String, Int64, String, String, String?, String?, Int64, String,
                                String, String, String).self)
            return Revision(datasetId: ds, number: Int(n), createdAt: created,
                            source: SourceFileInfo(fileName: name, size: size, sha256: sha, format: format, encoding: enc, delimiter: delim),
                            rowCount: rows, columns: try StoreSupport.decodeJSON([ColumnSchema].self, columnsJSON),
                            warnings: try StoreSupport.decodeJSON([Notice].self, warningsJSON),
                            status: RevisionStatus(rawValue: status) ?? .ready, tableName: table)
        }.first
    }

    private func erase(_ conn: PostgresConnection, _ target: RowErasure.Target, into result: inout RowErasureResult) async throws {
        let datasetId = target.datasetId
        guard let current = try await all(conn, "SELECT current_revision FROM datasets WHERE id = \(datasetId) FOR UPDATE",
                                          { try $0.decode(Int32?.self) }).first ?? nil else {
            throw StoreError.notFound("dataset", String(datasetId))
        }
        guard Int(current) == target.expectedCurrent ?? Int(current) else {
            throw SocleError(.conflict, code: "subject.dataset_changed", args: ["dataset": target.datasetSlug])
        }
        func q(_ sql: String, _ rows: [Int64]? = nil) async throws -> Int {
            var binds = PostgresBindings()
            if let rows { try binds.append(rows) }
            return try await run(conn, PostgresQuery(unsafeSQL: sql, binds: binds))
        }
        // 0. The metadata that quotes values (type evidence, warnings, documents, job reports) forgets them.
        let blank = StoreSupport.erasedLiteral
        for v in target.scrub {
            try await run(conn, """
                UPDATE revisions SET columns_json = replace(columns_json, \(v), \(blank)), warnings_json = replace(warnings_json, \(v), \(blank))
                WHERE dataset_id = \(datasetId) AND (strpos(columns_json, \(v)) > 0 OR strpos(warnings_json, \(v)) > 0)
                """)
            try await run(conn, """
                UPDATE dataset_documents SET body = replace(body, \(v), \(blank)) WHERE dataset_id = \(datasetId) AND strpos(body, \(v)) > 0
                """)
            try await run(conn, """
                UPDATE jobs SET result = replace(result, \(v), \(blank)), error_json = replace(error_json, \(v), \(blank))
                WHERE dataset_slug = \(target.datasetSlug) AND (strpos(result, \(v)) > 0 OR strpos(error_json, \(v)) > 0)
                """)
        }
        let rectifying = !target.corrections.isEmpty
        // The new revision's index: the old current one's, once it has lost the rows (same rows, same numbers), when
        // it was built under the same plan; otherwise built from the copied table.
        var indexCopy: (from: Int, to: Revision, plan: SubjectIndexPlan)?
        // 1. The current revision loses rows: a new revision, a copy without them (row numbers kept).
        if let fresh = target.newRevision, let rows = target.rows[Int(current)], !rows.isEmpty,
           let old = try await revision(conn, datasetId: datasetId, number: Int(current)) {
            let maxNumber = try await all(conn, "SELECT max(number) FROM revisions WHERE dataset_id = \(datasetId)") { try $0.decode(Int32?.self) }
            let number = Int((maxNumber.first ?? nil) ?? current) + 1
            let table = StoreSupport.tableName(datasetId: datasetId, number: number)
            let qOld = StoreSupport.quote(old.tableName), qNew = StoreSupport.quote(table)
            _ = try await q("CREATE TABLE \(qNew) (LIKE \(qOld) INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING CONSTRAINTS)")
            _ = try await q("ALTER TABLE \(qNew) ADD PRIMARY KEY (_row)")
            // A rectification copies every row, then corrects the person's.
            _ = try await q("INSERT INTO \(qNew) OVERRIDING SYSTEM VALUE SELECT * FROM \(qOld) WHERE NOT (_row = ANY($1))", rectifying ? [] : rows)
            if rectifying { _ = try await correct(conn, table: table, StoreSupport.corrections(target.corrections, in: old), rows: rows) }
            let definitions = try await all(conn, """
                SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = \(old.tableName)
                AND indexname <> \(old.tableName + "_pkey")
                """) { try $0.decode(String.self) }
            for definition in definitions {
                _ = try await q(Self.renamingTable(definition, from: old.tableName, to: table))
            }
            _ = try await q("ANALYZE \(qNew)")
            let count = try await all(conn, PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(qNew)")) { try $0.decode(Int64.self) }.first ?? 0
            try await run(conn, "UPDATE revisions SET status = 'superseded' WHERE dataset_id = \(datasetId) AND status = 'ready'")
            let now = Date()
            let made = Revision(datasetId: datasetId, number: number, createdAt: now, source: fresh.source, rowCount: count,
                                columns: old.columns, warnings: old.warnings, status: .ready, tableName: table)
            let columnsJSON = StoreSupport.encodeJSON(made.columns), warningsJSON = StoreSupport.encodeJSON(made.warnings)
            let n32 = Int32(number)
            try await run(conn, """
                INSERT INTO revisions (dataset_id, number, created_at, source_name, source_size, source_sha256, format,
                    encoding, delimiter, row_count, columns_json, warnings_json, status, table_name)
                VALUES (\(datasetId), \(n32), \(now), \(made.source.fileName), \(made.source.size), \(made.source.sha256),
                    \(made.source.format), \(made.source.encoding), \(made.source.delimiter), \(count), \(columnsJSON),
                    \(warningsJSON), 'ready', \(table))
                """)
            try await run(conn, "UPDATE datasets SET current_revision = \(n32) WHERE id = \(datasetId)")
            for d in fresh.documents(made) { try await putDocument(conn, datasetId: datasetId, d) }
            if let plan = fresh.plan { indexCopy = (Int(current), made, plan) }
            result.newRevisions.append(made)
            result.tables.append(table)
        }
        // 2. Every revision that held them, the previous current one included, loses them in place.
        for (number, rows) in target.rows.sorted(by: { $0.key < $1.key }) where !rows.isEmpty {
            guard let r = try await revision(conn, datasetId: datasetId, number: number) else { continue }
            if rectifying {
                result.rowsCorrected += try await correct(conn, table: r.tableName, StoreSupport.corrections(target.corrections, in: r), rows: rows)
                // Its index holds the old identifiers: dropped, rebuilt at the next search.
                try await run(conn, "DELETE FROM subject_index WHERE dataset_id = \(datasetId) AND revision = \(Int32(number))")
                try await run(conn, "DELETE FROM subject_index_state WHERE dataset_id = \(datasetId) AND revision = \(Int32(number))")
                result.tables.append(r.tableName)
                continue
            }
            let removed = try await q("DELETE FROM \(StoreSupport.quote(r.tableName)) WHERE _row = ANY($1) RETURNING _row", rows)
            result.rowsRemoved += removed
            try await run(conn, """
                UPDATE revisions SET row_count = row_count - \(Int64(removed)) WHERE dataset_id = \(datasetId) AND number = \(Int32(number))
                """)
            try await rewriteRuns(conn, datasetId: datasetId, revision: number, without: Set(rows))
            result.tables.append(r.tableName)
        }
        // 3. The new revision's index.
        if let copy = indexCopy {
            let from = Int32(copy.from), to = Int32(copy.to.number)
            let signature = try await all(conn, """
                SELECT signature FROM subject_index_state WHERE dataset_id = \(datasetId) AND revision = \(from)
                """) { try $0.decode(String.self) }.first
            if signature == copy.plan.signature && !rectifying {
                try await run(conn, """
                    INSERT INTO subject_index (dataset_id, revision, first_key, last_key, entries)
                    SELECT dataset_id, \(to), first_key, last_key, entries FROM subject_index WHERE dataset_id = \(datasetId) AND revision = \(from)
                    """)
                try await run(conn, """
                    INSERT INTO subject_index_state (dataset_id, revision, signature) VALUES (\(datasetId), \(to), \(copy.plan.signature))
                    ON CONFLICT (dataset_id, revision) DO UPDATE SET signature = excluded.signature
                    """)
            } else {
                try await buildSubjectIndex(conn, revision: copy.to, plan: copy.plan)
            }
        }
    }

    /// Sets the corrected columns of the rows; the number of rows changed.
    private func correct(_ conn: PostgresConnection, table: String, _ corrections: [(column: String, value: CellValue)],
                         rows: [Int64]) async throws -> Int {
        guard !corrections.isEmpty else { return 0 }
        var binds = PostgresBindings()
        var set: [String] = []
        for c in corrections {
            let name = StoreSupport.quote(c.column)
            switch c.value {
            case .null: set.append("\(name) = NULL"); continue
            case .bool(let b): try binds.append(Int64(b ? 1 : 0))
            case .integer(let i): try binds.append(i)
            case .number(let d): try binds.append(d)
            case .text(let t): try binds.append(t)
            }
            set.append("\(name) = $\(binds.count)")
        }
        try binds.append(rows)
        return try await run(conn, PostgresQuery(unsafeSQL: "UPDATE \(StoreSupport.quote(table)) SET \(set.joined(separator: ", ")) "
                                                 + "WHERE _row = ANY($\(binds.count)) RETURNING _row", binds: binds))
    }

    /// `CREATE INDEX rev_3_2_code_idx ON public.rev_3_2 …` → the same for `rev_3_3` (not `rev_3_20`).
    static func renamingTable(_ sql: String, from old: String, to new: String) -> String {
        var out = ""
        var rest = Substring(sql)
        while let r = rest.range(of: old) {
            out += rest[..<r.lowerBound]
            let next = rest[r.upperBound...].first
            out += (next.map { $0.isNumber } ?? false) ? old : new
            rest = rest[r.upperBound...]
        }
        return out + rest
    }

    func rewriteRuns(_ conn: PostgresConnection, datasetId: Int64, revision: Int, without rows: Set<Int64>) async throws {
        let stored = try await all(conn, """
            SELECT entries FROM subject_index WHERE dataset_id = \(datasetId) AND revision = \(Int32(revision))
            """) { try $0.decode(ByteBuffer.self) }
        guard !stored.isEmpty else { return }
        var kept = SubjectRuns()
        for buffer in stored {
            for e in SubjectRuns.entries(Array(buffer.readableBytesView)) where !rows.contains(SubjectRuns.row(e)) {
                kept.add(entry: e)
            }
        }
        try await run(conn, "DELETE FROM subject_index WHERE dataset_id = \(datasetId) AND revision = \(Int32(revision))")
        try await writeRuns(conn, datasetId: datasetId, revision: revision, kept)
    }

    public func compactErased(tables: [String]) async throws {
        // VACUUM cannot run in a transaction: one statement per table, each on its own, after the commit.
        try await connection { conn in
            for table in Set(tables + ["subject_index"]).sorted() {
                _ = try await self.run(conn, PostgresQuery(unsafeSQL: "VACUUM (ANALYZE) \(StoreSupport.quote(table))"))
            }
        }
    }
}
