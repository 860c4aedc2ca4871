import SocleCore

/// Checks and rewrites the one statement a reuser sends to the SQL endpoint (CKAN's
/// `datastore_search_sql`): a single SELECT (or WITH … SELECT) over published datasets named by their
/// slug, calling only ordinary functions. Each dataset name is replaced by a subquery over the
/// published revision's table listing only the columns the reader may see, so that hidden columns
/// cannot be read even by name. The backends enforce the table list again on their own.
public struct SQLGuard: Sendable {
    /// A dataset the statement may read: its slug as the user writes it, its table and visible columns.
    public struct Table: Sendable {
        public var slug: String
        public var physical: String
        public var columns: [String]
        public init(slug: String, physical: String, columns: [String]) {
            self.slug = slug
            self.physical = physical
            self.columns = columns
        }
    }

    public struct Checked: Sendable, Equatable {
        public var sql: String
        /// What the rewritten statement may read: physical table → readable columns (with `_row`).
        /// The backend enforces it again, column by column.
        public var grant: SQLReadGrant
        /// Physical tables the rewritten statement reads.
        public var tables: Set<String> { Set(grant.columns.keys) }
    }

    public static let maxLength = 20_000

    let tables: [String: Table]
    let dialect: SQLDialect

    public init(tables: [Table], dialect: SQLDialect) {
        self.tables = Dictionary(tables.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        self.dialect = dialect
    }

    static let forbidden: Set<String> = [
        "attach", "detach", "pragma", "insert", "update", "delete", "create", "drop", "alter", "copy", "grant",
        "revoke", "vacuum", "analyze", "reindex", "set", "reset", "call", "do", "execute", "lock", "into", "begin",
        "commit", "rollback", "savepoint", "release", "listen", "notify", "load", "truncate", "comment", "prepare",
        "deallocate", "declare", "fetch", "move", "cluster", "refresh", "import", "returning", "conflict", "merge",
    ]
    static let functions: Set<String> = [
        "count", "sum", "avg", "min", "max", "total", "group_concat", "string_agg", "lower", "upper", "length",
        "substr", "substring", "trim", "ltrim", "rtrim", "replace", "round", "abs", "coalesce", "nullif", "ifnull",
        "cast", "date", "datetime", "strftime", "date_trunc", "extract", "date_part", "to_char", "instr",
        "position", "floor", "ceil", "ceiling", "sqrt", "power", "mod", "greatest", "least", "concat", "left",
        "right", "typeof", "julianday", "unixepoch", "stddev", "variance", "median", "percentile_cont",
        "row_number", "rank", "dense_rank", "lag", "lead", "first_value", "last_value", "ntile", "exists",
        "like", "glob", "char_length", "split_part", "regexp_replace", "to_date", "to_number", "iif", "over",
        "filter", "within", "any", "all", "in", "values", "unnest",
    ]
    static let tableFollowers: Set<String> = [
        "where", "join", "inner", "left", "right", "full", "cross", "natural", "on", "using", "group", "order",
        "limit", "offset", "union", "intersect", "except", "having", "window", "as", "outer", "fetch",
    ]

    /// The checked, rewritten statement, or a `sql.*` error saying what is not allowed and where.
    public func check(_ text: String) throws -> Checked {
        guard text.utf8.count <= Self.maxLength else {
            throw SocleError(.invalidInput, code: "sql.too_long", args: ["max": String(Self.maxLength)])
        }
        var tokens = try SQLTokenizer.tokenize(text)
        while tokens.last?.kind == .semicolon { tokens.removeLast() }
        guard let first = tokens.first else { throw SocleError(.invalidInput, code: "sql.empty") }
        guard first.kind == .word, ["select", "with"].contains(first.lowered) else {
            throw SocleError(.invalidInput, code: "sql.not_select")
        }
        var ctes = Set<String>()
        for (i, t) in tokens.enumerated() {
            if t.kind == .semicolon {
                throw SocleError(.invalidInput, code: "sql.one_statement", args: ["position": String(t.position)])
            }
            if t.kind == .word, Self.forbidden.contains(t.lowered) {
                throw SocleError(.invalidInput, code: "sql.forbidden_word", args: ["word": t.text, "position": String(t.position)])
            }
            // `name AS (` introduces a common table expression usable as a table afterwards.
            if t.isName, i + 2 < tokens.count, tokens[i + 1].lowered == "as", tokens[i + 2].kind == .open {
                ctes.insert(t.name)
            }
        }
        try checkNames(tokens, ctes: ctes)
        var out = ""
        var read = Set<String>()
        var i = 0
        var inFrom = false
        var depth = 0
        var fromDepth: [Int] = []
        while i < tokens.count {
            let t = tokens[i]
            let next = i + 1 < tokens.count ? tokens[i + 1] : nil
            if t.kind == .open { depth += 1 }
            if t.kind == .close {
                depth -= 1
                if fromDepth.last.map({ $0 > depth }) == true { fromDepth.removeLast(); inFrom = !fromDepth.isEmpty && fromDepth.last == depth }
            }
            // Function names are matched after unquoting: `"printf"(…)` is `printf(…)`.
            if t.isName, next?.kind == .open, !Self.functions.contains(t.name.lowercased()),
               t.kind == .quoted || !Self.keywordsBeforeParenthesis.contains(t.lowered) {
                throw SocleError(.invalidInput, code: "sql.function_not_allowed", args: ["function": String(t.text.prefix(100)), "position": String(t.position)])
            }
            let lowered = t.lowered
            if t.kind == .word, lowered == "from" || lowered == "join" {
                inFrom = true
                fromDepth.append(depth)
                out += t.text + " "
                i += 1
                i = try tableReference(tokens, at: i, ctes: ctes, into: &out, read: &read)
                continue
            }
            if t.kind == .comma, inFrom, fromDepth.last == depth {
                out += ", "
                i += 1
                i = try tableReference(tokens, at: i, ctes: ctes, into: &out, read: &read)
                continue
            }
            if t.kind == .word, ["where", "group", "order", "limit", "having", "union", "except", "intersect"].contains(lowered), fromDepth.last == depth {
                inFrom = false
            }
            out += t.text
            // Keep adjacent symbols together (`>=`, `||`, `::`), as they were written.
            if let next, next.position > t.end { out += " " }
            i += 1
        }
        let grant = SQLReadGrant(
            columns: Dictionary(uniqueKeysWithValues: read.compactMap { physical in
                tables.values.first { $0.physical == physical }.map { (physical, Set(["_row"] + $0.columns)) }
            }),
            slugs: Dictionary(tables.values.map { ($0.physical, $0.slug) }, uniquingKeysWith: { a, _ in a }))
        return Checked(sql: out.trimmingCharacters(in: .whitespaces), grant: grant)
    }

    /// Words that may stand before a parenthesis without being a function call.
    static let keywordsBeforeParenthesis: Set<String> = [
        "from", "join", "as", "and", "or", "not", "on", "select", "where", "when", "then", "else", "case", "distinct",
        "by", "having", "union", "is", "between", "using",
    ]

    /// Checks every name of the statement, before anything is rewritten: physical tables and the platform's
    /// own tables cannot be named at all (not in FROM, not behind parentheses, not as a column qualifier),
    /// and a common table expression may not take the name of a dataset or of a physical table.
    private func checkNames(_ tokens: [SQLToken], ctes: Set<String>) throws {
        let visible = Set(tables.values.flatMap(\.columns))
        for (i, t) in tokens.enumerated() where t.isName {
            // A function call is judged by the function allow-list, with its own message.
            if i + 1 < tokens.count, tokens[i + 1].kind == .open { continue }
            let name = t.name
            if tables[name] != nil || visible.contains(name) { continue }
            if Self.isInternalName(name) {
                throw SocleError(.invalidInput, code: "sql.internal_name", args: ["position": String(t.position)])
            }
        }
        for cte in ctes where tables[cte] != nil {
            throw SocleError(.invalidInput, code: "sql.cte_shadows", args: ["name": String(cte.prefix(100))])
        }
    }

    /// Names that belong to the storage and never to a reader: revision tables, the platform's tables,
    /// the engines' catalogs.
    public static func isInternalName(_ raw: String) -> Bool {
        let name = raw.lowercased()
        if name.hasPrefix("rev_") || name.hasPrefix("sqlite_") || name.hasPrefix("pg_") || name == "information_schema" { return true }
        return platformTables.contains(name)
    }

    /// The platform's own tables (Sources/SocleStore/Migration.swift), kept out of reach and out of messages.
    public static let platformTables: Set<String> = [
        "api_tokens", "audit_log", "dataset_documents", "datasets", "jobs", "memberships", "organisations", "register_files", "register_records",
        "revisions", "services", "sessions", "subject_index", "subject_index_state", "users", "schema_migrations",
        "grdb_migrations", "notifications", "mail_outbox",
    ]

    /// What follows FROM, JOIN or a comma in a FROM list: a dataset (rewritten), a common table expression,
    /// or a subquery. A parenthesised table name — `FROM (rev_1_1) r` — is refused: only a subquery may
    /// stand in parentheses.
    private func tableReference(_ tokens: [SQLToken], at i: Int, ctes: Set<String>, into out: inout String,
                                read: inout Set<String>) throws -> Int {
        guard i < tokens.count else { return i }
        let t = tokens[i]
        if t.isName { return try rewriteTable(tokens, at: i, ctes: ctes, into: &out, read: &read) }
        if t.kind == .open {
            var j = i
            while j < tokens.count, tokens[j].kind == .open { j += 1 }
            if j < tokens.count, !["select", "with", "values"].contains(tokens[j].lowered) {
                throw SocleError(.invalidInput, code: "sql.parenthesised_table", args: ["position": String(t.position)])
            }
        }
        return i
    }

    /// Replaces the table name at `index` by the dataset's subquery; returns the index after the name.
    private func rewriteTable(_ tokens: [SQLToken], at index: Int, ctes: Set<String>, into out: inout String,
                              read: inout Set<String>) throws -> Int {
        let t = tokens[index]
        if ctes.contains(t.name) { out += t.text + " "; return index + 1 }
        if index + 1 < tokens.count, tokens[index + 1].kind == .open {
            throw SocleError(.invalidInput, code: "sql.function_not_allowed", args: ["function": String(t.text.prefix(100)), "position": String(t.position)])
        }
        guard let table = tables[t.name] else {
            let known = tables.keys.sorted().prefix(20).joined(separator: ", ")
            throw SocleError(.invalidInput, code: "sql.unknown_table", args: ["table": String(t.name.prefix(100)), "position": String(t.position), "known": known])
        }
        read.insert(table.physical)
        let list = (["_row"] + table.columns).map(dialect.quote).joined(separator: ", ")
        out += "(SELECT \(list) FROM \(dialect.quote(table.physical)))"
        let next = index + 1 < tokens.count ? tokens[index + 1] : nil
        let hasAlias = next.map { n in n.lowered == "as" || (n.isName && !Self.tableFollowers.contains(n.lowered)) } ?? false
        out += hasAlias ? " " : " AS \(dialect.quote(t.name)) "
        return index + 1
    }
}

/// What one checked statement may read, handed to the backend that enforces it again: each physical
/// table with its readable columns, and the dataset slug of each physical table so that messages from the
/// engine name datasets, never storage.
public struct SQLReadGrant: Sendable, Equatable {
    public var columns: [String: Set<String>]
    public var slugs: [String: String]
    public init(columns: [String: Set<String>], slugs: [String: String] = [:]) {
        self.columns = columns
        self.slugs = slugs
    }

    /// True when `column` of `table` may be read (an empty column is SQLite's `count(*)`).
    public func allows(table: String, column: String) -> Bool {
        guard let cols = columns[table] else { return false }
        return column.isEmpty || cols.contains(column)
    }

    /// An engine's message with storage names replaced: revision tables by their dataset's slug,
    /// any other internal name by "…". The text is also cut to 300 characters.
    public func scrub(_ message: String) -> String {
        var out = ""
        var word = ""
        func flush() {
            if !word.isEmpty {
                if let slug = slugs[word] { out += slug } else if SQLGuard.isInternalName(word) { out += "…" } else { out += word }
                word = ""
            }
        }
        for ch in message {
            if ch.isLetter || ch.isNumber || ch == "_" { word.append(ch) } else { flush(); out.append(ch) }
        }
        flush()
        return String(out.prefix(300))
    }
}

/// One token of a user's SQL statement.
struct SQLToken: Sendable {
    enum Kind: Sendable { case word, quoted, string, number, symbol, open, close, comma, semicolon }
    var kind: Kind
    var text: String
    /// 1-based position of the first character; `end` is the 1-based position just after the token.
    var position: Int
    var end: Int { position + text.unicodeScalars.count }

    var lowered: String { kind == .word ? text.lowercased() : "" }
    /// True for tokens that can name a table: bare words (folded to lower case) and quoted names.
    var isName: Bool { kind == .word || kind == .quoted }
    var name: String {
        if kind == .quoted { return String(text.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"") }
        return text.lowercased()
    }
}

/// Splits a statement into tokens; comments are dropped, dollar quotes and back-quotes refused.
enum SQLTokenizer {
    static func tokenize(_ text: String) throws -> [SQLToken] {
        let s = Array(text.unicodeScalars)
        var out: [SQLToken] = []
        var i = 0
        func fail(_ code: String) -> SocleError { SocleError(.invalidInput, code: code, args: ["position": String(i + 1)]) }
        while i < s.count {
            let c = s[i]
            if c.properties.isWhitespace { i += 1; continue }
            if c == "-", i + 1 < s.count, s[i + 1] == "-" {
                while i < s.count, s[i] != "\n" { i += 1 }
                continue
            }
            if c == "/", i + 1 < s.count, s[i + 1] == "*" {
                guard let end = (i + 2 ..< max(i + 2, s.count - 1)).first(where: { s[$0] == "*" && s[$0 + 1] == "/" }) else { throw fail("sql.unclosed_comment") }
                i = end + 2
                continue
            }
            let start = i
            if c == "'" || c == "\"" {
                i += 1
                while true {
                    guard i < s.count else { i = start; throw fail(c == "'" ? "sql.unclosed_string" : "sql.unclosed_name") }
                    if s[i] == c {
                        if i + 1 < s.count, s[i + 1] == c { i += 2; continue }
                        i += 1
                        break
                    }
                    i += 1
                }
                out.append(SQLToken(kind: c == "'" ? .string : .quoted, text: String(String.UnicodeScalarView(s[start ..< i])), position: start + 1))
                continue
            }
            if c == "$" || c == "`" || c == "[" || c == "\\" || c == "\0" { throw fail("sql.bad_character") }
            if c.properties.isAlphabetic || c == "_" {
                while i < s.count, s[i].properties.isAlphabetic || s[i] == "_" || ("0"..."9").contains(s[i]) { i += 1 }
                out.append(SQLToken(kind: .word, text: String(String.UnicodeScalarView(s[start ..< i])), position: start + 1))
                continue
            }
            if ("0"..."9").contains(c) || (c == "." && i + 1 < s.count && ("0"..."9").contains(s[i + 1])) {
                while i < s.count, ("0"..."9").contains(s[i]) || s[i] == "." || s[i] == "e" || s[i] == "E" { i += 1 }
                out.append(SQLToken(kind: .number, text: String(String.UnicodeScalarView(s[start ..< i])), position: start + 1))
                continue
            }
            i += 1
            let kind: SQLToken.Kind = c == "(" ? .open : c == ")" ? .close : c == "," ? .comma : c == ";" ? .semicolon : .symbol
            out.append(SQLToken(kind: kind, text: String(c), position: start + 1))
        }
        return out
    }
}
