import Foundation
import PostgresNIO
import SocleCore
import SocleQuery
import SocleStore

extension PostgresStore {
    public func purgeRows(_ request: RowPurgeRequest) async throws -> RowPurgeResult {
        let (result, entry) = try await connection { conn in
            if request.dryRun {
                return try await self.readOnly(conn, QueryBudget(timeLimit: .seconds(3_600), maxRows: Int.max)) {
                    try await self.purge(conn, request)
                }
            }
            return try await self.inTransaction(conn) { try await self.purge(conn, request) }
        }
        if let entry { auditSeal.checkpoint(entry) }
        // Deleted tuples stay in the table's pages until VACUUM reclaims them (it cannot run in a transaction).
        if !request.dryRun {
            try await connection { conn in
                // `revisions` too: its old rows kept the column evidence the purge scrubbed.
                for table in result.tables.map(\.table) + (result.tables.isEmpty ? [] : ["revisions"]) {
                    try await self.run(conn, PostgresQuery(unsafeSQL: "VACUUM (ANALYZE) \(StoreSupport.quote(table))"))
                }
            }
        }
        return result
    }

    func purge(_ conn: PostgresConnection, _ request: RowPurgeRequest) async throws -> (RowPurgeResult, AuditEntry?) {
        // The dataset's row is the lock every load of it takes too: no revision appears or changes meanwhile.
        let lock = request.dryRun ? "" : " FOR UPDATE"
        let current: Int32?? = try await all(conn, PostgresQuery(unsafeSQL: "SELECT current_revision FROM datasets WHERE id = $1" + lock,
                                                                 binds: Self.binds(request.datasetId))) { try $0.decode(Int32?.self) }.first
        guard let current else { throw StoreError.notFound("dataset", String(request.datasetId)) }
        let revisions = try await revisions(conn, datasetId: request.datasetId)
        let existing = Set(try await all(conn, "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'rev\\_%'") {
            try $0.decode(String.self)
        })
        var digest = RowPurgeDigest()
        var tables: [RowPurgeResult.Table] = []
        for rev in revisions where existing.contains(rev.tableName) {
            guard let match = request.applicableMatch(rev) else { continue }
            var binds: [SQLBind] = []
            let condition = match.render(.postgres, binds: &binds)
            let layout = Self.purgeLayout(rev)
            let table = StoreSupport.quote(rev.tableName)
            let names = layout.map { StoreSupport.quote($0.name) }
            let select = "SELECT " + (["_row"] + names).joined(separator: ", ") + " FROM \(table) WHERE \(condition) ORDER BY _row"
            let types: [ColumnType?] = [.integer] + layout.map { $0.logical ?? .number }
            var matched: Int64 = 0
            var sample: [Int64] = []
            for try await row in try await conn.query(PostgresQuery(unsafeSQL: select, binds: Self.bindings(binds)), logger: logger) {
                let cells = try Self.decode(row, types: types)
                guard case .integer(let id) = cells[0] else { continue }
                let purged = PurgedRow(revision: rev.number, row: id, columns: layout.map(\.name), values: Array(cells.dropFirst()))
                digest.add(purged)
                try request.visit?(purged)
                matched += 1
                if sample.count < request.sampleSize { sample.append(id) }
            }
            guard matched > 0 else { continue }
            var after = rev.rowCount
            if !request.dryRun {
                switch request.action {
                case .delete:
                    let removed = try await run(conn, PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE \(condition) RETURNING 1",
                                                                    binds: Self.bindings(binds)))
                    after = rev.rowCount - Int64(removed)
                case .blank:
                    let set = request.blanked(in: rev).map { "\(StoreSupport.quote($0)) = NULL" }.joined(separator: ", ")
                    try await run(conn, PostgresQuery(unsafeSQL: "UPDATE \(table) SET \(set) WHERE \(condition)", binds: Self.bindings(binds)))
                }
                let warnings = StoreSupport.encodeJSON(RowPurgeRequest.warnings(rev.warnings, request.notice))
                let columns = StoreSupport.encodeJSON(request.scrubbed(rev.columns))
                try await run(conn, "UPDATE revisions SET row_count = \(after), warnings_json = \(warnings), columns_json = \(columns) WHERE dataset_id = \(rev.datasetId) AND number = \(Int32(rev.number))")
            } else if case .delete = request.action {
                after = rev.rowCount - matched
            }
            tables.append(.init(revision: rev.number, table: rev.tableName, matched: matched, rowsBefore: rev.rowCount,
                                rowsAfter: after, sample: sample))
        }
        var result = RowPurgeResult(datasetId: request.datasetId, dryRun: request.dryRun, tables: tables, newRevision: nil,
                                    sha256: digest.finish())
        guard !request.dryRun, !tables.isEmpty else { return (result, nil) }
        if request.newRevision, let current, tables.contains(where: { $0.revision == Int(current) }),
           let rev = revisions.first(where: { $0.number == Int(current) }) {
            var scrubbed = rev
            scrubbed.columns = request.scrubbed(rev.columns)
            result.newRevision = try await copyRevision(conn, scrubbed, notice: request.notice)
        }
        FaultPoint.hit(FaultPoint.inRowPurge)
        for d in [result.document] + (try request.documents?(result) ?? []) { try await putDocument(conn, datasetId: request.datasetId, d) }
        var entry: AuditEntry?
        for event in request.audit?(result) ?? [] { entry = try await appendAudit(conn, event) }
        return (result, entry)
    }

    func revisions(_ conn: PostgresConnection, datasetId: Int64) async throws -> [Revision] {
        try await all(conn, """
            SELECT dataset_id, number, created_at, source_name, source_size, source_sha256, format, encoding, delimiter,
            row_count, columns_json, warnings_json, status, table_name FROM revisions WHERE dataset_id = \(datasetId) ORDER BY number
            """) { row in
            let (ds, n, created, name, size, sha, format, enc, delim, rows, columnsJSON, warningsJSON, status, table) =
                try row.decode((Int64, Int32, Date, String, Int64, String, String, String?, String?, Int64, String,
                                String, String, String).self)
            return Revision(datasetId: ds, number: Int(n), createdAt: created,
                            source: SourceFileInfo(fileName: name, size: size, sha256: sha, format: format, encoding: enc, delimiter: delim),
                            rowCount: rows, columns: try StoreSupport.decodeJSON([ColumnSchema].self, columnsJSON),
                            warnings: try StoreSupport.decodeJSON([Notice].self, warningsJSON),
                            status: RevisionStatus(rawValue: status) ?? .ready, tableName: table)
        }
    }

    /// A new revision holding what is left of `rev` (same rows, same `_row` numbers), made current.
    func copyRevision(_ conn: PostgresConnection, _ rev: Revision, notice: Notice?) async throws -> Int {
        let max = try await all(conn, "SELECT max(number) FROM revisions WHERE dataset_id = \(rev.datasetId)") { try $0.decode(Int32?.self) }
        let number = Int((max.first ?? nil) ?? 0) + 1
        let table = StoreSupport.tableName(datasetId: rev.datasetId, number: number)
        let layout = TableLayout(schema: rev.columns)
        let draft = RevisionDraft(datasetSlug: "", datasetTitle: "", organisationSlug: "", organisationName: "",
                                  source: rev.source, columns: rev.columns, warnings: rev.warnings)
        let loader = PostgresLoader(conn: conn, logger: logger, store: self, draft: draft)
        try await run(conn, PostgresQuery(unsafeSQL: loader.createTableSQL(table, layout)))
        let names = (["_row"] + layout.columns.map { StoreSupport.quote($0.name) }).joined(separator: ", ")
        let rows = try await run(conn, PostgresQuery(unsafeSQL: """
            INSERT INTO \(StoreSupport.quote(table)) (\(names)) OVERRIDING SYSTEM VALUE
            SELECT \(names) FROM \(StoreSupport.quote(rev.tableName)) ORDER BY _row RETURNING 1
            """))
        for cols in StoreSupport.indexedColumns(layout) {
            let name = StoreSupport.quote("\(table)_\(cols.joined(separator: "_"))_idx")
            try await run(conn, PostgresQuery(unsafeSQL:
                "CREATE INDEX \(name) ON \(StoreSupport.quote(table)) (\(cols.map(StoreSupport.quote).joined(separator: ", ")), _row)"))
        }
        try await run(conn, PostgresQuery(unsafeSQL: "ANALYZE \(StoreSupport.quote(table))"))
        try await run(conn, "UPDATE revisions SET status = 'superseded' WHERE dataset_id = \(rev.datasetId) AND status = 'ready'")
        let warnings = StoreSupport.encodeJSON(RowPurgeRequest.warnings(rev.warnings, notice))
        let columns = StoreSupport.encodeJSON(rev.columns)
        let n32 = Int32(number)
        let count = Int64(rows)
        try await run(conn, """
            INSERT INTO revisions (dataset_id, number, created_at, source_name, source_size, source_sha256, format,
                encoding, delimiter, row_count, columns_json, warnings_json, status, table_name)
            VALUES (\(rev.datasetId), \(n32), \(Date()), \(rev.source.fileName), \(rev.source.size), \(rev.source.sha256),
                \(rev.source.format), \(rev.source.encoding), \(rev.source.delimiter), \(count), \(columns),
                \(warnings), 'ready', \(table))
            """)
        try await run(conn, "UPDATE datasets SET current_revision = \(n32) WHERE id = \(rev.datasetId)")
        return number
    }
}
