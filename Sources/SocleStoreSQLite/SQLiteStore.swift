import Foundation
import GRDB
import GRDBSQLite
import SocleCore
import SocleQuery
import SocleStore

/// The embedded default store: one SQLite file in WAL mode behind a GRDB `DatabasePool`
/// (one writer, concurrent readers).
public final class SQLiteStore: SocleStore {
    public let backend = "sqlite"
    public var dialect: SQLDialect { .sqlite }
    let pool: DatabasePool
    public let path: String
    public let auditSeal: AuditSeal

    /// Opens (creating if needed) `<dataDirectory>/socle.sqlite` and runs the migrations.
    /// The directory is made private to its owner (0700) and the database files 0600, new or not: they
    /// hold personal data and password hashes (issue 10, finding 12).
    /// The audit chain is sealed with `auditSeal`, by default the key in `<dataDirectory>/secrets`.
    public convenience init(dataDirectory: URL, auditSeal: AuditSeal? = nil) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dataDirectory.path)
        let seal = try auditSeal ?? AuditSeal.open(directory: dataDirectory.appendingPathComponent("secrets"))
        try self.init(path: dataDirectory.appendingPathComponent("socle.sqlite").path, auditSeal: seal)
    }

    public init(path: String, auditSeal: AuditSeal) throws {
        self.auditSeal = auditSeal
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Exports stream from a reader for as long as the client takes to download: enough readers that a
        // few slow downloads never starve the API's short reads (a reader is one cheap SQLite connection).
        config.maximumReaderCount = 32
        config.prepareDatabase { db in
            // Larger pages: revision tables are bulk-loaded and scanned; 16 KiB pages mean a quarter of
            // the write calls of the 4 KiB default. Only effective when the file is created.
            try db.execute(sql: "PRAGMA page_size = 16384")
            // WAL + NORMAL never corrupts the database; a crash may only lose the last commit.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // The writer's cache serves loads; each of up to 32 readers keeps a smaller one (the kernel's
            // page cache holds the file for all of them). Memory-mapping the file was tried: 10–25 % faster
            // reads, but every reader's mapping counts the file again in the process's RSS (3 GiB shown for a
            // 150 MB database under load, and a load's peak RSS past its 150 MiB budget).
            try db.execute(sql: db.configuration.readonly ? "PRAGMA cache_size = -4096" : "PRAGMA cache_size = -16384")
        }
        self.path = path
        // SQLite gives the -wal and -shm files the main file's mode: create it 0600 before opening it.
        let fm = FileManager.default
        if !fm.fileExists(atPath: path) { _ = fm.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) }
        pool = try DatabasePool(path: path, configuration: config)
        for suffix in ["", "-wal", "-shm"] where fm.fileExists(atPath: path + suffix) {
            try? fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path + suffix)
        }
        var migrator = DatabaseMigrator()
        for m in Migrations.all {
            migrator.registerMigration(m.id) { db in try db.execute(sql: m.sqlite) }
        }
        try migrator.migrate(pool)
        // An erasure cut between its commit and its compaction (kill -9) left the erased rows' old pages in the
        // write-ahead log: empty it now, before anyone reads (issue 12, item 3). Cheap when the log is empty.
        try? pool.writeWithoutTransaction { db in
            _ = sqlite3_wal_checkpoint_v2(db.sqliteConnection, nil, SQLITE_CHECKPOINT_TRUNCATE, nil, nil)
        }
    }

    public func close() async throws {
        try pool.close()
    }

    // MARK: organisations

    public func organisations() async throws -> [Organisation] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, slug, name FROM organisations ORDER BY slug").map(Self.organisation)
        }
    }

    public func organisation(slug: String) async throws -> Organisation? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT id, slug, name FROM organisations WHERE slug = ?", arguments: [slug])
                .map(Self.organisation)
        }
    }

    public func createOrganisation(slug: String, name: String) async throws -> Organisation {
        try Slug.validate(slug)
        return try await pool.write { db in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM organisations WHERE slug = ?", arguments: [slug]) != nil {
                throw StoreError.conflict("organisation", slug)
            }
            return try Self.insertOrganisation(db, slug: slug, name: name)
        }
    }

    static func insertOrganisation(_ db: Database, slug: String, name: String) throws -> Organisation {
        try db.execute(sql: "INSERT INTO organisations (slug, name, created_at) VALUES (?, ?, ?)",
                       arguments: [slug, name, StoreSupport.isoString(Date())])
        return Organisation(id: db.lastInsertedRowID, slug: slug, name: name)
    }

    static func organisation(_ row: Row) -> Organisation {
        Organisation(id: row["id"], slug: row["slug"], name: row["name"])
    }

    // MARK: datasets and revisions

    static let datasetColumns = "id, slug, title, organisation_id, current_revision, created_at"

    public func datasets() async throws -> [Dataset] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.datasetColumns) FROM datasets ORDER BY slug").map(Self.dataset)
        }
    }

    public func dataset(slug: String) async throws -> Dataset? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.datasetColumns) FROM datasets WHERE slug = ?", arguments: [slug])
                .map(Self.dataset)
        }
    }

    static func dataset(_ row: Row) -> Dataset {
        Dataset(id: row["id"], slug: row["slug"], title: row["title"], organisationId: row["organisation_id"],
                currentRevision: row["current_revision"],
                createdAt: StoreSupport.parseISO(row["created_at"]) ?? Date(timeIntervalSince1970: 0))
    }

    static let revisionColumns = """
        dataset_id, number, created_at, source_name, source_size, source_sha256, format, encoding, delimiter,
        row_count, columns_json, warnings_json, status, table_name
        """

    public func revisions(datasetId: Int64) async throws -> [Revision] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.revisionColumns) FROM revisions WHERE dataset_id = ? ORDER BY number",
                             arguments: [datasetId]).map(Self.revision)
        }
    }

    public func revision(datasetId: Int64, number: Int) async throws -> Revision? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.revisionColumns) FROM revisions WHERE dataset_id = ? AND number = ?",
                             arguments: [datasetId, number]).map(Self.revision)
        }
    }

    static func revision(_ row: Row) throws -> Revision {
        Revision(
            datasetId: row["dataset_id"], number: row["number"],
            createdAt: StoreSupport.parseISO(row["created_at"]) ?? Date(timeIntervalSince1970: 0),
            source: SourceFileInfo(fileName: row["source_name"], size: row["source_size"], sha256: row["source_sha256"],
                                   format: row["format"], encoding: row["encoding"], delimiter: row["delimiter"]),
            rowCount: row["row_count"],
            columns: try StoreSupport.decodeJSON([ColumnSchema].self, row["columns_json"]),
            warnings: try StoreSupport.decodeJSON([Notice].self, row["warnings_json"]),
            status: RevisionStatus(rawValue: row["status"]) ?? .ready,
            tableName: row["table_name"])
    }

    public func revisionTables() async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rev\\_%' ESCAPE '\\' ORDER BY name")
        }
    }

    // MARK: loading

    public func loadRevision<S: BatchSource>(_ draft: RevisionDraft, source: S) async throws -> Revision {
        try Slug.validate(draft.datasetSlug)
        try Slug.validate(draft.organisationSlug)
        let box = UncheckedBox(source)
        // One write transaction: the table, its rows, its indexes and the metadata commit together,
        // so a failure or a kill -9 leaves nothing behind (WAL rollback).
        let seal = auditSeal
        let (revision, entry) = try await Self.mappingErrors { try await self.pool.write { db in
            let revision = try SQLiteLoader(db: db, draft: draft).load(source: &box.value)
            // The epilogue commits with the revision (issue 10, finding 6).
            for d in try draft.epilogue.documents?(revision) ?? [] {
                try Self.putDocument(db, datasetId: revision.datasetId, d)
            }
            if let plan = draft.epilogue.subjectIndex?(revision) { try Self.buildSubjectIndex(db, revision: revision, plan: plan) }
            var entry: AuditEntry?
            for event in draft.epilogue.audit?(revision) ?? [] { entry = try Self.appendAudit(db, event, seal: seal) }
            if let job = draft.epilogue.job {
                try Self.finishJob(db, id: job.id, status: .succeeded, errorJSON: nil, result: job.result(revision), at: Date())
                // The final count with the final state: progress reports are throttled, and the last may not have landed.
                try db.execute(sql: "UPDATE jobs SET rows = ? WHERE id = ?", arguments: [revision.rowCount, job.id])
            }
            return (revision, entry)
        } }
        if let entry { auditSeal.checkpoint(entry) }
        // Every connection keeps its own copy of the schema, which the new table just changed: the readers
        // must re-read it anyway, so recycle them as they fall idle (and trim the writer's cache) instead of
        // letting each of them grow with every revision table and fill its page cache (found by bench/soak).
        pool.releaseMemoryEventually()
        return revision
    }

    /// Runs `body`, turning SQLite's own errors into catalog ones (a full disk says so); errors of the batch
    /// source (a reader's located refusal, a speculative load's mismatch) pass through unchanged.
    static func mappingErrors<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let e as DatabaseError { throw mapped(e) }
    }

    // MARK: reading rows

    static func arguments(_ binds: [SQLBind]) -> StatementArguments {
        StatementArguments(binds.map { b -> (any DatabaseValueConvertible)? in
            switch b {
            case .integer(let i): return i
            case .real(let d): return d
            case .text(let s): return s
            case .null: return nil
            }
        })
    }

    static func cell(_ value: DatabaseValue, logical: ColumnType) -> CellValue {
        switch value.storage {
        case .null: return .null
        case .int64(let i): return StoreSupport.cell(logical: logical, integer: i)
        case .double(let d): return .number(d)
        case .string(let s): return .text(s)
        case .blob(let b): return .text(String(decoding: b, as: UTF8.self))
        }
    }
}

/// Lets a non-Sendable source cross into GRDB's writer closure; it is only ever used there.
final class UncheckedBox<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}
