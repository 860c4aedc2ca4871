import Foundation
import SocleCore

/// Checks a parsed `where` expression against a schema and renders it as bound SQL plus a sentence.
struct WhereCompiler {
    let resolver: ColumnResolver

    /// SQL condition (no `WHERE` keyword) and its English description.
    func render(_ e: QueryExpression, into b: inout SQLBuilder) throws -> (sql: String, text: String) {
        switch e {
        case .and(let terms):
            let parts = try terms.map { try renderChild($0, parentIsAnd: true, into: &b) }
            return (parts.map(\.sql).joined(separator: " AND "), parts.map(\.text).joined(separator: " and "))
        case .or(let terms):
            let parts = try terms.map { try renderChild($0, parentIsAnd: false, into: &b) }
            return (parts.map(\.sql).joined(separator: " OR "), parts.map(\.text).joined(separator: " or "))
        case .not(let inner):
            let a = try render(inner, into: &b)
            return ("NOT (\(a.sql))", "not (\(a.text))")
        case .compare(let f, let op, let value, let position):
            let col = try resolver.column(f)
            let bound = try bindValue(value, for: col, at: position)
            let sqlOp = op == .notEqual ? "<>" : op.rawValue
            return ("\(operand(col, b)) \(sqlOp) \(b.bind(bound))", "\(col.name) \(op.rawValue) \(value.display)")
        case .inList(let f, let values, let negated, let position):
            let col = try resolver.column(f)
            let bound = try values.map { try bindValue($0, for: col, at: position) }
            let list = bound.map { b.bind($0) }.joined(separator: ", ")
            let shown = values.map(\.display).joined(separator: ", ")
            return ("\(operand(col, b)) \(negated ? "NOT IN" : "IN") (\(list))",
                    "\(col.name) \(negated ? "not in" : "in") (\(shown))")
        case .like(let f, let pattern, let negated, _):
            let col = try textColumn(f, function: "like")
            let op = b.dialect == .postgres ? "ILIKE" : "LIKE"
            let escaped = pattern.replacingAll("\\", with: "\\\\")
            let sql = "\(b.quote(col.name)) \(op) \(b.bind(.text(escaped))) ESCAPE '\\'"
            return (negated ? "NOT (\(sql))" : sql, "\(col.name) \(negated ? "does not match" : "matches") \"\(pattern)\"")
        case .isNull(let f, let negated):
            let col = try resolver.column(f)
            return ("\(b.quote(col.name)) IS \(negated ? "NOT " : "")NULL", "\(col.name) is \(negated ? "not " : "")empty")
        case .search(let f, let text, let position):
            if let f {
                let col = try textColumn(f, function: "search")
                return (contains(col, text, into: &b), "\(col.name) contains \"\(text)\"")
            }
            let cols = resolver.textColumns
            guard !cols.isEmpty else { throw SocleError(code: "query.no_text_columns", args: ["position": String(position)]) }
            let parts = cols.map { contains($0, text, into: &b) }
            return (parts.count == 1 ? parts[0] : "(\(parts.joined(separator: " OR ")))", "some text column contains \"\(text)\"")
        case .startsWith(let f, let prefix):
            let col = try textColumn(f, function: "startswith")
            let n = b.bindLength(prefix.count)
            return ("substr(\(b.quote(col.name)), 1, \(n)) = \(b.bind(.text(prefix)))", "\(col.name) starts with \"\(prefix)\"")
        case .withinDistance(let f, let lon, let lat, let meters):
            let col = try geoColumn(f, function: "within_distance")
            return (distanceSQL(lon: lon, lat: lat, meters: meters, into: &b),
                    "\(col.name) is within \(Self.format(meters)) m of (lon \(Self.format(lon)), lat \(Self.format(lat)))")
        case .inBBox(let f, let lat1, let lon1, let lat2, let lon2):
            let col = try geoColumn(f, function: "in_bbox")
            let sql = boxSQL(latMin: min(lat1, lat2), latMax: max(lat1, lat2), lonMin: min(lon1, lon2), lonMax: max(lon1, lon2), into: &b)
            return (sql, "\(col.name) is inside the box lat \(Self.format(min(lat1, lat2)))..\(Self.format(max(lat1, lat2))), lon \(Self.format(min(lon1, lon2)))..\(Self.format(max(lon1, lon2)))")
        case .comparePart(let part, let f, let op, let value, let position):
            let item = SelectItem(value: .function(part, f, position: f.position), position: f.position)
            let term = try SelectResolver(resolver: resolver, dialect: b.dialect).resolve(item)
            guard case .integer(let n) = value else {
                throw SocleError(code: "query.type_mismatch", args: [
                    "column": term.key, "type": ColumnType.integer.rawValue, "value": value.display, "position": String(position)])
            }
            let sqlOp = op == .notEqual ? "<>" : op.rawValue
            return ("\(term.sql) \(sqlOp) \(b.bind(.integer(n)))", "\(term.key) \(op.rawValue) \(n)")
        case .refine(let f, let value, let negated):
            let col = try resolver.column(f)
            let condition = try refinement(col, value, at: f.position, into: &b)
            return (negated ? "(\(b.quote(col.name)) IS NULL OR NOT (\(condition)))" : condition,
                    "\(col.name) is \(negated ? "not " : "")\"\(value)\"")
        }
    }

    /// Equality with a facet value read as the column's type; a prefix test for dates (`2024`, `2024/03`).
    private func refinement(_ col: ColumnSchema, _ value: String, at position: Int, into b: inout SQLBuilder) throws -> String {
        let name = b.quote(col.name)
        switch col.type {
        case .date, .datetime:
            let v = value.replacingOccurrences(of: "/", with: "-")
            guard !v.isEmpty, v.count <= 35, v.allSatisfy({ $0.isASCII && ($0.isNumber || "-T: .+Z".contains($0)) }) else {
                throw SocleError(code: "query.type_mismatch", args: [
                    "column": col.name, "type": col.type.rawValue, "value": "\"\(value)\"", "position": String(position)])
            }
            return "substr(\(name), 1, \(b.bindLength(v.count))) = \(b.bind(.text(v)))"
        case .geopoint, .geometry:
            throw functionType("refine", col, FieldRef(name: col.name, position: position))
        case .integer, .number:
            let literal: QueryLiteral = Int64(value).map { .integer($0) } ?? Double(value).flatMap { $0.isFinite ? .real($0) : nil } ?? .string(value)
            return "\(name) = \(b.bind(try bindValue(literal, for: col, at: position)))"
        case .boolean:
            let literal: QueryLiteral = ["true", "1"].contains(value.lowercased()) ? .boolean(true)
                : ["false", "0"].contains(value.lowercased()) ? .boolean(false) : .string(value)
            return "\(operand(col, b)) = \(b.bind(try bindValue(literal, for: col, at: position)))"
        case .text, .code:
            return "\(name) = \(b.bind(.text(value)))"
        }
    }

    /// A column compared with bound values: booleans are bound as 0/1, and PostgreSQL stores them
    /// as BOOLEAN, which it will not compare with a bigint.
    private func operand(_ col: ColumnSchema, _ b: SQLBuilder) -> String {
        col.type == .boolean && b.dialect == .postgres ? "CAST(\(b.quote(col.name)) AS integer)" : b.quote(col.name)
    }

    private func renderChild(_ e: QueryExpression, parentIsAnd: Bool, into b: inout SQLBuilder) throws -> (sql: String, text: String) {
        let r = try render(e, into: &b)
        switch e {
        case .or where parentIsAnd, .and where !parentIsAnd: return ("(\(r.sql))", "(\(r.text))")
        default: return r
        }
    }

    /// Case-insensitive substring test, the value bound.
    private func contains(_ col: ColumnSchema, _ text: String, into b: inout SQLBuilder) -> String {
        let name = b.quote(col.name)
        switch b.dialect {
        case .sqlite: return "instr(lower(\(name)), lower(\(b.bind(.text(text))))) > 0"
        case .postgres: return "position(lower(\(b.bind(.text(text)))::text) in lower(\(name))) > 0"
        }
    }

    private func boxSQL(latMin: Double, latMax: Double, lonMin: Double, lonMax: Double, into b: inout SQLBuilder) -> String {
        let lat = b.quote(TableLayout.helperLat), lon = b.quote(TableLayout.helperLon)
        return "\(lat) BETWEEN \(b.bind(.real(latMin))) AND \(b.bind(.real(latMax))) AND \(lon) BETWEEN \(b.bind(.real(lonMin))) AND \(b.bind(.real(lonMax)))"
    }

    /// A bounding-box prefilter (index friendly) then an equirectangular distance test, arithmetic only
    /// (no trigonometry needed in SQL: the cosine of the centre latitude is computed here and bound).
    private func distanceSQL(lon: Double, lat: Double, meters: Double, into b: inout SQLBuilder) -> String {
        let ky = 110_574.0
        let kx = 111_320.0 * cos(lat * .pi / 180)
        let dLat = meters / ky
        let dLon = kx > 1 ? min(meters / kx, 360) : 360
        let box = boxSQL(latMin: lat - dLat, latMax: lat + dLat, lonMin: lon - dLon, lonMax: lon + dLon, into: &b)
        let latC = b.quote(TableLayout.helperLat), lonC = b.quote(TableLayout.helperLon)
        let x1 = "(\(lonC) - \(b.bind(.real(lon)))) * \(b.bind(.real(kx)))"
        let x2 = "(\(lonC) - \(b.bind(.real(lon)))) * \(b.bind(.real(kx)))"
        let y1 = "(\(latC) - \(b.bind(.real(lat)))) * \(b.bind(.real(ky)))"
        let y2 = "(\(latC) - \(b.bind(.real(lat)))) * \(b.bind(.real(ky)))"
        return "(\(box) AND (\(x1)) * (\(x2)) + (\(y1)) * (\(y2)) <= \(b.bind(.real(meters * meters))))"
    }

    /// The bound form of a literal compared with a column, or a type-mismatch error.
    func bindValue(_ value: QueryLiteral, for col: ColumnSchema, at position: Int) throws -> SQLBind {
        if value == .null { throw SocleError(code: "query.null_comparison", args: ["column": col.name, "position": String(position)]) }
        switch (col.type, value) {
        case (.integer, .integer(let v)): return .integer(v)
        case (.number, .integer(let v)): return .real(Double(v))
        case (.integer, .real(let v)), (.number, .real(let v)): return .real(v)
        case (.boolean, .boolean(let v)): return .integer(v ? 1 : 0)
        case (.boolean, .integer(let v)) where v == 0 || v == 1: return .integer(v)
        case (.date, .date(let s)), (.datetime, .date(let s)): return .text(s)
        case (.date, .string(let s)) where QueryParser.isISODate(s), (.datetime, .string(let s)) where QueryParser.isISODate(s):
            return .text(s)
        case (.text, .string(let s)), (.code, .string(let s)): return .text(s)
        case (.code, .integer(let v)), (.text, .integer(let v)): return .text(String(v))
        default:
            throw SocleError(code: "query.type_mismatch", args: [
                "column": col.name, "type": col.type.rawValue, "value": value.display, "position": String(position)])
        }
    }

    private func textColumn(_ f: FieldRef, function: String) throws -> ColumnSchema {
        let col = try resolver.column(f)
        guard col.type == .text || col.type == .code else { throw functionType(function, col, f) }
        return col
    }

    private func geoColumn(_ f: FieldRef, function: String) throws -> ColumnSchema {
        let col = try resolver.column(f)
        guard col.type.isGeographic else { throw functionType(function, col, f) }
        guard resolver.feedsGeoHelpers(col) else {
            throw SocleError(code: "query.geo_not_indexed", args: ["column": col.name, "position": String(f.position)])
        }
        return col
    }

    func functionType(_ function: String, _ col: ColumnSchema, _ f: FieldRef) -> SocleError {
        SocleError(code: "query.function_type", args: [
            "function": function, "column": col.name, "type": col.type.rawValue, "position": String(f.position)])
    }

    /// A number without a useless `.0`.
    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
}
