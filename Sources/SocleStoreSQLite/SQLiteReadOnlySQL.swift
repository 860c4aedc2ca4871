import Foundation
import GRDBSQLite
import SocleCore
import SocleQuery
import SocleStore

/// The SQL endpoint on SQLite: a separate read-only connection whose authorizer allows reading only
/// the granted columns of the granted tables and nothing else — no PRAGMA, no ATTACH, no write, no other
/// table or column, no `load_extension` — whatever the text says; SQLite's own limits bound the size of
/// any value a function builds.
extension SQLiteStore {
    public func readOnlySQL(_ sql: String, grant: SQLReadGrant, budget: QueryBudget) async throws -> SQLResult {
        let path = self.path
        return try await withCheckedThrowingContinuation { c in
            DispatchQueue.global().async {
                c.resume(with: Result { try Self.runReadOnly(sql, path: path, grant: grant, budget: budget) })
            }
        }
    }

    /// SQLite's per-connection limits for the endpoint: values, statement text, expression depth,
    /// compound selects, function arguments, LIKE patterns, attached databases.
    static let endpointLimits: [(Int32, Int32)] = [
        (SQLITE_LIMIT_LENGTH, Int32(SQLEndpointLimits.maxValueBytes)),
        (SQLITE_LIMIT_SQL_LENGTH, 100_000),
        (SQLITE_LIMIT_EXPR_DEPTH, 200),
        (SQLITE_LIMIT_COMPOUND_SELECT, 20),
        (SQLITE_LIMIT_FUNCTION_ARG, 16),
        (SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 1_000),
        (SQLITE_LIMIT_ATTACHED, 0),
        (SQLITE_LIMIT_VARIABLE_NUMBER, 0),
    ]

    static func runReadOnly(_ sql: String, path: String, grant: SQLReadGrant, budget: QueryBudget) throws -> SQLResult {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let db = handle else {
            sqlite3_close(handle)
            throw SocleError(.unavailable, code: "store.unavailable", args: ["detail": "read-only connection"])
        }
        defer { sqlite3_close(db) }
        for (limit, value) in endpointLimits { sqlite3_limit(db, limit, value) }
        let policy = Unmanaged.passRetained(ReadPolicyBox(grant: grant))
        defer { policy.release() }
        sqlite3_set_authorizer(db, { ctx, action, a, b, _, _ in
            guard let ctx else { return SQLITE_DENY }
            let box = Unmanaged<ReadPolicyBox>.fromOpaque(ctx).takeUnretainedValue()
            switch action {
            // Recursive common table expressions are plain reads; the time limit and SQLITE_LIMIT_LENGTH bound them.
            case SQLITE_SELECT, SQLITE_RECURSIVE: return SQLITE_OK
            case SQLITE_READ:
                // Column by column: a physical table reached by any path shows only its granted columns.
                let table = a.map { String(cString: $0) } ?? ""
                let column = b.map { String(cString: $0) } ?? ""
                return box.grant.allows(table: table, column: column) ? SQLITE_OK : SQLITE_DENY
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
            if rc == SQLITE_AUTH || message.contains("not authorized") || message.contains("prohibited") {
                throw SocleError(.invalidInput, code: "sql.not_allowed")
            }
            throw SocleError(.invalidInput, code: "sql.syntax", args: ["detail": grant.scrub(message)])
        }
        if let tail, String(cString: tail).contains(where: { !$0.isWhitespace && $0 != ";" }) {
            throw SocleError(.invalidInput, code: "sql.one_statement")
        }
        guard sqlite3_stmt_readonly(stmt) != 0 else { throw SocleError(.invalidInput, code: "sql.not_select") }
        let n = Int(sqlite3_column_count(stmt))
        let columns = (0 ..< n).map { grant.scrub(String(cString: sqlite3_column_name(stmt, Int32($0)))) }
        var rows: [[CellValue]] = []
        var truncated = false
        var bytes = 0
        while true {
            let step = sqlite3_step(stmt)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else {
                if step == SQLITE_INTERRUPT { throw QueryErrors.timeout(budget) }
                if step == SQLITE_TOOBIG {
                    throw SocleError(.tooLarge, code: "sql.value_too_large", args: ["max": String(SQLEndpointLimits.maxValueBytes)])
                }
                throw SocleError(.invalidInput, code: "sql.failed", args: ["detail": grant.scrub(String(cString: sqlite3_errmsg(db)))])
            }
            if rows.count == budget.maxRows || bytes >= SQLEndpointLimits.maxResponseBytes { truncated = true; break }
            rows.append((0 ..< n).map { i in
                switch sqlite3_column_type(stmt, Int32(i)) {
                case SQLITE_INTEGER: bytes += 8; return .integer(sqlite3_column_int64(stmt, Int32(i)))
                case SQLITE_FLOAT: bytes += 8; return .number(sqlite3_column_double(stmt, Int32(i)))
                case SQLITE_NULL: return .null
                default:
                    guard let p = sqlite3_column_text(stmt, Int32(i)) else { return .null }
                    bytes += Int(sqlite3_column_bytes(stmt, Int32(i)))
                    return .text(String(cString: p))
                }
            })
        }
        return SQLResult(columns: columns, rows: rows, truncated: truncated)
    }
}

/// What the authorizer of the SQL endpoint lets through.
final class ReadPolicyBox: @unchecked Sendable {
    let grant: SQLReadGrant
    /// Functions that reach outside the query: extensions, files, the connection's state.
    let deniedFunctions: Set<String> = ["load_extension", "readfile", "writefile", "edit", "fts3_tokenizer",
                                        "sqlite_compileoption_get", "sqlite_compileoption_used", "sqlite_offset",
                                        "sqlite_source_id", "sqlite_version", "zeroblob", "randomblob", "sqlite_dbpage",
                                        "printf", "format", "char", "hex", "unhex", "quote", "soundex"]
    init(grant: SQLReadGrant) { self.grant = grant }
}
