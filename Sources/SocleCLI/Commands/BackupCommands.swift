import ArgumentParser
import Foundation
import SocleCore
import SocleStore
import SocleStorePostgres
import SocleStoreSQLite

/// `socle backup DEST [--with-secrets]`: a consistent copy of the store, taken while the server runs.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Sauvegarde la base, et sur demande les secrets / Back up the database, and the secrets when asked.")

    @Argument(help: "Backup directory to create (must not exist, or be empty).") var destination: String
    @Flag(help: "Also copy the secrets directory (the pseudonymisation key): keep such a backup as a secret.")
    var withSecrets = false
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let dest = URL(fileURLWithPath: destination)
        let manifest = try await Output.guarded {
            try await BackupRun.backup(store.location, into: dest, secrets: withSecrets ? store.keyDirectory : nil)
        }
        if store.json {
            return Output.json(BackupRun.Summary(manifest, path: dest.path))
        }
        Output.line(Output.t("backup.done", [
            "path": dest.path, "backend": manifest.backend, "tables": String(manifest.tables.count),
            "rows": Format.integer(manifest.totalRows), "size": Format.bytes(manifest.databaseBytes),
            "sha": manifest.databaseSHA256,
        ]))
        if manifest.secrets.included {
            Output.line(Output.t("backup.secrets_included", ["count": String(manifest.secrets.files.count),
                                                             "dir": store.keyDirectory.path]))
        } else {
            Output.error(Output.t("backup.secrets_excluded", ["dir": store.keyDirectory.path]))
        }
    }
}

/// `socle restore SRC [--force]`: puts a backup back, verified, into an empty target.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restaure une sauvegarde (serveur arrêté) / Restore a backup (with the server stopped).")

    @Argument(help: "Backup directory made by `socle backup`.") var source: String
    @Flag(help: "Replace the store (and secrets) already in the target.") var force = false
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let src = URL(fileURLWithPath: source)
        let (manifest, applied) = try await Output.guarded {
            try await BackupRun.restore(from: src, into: store.location, secrets: store.keyDirectory, force: force)
        }
        let migrated = try await store.withStore { s in try await BackupRun.migrations(of: s) }
        if store.json {
            var summary = BackupRun.Summary(manifest, path: src.path)
            summary.migrations = migrated
            summary.migrationsApplied = applied
            return Output.json(summary)
        }
        Output.line(Output.t("restore.done", [
            "path": src.path, "backend": manifest.backend, "tables": String(manifest.tables.count),
            "rows": Format.integer(manifest.totalRows),
        ]))
        if !applied.isEmpty {
            Output.line(Output.t("restore.migrated", ["migrations": applied.joined(separator: ", ")]))
        }
        if manifest.secrets.included {
            Output.line(Output.t("restore.secrets_restored", ["count": String(manifest.secrets.files.count),
                                                              "dir": store.keyDirectory.path]))
        } else {
            Output.error(Output.t("restore.secrets_absent", ["dir": store.keyDirectory.path]))
        }
    }
}

/// Where the store lives, as the other commands decide it (`SOCLE_DATABASE_URL`, else the data directory).
enum StoreLocation {
    case sqlite(dataDirectory: URL)
    case postgres(url: String)

    var backend: String {
        switch self {
        case .sqlite: "sqlite"
        case .postgres: "postgres"
        }
    }
}

extension StoreOptions {
    var location: StoreLocation {
        let env = ProcessInfo.processInfo.environment
        if let url = env["SOCLE_DATABASE_URL"], !url.isEmpty { return .postgres(url: url) }
        return .sqlite(dataDirectory: URL(fileURLWithPath: dataDir ?? env["SOCLE_DATA_DIR"] ?? "./socle-data"))
    }
}

/// The order of a backup and of a restore; the per-backend work is in the store modules.
enum BackupRun {
    /// The backup directory is created 0700; on failure, whatever this run wrote is removed.
    static func backup(_ location: StoreLocation, into dest: URL, secrets keyDirectory: URL?) async throws -> BackupManifest {
        guard PrivateFiles.isAbsentOrEmpty(dest) else {
            throw SocleError(.conflict, code: "backup.destination_not_empty", args: ["path": dest.path])
        }
        let existed = FileManager.default.fileExists(atPath: dest.path)
        try PrivateFiles.createDirectory(dest)
        do {
            var manifest: BackupManifest
            switch location {
            case .sqlite(let dir): manifest = try SQLiteBackup.backup(dataDirectory: dir, into: dest)
            case .postgres(let url): manifest = try await PostgresBackup.backup(url: url, into: dest)
            }
            if let keyDirectory {
                let files = try SecretsBackup.copy(from: keyDirectory, into: dest)
                manifest.secrets = BackupManifest.Secrets(included: true, files: files)
            }
            // Written last: a directory without a manifest is an unfinished backup.
            try PrivateFiles.write(try manifest.encoded(), to: dest.appendingPathComponent(BackupManifest.fileName))
            return manifest
        } catch {
            let written = (try? FileManager.default.contentsOfDirectory(atPath: dest.path)) ?? []
            if existed {
                for name in written { try? FileManager.default.removeItem(at: dest.appendingPathComponent(name)) }
            } else {
                try? FileManager.default.removeItem(at: dest)
            }
            throw error
        }
    }

    /// Every check runs before the first change; returns the manifest and the migrations the backup lacked
    /// (applied when the store is next opened).
    static func restore(from src: URL, into location: StoreLocation, secrets keyDirectory: URL,
                        force: Bool) async throws -> (BackupManifest, [String]) {
        let manifest = try BackupManifest.read(from: src)
        let known = Migrations.all.map(\.id)
        try manifest.checkRestorable(backend: location.backend, knownMigrations: known)
        try manifest.verifyDatabase(in: src)
        switch location {
        case .sqlite(let dir): try SQLiteBackup.checkTarget(dataDirectory: dir, force: force)
        case .postgres(let url): try await PostgresBackup.checkTarget(manifest, url: url, force: force)
        }
        try SecretsBackup.checkRestore(manifest, from: src, into: keyDirectory, force: force)
        switch location {
        case .sqlite(let dir): try SQLiteBackup.restore(manifest, from: src, into: dir, force: force)
        case .postgres(let url): try await PostgresBackup.restore(manifest, from: src, url: url, force: force)
        }
        try SecretsBackup.restore(manifest, from: src, into: keyDirectory)
        return (manifest, manifest.pendingMigrations(knownMigrations: known))
    }

    static func migrations(of store: any SocleStore) async throws -> [String] {
        if let s = store as? SQLiteStore { return try await s.appliedMigrations() }
        if let s = store as? PostgresStore { return try await s.appliedMigrations() }
        return []
    }

    /// What `--json` prints for both commands.
    struct Summary: Encodable {
        var path: String
        var backend: String
        var createdAt: Date
        var databaseFile: String
        var databaseBytes: Int64
        var databaseSHA256: String
        var tables: [BackupManifest.Table]
        var rows: Int64
        var migrations: [String]
        var migrationsApplied: [String]?
        var schema: String?
        var secretsIncluded: Bool
        var secretsFiles: [String]

        init(_ m: BackupManifest, path: String) {
            self.path = path
            backend = m.backend
            createdAt = m.createdAt
            databaseFile = m.databaseFile
            databaseBytes = m.databaseBytes
            databaseSHA256 = m.databaseSHA256
            tables = m.tables
            rows = m.totalRows
            migrations = m.migrations
            schema = m.schema
            secretsIncluded = m.secrets.included
            secretsFiles = m.secrets.files
        }
    }
}
