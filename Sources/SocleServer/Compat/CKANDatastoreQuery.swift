import Foundation
import SocleCore

/// Translates the DataStore's `filters`, `q`, `fields`, `sort` and `distinct` into an ODSQL records
/// request for the query compiler, which binds every value. Names are checked against the columns
/// the reader may see and written back-quoted; values are written as ODSQL literals of the column's
/// type, strings quoted with their backslashes and quotes escaped, so no input is ever SQL text.
struct CKANDatastoreQuery: Sendable {
    /// `_id` is CKAN's name for the record number (`_row`).
    static let idField = "_id"
    static let maxFilterValues = QueryLimits.maxListItems

    let columns: [ColumnSchema]
    let resource: String

    /// What the translation produced: the request (limit and offset left to the caller) and the
    /// output fields in order (`_id` first when wanted).
    struct Translation: Sendable {
        var request: RecordsRequest
        var fields: [String]
        var includesId: Bool
    }

    func translate(filters: CompatJSON?, q: CompatJSON?, fields: [String]?, sort: String?, distinct: Bool) throws -> Translation {
        var conditions: [String] = []
        if let filters { conditions += try filterConditions(filters) }
        if let q { conditions += try searchConditions(q) }

        var wanted = columns.map(\.name)
        var includesId = !distinct
        if let fields, !fields.isEmpty {
            includesId = !distinct && fields.contains(Self.idField)
            wanted = try fields.filter { $0 != Self.idField }.map { try column($0, parameter: "fields").name }
            if wanted.isEmpty { wanted = columns.map(\.name) }
        }
        let select = wanted.map(Self.quote).joined(separator: ", ")
        let request = RecordsRequest(select: select.isEmpty ? nil : select,
                                     filter: conditions.isEmpty ? nil : conditions.joined(separator: " and "),
                                     groupBy: distinct && !select.isEmpty ? select : nil,
                                     orderBy: try sort.flatMap { try orderBy($0, distinct: distinct) })
        return Translation(request: request, fields: (includesId ? [Self.idField] : []) + wanted, includesId: includesId)
    }

    func column(_ name: String, parameter: String) throws -> ColumnSchema {
        guard let c = columns.first(where: { $0.name == name }) else {
            throw SocleError(.invalidInput, code: "ckan.unknown_field", args: [
                "name": parameter, "field": String(name.prefix(80)), "resource": resource,
                "fields": columns.map(\.name).prefix(40).joined(separator: ", ")])
        }
        return c
    }

    static func quote(_ name: String) -> String { "`" + name + "`" }

    /// An ODSQL string literal: backslashes and double quotes escaped (the lexer's only escapes).
    static func string(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    // MARK: filters

    /// `{"field": value}` is equality, `{"field": [a, b]}` is `in`, `null` is a null test.
    func filterConditions(_ filters: CompatJSON) throws -> [String] {
        guard case .object(let pairs) = filters else {
            throw SocleError(.invalidInput, code: "ckan.bad_json", args: ["name": "filters", "kind": "object"])
        }
        return try pairs.map { name, value in
            if name == Self.idField {
                throw SocleError(.invalidInput, code: "ckan.filter_id", args: [:])
            }
            let col = try column(name, parameter: "filters")
            guard !col.type.isGeographic else {
                throw SocleError(.invalidInput, code: "ckan.filter_geo", args: ["field": col.name])
            }
            switch value {
            case .null:
                return "\(Self.quote(col.name)) is null"
            case .array(let items):
                guard !items.isEmpty else { throw SocleError(.invalidInput, code: "ckan.empty_list", args: ["field": col.name]) }
                guard items.count <= Self.maxFilterValues else {
                    throw SocleError(.invalidInput, code: "ckan.too_many_values", args: ["field": col.name, "max": String(Self.maxFilterValues)])
                }
                return "\(Self.quote(col.name)) in (\(try items.map { try literal($0, col) }.joined(separator: ", ")))"
            default:
                return "\(Self.quote(col.name)) = \(try literal(value, col))"
            }
        }
    }

    /// A JSON value as an ODSQL literal of the column's type.
    func literal(_ value: CompatJSON, _ col: ColumnSchema) throws -> String {
        guard let text = value.scalarText else {
            throw SocleError(.invalidInput, code: "ckan.filter_nested", args: ["field": col.name])
        }
        func mismatch() -> SocleError {
            SocleError(.invalidInput, code: "ckan.filter_value", args: [
                "field": col.name, "value": String(text.prefix(60)), "type": CKANPackageView.fieldType(col.type)])
        }
        switch col.type {
        case .integer, .number:
            let t = text.trimmingCharacters(in: .whitespaces)
            if let i = Int64(t) { return String(i) }
            guard let d = Double(t), d.isFinite, !t.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" }) else { throw mismatch() }
            return String(d)
        case .boolean:
            switch text.lowercased() {
            case "true", "1", "t": return "true"
            case "false", "0", "f": return "false"
            default: throw mismatch()
            }
        case .date, .datetime:
            guard Self.isISODate(text) else { throw mismatch() }
            return Self.string(text)
        case .code, .text:
            return Self.string(text)
        case .geopoint, .geometry:
            throw SocleError(.invalidInput, code: "ckan.filter_geo", args: ["field": col.name])
        }
    }

    /// `yyyy-mm-dd`, optionally followed by a time: what the compiler compares with date columns.
    static func isISODate(_ s: String) -> Bool {
        let c = Array(s.utf8)
        guard c.count >= 10, c.count <= 35, c[4] == UInt8(ascii: "-"), c[7] == UInt8(ascii: "-"),
              (c[0..<4] + c[5..<7] + c[8..<10]).allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        return c.count == 10 || c[10] == UInt8(ascii: "T") || c[10] == UInt8(ascii: " ")
    }

    // MARK: q

    /// `q` as text searches every text column; `{"field": "text"}` searches those fields.
    func searchConditions(_ q: CompatJSON) throws -> [String] {
        switch q {
        case .object(let pairs):
            return try pairs.compactMap { name, value in
                guard let text = value.scalarText else {
                    throw SocleError(.invalidInput, code: "ckan.filter_nested", args: ["field": name])
                }
                let col = try column(name, parameter: "q")
                guard col.type == .text || col.type == .code else {
                    throw SocleError(.invalidInput, code: "ckan.q_not_text", args: ["field": col.name])
                }
                return text.isEmpty ? nil : "search(\(Self.quote(col.name)), \(Self.string(text)))"
            }
        default:
            guard let text = q.scalarText else { throw SocleError(.invalidInput, code: "ckan.bad_json", args: ["name": "q", "kind": "string or object"]) }
            let t = text.trimmingCharacters(in: .whitespaces)
            return t.isEmpty ? [] : [Self.string(t)]
        }
    }

    // MARK: sort

    /// `"a, b desc"` (names may be double-quoted) as an ODSQL `order_by`; `_id` ascending is the
    /// default order and adds nothing.
    func orderBy(_ text: String, distinct: Bool) throws -> String? {
        var terms: [String] = []
        for raw in text.split(separator: ",") {
            var words = raw.split(whereSeparator: \.isWhitespace).map(String.init)
            guard !words.isEmpty else { continue }
            var descending = false
            if words.count > 1, let last = words.last?.lowercased(), last == "asc" || last == "desc" {
                descending = last == "desc"
                words.removeLast()
            }
            var name = words.joined(separator: " ")
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
            guard !name.isEmpty, name.count <= 200 else {
                throw SocleError(.invalidInput, code: "ckan.bad_sort", args: ["term": String(raw.prefix(80))])
            }
            if name == Self.idField {
                // Ties are already broken by `_id`; only a descending order cannot be expressed.
                guard !descending else { throw SocleError(.invalidInput, code: "ckan.sort_id", args: [:]) }
                continue
            }
            terms.append(Self.quote(try column(name, parameter: "sort").name) + (descending ? " desc" : " asc"))
        }
        return terms.isEmpty ? nil : terms.joined(separator: ", ")
    }
}
