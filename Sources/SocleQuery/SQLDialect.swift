import SocleCore

/// The SQL flavours Socle renders to. Only the renderer produces SQL; values are always bound.
public enum SQLDialect: String, Sendable {
    case sqlite, postgres

    /// Double-quoted identifier with embedded quotes doubled.
    public func quote(_ identifier: String) -> String {
        identifier.sqlQuotedIdentifier
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

/// An ordering of rows by one column, nulls last, ties in load order.
public struct RowSort: Sendable, Equatable {
    public var column: String
    public var descending: Bool
    public init(column: String, descending: Bool = false) {
        self.column = column
        self.descending = descending
    }
}

/// Reading the rows of one revision table, a page at a time, in load order or sorted by one column.
///
/// The full query language (filters, aggregates, facets, keyset cursors) grows here.
public struct RowsQuery: Sendable {
    public var table: String
    public var columns: [String]
    public var limit: Int
    public var offset: Int
    /// Must name one of `columns` (checked by the caller against the revision's schema); quoted anyway.
    public var sort: RowSort?
    /// Hard cap on one page, whatever the caller asks.
    public static let maxLimit = 10_000

    public init(table: String, columns: [String], limit: Int, offset: Int, sort: RowSort? = nil) {
        self.table = table
        self.columns = columns
        self.sort = sort.flatMap { columns.contains($0.column) ? $0 : nil }
        self.limit = min(max(limit, 0), Self.maxLimit)
        self.offset = max(offset, 0)
    }

    public func compile(_ dialect: SQLDialect) -> CompiledQuery {
        let list = columns.isEmpty ? "_row" : columns.map(dialect.quote).joined(separator: ", ")
        let order = sort.map { "\(dialect.quote($0.column)) \($0.descending ? "DESC" : "ASC") NULLS LAST, _row" } ?? "_row"
        let sql = "SELECT \(list) FROM \(dialect.quote(table)) ORDER BY \(order) LIMIT \(dialect.placeholder(1)) OFFSET \(dialect.placeholder(2))"
        let by = sort.map { "sorted by \($0.column)\($0.descending ? " descending" : "")" } ?? "in load order"
        return CompiledQuery(sql: sql, binds: [.integer(Int64(limit)), .integer(Int64(offset))],
                             description: "rows \(offset + 1) to \(offset + limit) \(by)")
    }
}
