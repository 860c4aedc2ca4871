import Foundation
import GRDB
import SocleCore
import SocleStore

/// Backup and restore of the embedded store: SQLite's online backup API into one self-contained file,
/// and a restore that verifies a copy before putting it in place with one rename.
public enum SQLiteBackup {
    public static let databaseFile = "socle.sqlite"

    /// Copies the database of `dataDirectory` into `<directory>/socle.sqlite` while other processes may
    /// read and write it (the copy is one consistent snapshot: WAL readers never block the writer), then
    /// describes the copy. The caller adds the secrets and writes the manifest.
    public static func backup(dataDirectory: URL, into directory: URL) throws -> BackupManifest {
        let source = dataDirectory.appendingPathComponent(databaseFile)
        guard FileManager.default.fileExists(atPath: source.path) else {
            throw SocleError(.notFound, code: "backup.no_database", args: ["path": source.path])
        }
        let target = directory.appendingPathComponent(databaseFile)
        // Created 0600 before SQLite opens it: an empty file is a valid empty database.
        try PrivateFiles.create(target).close()
        do {
            var config = Configuration()
            config.busyMode = .timeout(30)
            let from = try DatabaseQueue(path: source.path, configuration: config)
            let to = try DatabaseQueue(path: target.path)
            try from.backup(to: to)
            try from.close()
            let described = try to.writeWithoutTransaction { db -> (migrations: [String], tables: [BackupManifest.Table]) in
                // The copy inherits WAL mode from the source's header; a rollback journal makes it one file
                // that any sqlite3 can open read-only.
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
                try checkIntegrity(db, path: target.path)
                return (try appliedMigrations(db), try tables(db))
            }
            try to.close()
            return BackupManifest(backend: "sqlite", databaseFile: databaseFile, databaseBytes: PrivateFiles.size(of: target),
                                  databaseSHA256: try PrivateFiles.sha256(of: target), migrations: described.migrations,
                                  tables: described.tables)
        } catch {
            try? FileManager.default.removeItem(at: target)
            throw error
        }
    }

    /// Refuses, before changing anything, to replace an existing database unless `force`.
    public static func checkTarget(dataDirectory: URL, force: Bool) throws {
        let target = dataDirectory.appendingPathComponent(databaseFile)
        if !force, FileManager.default.fileExists(atPath: target.path) {
            throw SocleError(.conflict, code: "restore.target_not_empty", args: ["path": dataDirectory.path])
        }
    }

    /// Restores a checked backup into `dataDirectory`: copy to a temporary file beside the target, verify its
    /// checksum, `PRAGMA integrity_check` and row counts, then rename it over `socle.sqlite`. Until the rename
    /// nothing of the target has changed. The server must be stopped (a running one keeps the old file open).
    public static func restore(_ manifest: BackupManifest, from backup: URL, into dataDirectory: URL, force: Bool) throws {
        try checkTarget(dataDirectory: dataDirectory, force: force)
        try PrivateFiles.createDirectory(dataDirectory)
        let target = dataDirectory.appendingPathComponent(databaseFile)
        let tmp = dataDirectory.appendingPathComponent(".\(databaseFile).\(UUID().uuidString).restore")
        do {
            try PrivateFiles.copy(backup.appendingPathComponent(manifest.databaseFile), to: tmp)
            let copied = try PrivateFiles.sha256(of: tmp)
            guard copied == manifest.databaseSHA256 else {
                throw SocleError(.invalidInput, code: "restore.checksum_mismatch",
                                 args: ["path": tmp.path, "expected": manifest.databaseSHA256, "actual": copied])
            }
            let q = try DatabaseQueue(path: tmp.path)
            try q.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
                try checkIntegrity(db, path: tmp.path)
                for t in manifest.tables {
                    let rows = try Int64.fetchOne(db, sql: "SELECT count(*) FROM \(StoreSupport.quote(t.name))") ?? -1
                    guard rows == t.rows else {
                        throw SocleError(.invalidInput, code: "restore.count_mismatch",
                                         args: ["table": t.name, "expected": String(t.rows), "actual": String(rows)])
                    }
                }
            }
            try q.close()
            if FileManager.default.fileExists(atPath: target.path) {
                try foldJournal(target)
            }
            try PrivateFiles.rename(tmp, to: target)
            // A stale WAL beside the new file would be replayed into it.
            for suffix in ["-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: target.path + suffix)
            }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
    }

    /// Writes the old database's WAL back into it and leaves WAL mode, so that no `-wal` file is left to be
    /// applied to the restored database.
    static func foldJournal(_ target: URL) throws {
        var config = Configuration()
        config.busyMode = .timeout(30)
        let old = try DatabaseQueue(path: target.path, configuration: config)
        do {
            try old.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
            }
        } catch let e as DatabaseError where e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED {
            // Leaving WAL mode needs the only connection: another process (a running server) has it open.
            try? old.close()
            throw SocleError(.conflict, code: "restore.target_in_use", args: ["path": target.path])
        }
        try old.close()
    }

    static func checkIntegrity(_ db: Database, path: String) throws {
        let result = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        guard result == ["ok"] else {
            throw SocleError(.invalidInput, code: "restore.integrity_failed",
                             args: ["path": path, "detail": result.prefix(3).joined(separator: "; ")])
        }
    }

    /// Every table of the database, internal SQLite tables excluded, with its row count.
    static func tables(_ db: Database) throws -> [BackupManifest.Table] {
        let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
        return try names.map { name in
            BackupManifest.Table(name: name, rows: try Int64.fetchOne(db, sql: "SELECT count(*) FROM \(StoreSupport.quote(name))") ?? 0)
        }
    }

    /// Ids of the migrations GRDB's migrator recorded, in the order they were applied.
    static func appliedMigrations(_ db: Database) throws -> [String] {
        guard try db.tableExists("grdb_migrations") else { return [] }
        return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
    }
}

extension SQLiteStore {
    /// Ids of the migrations applied to this database, in order.
    public func appliedMigrations() async throws -> [String] {
        try await pool.read { db in try SQLiteBackup.appliedMigrations(db) }
    }
}
