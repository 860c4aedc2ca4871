import SocleCore

/// Which index would serve a filter: the columns compared for equality (`=`, `in`, refinements), then
/// at most one compared by range, from the top-level `and` of the where-expression. Revision tables never
/// change, so an index built once serves every later query; the query service builds the ones real queries
/// ask for, rather than indexing every column at load.
public enum IndexAdvisor {
    /// The index columns for `condition`, or nil when no index beyond the load-time ones would help.
    /// `orderedByRow`: ungrouped pages in load order, which an index ending with `_row` serves without a sort.
    /// `covering`: the other columns an aggregate reads; appended (three at most, no geometries) so that the
    /// index alone answers it: the rows of one code are spread over the whole table, and reading each from
    /// the table costs a page per row.
    public static func columns(for condition: QueryExpression?, resolver: ColumnResolver, orderedByRow: Bool,
                               covering: [String] = []) -> [String]? {
        guard let condition else { return nil }
        let terms: [QueryExpression]
        if case .and(let parts) = condition { terms = parts } else { terms = [condition] }
        var equal: [String] = []
        var range: String?
        for t in terms {
            switch t {
            case .compare(let f, let op, _, _):
                guard let c = try? resolver.column(f), !c.type.isGeographic else { continue }
                if op == .equal { if !equal.contains(c.name) { equal.append(c.name) } }
                else if op != .notEqual, range == nil { range = c.name }
            case .inList(let f, _, let negated, _):
                if !negated, let c = try? resolver.column(f), !equal.contains(c.name) { equal.append(c.name) }
            case .refine(let f, _, let negated):
                if !negated, let c = try? resolver.column(f), !equal.contains(c.name) { equal.append(c.name) }
            default:
                continue
            }
        }
        guard !equal.isEmpty || range != nil else { return nil }
        var out = Array(equal.prefix(3))
        if let range, !out.contains(range) { out.append(range) }
        else if range == nil && orderedByRow { out.append("_row") }
        let extra = covering.filter { name in
            !out.contains(name) && resolver.schema.first(where: { $0.name == name }).map { !$0.type.isGeographic } == true
        }
        if extra.count <= 3 { out += extra }
        // One code column is indexed at load already (see StoreSupport.indexedColumns): with `_row` on
        // PostgreSQL, with the rowid implicitly on SQLite.
        if out.count == 1 || (out.count == 2 && out[1] == "_row"),
           let c = resolver.schema.first(where: { $0.name == out[0] }), c.type == .code { return nil }
        return out
    }
}
