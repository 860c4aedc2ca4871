import Foundation
import SocleCore

/// A compiled records request: the page query, the matching count query and how the page was bounded.
public struct CompiledRecords: Sendable, Equatable {
    /// The page of results.
    public var query: CompiledQuery
    /// One row, one column: how many rows (or groups) match, ignoring limit and offset.
    public var count: CompiledQuery
    /// Output column names, in order (`_row` first for ungrouped queries: the record id).
    public var columns: [String]
    public var limit: Int
    public var offset: Int
    /// True when the requested limit was above `QueryLimits.maxLimit` and was lowered to it.
    public var limitCapped: Bool
    /// The query's signature when it can be paged by keyset (ungrouped, at most one sort term), else nil.
    public var cursorSignature: String?
    /// The output column whose value the next cursor needs (nil: load order).
    public var cursorSortColumn: String?
    /// The index that would serve this query's filter (see `IndexAdvisor`), when one would help.
    public var indexHint: [String]? = nil

    /// The cursor for the page after one whose last row has id `lastRow` and, when sorted, `sortValue`.
    public func nextCursor(lastRow: Int64, sortValue: SQLBind?) -> String? {
        guard let cursorSignature else { return nil }
        return QueryCursor(row: lastRow, sortValue: cursorSortColumn == nil ? nil : (sortValue ?? .null),
                           signature: cursorSignature).encoded()
    }
}

/// Compiles ODSQL-style requests on one revision table into bound SQL for SQLite or PostgreSQL.
///
/// Identifiers only ever come from the schema (quoted with `SQLDialect.quote`); every value is bound.
public struct QueryCompiler: Sendable {
    public static let defaultLimit = 100
    public let table: String
    public let resolver: ColumnResolver

    public init(table: String, schema: [ColumnSchema]) {
        self.table = table
        self.resolver = ColumnResolver(schema: schema)
    }

    /// One record by its id (`_row`), with every column of the schema the compiler was given (the reader's
    /// grant): the record routes go through the same table and column list as every other query.
    public func compileRecord(id: Int64, dialect: SQLDialect) -> CompiledQuery {
        let list = (["_row"] + resolver.schema.map { dialect.quote($0.name) }).joined(separator: ", ")
        return CompiledQuery(sql: "SELECT \(list) FROM \(dialect.quote(table)) WHERE _row = \(dialect.placeholder(1))",
                             binds: [.integer(id)], description: "record \(id)")
    }

    /// Compiles a request, or throws a `SocleError` (`.invalidInput`, `query.*` code, with a position).
    /// `withRowId: false` leaves the record id out of the output (exports, which never page by cursor).
    public func compile(_ request: RecordsRequest, dialect: SQLDialect, maxLimit: Int = QueryLimits.maxLimit,
                        withRowId: Bool = true) throws -> CompiledRecords {
        guard (request.limit ?? 0) >= 0 else { throw SocleError(code: "query.invalid_limit", args: ["value": String(request.limit!)]) }
        guard (request.offset ?? 0) >= 0 else { throw SocleError(code: "query.invalid_offset", args: ["value": String(request.offset!)]) }
        let requested = request.limit ?? Self.defaultLimit
        let limit = min(requested, maxLimit)
        let offset = request.cursor == nil ? request.offset ?? 0 : 0
        let terms = SelectResolver(resolver: resolver, dialect: dialect)

        let groups = try nonEmpty(request.groupBy).map { try QueryParser.parseSelect($0).map(terms.resolve) } ?? []
        if let g = groups.first(where: \.isAggregate) {
            throw SocleError(code: "query.aggregate_not_allowed", args: ["function": g.key, "position": String(g.position)])
        }
        var selected: [ResolvedTerm]
        if let s = nonEmpty(request.select), s.trimmingCharacters(in: .whitespaces) != "*" {
            selected = try QueryParser.parseSelect(s).map(terms.resolve)
        } else {
            selected = groups.isEmpty ? resolver.schema.map { ResolvedTerm(sql: dialect.quote($0.name), name: $0.name, key: $0.name, isAggregate: false, position: 1) } : groups
        }
        let grouped = !groups.isEmpty || selected.contains(where: \.isAggregate)
        if grouped {
            for t in selected where !t.isAggregate && !groups.contains(where: { $0.key == t.key }) {
                throw SocleError(code: "query.not_grouped", args: ["column": t.key, "position": String(t.position)])
            }
        } else if withRowId {
            selected.insert(ResolvedTerm(sql: "_row", name: "_row", key: "_row", isAggregate: false, position: 0), at: 0)
        }
        var seen = Set<String>()
        for t in selected where !seen.insert(t.name).inserted {
            throw SocleError(code: "query.duplicate_alias", args: ["alias": t.name, "position": String(t.position)])
        }

        let condition = try whereCondition(request)
        let order = try nonEmpty(request.orderBy).map { try orderTerms($0, terms: terms, selected: selected, groups: groups, grouped: grouped) } ?? []

        // The page query.
        var b = SQLBuilder(dialect)
        let list = selected.map { $0.sql == dialect.quote($0.name) || $0.name == "_row" ? $0.sql : "\($0.sql) AS \(dialect.quote($0.name))" }
        var sql = "SELECT \(list.joined(separator: ", ")) FROM \(dialect.quote(table))"
        let whereText = try condition.map { c -> String in
            let r = try WhereCompiler(resolver: resolver).render(c, into: &b)
            sql += request.cursor != nil && r.sql.contains(" OR ") ? " WHERE (\(r.sql))" : " WHERE \(r.sql)"
            return r.text
        }
        let keysetable = withRowId && !grouped && order.count <= 1 && order.allSatisfy { o in selected.contains { $0.name == o.term.name } }
        let sortExpression = order.first.map { o in selected.first { $0.name == o.term.name }?.sql ?? o.term.sql }
        if let text = request.cursor {
            guard keysetable else { throw SocleError(code: "query.cursor_unsupported") }
            let cursor = try QueryCursor.decode(text)
            guard cursor.signature == QueryCursor.signature(of: request), (cursor.sortValue == nil) == (sortExpression == nil) else {
                throw SocleError(code: "query.invalid_cursor")
            }
            let keyset = cursor.condition(expression: sortExpression, descending: order.first?.descending ?? false, into: &b)
            sql += condition == nil ? " WHERE \(keyset)" : " AND \(keyset)"
        }
        let groupSQL = groups.map(\.sql).joined(separator: ", ")
        if !groups.isEmpty { sql += " GROUP BY \(groupSQL)" }
        var orderSQL = order.map { "\($0.term.sql) \($0.descending ? "DESC" : "ASC") NULLS LAST" }
        if !grouped { orderSQL.append("_row") } else if order.isEmpty, !groups.isEmpty { orderSQL = groups.map(\.sql) }
        if !orderSQL.isEmpty { sql += " ORDER BY \(orderSQL.joined(separator: ", "))" }
        sql += " LIMIT \(b.bind(.integer(Int64(limit)))) OFFSET \(b.bind(.integer(Int64(offset))))"

        // The count query.
        var cb = SQLBuilder(dialect)
        var from = dialect.quote(table)
        if let condition { from += " WHERE \(try WhereCompiler(resolver: resolver).render(condition, into: &cb).sql)" }
        let countSQL: String
        if !groups.isEmpty {
            countSQL = "SELECT COUNT(*) FROM (SELECT 1 FROM \(from) GROUP BY \(groupSQL)) AS \(dialect.quote("_groups"))"
        } else if grouped {
            countSQL = "SELECT 1"
        } else {
            countSQL = "SELECT COUNT(*) FROM \(from)"
        }

        let description = describe(selected: selected, groups: groups, grouped: grouped, whereText: whereText,
                                   order: order, limit: limit, offset: offset, capped: requested > limit)
        var compiled = CompiledRecords(query: CompiledQuery(sql: sql, binds: b.binds, description: description),
                               count: CompiledQuery(sql: countSQL, binds: grouped && groups.isEmpty ? [] : cb.binds,
                                                    description: whereText.map { "number of \(grouped ? "groups" : "rows") where \($0)" } ?? "number of \(grouped ? "groups" : "rows")"),
                               columns: selected.map(\.name), limit: limit, offset: offset, limitCapped: requested > limit,
                               cursorSignature: keysetable ? QueryCursor.signature(of: request) : nil,
                               cursorSortColumn: keysetable ? order.first.map { o in selected.first { $0.name == o.term.name }?.name ?? o.term.name } : nil)
        // Columns an aggregate reads (identifiers are always quoted, so a quoted name found in a term's SQL is
        // a reference to that column).
        let covering = grouped ? resolver.schema.map(\.name).filter { name in
            (selected + groups).contains { $0.sql.contains(dialect.quote(name)) }
        } : []
        compiled.indexHint = IndexAdvisor.columns(for: condition, resolver: resolver, orderedByRow: !grouped && order.isEmpty,
                                                  covering: covering)
        return compiled
    }

    /// Order terms: an output name (alias) first, else a column or function checked like a select term.
    private func orderTerms(_ text: String, terms: SelectResolver, selected: [ResolvedTerm], groups: [ResolvedTerm],
                            grouped: Bool) throws -> [(term: ResolvedTerm, descending: Bool)] {
        try QueryParser.parseOrder(text).map { item in
            if case .field(let f) = item.value, let out = selected.first(where: { $0.name == f.name && $0.name != "_row" }) {
                return (ResolvedTerm(sql: terms.dialect.quote(out.name), name: out.name, key: out.key, isAggregate: out.isAggregate, position: f.position), item.descending)
            }
            let term: ResolvedTerm
            do { term = try terms.resolve(item) } catch let e as SocleError where e.code.hasPrefix("query.unknown_column") {
                guard case .field(let f) = item.value else { throw e }
                throw resolver.unknown(f, extra: selected.map(\.name).filter { $0 != "_row" })
            }
            if grouped, !term.isAggregate, !groups.contains(where: { $0.key == term.key }) {
                throw SocleError(code: "query.not_grouped", args: ["column": term.key, "position": String(term.position)])
            }
            if !grouped, term.isAggregate {
                throw SocleError(code: "query.aggregate_not_allowed", args: ["function": term.key, "position": String(term.position)])
            }
            return (term, item.descending)
        }
    }

    private func describe(selected: [ResolvedTerm], groups: [ResolvedTerm], grouped: Bool, whereText: String?,
                          order: [(term: ResolvedTerm, descending: Bool)], limit: Int, offset: Int, capped: Bool) -> String {
        var text: String
        if grouped {
            let values = selected.filter(\.isAggregate).map(\.key).joined(separator: ", ")
            let keys = groups.map(\.key).joined(separator: ", ")
            text = values.isEmpty ? "distinct \(keys)" : values
            if !groups.isEmpty, !values.isEmpty { text += " per \(keys)" }
            text += whereText.map { " over rows where \($0)" } ?? (values.isEmpty ? "" : " over all rows")
        } else {
            text = selected.count == resolver.schema.count + 1 ? "rows" : "columns \(selected.dropFirst().map(\.key).joined(separator: ", ")) of rows"
            if let whereText { text += " where \(whereText)" }
        }
        if !order.isEmpty {
            text += ", sorted by " + order.map { "\($0.term.name)\($0.descending ? " descending" : "")" }.joined(separator: ", ")
        }
        text += ", \(limit) at most" + (offset > 0 ? " after skipping \(offset)" : "")
        if capped { text += " (limit capped at \(limit))" }
        return text
    }

    /// Counts per value of one column over the rows a request selects (its limit, offset, select and order ignored),
    /// most frequent first; dates are faceted by year. Refinements on the faceted column itself are kept.
    public func compileFacet(_ field: String, request: RecordsRequest, dialect: SQLDialect, limit: Int = 50) throws -> CompiledQuery {
        let col = try resolver.column(FieldRef(name: field, position: 1))
        guard !col.type.isGeographic else {
            throw SocleError(code: "query.function_type", args: ["function": "facet", "column": col.name, "type": col.type.rawValue, "position": "1"])
        }
        var b = SQLBuilder(dialect)
        let q = dialect.quote(col.name)
        let value = col.type == .date || col.type == .datetime ? "substr(\(q), 1, 4)" : q
        var sql = "SELECT \(value) AS \(dialect.quote("value")), COUNT(*) AS \(dialect.quote("count")) FROM \(dialect.quote(table))"
        var text = "number of rows per \(col.name)\(value == q ? "" : " year")"
        if let condition = try whereCondition(request) {
            let r = try WhereCompiler(resolver: resolver).render(condition, into: &b)
            sql += " WHERE \(r.sql)"
            text += " where \(r.text)"
        }
        sql += " GROUP BY \(value) ORDER BY COUNT(*) DESC, \(value) LIMIT \(b.bind(.integer(Int64(min(max(limit, 0), QueryLimits.maxLimit)))))"
        return CompiledQuery(sql: sql, binds: b.binds, description: text)
    }

    /// The `where` expression and-ed with the refinements and exclusions.
    private func whereCondition(_ request: RecordsRequest) throws -> QueryExpression? {
        guard request.refine.count + request.exclude.count <= QueryLimits.maxRefinements else {
            throw SocleError(code: "query.too_many_refinements", args: ["max": String(QueryLimits.maxRefinements)])
        }
        var parts = try nonEmpty(request.filter).map { [try QueryParser.parseWhere($0)] } ?? []
        for (list, negated) in [(request.refine, false), (request.exclude, true)] {
            for item in list {
                guard let colon = item.firstIndex(of: ":"), colon != item.startIndex else {
                    throw SocleError(code: "query.invalid_refine", args: ["value": String(item.prefix(200))])
                }
                let field = FieldRef(name: item[..<colon].trimmingCharacters(in: .whitespaces), position: 1)
                parts.append(.refine(field, String(item[item.index(after: colon)...]), negated: negated))
            }
        }
        return parts.count <= 1 ? parts.first : .and(parts)
    }

    private func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.allSatisfy(\.isWhitespace) else { return nil }
        return s
    }
}
