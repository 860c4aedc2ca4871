import Foundation
import Logging
import PostgresNIO
import SocleCore
import SocleQuery
import SocleStore

/// The scale-out store: PostgreSQL (or Citus) through a PostgresNIO connection pool. Bulk loads use COPY.
public final class PostgresStore: SocleStore {
    public let backend = "postgres"
    public var dialect: SQLDialect { .postgres }
    let client: PostgresClient
    /// Short reads (API pages, aggregates, fingerprints): connections that are read-only and carry the
    /// interactive time limit from their start, so such a query is one round trip instead of four
    /// (`BEGIN READ ONLY`, `SET LOCAL statement_timeout`, the query, `COMMIT`).
    let reader: PostgresClient
    let logger: Logger
    public let auditSeal: AuditSeal
    private let runner: Task<Void, Never>

    /// Connection settings parsed from `postgres://user:password@host:port/database[?search_path=s&sslmode=disable]`.
    public struct Settings: Sendable {
        public var host: String
        public var port: Int
        public var user: String
        public var password: String?
        public var database: String
        /// When set, every connection uses this schema (created if missing): isolates tests.
        public var searchPath: String?
        public var requireTLS: Bool

        public init(url: String) throws {
            guard let c = URLComponents(string: url), ["postgres", "postgresql"].contains(c.scheme ?? ""),
                  let host = c.host, !host.isEmpty else {
                throw SocleError(.invalidInput, code: "store.bad_url")
            }
            self.host = host
            self.port = c.port ?? 5432
            self.user = c.user ?? "postgres"
            self.password = c.password
            let db = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
            self.database = db.isEmpty ? self.user : db
            let items = c.queryItems ?? []
            self.searchPath = items.first { $0.name == "search_path" }?.value
            self.requireTLS = items.first { $0.name == "sslmode" }?.value == "require"
        }
    }

    /// The audit chain is sealed with `auditSeal` (the composition root gives the key of the secrets directory).
    public init(settings: Settings, auditSeal: AuditSeal = .unkeyed) async throws {
        self.auditSeal = auditSeal
        var config = PostgresClient.Configuration(
            host: settings.host, port: settings.port, username: settings.user,
            password: settings.password, database: settings.database,
            tls: settings.requireTLS ? .require(.makeClientConfiguration()) : .disable)
        var params: [(String, String)] = [("TimeZone", "UTC"), ("application_name", "socle")]
        if let s = settings.searchPath { params.append(("search_path", s)) }
        config.options.additionalStartupParameters = params
        // Exports hold a connection while they stream; short reads need their own.
        config.options.maximumConnections = 20
        var logger = Logger(label: "socle.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let client = PostgresClient(configuration: config, backgroundLogger: logger)
        self.client = client
        var readConfig = config
        readConfig.options.additionalStartupParameters = params + [
            ("default_transaction_read_only", "on"),
            ("statement_timeout", String(Self.milliseconds(QueryBudget.interactive.timeLimit))),
        ]
        readConfig.options.maximumConnections = 10
        let reader = PostgresClient(configuration: readConfig, backgroundLogger: logger)
        self.reader = reader
        self.runner = Task {
            await withDiscardingTaskGroup { group in
                group.addTask { await client.run() }
                group.addTask { await reader.run() }
            }
        }
        do {
            if let schema = settings.searchPath {
                _ = try await client.withConnection { conn in
                    try await conn.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(StoreSupport.quote(schema))"),
                                         logger: logger)
                }
            }
            try await migrate()
        } catch {
            runner.cancel()
            throw Self.unavailable(error)
        }
    }

    public convenience init(url: String, auditSeal: AuditSeal = .unkeyed) async throws {
        try await self.init(settings: Settings(url: url), auditSeal: auditSeal)
    }

    public func close() async throws {
        runner.cancel()
    }

    static func unavailable(_ error: any Error) -> any Error {
        if error is SocleError { return error }
        return SocleError(.unavailable, code: "store.unavailable", args: ["detail": detail(of: error)])
    }

    /// The server's own message for a PostgreSQL error (PSQLError hides it from `description`).
    static func detail(of error: any Error) -> String {
        if let p = error as? PSQLError {
            if let m = p.serverInfo?[.message] {
                return [m, p.serverInfo?[.detail], p.serverInfo?[.sqlState].map { "SQLSTATE \($0)" }]
                    .compactMap { $0 }.joined(separator: " — ")
            }
            return "\(p.code)"
        }
        return String(describing: error)
    }

    /// Rethrows SocleErrors as they are; turns driver errors into a located internal error.
    static func mapped(_ error: any Error) -> any Error {
        // Only the driver's own errors are translated; errors thrown by a batch source (a reader's
        // located error, a caller's own signal) pass through unchanged, as on SQLite.
        guard error is PSQLError || error is PostgresDecodingError else { return error }
        // A full disk (or quota) is the operator's to fix, and says so: nothing was written.
        if let p = error as? PSQLError, let state = p.serverInfo?[.sqlState], state == "53100" || state == "53200" {
            return SocleError(.unavailable, code: "store.disk_full")
        }
        return SocleError(.internalError, code: "store.database_error", args: ["detail": detail(of: error)])
    }

    func migrate() async throws {
        try await client.withConnection { conn in
            try await conn.query("CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)",
                                 logger: self.logger)
            // Serialise concurrent starters (several processes on one database).
            try await self.inTransaction(conn) {
                try await conn.query("LOCK TABLE schema_migrations IN EXCLUSIVE MODE", logger: self.logger)
                var done: Set<String> = []
                for try await id in try await conn.query("SELECT id FROM schema_migrations", logger: self.logger).decode(String.self) {
                    done.insert(id)
                }
                for m in Migrations.all where !done.contains(m.id) {
                    for statement in Self.statements(m.postgres) {
                        try await conn.query(PostgresQuery(unsafeSQL: statement), logger: self.logger)
                    }
                    try await conn.query("INSERT INTO schema_migrations (id, applied_at) VALUES (\(m.id), now())", logger: self.logger)
                }
            }
        }
    }

    /// Splits a migration script on statement-ending semicolons (migrations hold no literal `;`).
    static func statements(_ script: String) -> [String] {
        script.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// BEGIN/COMMIT around `body`, ROLLBACK on any error, rethrowing the body's own error.
    func inTransaction<T>(_ conn: PostgresConnection, _ body: () async throws -> T) async throws -> T {
        try await conn.query("BEGIN", logger: logger)
        do {
            let value = try await body()
            try await conn.query("COMMIT", logger: logger)
            return value
        } catch {
            _ = try? await conn.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    // MARK: organisations

    public func organisations() async throws -> [Organisation] {
        try await client.withConnection { conn in
            var out: [Organisation] = []
            for try await (id, slug, name) in try await conn.query("SELECT id, slug, name FROM organisations ORDER BY slug",
                                                                   logger: self.logger).decode((Int64, String, String).self) {
                out.append(Organisation(id: id, slug: slug, name: name))
            }
            return out
        }
    }

    public func organisation(slug: String) async throws -> Organisation? {
        try await client.withConnection { conn in try await self.organisation(conn, slug: slug) }
    }

    func organisation(_ conn: PostgresConnection, slug: String) async throws -> Organisation? {
        for try await (id, s, name) in try await conn.query("SELECT id, slug, name FROM organisations WHERE slug = \(slug)",
                                                            logger: logger).decode((Int64, String, String).self) {
            return Organisation(id: id, slug: s, name: name)
        }
        return nil
    }

    public func createOrganisation(slug: String, name: String) async throws -> Organisation {
        try Slug.validate(slug)
        return try await client.withConnection { conn in
            try await self.inTransaction(conn) {
                if try await self.organisation(conn, slug: slug) != nil { throw StoreError.conflict("organisation", slug) }
                return try await self.insertOrganisation(conn, slug: slug, name: name)
            }
        }
    }

    func insertOrganisation(_ conn: PostgresConnection, slug: String, name: String) async throws -> Organisation {
        let rows = try await conn.query("INSERT INTO organisations (slug, name, created_at) VALUES (\(slug), \(name), now()) RETURNING id",
                                        logger: logger)
        for try await id in rows.decode(Int64.self) { return Organisation(id: id, slug: slug, name: name) }
        throw SocleError(.internalError, code: "store.insert_failed")
    }

    // MARK: datasets and revisions

    public func datasets() async throws -> [Dataset] {
        try await fetchDatasets(where: nil)
    }

    public func dataset(slug: String) async throws -> Dataset? {
        try await fetchDatasets(where: slug).first
    }

    private func fetchDatasets(where slug: String?) async throws -> [Dataset] {
        try await client.withConnection { conn in
            let q: PostgresQuery = slug.map {
                "SELECT id, slug, title, organisation_id, current_revision, created_at FROM datasets WHERE slug = \($0)"
            } ?? "SELECT id, slug, title, organisation_id, current_revision, created_at FROM datasets ORDER BY slug"
            var out: [Dataset] = []
            for try await (id, s, title, org, current, created) in try await conn.query(q, logger: self.logger)
                .decode((Int64, String, String, Int64, Int32?, Date).self) {
                out.append(Dataset(id: id, slug: s, title: title, organisationId: org,
                                   currentRevision: current.map(Int.init), createdAt: created))
            }
            return out
        }
    }

    public func revisions(datasetId: Int64) async throws -> [Revision] {
        try await fetchRevisions(datasetId: datasetId, number: nil)
    }

    public func revision(datasetId: Int64, number: Int) async throws -> Revision? {
        try await fetchRevisions(datasetId: datasetId, number: number).first
    }

    private func fetchRevisions(datasetId: Int64, number: Int?) async throws -> [Revision] {
        try await client.withConnection { conn in
            let cols = """
                SELECT dataset_id, number, created_at, source_name, source_size, source_sha256, format, encoding, delimiter,
                row_count, columns_json, warnings_json, status, table_name FROM revisions
                """
            let q: PostgresQuery = number.map { n in
                PostgresQuery(unsafeSQL: cols + " WHERE dataset_id = $1 AND number = $2", binds: Self.binds(datasetId, Int32(n)))
            } ?? PostgresQuery(unsafeSQL: cols + " WHERE dataset_id = $1 ORDER BY number", binds: Self.binds(datasetId))
            var out: [Revision] = []
            for try await row in try await conn.query(q, logger: self.logger) {
                let (ds, n, created, name, size, sha, format, enc, delim, rows, columnsJSON, warningsJSON, status, table) =
                    try row.decode((Int64, Int32, Date, String, Int64, String, String, String?, String?, Int64, String,
                                    String, String, String).self)
                out.append(Revision(
                    datasetId: ds, number: Int(n), createdAt: created,
                    source: SourceFileInfo(fileName: name, size: size, sha256: sha, format: format, encoding: enc, delimiter: delim),
                    rowCount: rows, columns: try StoreSupport.decodeJSON([ColumnSchema].self, columnsJSON),
                    warnings: try StoreSupport.decodeJSON([Notice].self, warningsJSON),
                    status: RevisionStatus(rawValue: status) ?? .ready, tableName: table))
            }
            return out
        }
    }

    static func bindings(_ binds: [SQLBind]) -> PostgresBindings {
        var b = PostgresBindings()
        for v in binds {
            switch v {
            case .integer(let i): b.append(i)
            case .real(let d): b.append(d)
            case .text(let s): b.append(s)
            case .null: b.appendNull()
            }
        }
        return b
    }

    static func binds(_ values: any PostgresEncodable & Sendable...) -> PostgresBindings {
        var b = PostgresBindings()
        for v in values { try? b.append(v) }
        return b
    }

    public func revisionTables() async throws -> [String] {
        try await client.withConnection { conn in
            var out: [String] = []
            let q: PostgresQuery = "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'rev\\_%' ORDER BY tablename"
            for try await name in try await conn.query(q, logger: self.logger).decode(String.self) { out.append(name) }
            return out
        }
    }

    // MARK: loading and reading

    public func loadRevision<S: BatchSource>(_ draft: RevisionDraft, source: S) async throws -> Revision {
        try Slug.validate(draft.datasetSlug)
        try Slug.validate(draft.organisationSlug)
        let box = SourceBox(source)
        do {
            let (revision, entry) = try await client.withConnection { conn in
                // DDL is transactional in PostgreSQL: table, COPY, indexes, metadata and the epilogue (documents,
                // audit entry, job state) commit together.
                try await self.inTransaction(conn) {
                    let revision = try await PostgresLoader(conn: conn, logger: self.logger, store: self, draft: draft).load(source: &box.value)
                    for d in try draft.epilogue.documents?(revision) ?? [] {
                        try await self.putDocument(conn, datasetId: revision.datasetId, d)
                    }
                    if let plan = draft.epilogue.subjectIndex?(revision) {
                        try await self.buildSubjectIndex(conn, revision: revision, plan: plan)
                    }
                    var entry: AuditEntry?
                    for event in draft.epilogue.audit?(revision) ?? [] { entry = try await self.appendAudit(conn, event) }
                    if let job = draft.epilogue.job {
                        try await self.finishJob(conn, id: job.id, status: .succeeded, errorJSON: nil, result: job.result(revision), at: Date())
                        // The final count with the final state: progress reports are throttled, and the last may not have landed.
                        try await conn.query("UPDATE jobs SET rows = \(revision.rowCount) WHERE id = \(job.id)", logger: self.logger)
                    }
                    return (revision, entry)
                }
            }
            if let entry { auditSeal.checkpoint(entry) }
            return revision
        } catch {
            throw Self.mapped(error)
        }
    }

    static func cell(_ cell: PostgresCell, logical: ColumnType) throws -> CellValue {
        switch logical {
        case .integer: return try cell.decode(Int64?.self).map(CellValue.integer) ?? .null
        case .boolean: return try cell.decode(Bool?.self).map(CellValue.bool) ?? .null
        case .number: return try cell.decode(Double?.self).map(CellValue.number) ?? .null
        default: return try cell.decode(String?.self).map(CellValue.text) ?? .null
        }
    }
}


/// Lets a non-Sendable batch source cross into the connection closure; it is only used there.
final class SourceBox<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}
