import ArgumentParser
import Foundation
import SocleActions
import SocleCore
import SocleStore
import SocleStorePostgres
import SocleStoreSQLite

/// Where the data lives: flags first, then `SOCLE_*` environment, then defaults.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "Data directory (default: $SOCLE_DATA_DIR, else ./socle-data).")
    var dataDir: String?

    @Flag(name: .long, help: "Print machine-readable JSON on stdout.")
    var json = false

    /// The only place that picks SQLite or PostgreSQL.
    func openStore() async throws -> any SocleStore {
        let env = ProcessInfo.processInfo.environment
        // The audit chain's key lives with the other secrets, outside the database, on both backends.
        if let url = env["SOCLE_DATABASE_URL"], !url.isEmpty {
            let seal = try AuditSeal.open(directory: keyDirectory, scope: AuditSeal.scope(postgresURL: url))
            return try await PostgresStore(url: url, auditSeal: seal)
        }
        let seal = try AuditSeal.open(directory: keyDirectory)
        let dir = dataDir ?? env["SOCLE_DATA_DIR"] ?? "./socle-data"
        return try SQLiteStore(dataDirectory: URL(fileURLWithPath: dir), auditSeal: seal)
    }

    /// Where secrets that must not live in the database are kept (the pseudonymisation key).
    /// Where retention writes the rows it transfers to archives: `<data dir>/retention`.
    var archiveDirectory: URL {
        URL(fileURLWithPath: dataDir ?? ProcessInfo.processInfo.environment["SOCLE_DATA_DIR"] ?? "./socle-data").appendingPathComponent("retention")
    }

    var keyDirectory: URL {
        let env = ProcessInfo.processInfo.environment
        if let d = env["SOCLE_SECRETS_DIR"], !d.isEmpty { return URL(fileURLWithPath: d) }
        return URL(fileURLWithPath: dataDir ?? env["SOCLE_DATA_DIR"] ?? "./socle-data").appendingPathComponent("secrets")
    }

    /// Runs `body` with the action layer over an open store (the only way commands reach the data),
    /// closing the store afterwards; errors become messages and exit codes.
    func withPlatform<T>(_ body: (Platform) async throws -> T) async throws -> T {
        let secrets = keyDirectory
        let archives = archiveDirectory
        return try await withStore { try await body(Platform(store: $0, secretsDirectory: secrets, sharedGrants: false, archiveDirectory: archives)) }
    }

    /// Runs `body` with an open store, closing it afterwards, and turns errors into messages and exit codes.
    /// Only the composition root's own commands (backup, restore, serve) use the store itself.
    func withStore<T>(_ body: (any SocleStore) async throws -> T) async throws -> T {
        let store = try await Output.guarded { try await openStore() }
        do {
            let value = try await Output.guarded { try await body(store) }
            try? await store.close()
            return value
        } catch {
            try? await store.close()
            throw error
        }
    }
}
