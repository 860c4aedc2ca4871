import Foundation
import Hummingbird
import SocleActions
import SocleCore

/// The DataStore actions: `datastore_search` (through the ODSQL compiler) and
/// `datastore_search_sql` (one SELECT checked by `SQLGuard`, run read-only under the interactive
/// budget on the tables of readable datasets only).
struct CKANDatastore {
    let state: ServerState
    let principal: Principal

    static let defaultLimit = 100
    /// CKAN's `ckan.datastore.search.rows_max`: larger limits are lowered to it.
    static let maxLimit = 32_000
    static let formats = ["objects", "lists", "csv", "tsv"]

    func search(_ p: CKANParameters, request: Request) async throws -> CompatJSON {
        let id = try p.string("resource_id") ?? p.string("id") ?? p.require("resource_id")
        let limit = try p.natural("limit", default: Self.defaultLimit, max: Self.maxLimit)
        let offset = try p.natural("offset", default: 0)
        let includeTotal = try p.bool("include_total", default: true)
        let distinct = try p.bool("distinct", default: false)
        let format = (p.string("records_format") ?? "objects").lowercased()
        guard Self.formats.contains(format) else {
            throw SocleError(.invalidInput, code: "ckan.records_format", args: ["value": String(format.prefix(40)),
                                                                                 "formats": Self.formats.joined(separator: ", ")])
        }
        let grant = try await state.policy.grant(id, for: principal)
        let filters = p.json("filters"), q = p.json("q"), sort = p.string("sort")
        let t = try CKANDatastoreQuery(columns: grant.columns, resource: id)
            .translate(filters: filters, q: q, fields: try p.list("fields"), sort: sort, distinct: distinct)

        // The compiler pages by 10 000 at most: larger CKAN limits are read in several pages.
        var rows: [[CellValue]] = []
        var columns: [String] = []
        var total: Int64 = 0
        repeat {
            var r = t.request
            r.limit = min(QueryLimits.maxLimit, limit - rows.count)
            r.offset = offset + rows.count
            let page = try await state.reads.records(grant, r, includeTotal: includeTotal && rows.isEmpty)
            if rows.isEmpty { total = page.totalCount; columns = page.columns }
            rows += page.rows
            if page.rows.count < r.limit ?? 0 || page.rows.isEmpty { break }
        } while rows.count < limit

        let types = Dictionary(grant.columns.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let index = Dictionary(columns.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let positions = t.fields.map { index[$0 == CKANDatastoreQuery.idField ? "_row" : $0] }
        let fieldTypes = t.fields.map { $0 == CKANDatastoreQuery.idField ? nil : types[$0]?.type }
        let records = Self.records(rows, positions: positions, names: t.fields, types: fieldTypes, format: format)
        let fields: [CompatJSON] = t.fields.map { name in
            guard let c = types[name] else { return .object([("id", .string(name)), ("type", .string("int"))]) }
            var pairs: [(String, CompatJSON)] = [("id", .string(name)), ("type", .string(CKANPackageView.fieldType(c.type)))]
            var info: [(String, CompatJSON)] = []
            if !c.label.isEmpty, c.label != c.name { info.append(("label", .string(c.label))) }
            if let d = c.format.semanticDescription(.french) { info.append(("notes", .string(d))) }
            if !info.isEmpty { pairs.append(("info", .object(info))) }
            return .object(pairs)
        }

        var out: [(String, CompatJSON)] = [("include_total", .bool(includeTotal)), ("limit", .int(Int64(limit))),
                                           ("records_format", .string(format)), ("resource_id", .string(id)),
                                           ("total_estimation_threshold", .null)]
        if let filters { out.append(("filters", filters)) }
        if let q { out.append(("q", q)) }
        out += [("records", records), ("fields", .array(fields)), ("_links", links(p, id: id, offset: offset, limit: limit))]
        if includeTotal { out += [("total", .int(total)), ("total_was_estimated", .bool(false))] }
        return .object(out)
    }

    /// `_links.start` and `_links.next` as CKAN writes them (GET URLs, whatever the request's method).
    func links(_ p: CKANParameters, id: String, offset: Int, limit: Int) -> CompatJSON {
        var pairs: [(String, String)] = [("resource_id", id)]
        for name in ["limit", "filters", "q", "fields", "sort", "distinct", "records_format", "include_total"] {
            guard let v = p.values[name], v != .null else { continue }
            pairs.append((name, v.scalarText ?? String(decoding: v.bytes, as: UTF8.self)))
        }
        let path = "/api/3/action/datastore_search?"
        let (next, overflow) = offset.addingReportingOverflow(limit)
        return .object([("start", .string(path + CompatURL.query(pairs))),
                        ("next", .string(path + CompatURL.query(pairs + [("offset", String(overflow ? Int.max : next))])))])
    }

    /// Records in the requested format: objects, lists, or CSV/TSV text without a header.
    static func records(_ rows: [[CellValue]], positions: [Int?], names: [String], types: [ColumnType?], format: String) -> CompatJSON {
        func cell(_ row: [CellValue], _ i: Int) -> CellValue {
            guard let p = positions[i], p < row.count else { return .null }
            return row[p]
        }
        switch format {
        case "lists":
            return .array(rows.map { row in .array(names.indices.map { value(cell(row, $0), types[$0]) }) })
        case "csv", "tsv":
            let separator: Character = format == "csv" ? "," : "\t"
            var text = ""
            for row in rows {
                text += names.indices.map { delimited(cell(row, $0).text ?? "", separator) }.joined(separator: String(separator))
                text += "\n"
            }
            return .string(text)
        default:
            return .array(rows.map { row in .object(names.indices.map { (names[$0], value(cell(row, $0), types[$0])) }) })
        }
    }

    /// A geometry (CKAN's `json` type) as a JSON object when it parses as one; other cells as they are.
    static func value(_ c: CellValue, _ type: ColumnType?) -> CompatJSON {
        guard type == .geometry, case .text(let s) = c, s.utf8.count <= 8 << 20,
              (try? JSONSerialization.jsonObject(with: Data(s.utf8))) is [String: Any] else { return .cell(c) }
        return .raw(Array(s.utf8))
    }

    /// A CSV field quoted when needed; in TSV, tabs and line breaks become spaces (TSV has no quoting).
    static func delimited(_ s: String, _ separator: Character) -> String {
        if separator == "\t" {
            return String(s.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
        }
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: SQL

    func searchSQL(_ p: CKANParameters) async throws -> CompatJSON {
        let sql = try p.require("sql")
        let result = try await state.reads.sql(sql, grants: try await state.policy.grants(for: principal))
        // CKAN names the record number `_id`; the guard's subqueries call it `_row`.
        let names = result.columns.map { $0 == "_row" ? CKANDatastoreQuery.idField : $0 }
        let fields: [CompatJSON] = names.indices.map { i in
            let sample = result.rows.lazy.map { i < $0.count ? $0[i] : .null }.first { $0 != .null } ?? .null
            let type: String
            switch sample {
            case .integer: type = "int"
            case .number: type = "float8"
            case .bool: type = "bool"
            default: type = "text"
            }
            return .object([("id", .string(names[i])), ("type", .string(type))])
        }
        var out: [(String, CompatJSON)] = [
            ("sql", .string(sql)),
            ("records", .array(result.rows.map { row in .object(names.indices.map { (names[$0], .cell($0 < row.count ? row[$0] : .null)) }) })),
            ("fields", .array(fields)),
        ]
        if result.truncated { out.append(("records_truncated", .bool(true))) }
        return .object(out)
    }
}
