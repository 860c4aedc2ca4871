import SocleCore

/// The SQL flavours Socle renders to. Only the renderer produces SQL; values are always bound.
public enum SQLDialect: String, Sendable {
    case sqlite, postgres

    /// Double-quoted identifier with embedded quotes doubled.
    public func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The placeholder of the n-th (1-based) bound value.
    public func placeholder(_ n: Int) -> String {
        self == .sqlite ? "?" : "$\(n)"
    }
}

/// A value bound to a compiled query.
public enum SQLBind: Sendable, Equatable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case null
}

/// SQL text, its bound values, and a sentence saying what the query does (shown to users).
public struct CompiledQuery: Sendable, Equatable {
    public var sql: String
    public var binds: [SQLBind]
    public var description: String
    public init(sql: String, binds: [SQLBind], description: String) {
        self.sql = sql
        self.binds = binds
        self.description = description
    }
}

/// Reading the rows of one revision table in load order, a page at a time.
///
/// The full query language (filters, aggregates, facets, keyset cursors) grows here; for now a page
/// is `ORDER BY _row` with a bound limit and offset.
public struct RowsQuery: Sendable {
    public var table: String
    public var columns: [String]
    public var limit: Int
    public var offset: Int
    /// Hard cap on one page, whatever the caller asks.
    public static let maxLimit = 10_000

    public init(table: String, columns: [String], limit: Int, offset: Int) {
        self.table = table
        self.columns = columns
        self.limit = min(max(limit, 0), Self.maxLimit)
        self.offset = max(offset, 0)
    }

    public func compile(_ dialect: SQLDialect) -> CompiledQuery {
        let list = columns.isEmpty ? "_row" : columns.map(dialect.quote).joined(separator: ", ")
        let sql = "SELECT \(list) FROM \(dialect.quote(table)) ORDER BY _row LIMIT \(dialect.placeholder(1)) OFFSET \(dialect.placeholder(2))"
        return CompiledQuery(sql: sql, binds: [.integer(Int64(limit)), .integer(Int64(offset))],
                             description: "rows \(offset + 1) to \(offset + limit) in load order")
    }
}
