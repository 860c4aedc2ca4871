import SocleCore

/// One checked term of a select, group_by or order_by list, rendered for a dialect.
struct ResolvedTerm {
    /// The SQL expression (identifiers quoted, no bound values).
    var sql: String
    /// The output name: the alias, or the term as written in normalized form (`sum(population)`).
    var name: String
    /// Normalized expression, used to match select terms with group_by terms.
    var key: String
    var isAggregate: Bool
    var position: Int
}

/// Checks select/group_by/order_by terms against the schema and renders them.
struct SelectResolver {
    let resolver: ColumnResolver
    let dialect: SQLDialect

    func resolve(_ item: SelectItem) throws -> ResolvedTerm {
        switch item.value {
        case .field(let f):
            let col = try resolver.column(f)
            return ResolvedTerm(sql: dialect.quote(col.name), name: item.alias ?? col.name, key: col.name,
                                isAggregate: false, position: item.position)
        case .function(let fn, let f, let position):
            guard let f else {
                return ResolvedTerm(sql: "COUNT(*)", name: item.alias ?? "count(*)", key: "count(*)", isAggregate: true, position: position)
            }
            let col = try resolver.column(f)
            let key = "\(fn.rawValue)(\(col.name))"
            return ResolvedTerm(sql: try render(fn, col, f), name: item.alias ?? key, key: key,
                                isAggregate: fn.isAggregate, position: position)
        }
    }

    private func render(_ fn: SelectFunction, _ col: ColumnSchema, _ f: FieldRef) throws -> String {
        let q = dialect.quote(col.name)
        let wrong = SocleError(code: "query.function_type", args: [
            "function": fn.rawValue, "column": col.name, "type": col.type.rawValue, "position": String(f.position)])
        let numeric = col.type == .integer || col.type == .number
        switch fn {
        case .count:
            return "COUNT(\(q))"
        case .sum:
            guard numeric else { throw wrong }
            return dialect == .postgres && col.type == .integer ? "CAST(SUM(\(q)) AS bigint)" : "SUM(\(q))"
        case .avg:
            guard numeric else { throw wrong }
            return dialect == .postgres ? "CAST(AVG(\(q)) AS double precision)" : "AVG(\(q))"
        case .min, .max:
            guard !col.type.isGeographic else { throw wrong }
            return "\(fn.rawValue.uppercased())(\(q))"
        case .year, .month, .day, .hour:
            guard col.type == .datetime || (col.type == .date && fn != .hour) else { throw wrong }
            return datePart(fn, q, isDate: col.type == .date)
        }
    }

    /// Date parts of ISO text: `substr` in SQLite, `EXTRACT` on a cast in PostgreSQL; integers in both.
    private func datePart(_ fn: SelectFunction, _ q: String, isDate: Bool) -> String {
        switch dialect {
        case .sqlite:
            let (start, length) = [SelectFunction.year: (1, 4), .month: (6, 2), .day: (9, 2), .hour: (12, 2)][fn]!
            return "CAST(substr(\(q), \(start), \(length)) AS INTEGER)"
        case .postgres:
            return "CAST(EXTRACT(\(fn.rawValue.uppercased()) FROM \(q)::\(isDate ? "date" : "timestamptz")) AS integer)"
        }
    }
}
