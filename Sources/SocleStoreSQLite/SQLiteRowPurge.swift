import Foundation
import GRDB
import SocleCore
import SocleQuery
import SocleStore

extension SQLiteStore {
    public func purgeRows(_ request: RowPurgeRequest) async throws -> RowPurgeResult {
        let seal = auditSeal
        if request.dryRun {
            return try await reading { db in try Self.purge(db, request, seal: seal).result }
        }
        let (result, entry): (RowPurgeResult, AuditEntry?)
        do {
            (result, entry) = try await pool.writeWithoutTransaction { db in
                // Deleted cells and freed pages are overwritten with zeros, so the values do not stay in the file.
                let previous = try Int.fetchOne(db, sql: "PRAGMA secure_delete") ?? 0
                try db.execute(sql: "PRAGMA secure_delete = ON")
                defer { try? db.execute(sql: "PRAGMA secure_delete = \(previous == 0 ? "OFF" : "ON")") }
                var out: (RowPurgeResult, AuditEntry?)?
                try db.inTransaction(.immediate) {
                    out = try Self.purge(db, request, seal: seal)
                    return .commit
                }
                return out!
            }
        } catch {
            throw Self.mapped(error)
        }
        if let entry { auditSeal.checkpoint(entry) }
        if result.matched > 0 { try await scrubWAL() }
        pool.releaseMemoryEventually()
        return result
    }

    /// Copies the WAL into the database and truncates it to nothing: the pages the purge rewrote (and any older
    /// frame still holding the removed values) leave the `-wal` file. A reader in the middle of a read keeps the
    /// checkpoint from finishing: a few tries, then one that waits for the readers to finish.
    func scrubWAL() async throws {
        for _ in 0..<10 {
            let done = try await pool.writeWithoutTransaction { db -> Bool in
                do { try db.checkpoint(.truncate); return true } catch let e as DatabaseError where e.resultCode == .SQLITE_BUSY { return false }
            }
            if done { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        do {
            try await pool.barrierWriteWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        } catch {
            throw Self.mapped(error)
        }
    }

    /// The purge inside an open transaction (read-only for a dry run).
    static func purge(_ db: Database, _ request: RowPurgeRequest, seal: AuditSeal) throws -> (result: RowPurgeResult, entry: AuditEntry?) {
        guard let dataset = try Row.fetchOne(db, sql: "SELECT \(datasetColumns) FROM datasets WHERE id = ?", arguments: [request.datasetId])
            .map(Self.dataset) else {
            throw StoreError.notFound("dataset", String(request.datasetId))
        }
        let revisions = try Row.fetchAll(db, sql: "SELECT \(revisionColumns) FROM revisions WHERE dataset_id = ? ORDER BY number",
                                         arguments: [request.datasetId]).map(Self.revision)
        let existing = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rev\\_%' ESCAPE '\\'"))
        var digest = RowPurgeDigest()
        var tables: [RowPurgeResult.Table] = []
        for rev in revisions where existing.contains(rev.tableName) {
            guard let match = request.applicableMatch(rev) else { continue }
            var binds: [SQLBind] = []
            let condition = match.render(.sqlite, binds: &binds)
            let layout = Self.purgeLayout(rev)
            let table = StoreSupport.quote(rev.tableName)
            let names = layout.map { StoreSupport.quote($0.name) }
            let select = "SELECT " + (["_row"] + names).joined(separator: ", ") + " FROM \(table) WHERE \(condition) ORDER BY _row"
            var matched: Int64 = 0
            var sample: [Int64] = []
            let cursor = try Row.fetchCursor(db, sql: select, arguments: Self.arguments(binds))
            while let row = try cursor.next() {
                let id: Int64 = row[0]
                var values: [CellValue] = []
                values.reserveCapacity(layout.count)
                for (i, c) in layout.enumerated() {
                    values.append(Self.cell(row[i + 1] as DatabaseValue, logical: c.logical ?? .number))
                }
                let purged = PurgedRow(revision: rev.number, row: id, columns: layout.map(\.name), values: values)
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
                    try db.execute(sql: "DELETE FROM \(table) WHERE \(condition)", arguments: Self.arguments(binds))
                    after = rev.rowCount - Int64(db.changesCount)
                case .blank:
                    let set = request.blanked(in: rev).map { "\(StoreSupport.quote($0)) = NULL" }.joined(separator: ", ")
                    try db.execute(sql: "UPDATE \(table) SET \(set) WHERE \(condition)", arguments: Self.arguments(binds))
                }
                let warnings = RowPurgeRequest.warnings(rev.warnings, request.notice)
                try db.execute(sql: "UPDATE revisions SET row_count = ?, warnings_json = ?, columns_json = ? WHERE dataset_id = ? AND number = ?",
                               arguments: [after, StoreSupport.encodeJSON(warnings), StoreSupport.encodeJSON(request.scrubbed(rev.columns)),
                                           rev.datasetId, rev.number])
            } else if case .delete = request.action {
                after = rev.rowCount - matched
            }
            tables.append(.init(revision: rev.number, table: rev.tableName, matched: matched, rowsBefore: rev.rowCount,
                                rowsAfter: after, sample: sample))
        }
        var result = RowPurgeResult(datasetId: dataset.id, dryRun: request.dryRun, tables: tables, newRevision: nil, sha256: digest.finish())
        guard !request.dryRun, !tables.isEmpty else { return (result, nil) }
        if request.newRevision, let current = dataset.currentRevision, tables.contains(where: { $0.revision == current }),
           let rev = revisions.first(where: { $0.number == current }) {
            var scrubbed = rev
            scrubbed.columns = request.scrubbed(rev.columns)
            result.newRevision = try copyRevision(db, scrubbed, notice: request.notice)
        }
        FaultPoint.hit(FaultPoint.inRowPurge)
        for d in [result.document] + (try request.documents?(result) ?? []) { try putDocument(db, datasetId: dataset.id, d) }
        var entry: AuditEntry?
        for event in request.audit?(result) ?? [] { entry = try appendAudit(db, event, seal: seal) }
        return (result, entry)
    }

    /// A new revision holding what is left of `rev` (same rows, same `_row` numbers), made current.
    static func copyRevision(_ db: Database, _ rev: Revision, notice: Notice?) throws -> Int {
        let number = (try Int.fetchOne(db, sql: "SELECT max(number) FROM revisions WHERE dataset_id = ?", arguments: [rev.datasetId]) ?? 0) + 1
        let table = StoreSupport.tableName(datasetId: rev.datasetId, number: number)
        let layout = TableLayout(schema: rev.columns)
        let draft = RevisionDraft(datasetSlug: "", datasetTitle: "", organisationSlug: "", organisationName: "",
                                  source: rev.source, columns: rev.columns, warnings: rev.warnings)
        try SQLiteLoader(db: db, draft: draft).createTable(table, layout)
        let names = (["_row"] + layout.columns.map { StoreSupport.quote($0.name) }).joined(separator: ", ")
        try db.execute(sql: "INSERT INTO \(StoreSupport.quote(table)) (\(names)) SELECT \(names) FROM \(StoreSupport.quote(rev.tableName)) ORDER BY _row")
        let rows = Int64(db.changesCount)
        for cols in StoreSupport.indexedColumns(layout) {
            let name = StoreSupport.quote("\(table)_\(cols.joined(separator: "_"))_idx")
            try db.execute(sql: "CREATE INDEX \(name) ON \(StoreSupport.quote(table)) (\(cols.map(StoreSupport.quote).joined(separator: ", ")))")
        }
        try db.execute(sql: "ANALYZE \(StoreSupport.quote(table))")
        try db.execute(sql: "UPDATE revisions SET status = 'superseded' WHERE dataset_id = ? AND status = 'ready'", arguments: [rev.datasetId])
        let warnings = RowPurgeRequest.warnings(rev.warnings, notice)
        try db.execute(sql: """
            INSERT INTO revisions (dataset_id, number, created_at, source_name, source_size, source_sha256, format,
                encoding, delimiter, row_count, columns_json, warnings_json, status, table_name)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ready', ?)
            """, arguments: [rev.datasetId, number, StoreSupport.isoString(Date()), rev.source.fileName, rev.source.size,
                             rev.source.sha256, rev.source.format, rev.source.encoding, rev.source.delimiter,
                             rows, StoreSupport.encodeJSON(rev.columns), StoreSupport.encodeJSON(warnings), table])
        try db.execute(sql: "UPDATE datasets SET current_revision = ? WHERE id = ?", arguments: [number, rev.datasetId])
        return number
    }
}
