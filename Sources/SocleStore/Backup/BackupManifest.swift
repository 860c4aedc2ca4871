import Foundation
import SocleCore

/// The description of a backup, written last as `manifest.json` in the backup directory: a directory
/// without it is an unfinished backup, and `socle restore` refuses it.
public struct BackupManifest: Codable, Sendable, Equatable {
    /// The layout written by this code. A reader refuses a format it does not know.
    public static let currentFormat = 1
    public static let fileName = "manifest.json"
    /// Where secrets are copied inside a backup taken `--with-secrets`.
    public static let secretsDirectory = "secrets"

    /// One table of the store and its row count when the backup was taken.
    public struct Table: Codable, Sendable, Equatable {
        public var name: String
        public var rows: Int64
        public init(name: String, rows: Int64) {
            self.name = name
            self.rows = rows
        }
    }

    /// Whether the files kept outside the database (the pseudonymisation key) are in the backup.
    public struct Secrets: Codable, Sendable, Equatable {
        public var included: Bool
        /// File names under `secrets/`, when included.
        public var files: [String]
        public init(included: Bool, files: [String]) {
            self.included = included
            self.files = files
        }
    }

    public var format: Int
    /// `sqlite` or `postgres`: a backup is restored by the backend that made it.
    public var backend: String
    public var createdAt: Date
    /// The database file inside the backup directory (`socle.sqlite` or `socle.pgdump`).
    public var databaseFile: String
    public var databaseBytes: Int64
    public var databaseSHA256: String
    /// Ids of the applied migrations, in order: a backup made by a newer Socle is refused.
    public var migrations: [String]
    public var tables: [Table]
    /// PostgreSQL: the schema that was dumped (restored under the same name).
    public var schema: String?
    public var secrets: Secrets

    public init(backend: String, createdAt: Date = Date(), databaseFile: String, databaseBytes: Int64,
                databaseSHA256: String, migrations: [String], tables: [Table], schema: String? = nil,
                secrets: Secrets = Secrets(included: false, files: [])) {
        self.format = Self.currentFormat
        self.backend = backend
        self.createdAt = createdAt
        self.databaseFile = databaseFile
        self.databaseBytes = databaseBytes
        self.databaseSHA256 = databaseSHA256
        self.migrations = migrations
        self.tables = tables
        self.schema = schema
        self.secrets = secrets
    }

    /// Total rows over every table.
    public var totalRows: Int64 { tables.reduce(0) { $0 + $1.rows } }

    public func encoded() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return try e.encode(self)
    }

    /// Reads and checks the manifest of a backup directory; refuses a missing, unreadable or unknown one.
    public static func read(from directory: URL) throws -> BackupManifest {
        let url = directory.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw SocleError(.invalidInput, code: "restore.manifest_missing", args: ["path": directory.path])
        }
        // The format is checked first so that a future layout gets its own message, not "corrupt".
        struct Header: Decodable { var format: Int }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
            throw SocleError(.invalidInput, code: "restore.manifest_corrupt", args: ["path": url.path])
        }
        guard header.format == currentFormat else {
            throw SocleError(.invalidInput, code: "restore.format_unknown",
                             args: ["format": String(header.format), "known": String(currentFormat)])
        }
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        guard let manifest = try? d.decode(BackupManifest.self, from: data),
              !manifest.databaseFile.isEmpty, !manifest.databaseFile.contains("/"),
              manifest.databaseSHA256.count == 64 else {
            throw SocleError(.invalidInput, code: "restore.manifest_corrupt", args: ["path": url.path])
        }
        return manifest
    }

    /// Refuses a backup of another backend, or one whose schema has migrations this Socle does not know
    /// (made by a newer release: restoring it would hand this binary tables it cannot read).
    public func checkRestorable(backend current: String, knownMigrations: [String]) throws {
        guard backend == current else {
            throw SocleError(.invalidInput, code: "restore.other_backend", args: ["backup": backend, "target": current])
        }
        let known = Set(knownMigrations)
        let unknown = migrations.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw SocleError(.invalidInput, code: "restore.newer_schema", args: ["migrations": unknown.joined(separator: ", ")])
        }
    }

    /// Checks the database file against the size and SHA-256 recorded at backup time.
    public func verifyDatabase(in directory: URL) throws {
        let url = directory.appendingPathComponent(databaseFile)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw SocleError(.invalidInput, code: "restore.file_missing", args: ["path": url.path])
        }
        let actual = try PrivateFiles.sha256(of: url)
        guard actual == databaseSHA256 else {
            throw SocleError(.invalidInput, code: "restore.checksum_mismatch",
                             args: ["path": url.path, "expected": databaseSHA256, "actual": actual])
        }
    }

    /// Names of the applied migrations this restore will add when the store is next opened.
    public func pendingMigrations(knownMigrations: [String]) -> [String] {
        let done = Set(migrations)
        return knownMigrations.filter { !done.contains($0) }
    }
}
