import Foundation
import GRDB
import SocleCore
import SocleStore

// Shared plumbing of the platform stores (accounts, metadata, jobs, audit) on SQLite. Each protocol
// lives in its own file: SQLiteAccounts, SQLiteMetadata, SQLiteJobs, SQLiteAudit.
extension SQLiteStore {
    /// A read transaction whose driver errors become located `SocleError`s.
    func reading<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do { return try await pool.read(body) } catch { throw Self.mapped(error) }
    }

    /// A write transaction (GRDB serialises writers: one at a time, so read-then-write is atomic).
    func writing<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do { return try await pool.write(body) } catch { throw Self.mapped(error) }
    }

    /// Rethrows SocleErrors as they are; turns SQLite errors into a located internal error.
    static func mapped(_ error: any Error) -> any Error {
        if error is SocleError || error is CancellationError { return error }
        if let e = error as? DatabaseError {
            // A full disk is the operator's to fix, and says so: the transaction rolled back, nothing was written.
            if e.resultCode == .SQLITE_FULL { return SocleError(.unavailable, code: "store.disk_full") }
            return SocleError(.internalError, code: "store.database_error",
                              args: ["detail": [e.message, "SQLite \(e.extendedResultCode.rawValue)"].compactMap { $0 }.joined(separator: " — ")])
        }
        return SocleError(.internalError, code: "store.database_error", args: ["detail": String(describing: error)])
    }

    /// Whether an insert was refused by a UNIQUE or PRIMARY KEY constraint.
    static func isUniqueViolation(_ error: any Error) -> Bool {
        guard let e = error as? DatabaseError else { return false }
        return e.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE || e.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
    }

    static func exists(_ db: Database, _ sql: String, _ arguments: StatementArguments) throws -> Bool {
        try Row.fetchOne(db, sql: sql, arguments: arguments) != nil
    }

    static func requireOrganisation(_ db: Database, _ id: Int64) throws {
        if try !exists(db, "SELECT 1 FROM organisations WHERE id = ?", [id]) {
            throw StoreError.notFound("organisation", String(id))
        }
    }

    static func requireUser(_ db: Database, _ id: Int64) throws {
        if try !exists(db, "SELECT 1 FROM users WHERE id = ?", [id]) {
            throw StoreError.notFound("user", String(id))
        }
    }

    static func iso(_ date: Date?) -> String? { date.map(StoreSupport.isoString) }

    static func date(_ text: String?) -> Date? { text.flatMap(StoreSupport.parseISO) }

    /// FOR TESTS ONLY: runs raw SQL on the store's database, e.g. to tamper with the audit log and
    /// check that verification notices. Never call it from the product.
    public func _rawExecute(_ sql: String) async throws {
        try await writing { db in try db.execute(sql: sql) }
    }
}
