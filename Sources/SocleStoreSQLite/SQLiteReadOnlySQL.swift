import Foundation
import GRDBSQLite
import SocleCore
import SocleStore

/// The SQL endpoint on SQLite: a separate read-only connection whose authorizer allows reading only
/// the given tables and nothing else — no PRAGMA, no ATTACH, no write, no other table, no
/// `load_extension` — whatever the text says.
extension SQLiteStore {
    public func readOnlySQL(_ sql: String, allowedTables: Set<String>, budget: QueryBudget) async throws -> SQLResult {
        let path = self.path
        return try await withCheckedThrowingContinuation { c in
            DispatchQueue.global().async {
                c.resume(with: Result { try Self.runReadOnly(sql, path: path, allowed: allowedTables, budget: budget) })
            }
        }
    }

    static func runReadOnly(_ sql: String, path: String, allowed: Set<String>, budget: QueryBudget) throws -> SQLResult {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let db = handle else {
            sqlite3_close(handle)
            throw SocleError(.unavailable, code: "store.unavailable", args: ["detail": "read-only connection"])
        }
        defer { sqlite3_close(db) }
        let policy = Unmanaged.passRetained(ReadPolicyBox(allowed: allowed))
        defer { policy.release() }
        sqlite3_set_authorizer(db, { ctx, action, a, b, _, _ in
            guard let ctx else { return SQLITE_DENY }
            let box = Unmanaged<ReadPolicyBox>.fromOpaque(ctx).takeUnretainedValue()
            switch action {
            case SQLITE_SELECT: return SQLITE_OK
            case SQLITE_READ:
                let table = a.map { String(cString: $0) } ?? ""
                return box.allowed.contains(table) ? SQLITE_OK : SQLITE_DENY
            case SQLITE_FUNCTION:
                let name = (b.map { String(cString: $0) } ?? "").lowercased()
                return box.deniedFunctions.contains(name) ? SQLITE_DENY : SQLITE_OK
            default:
                return SQLITE_DENY
            }
        }, policy.toOpaque())
        let deadline = Deadline(after: budget.timeLimit)
        let dl = Unmanaged.passRetained(deadline)
        defer { dl.release() }
        sqlite3_progress_handler(db, 10_000, { ctx in
            guard let ctx else { return 0 }
            return Unmanaged<Deadline>.fromOpaque(ctx).takeUnretainedValue().passed ? 1 : 0
        }, dl.toOpaque())

        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let rc = sql.withCString { sqlite3_prepare_v2(db, $0, -1, &statement, &tail) }
        defer { sqlite3_finalize(statement) }
        guard rc == SQLITE_OK, let stmt = statement else {
            let message = String(cString: sqlite3_errmsg(db))
            if rc == SQLITE_AUTH || message.contains("not authorized") {
                throw SocleError(.invalidInput, code: "sql.not_allowed", args: ["detail": message])
            }
            throw SocleError(.invalidInput, code: "sql.syntax", args: ["detail": message])
        }
        if let tail, String(cString: tail).contains(where: { !$0.isWhitespace && $0 != ";" }) {
            throw SocleError(.invalidInput, code: "sql.one_statement")
        }
        guard sqlite3_stmt_readonly(stmt) != 0 else { throw SocleError(.invalidInput, code: "sql.not_select") }
        let n = Int(sqlite3_column_count(stmt))
        let columns = (0 ..< n).map { String(cString: sqlite3_column_name(stmt, Int32($0))) }
        var rows: [[CellValue]] = []
        var truncated = false
        while true {
            let step = sqlite3_step(stmt)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else {
                if step == SQLITE_INTERRUPT { throw QueryErrors.timeout(budget) }
                throw SocleError(.invalidInput, code: "sql.failed", args: ["detail": String(cString: sqlite3_errmsg(db))])
            }
            if rows.count == budget.maxRows { truncated = true; break }
            rows.append((0 ..< n).map { i in
                switch sqlite3_column_type(stmt, Int32(i)) {
                case SQLITE_INTEGER: return .integer(sqlite3_column_int64(stmt, Int32(i)))
                case SQLITE_FLOAT: return .number(sqlite3_column_double(stmt, Int32(i)))
                case SQLITE_NULL: return .null
                default:
                    guard let p = sqlite3_column_text(stmt, Int32(i)) else { return .null }
                    return .text(String(cString: p))
                }
            })
        }
        return SQLResult(columns: columns, rows: rows, truncated: truncated)
    }
}

/// What the authorizer of the SQL endpoint lets through.
final class ReadPolicyBox: @unchecked Sendable {
    let allowed: Set<String>
    /// Functions that reach outside the query: extensions, files, the connection's state.
    let deniedFunctions: Set<String> = ["load_extension", "readfile", "writefile", "edit", "fts3_tokenizer",
                                        "sqlite_compileoption_get", "sqlite_compileoption_used", "sqlite_offset",
                                        "sqlite_source_id", "sqlite_version", "zeroblob", "randomblob", "sqlite_dbpage"]
    init(allowed: Set<String>) { self.allowed = allowed }
}
