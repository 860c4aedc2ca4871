import SocleCore

/// Finds the columns a query names in a revision's schema, suggesting close names when one is unknown.
public struct ColumnResolver: Sendable {
    public let schema: [ColumnSchema]
    public let layout: TableLayout

    public init(schema: [ColumnSchema]) {
        self.schema = schema
        self.layout = TableLayout(schema: schema)
    }

    /// The column named `field`, or an `query.unknown_column` error listing close names.
    /// `extra` are other acceptable names (aliases), used only for suggestions.
    public func column(_ field: FieldRef, extra: [String] = []) throws -> ColumnSchema {
        if let c = schema.first(where: { $0.name == field.name }) { return c }
        throw unknown(field, extra: extra)
    }

    func unknown(_ field: FieldRef, extra: [String] = []) -> SocleError {
        let close = suggestions(for: field.name, among: schema.map(\.name) + extra)
        if close.isEmpty {
            // Nothing close: list the fields (the first twenty) so the reader can pick one.
            return SocleError(code: "query.unknown_column_list", args: [
                "name": String(field.name.prefix(100)), "position": String(field.position),
                "fields": schema.prefix(20).map(\.name).joined(separator: ", ")])
        }
        return SocleError(code: "query.unknown_column", args: [
            "name": String(field.name.prefix(100)), "position": String(field.position), "suggestions": close.joined(separator: ", ")])
    }

    /// The text-like columns a bare `"text"` search looks in.
    public var textColumns: [ColumnSchema] { schema.filter { $0.type == .text || $0.type == .code } }

    /// True when this column feeds the `_geo_lon`/`_geo_lat` helpers.
    public func feedsGeoHelpers(_ column: ColumnSchema) -> Bool {
        layout.geoSourceIndex.map { schema[$0].name == column.name } ?? false
    }

    /// Up to three names close to `name`: same letters ignoring case, a prefix, or few edits away.
    func suggestions(for name: String, among names: [String]) -> [String] {
        let target = Array(name.lowercased().prefix(64))
        var unique = Set<String>()
        let scored = names.filter { unique.insert($0).inserted }.compactMap { candidate -> (String, Int)? in
            let c = Array(candidate.lowercased().prefix(64))
            if c == target { return (candidate, 0) }
            if c.count >= 3, target.count >= 3, c.starts(with: target) || target.starts(with: c) { return (candidate, 1) }
            let d = Self.distance(target, c)
            let allowed = max(1, min(3, target.count / 3))
            return d <= allowed ? (candidate, d + 1) : nil
        }
        return scored.sorted { $0.1 == $1.1 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(3).map(\.0)
    }

    /// Levenshtein distance between two short character arrays.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return previous[b.count]
    }
}
