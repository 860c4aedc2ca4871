import Foundation
import Hummingbird
import SocleActions
import SocleCore

/// Opendatasoft Explore API v2.1 under `/api/explore/v2.1/catalog/…`, so that requests written for an
/// Opendatasoft portal work unchanged. Every read goes through `ReadPolicy` (what the reader may see)
/// and `QueryService` (the same ODSQL compiler as the native API); answers and errors take
/// Opendatasoft's shapes.
struct ODSController {
    let state: ServerState
    static let exportFormats = ["csv", "json", "jsonl", "geojson", "xlsx"]

    func addRoutes(to group: RouterGroup<SocleRequestContext>) {
        group.get("datasets", use: wrap(datasets))
        group.get("facets", use: wrap(catalogFacets))
        group.get("datasets/{dataset_id}", use: wrap(dataset))
        group.get("datasets/{dataset_id}/records", use: wrap(records))
        group.get("datasets/{dataset_id}/records/{record_id}", use: wrap(record))
        group.get("datasets/{dataset_id}/facets", use: wrap(facets))
        group.get("datasets/{dataset_id}/exports/{format}", use: wrap(export))
    }

    /// Runs a handler and answers its errors in Opendatasoft's shape and the `lang` language.
    func wrap(_ handler: @escaping @Sendable (Request, SocleRequestContext) async throws -> Response)
        -> @Sendable (Request, SocleRequestContext) async throws -> Response {
        { request, context in
            do {
                return try await handler(request, context)
            } catch {
                return CompatErrors.ods(error, language: ODSParameters.language(request, context), context: context)
            }
        }
    }

    // MARK: catalog

    /// The readable datasets that pass the catalog's `where`, `refine` and `exclude`, in `order_by` order.
    func catalog(_ p: ODSParameters, _ context: SocleRequestContext) async throws -> [ReadGrant] {
        if p.params.nonEmpty("group_by") != nil {
            throw SocleError(.invalidInput, code: "ods.catalog_unsupported", args: ["what": "group_by", "position": "1"])
        }
        let filter = ODSCatalogFilter.filter
        // Parsed and checked before the datasets are read: a bad expression is refused even on an empty catalog.
        _ = try filter.filter([], where: p.params.nonEmpty("where"), refine: p.params.all("refine"), exclude: p.params.all("exclude"))
        var grants = try filter.filter(try await state.policy.grants(for: context.principal), where: p.params.nonEmpty("where"),
                                       refine: p.params.all("refine"), exclude: p.params.all("exclude"))
        if let order = p.params.nonEmpty("order_by") { grants = try filter.sort(grants, orderBy: order) }
        return grants
    }

    @Sendable func datasets(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let p = try ODSParameters(request, context)
        let limit = try p.limit(grouped: false) ?? ODSParameters.defaultLimit
        let offset = try p.offset()
        if offset > ODSParameters.window - limit {
            throw SocleError(.invalidInput, code: "ods.window",
                             args: ["offset": String(offset), "limit": String(limit), "max": String(ODSParameters.window)])
        }
        let grants = try await catalog(p, context)
        let page = grants.dropFirst(offset).prefix(limit)
        return CompatJSON.object([("total_count", .int(Int64(grants.count))),
                                  ("results", .array(page.map(ODSDatasetView.dataset)))]).response()
    }

    @Sendable func catalogFacets(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let p = try ODSParameters(request, context)
        var names = p.params.all("facet").compactMap(Self.facetName)
        if names.isEmpty { names = ODSCatalogFilter.facetFields }
        for n in names where !ODSCatalogFilter.facetFields.contains(n) {
            throw SocleError(.invalidInput, code: "ods.catalog_unknown_field",
                             args: ["field": String(n.prefix(80)), "position": "1", "fields": ODSCatalogFilter.facetFields.joined(separator: ", ")])
        }
        let grants = try await catalog(p, context)
        let facets: [CompatJSON] = names.map { name in
            var counts: [String: Int64] = [:]
            for g in grants {
                for case .text(let v) in ODSCatalogFilter.values(name, g) ?? [] { counts[v, default: 0] += 1 }
            }
            let sorted = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            return .object([("name", .string(name)), ("facets", .array(sorted.map { Self.facetValue(name: $0.key, value: .string($0.key), count: $0.value) }))])
        }
        return CompatJSON.object([("links", .array([])), ("facets", .array(facets))]).response()
    }

    @Sendable func dataset(_ request: Request, context: SocleRequestContext) async throws -> Response {
        _ = try ODSParameters(request, context)
        let grant = try await state.policy.grant(try context.parameters.require("dataset_id"), for: context.principal)
        let validators = ConditionalGET(grant: grant, request: request, variant: "ods-dataset")
        return try await validators.respond(request, context) {
            ODSDatasetView.dataset(grant).response()
        }
    }

    // MARK: records

    @Sendable func records(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let p = try ODSParameters(request, context)
        let recordsRequest = try p.recordsRequest()
        let grant = try await state.policy.grant(try context.parameters.require("dataset_id"), for: context.principal)
        let validators = ConditionalGET(grant: grant, request: request, variant: "ods")
        return try await validators.respond(request, context) {
            let page = try await state.reads.records(grant, recordsRequest)
            let types = Dictionary(grant.columns.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
            var json = JSONBuffer(capacity: 1024 + page.rows.count * 160)
            json.raw("{\"total_count\":")
            json.integer(page.totalCount)
            json.raw(",\"results\":[")
            for (i, row) in page.rows.enumerated() {
                if i > 0 { json.raw(",") }
                Self.record(page.columns, row, types, into: &json)
            }
            json.raw("]}")
            return QueryAPIController.json(json.bytes)
        }
    }

    /// A record as a plain object of its fields (no `_row`), geographic values in Opendatasoft's form.
    static func record(_ names: [String], _ row: [CellValue], _ types: [String: ColumnType], into json: inout JSONBuffer) {
        var pairs: [(String, CompatJSON)] = []
        pairs.reserveCapacity(names.count)
        for (i, name) in names.enumerated() where name != "_row" && i < row.count {
            pairs.append((name, ODSDatasetView.value(row[i], type: types[name])))
        }
        CompatJSON.object(pairs).write(into: &json)
    }

    @Sendable func record(_ request: Request, context: SocleRequestContext) async throws -> Response {
        _ = try ODSParameters(request, context)
        let grant = try await state.policy.grant(try context.parameters.require("dataset_id"), for: context.principal)
        let text = try context.parameters.require("record_id")
        guard let id = Int64(text), id > 0 else {
            throw SocleError(.notFound, code: "records.no_record", args: ["id": String(text.prefix(40))])
        }
        let validators = ConditionalGET(grant: grant, request: request, variant: "ods")
        return try await validators.respond(request, context) {
            guard let fields = try await state.reads.record(grant, id: id) else {
                throw SocleError(.notFound, code: "records.no_record", args: ["id": String(id)])
            }
            let types = Dictionary(grant.columns.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
            var json = JSONBuffer()
            Self.record(fields.map(\.0), fields.map(\.1), types, into: &json)
            return QueryAPIController.json(json.bytes)
        }
    }

    // MARK: facets and exports

    @Sendable func facets(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let p = try ODSParameters(request, context)
        var recordsRequest = try p.recordsRequest()
        recordsRequest.limit = nil
        recordsRequest.offset = nil
        let grant = try await state.policy.grant(try context.parameters.require("dataset_id"), for: context.principal)
        let validators = ConditionalGET(grant: grant, request: request, variant: "ods-facets")
        return try await validators.respond(request, context) {
            let names = p.params.all("facet").compactMap(Self.facetName)
            let result = try await state.reads.facets(grant, recordsRequest, fields: names)
            let facets: [CompatJSON] = result.map { f in
                .object([("name", .string(f.name)),
                         ("facets", .array(f.values.map { Self.facetValue(name: $0.value.text ?? "", value: .cell($0.value), count: $0.count) }))])
            }
            return CompatJSON.object([("links", .array([])), ("facets", .array(facets))]).response()
        }
    }

    static func facetValue(name: String, value: CompatJSON, count: Int64) -> CompatJSON {
        .object([("name", .string(name)), ("count", .int(count)), ("state", .string("displayed")), ("value", value)])
    }

    /// `facet=field`, or Opendatasoft's function form `facet=facet(name="field", …)`.
    static func facetName(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { return nil }
        guard t.lowercased().hasPrefix("facet(") else { return t }
        guard let r = t.range(of: "name=") else { return t }
        var rest = t[r.upperBound...].drop { $0 == " " }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return t }
        rest = rest.dropFirst()
        return String(rest.prefix { $0 != quote })
    }

    @Sendable func export(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let p = try ODSParameters(request, context)
        let format = try context.parameters.require("format").lowercased()
        guard Self.exportFormats.contains(format) else {
            throw SocleError(.invalidInput, code: "ods.unknown_export_format",
                             args: ["format": String(format.prefix(40)), "formats": Self.exportFormats.joined(separator: ", ")])
        }
        return try await ExportResponder(state: state).respond(request, context, format: format,
                                                               slug: try context.parameters.require("dataset_id"),
                                                               params: p.exportParameters())
    }
}
