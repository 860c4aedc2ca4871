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

