import Foundation
import Logging
import PostgresNIO
import SocleCore
import SocleStore

// Shared plumbing of the platform stores (accounts, metadata, jobs, audit) on PostgreSQL. Each protocol
// lives in its own file: PostgresAccounts, PostgresMetadata, PostgresJobs, PostgresAudit.
extension PostgresStore {
    /// One pooled connection; driver errors become located `SocleError`s.
    @discardableResult
    func connection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do { return try await client.withConnection(body) } catch { throw Self.mapped(error) }
    }

    /// One transaction on one pooled connection; rolled back on any error.
    @discardableResult
    func transaction<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await connection { conn in try await self.inTransaction(conn) { try await body(conn) } }
    }

    /// Every row of a query, mapped.
    func all<T>(_ conn: PostgresConnection, _ query: PostgresQuery, _ map: (PostgresRow) throws -> T) async throws -> [T] {
        var out: [T] = []
        for try await row in try await conn.query(query, logger: logger) { out.append(try map(row)) }
        return out
    }

    /// Runs a statement; the number of rows it returned (use `RETURNING 1` to count affected rows).
    @discardableResult
    func run(_ conn: PostgresConnection, _ query: PostgresQuery) async throws -> Int {
        var n = 0
        for try await _ in try await conn.query(query, logger: logger) { n += 1 }
        return n
    }

    func exists(_ conn: PostgresConnection, _ query: PostgresQuery) async throws -> Bool {
        try await run(conn, query) > 0
    }

    /// Whether a statement was refused by a UNIQUE or PRIMARY KEY constraint (SQLSTATE 23505).
    static func isUniqueViolation(_ error: any Error) -> Bool {
        (error as? PSQLError)?.serverInfo?[.sqlState] == "23505"
    }

    func requireOrganisation(_ conn: PostgresConnection, _ id: Int64) async throws {
        if try await !exists(conn, "SELECT 1 FROM organisations WHERE id = \(id)") {
            throw StoreError.notFound("organisation", String(id))
        }
    }

    func requireUser(_ conn: PostgresConnection, _ id: Int64) async throws {
        if try await !exists(conn, "SELECT 1 FROM users WHERE id = \(id)") {
            throw StoreError.notFound("user", String(id))
        }
    }

    /// FOR TESTS ONLY: runs one raw SQL statement on the store's schema, e.g. to tamper with the audit
    /// log and check that verification notices. Never call it from the product.
    public func _rawExecute(_ sql: String) async throws {
        try await connection { conn in try await self.run(conn, PostgresQuery(unsafeSQL: sql)) }
    }
}
