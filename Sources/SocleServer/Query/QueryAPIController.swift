import Foundation
import Hummingbird
import SocleActions
import SocleCore

/// The native read API: `/api/v1/datasets/{slug}/records|records/{row}|facets|exports/{format}`.
/// Everything goes through `ReadPolicy` (which revision, which columns) and `QueryService`.
struct QueryAPIController {
    let state: ServerState

    func addRoutes(to group: RouterGroup<SocleRequestContext>) {
        group.get("datasets/{slug}/records", use: records)
        group.get("datasets/{slug}/records/{row}", use: record)
        group.get("datasets/{slug}/facets", use: facets)
        group.get("datasets/{slug}/exports/{format}", use: export)
    }

    @Sendable func records(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let params = try QueryParameters(request)
        let grant = try await state.policy.grant(try context.parameters.require("slug"), for: context.principal)
        let validators = ConditionalGET(grant: grant, request: request)
        return try await validators.respond(request, context) {
            let page = try await state.reads.records(grant, try params.recordsRequest())
            var json = JSONBuffer(capacity: 1024 + page.rows.count * 128)
            json.raw("{\"total_count\":")
            json.integer(page.totalCount)
            json.raw(",\"limit\":")
            json.integer(Int64(page.limit))
            json.raw(",\"offset\":")
            json.integer(Int64(page.offset))
            json.raw(",\"truncated\":")
            if page.limitCapped { json.raw("true") } else { json.raw("false") }
            json.raw(",\"next\":")
            if let next = page.next { json.string(next) } else { json.raw("null") }
            json.raw(",\"query\":")
            json.string(page.description)
            json.raw(",\"results\":[")
            for (i, row) in page.rows.enumerated() {
                if i > 0 { json.raw(",") }
                json.object(page.columns, row)
            }
            json.raw("]}")
            return Self.json(json.bytes)
        }
    }

    @Sendable func record(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let grant = try await state.policy.grant(try context.parameters.require("slug"), for: context.principal)
        let text = try context.parameters.require("row")
        guard let id = Int64(text), id > 0 else { throw SocleError(.notFound, code: "records.no_record", args: ["id": String(text.prefix(40))]) }
        let validators = ConditionalGET(grant: grant, request: request)
        return try await validators.respond(request, context) {
            guard let fields = try await state.reads.record(grant, id: id) else {
                throw SocleError(.notFound, code: "records.no_record", args: ["id": String(id)])
            }
            var json = JSONBuffer()
            json.object(fields.map(\.0), fields.map(\.1))
            return Self.json(json.bytes)
        }
    }

    @Sendable func facets(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let params = try QueryParameters(request)
        let grant = try await state.policy.grant(try context.parameters.require("slug"), for: context.principal)
        let validators = ConditionalGET(grant: grant, request: request)
        return try await validators.respond(request, context) {
            let result = try await state.reads.facets(grant, try params.recordsRequest(), fields: params.all("facet").filter { !$0.isEmpty })
            var json = JSONBuffer()
            Self.facets(result, into: &json)
            return Self.json(json.bytes)
        }
    }

    /// `{"facets": [{"name": …, "facets": [{"value": …, "count": …}]}]}` (the Opendatasoft shape).
    static func facets(_ result: [FacetResult], into json: inout JSONBuffer) {
        json.raw("{\"facets\":[")
        for (i, f) in result.enumerated() {
            if i > 0 { json.raw(",") }
            json.raw("{\"name\":")
            json.string(f.name)
            json.raw(",\"facets\":[")
            for (j, v) in f.values.enumerated() {
                if j > 0 { json.raw(",") }
                json.raw("{\"name\":")
                json.string(v.value.text ?? "")
                json.raw(",\"value\":")
                json.cell(v.value)
                json.raw(",\"count\":")
                json.integer(v.count)
                json.raw("}")
            }
            json.raw("]}")
        }
        json.raw("]}")
    }

    @Sendable func export(_ request: Request, context: SocleRequestContext) async throws -> Response {
        try await ExportResponder(state: state).respond(request, context, format: try context.parameters.require("format"))
    }

    static func json(_ bytes: [UInt8]) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
