import Foundation
import Logging
import PostgresNIO
import SocleCore
import SocleStore

/// Backup and restore of a PostgreSQL store with the server's own tools: `pg_dump` (custom format) of the
/// store's schema, `pg_restore` in one transaction into an empty target.
public enum PostgresBackup {
    public static let dumpFile = "socle.pgdump"

    /// Dumps the schema named by the URL's `search_path` (else `public`) into `<directory>/socle.pgdump`.
    /// The row counts of the manifest and the dump come from one snapshot, exported by the transaction that
    /// counts and handed to `pg_dump`, so they agree even while the server keeps writing.
    public static func backup(url: String, into directory: URL) async throws -> BackupManifest {
        let settings = try PostgresStore.Settings(url: url)
        let schema = schemaName(settings)
        let pgDump = try tool("pg_dump")
        let target = directory.appendingPathComponent(dumpFile)
        return try await withConnection(settings) { conn, logger in
            // Closing the connection ends this read-only transaction on every path.
            try await conn.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
            var snapshot = ""
            for try await s in try await conn.query("SELECT pg_export_snapshot()", logger: logger).decode(String.self) {
                snapshot = s
            }
            let tables = try await counts(conn, schema: schema, names: try await tableNames(conn, schema: schema), logger: logger)
            guard tables.contains(where: { $0.name == "schema_migrations" }) else {
                throw SocleError(.notFound, code: "backup.no_database", args: ["path": "\(settings.database) / \(schema)"])
            }
            var migrations: [String] = []
            let q = "SELECT id FROM \(StoreSupport.quote(schema)).schema_migrations ORDER BY id"
            for try await id in try await conn.query(PostgresQuery(unsafeSQL: q), logger: logger).decode(String.self) {
                migrations.append(id)
            }
            // pg_dump writes to our 0600 file through its standard output.
            let out = try PrivateFiles.create(target)
            do {
                try await run(pgDump, ["--format=custom", "--schema=" + pattern(schema), "--no-owner", "--no-privileges",
                                       "--snapshot=" + snapshot, "--dbname=" + settings.database],
                              settings: settings, stdout: out)
                try out.synchronize()
                try out.close()
                try await conn.query("COMMIT", logger: logger)
            } catch {
                try? out.close()
                try? FileManager.default.removeItem(at: target)
                throw error
            }
            return BackupManifest(backend: "postgres", databaseFile: dumpFile, databaseBytes: PrivateFiles.size(of: target),
                                  databaseSHA256: try PrivateFiles.sha256(of: target), migrations: migrations,
                                  tables: tables, schema: schema)
        }
    }

    /// Refuses, before changing anything, a target schema of another name than the backup's (the dump names
    /// its schema in every statement) or one that already holds the store's tables, unless `force`.
    public static func checkTarget(_ manifest: BackupManifest, url: String, force: Bool) async throws {
        let settings = try PostgresStore.Settings(url: url)
        let schema = schemaName(settings)
        guard manifest.schema == schema else {
            throw SocleError(.invalidInput, code: "restore.schema_mismatch", args: ["backup": manifest.schema ?? "?", "target": schema])
        }
        _ = try tool("pg_restore")
        let present = try await withConnection(settings) { conn, logger in
            try await storeTables(conn, schema: schema, manifest: manifest, logger: logger)
        }
        if !present.isEmpty && !force {
            throw SocleError(.conflict, code: "restore.target_not_empty", args: ["path": "\(settings.database) / \(schema)"])
        }
    }

    /// Restores a checked backup with `pg_restore --single-transaction`: either every table is there, or
    /// nothing. With `force`, the store's tables already in the target are dropped first (in their own
    /// transaction, after the dump's table of contents has been read successfully).
    public static func restore(_ manifest: BackupManifest, from backup: URL, url: String, force: Bool) async throws {
        try await checkTarget(manifest, url: url, force: force)
        let settings = try PostgresStore.Settings(url: url)
        let schema = schemaName(settings)
        let pgRestore = try tool("pg_restore")
        let dump = backup.appendingPathComponent(manifest.databaseFile)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("socle-restore-\(UUID().uuidString)")
        try PrivateFiles.createDirectory(work)
        defer { try? FileManager.default.removeItem(at: work) }
        // The table of contents without the schema itself: the target schema may already exist (empty), and
        // creating or commenting it needs rights the store's account may not have.
        let listFile = work.appendingPathComponent("toc.list")
        let listOut = try PrivateFiles.create(listFile)
        try await run(pgRestore, ["--list", dump.path], settings: settings, stdout: listOut)
        try listOut.close()
        let toc = String(decoding: FileManager.default.contents(atPath: listFile.path) ?? Data(), as: UTF8.self)
        let kept = toc.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            !(line.contains(" SCHEMA - ") || line.contains(" COMMENT - SCHEMA "))
        }
        let useList = work.appendingPathComponent("restore.list")
        try PrivateFiles.write(Data(kept.joined(separator: "\n").utf8), to: useList)

        try await withConnection(settings) { conn, logger in
            try await conn.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(StoreSupport.quote(schema))"), logger: logger)
            let present = try await storeTables(conn, schema: schema, manifest: manifest, logger: logger)
            if !present.isEmpty {
                let list = present.map { "\(StoreSupport.quote(schema)).\(StoreSupport.quote($0))" }.joined(separator: ", ")
                try await conn.query(PostgresQuery(unsafeSQL: "DROP TABLE IF EXISTS \(list) CASCADE"), logger: logger)
            }
        }
        let out = try PrivateFiles.create(work.appendingPathComponent("restore.out"))
        try await run(pgRestore, ["--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges",
                                  "--use-list=" + useList.path, "--dbname=" + settings.database, dump.path],
                      settings: settings, stdout: out)
        try out.close()
        let restored = try await withConnection(settings) { conn, logger in
            try await counts(conn, schema: schema, names: manifest.tables.map(\.name), logger: logger)
        }
        for (expected, actual) in zip(manifest.tables, restored) where expected.rows != actual.rows {
            throw SocleError(.internalError, code: "restore.count_mismatch",
                             args: ["table": expected.name, "expected": String(expected.rows), "actual": String(actual.rows)])
        }
    }

    // MARK: catalog

    static func schemaName(_ settings: PostgresStore.Settings) -> String {
        let first = settings.searchPath?.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) }
        return (first?.isEmpty ?? true) ? "public" : first!
    }

    /// A `pg_dump --schema` pattern matching exactly this name.
    static func pattern(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func tableNames(_ conn: PostgresConnection, schema: String) async throws -> [String] {
        var names: [String] = []
        let rows = try await conn.query("""
            SELECT table_name::text FROM information_schema.tables
            WHERE table_schema = \(schema) AND table_type = 'BASE TABLE' ORDER BY table_name
            """, logger: Logger(label: "socle.backup"))
        for try await n in rows.decode(String.self) { names.append(n) }
        return names
    }

    static func counts(_ conn: PostgresConnection, schema: String, names: [String], logger: Logger) async throws -> [BackupManifest.Table] {
        var out: [BackupManifest.Table] = []
        for name in names {
            var n: Int64 = -1
            let q = "SELECT count(*) FROM \(StoreSupport.quote(schema)).\(StoreSupport.quote(name))"
            for try await c in try await conn.query(PostgresQuery(unsafeSQL: q), logger: logger).decode(Int64.self) { n = c }
            out.append(BackupManifest.Table(name: name, rows: n))
        }
        return out
    }

    /// The tables of `schema` that belong to a Socle store: those the migrations create, the migration log,
    /// the revision tables, and any table the backup holds. Other tables of a shared schema are left alone.
    static func storeTables(_ conn: PostgresConnection, schema: String, manifest: BackupManifest, logger: Logger) async throws -> [String] {
        var known = Set(manifest.tables.map(\.name))
        known.insert("schema_migrations")
        for m in Migrations.all {
            for match in m.postgres.matches(of: #/CREATE TABLE (?:IF NOT EXISTS )?([A-Za-z_0-9]+)/#) {
                known.insert(String(match.output.1))
            }
        }
        return try await tableNames(conn, schema: schema).filter { name in
            known.contains(name) || name.wholeMatch(of: #/rev_[0-9]+_[0-9]+/#) != nil
        }
    }

    // MARK: connection and tools

    static func withConnection<T: Sendable>(_ settings: PostgresStore.Settings,
                                            _ body: @Sendable (PostgresConnection, Logger) async throws -> T) async throws -> T {
        var logger = Logger(label: "socle.backup")
        logger.logLevel = .critical
        var config = PostgresClient.Configuration(
            host: settings.host, port: settings.port, username: settings.user, password: settings.password,
            database: settings.database, tls: settings.requireTLS ? .require(.makeClientConfiguration()) : .disable)
        config.options.additionalStartupParameters = [("TimeZone", "UTC"), ("application_name", "socle-backup")]
        config.options.maximumConnections = 1
        let client = PostgresClient(configuration: config, backgroundLogger: logger)
        let runner = Task { await client.run() }
        defer { runner.cancel() }
        do {
            return try await client.withConnection { conn in try await body(conn, logger) }
        } catch let e as SocleError {
            throw e
        } catch {
            throw PostgresStore.unavailable(error)
        }
    }

    /// A PostgreSQL client program: on `PATH` first, else the newest `/usr/lib/postgresql/*/bin`.
    public static func tool(_ name: String) throws -> URL {
        let fm = FileManager.default
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") where fm.isExecutableFile(atPath: "\(dir)/\(name)") {
            return URL(fileURLWithPath: "\(dir)/\(name)")
        }
        let versions = ((try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .sorted { $0.compare($1, options: .numeric) == .orderedDescending }
        for v in versions where fm.isExecutableFile(atPath: "/usr/lib/postgresql/\(v)/bin/\(name)") {
            return URL(fileURLWithPath: "/usr/lib/postgresql/\(v)/bin/\(name)")
        }
        throw SocleError(.unavailable, code: "backup.tool_missing", args: ["tool": name])
    }

    /// Runs a client program with the connection in its environment (never the password on its command
    /// line, where `ps` would show it); a non-zero exit is an error quoting the end of its stderr.
    static func run(_ tool: URL, _ arguments: [String], settings: PostgresStore.Settings, stdout: FileHandle) async throws {
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("socle-\(tool.lastPathComponent)-\(UUID().uuidString).err")
        let err = try PrivateFiles.create(errFile)
        defer { try? FileManager.default.removeItem(at: errFile) }
        let p = Process()
        p.executableURL = tool
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["PGHOST"] = settings.host
        env["PGPORT"] = String(settings.port)
        env["PGUSER"] = settings.user
        env["PGDATABASE"] = settings.database
        env["PGSSLMODE"] = settings.requireTLS ? "require" : "disable"
        env["PGAPPNAME"] = "socle-backup"
        if let pw = settings.password { env["PGPASSWORD"] = pw } else { env["PGPASSWORD"] = nil }
        p.environment = env
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = stdout
        p.standardError = err
        let status: Int32 = try await withCheckedThrowingContinuation { cont in
            p.terminationHandler = { cont.resume(returning: $0.terminationStatus) }
            do { try p.run() } catch {
                p.terminationHandler = nil
                cont.resume(throwing: SocleError(.unavailable, code: "backup.tool_missing", args: ["tool": tool.path]))
            }
        }
        try? err.close()
        guard status == 0 else {
            let text = String(decoding: FileManager.default.contents(atPath: errFile.path) ?? Data(), as: UTF8.self)
            let tail = text.split(separator: "\n").suffix(3).joined(separator: " / ")
            throw SocleError(.internalError, code: "backup.tool_failed",
                             args: ["tool": tool.lastPathComponent, "status": String(status), "detail": tail])
        }
    }
}

extension PostgresStore {
    /// Ids of the migrations applied to this schema.
    public func appliedMigrations() async throws -> [String] {
        try await client.withConnection { conn in
            var ids: [String] = []
            for try await id in try await conn.query("SELECT id FROM schema_migrations ORDER BY id", logger: self.logger).decode(String.self) {
                ids.append(id)
            }
            return ids
        }
    }
}
