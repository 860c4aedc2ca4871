import Foundation
import Hummingbird
import SocleActions
import SocleCore

/// `/api/v1/register/…`: the GDPR register of the organisations one belongs to (activities, processors,
/// measures, links to datasets, exports). Every member reads; the DPO and admins change. Signed-in only.
struct RegisterAPIController {
    let state: ServerState

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("register/activities", use: activities)
        group.post("register/activities", use: createActivity)
        group.get("register/activities/{id}", use: activity)
        group.put("register/activities/{id}", use: updateActivity)
        group.post("register/activities/{id}/archive", use: archive)
        group.post("register/activities/{id}/restore", use: restore)
        group.post("register/activities/{id}/duplicate", use: duplicate)
        group.get("register/activities/{id}/proposals", use: proposals)
        group.post("register/activities/{id}/links", use: links)
        group.get("register/processors", use: processors)
        group.post("register/processors", use: createProcessor)
        group.get("register/processors/{id}", use: processor)
        group.put("register/processors/{id}", use: updateProcessor)
        group.get("register/measures", use: measures)
        group.post("register/measures", use: createMeasure)
        group.get("register/measures/{id}", use: measure)
        group.put("register/measures/{id}", use: updateMeasure)
        group.get("register/export", use: export)
    }

    var register: RegisterActions { state.register }

    struct ActivityDetail: Encodable {
        var record: ActivityDocument
        var datasets: [LinkedDataset]
    }

    struct EntryJSON<B: RegisterBody & Encodable>: Encodable {
        var id: Int64
        var organisation: String
        var archived: Bool
        var createdAt: Date
        var updatedAt: Date
        var record: B
        init(_ e: RegisterEntry<B>) {
            id = e.id
            organisation = e.organisation.slug
            archived = e.archived
            createdAt = e.createdAt
            updatedAt = e.updatedAt
            record = e.body
        }
    }

    struct ProposalJSON: Encodable {
        var dataset: String
        var datasetTitle: String
        var column: String
        var label: String
        var category: DataCategory
    }

    struct ColumnRef: Decodable {
        var dataset: String
        var column: String
    }

    struct LinksInput: Decodable {
        var add: [ColumnRef]?
        var remove: [ColumnRef]?
    }

    struct DuplicateInput: Decodable {
        var organisations: [String]
    }

    /// `?archived=true` includes archived records; `false` or absent leaves them out; anything else is refused.
    static func includeArchived(_ request: Request) throws -> Bool {
        try archivedParameter(request) ?? false
    }

    /// `?archived=true|false` on a PUT archives or restores the record; absent, it stays as it is.
    static func archivedParameter(_ request: Request) throws -> Bool? {
        guard let raw = request.uri.queryParameters.get("archived") else { return nil }
        switch raw {
        case "true": return true
        case "false": return false
        default: throw SocleError(.invalidInput, code: "register.bad_value", args: ["field": "archived", "value": String(raw.prefix(20)), "known": "true, false"])
        }
    }

    static func organisation(_ request: Request) throws -> String {
        guard let slug = request.uri.queryParameters.get("organisation"), !slug.isEmpty else {
            throw SocleError(.invalidInput, code: "server.field_required", args: ["field": "organisation"])
        }
        return slug
    }

    // MARK: activities

    @Sendable func activities(_ request: Request, context: SignedInContext) async throws -> Response {
        let list = try await register.activities(context.principal, organisation: request.uri.queryParameters.get("organisation"),
                                                 includeArchived: try Self.includeArchived(request))
        return try JSONOutput.response(["activities": list.map { ActivityDocument($0, language: context.language) }])
    }

    func detail(_ e: ActivityEntry, _ context: SignedInContext) async throws -> Response {
        try JSONOutput.response(ActivityDetail(record: ActivityDocument(e, language: context.language), datasets: try await register.linkedDatasets(e)))
    }

    @Sendable func activity(_ request: Request, context: SignedInContext) async throws -> Response {
        try await detail(try await register.activity(try context.parameters.require("id", as: Int64.self), context.principal), context)
    }

    @Sendable func createActivity(_ request: Request, context: SignedInContext) async throws -> Response {
        let body = try await JSONOutput.decode(ProcessingActivity.self, from: request)
        let e = try await register.createActivity(body, organisation: try Self.organisation(request), by: context.principal)
        return try JSONOutput.response(ActivityDocument(e, language: context.language), status: .created)
    }

    @Sendable func updateActivity(_ request: Request, context: SignedInContext) async throws -> Response {
        let data = try await JSONOutput.body(request)
        return try await detail(try await register.updateActivity(try context.parameters.require("id", as: Int64.self), json: data,
                                                                  source: "JSON", by: context.principal), context)
    }

    @Sendable func archive(_ request: Request, context: SignedInContext) async throws -> Response {
        try JSONOutput.response(ActivityDocument(try await register.archiveActivity(try context.parameters.require("id", as: Int64.self), by: context.principal), language: context.language))
    }

    @Sendable func restore(_ request: Request, context: SignedInContext) async throws -> Response {
        try JSONOutput.response(ActivityDocument(try await register.archiveActivity(try context.parameters.require("id", as: Int64.self),
                                                                                    archived: false, by: context.principal)))
    }

    @Sendable func duplicate(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await JSONOutput.decode(DuplicateInput.self, from: request)
        let copies = try await register.duplicateActivity(try context.parameters.require("id", as: Int64.self), into: input.organisations,
                                                          by: context.principal)
        return try JSONOutput.response(["activities": copies.map { ActivityDocument($0, language: context.language) }], status: .created)
    }

    @Sendable func proposals(_ request: Request, context: SignedInContext) async throws -> Response {
        let list = try await register.proposals(try context.parameters.require("id", as: Int64.self), context.principal)
        return try JSONOutput.response(["proposals": list.map {
            ProposalJSON(dataset: $0.dataset, datasetTitle: $0.datasetTitle, column: $0.column, label: $0.label, category: $0.category)
        }])
    }

    @Sendable func links(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await JSONOutput.decode(LinksInput.self, from: request)
        let e = try await register.setLinks(try context.parameters.require("id", as: Int64.self),
                                            add: (input.add ?? []).map { ($0.dataset, $0.column) },
                                            remove: (input.remove ?? []).map { ($0.dataset, $0.column) }, by: context.principal)
        return try await detail(e, context)
    }

    // MARK: processors and measures

    @Sendable func processors(_ request: Request, context: SignedInContext) async throws -> Response {
        let list = try await register.processors(context.principal, organisation: request.uri.queryParameters.get("organisation"),
                                                 includeArchived: try Self.includeArchived(request))
        return try JSONOutput.response(["processors": list.map(EntryJSON.init)])
    }

    @Sendable func processor(_ request: Request, context: SignedInContext) async throws -> Response {
        try JSONOutput.response(EntryJSON(try await register.processor(try context.parameters.require("id", as: Int64.self), context.principal)))
    }

    @Sendable func createProcessor(_ request: Request, context: SignedInContext) async throws -> Response {
        let body = try await JSONOutput.decode(Processor.self, from: request)
        let e = try await register.createProcessor(body, organisation: try Self.organisation(request), by: context.principal)
        return try JSONOutput.response(EntryJSON(e), status: .created)
    }

    @Sendable func updateProcessor(_ request: Request, context: SignedInContext) async throws -> Response {
        let body = try await JSONOutput.decode(Processor.self, from: request)
        return try JSONOutput.response(EntryJSON(try await register.updateProcessor(try context.parameters.require("id", as: Int64.self), body,
                                                                                     archived: try Self.archivedParameter(request), by: context.principal)))
    }

    @Sendable func measures(_ request: Request, context: SignedInContext) async throws -> Response {
        let list = try await register.measures(context.principal, organisation: request.uri.queryParameters.get("organisation"),
                                               includeArchived: try Self.includeArchived(request))
        return try JSONOutput.response(["measures": list.map(EntryJSON.init)])
    }

    @Sendable func measure(_ request: Request, context: SignedInContext) async throws -> Response {
        try JSONOutput.response(EntryJSON(try await register.measure(try context.parameters.require("id", as: Int64.self), context.principal)))
    }

    @Sendable func createMeasure(_ request: Request, context: SignedInContext) async throws -> Response {
        let body = try await JSONOutput.decode(ProtectiveMeasure.self, from: request)
        let e = try await register.createMeasure(body, organisation: try Self.organisation(request), by: context.principal)
        return try JSONOutput.response(EntryJSON(e), status: .created)
    }

    @Sendable func updateMeasure(_ request: Request, context: SignedInContext) async throws -> Response {
        let body = try await JSONOutput.decode(ProtectiveMeasure.self, from: request)
        return try JSONOutput.response(EntryJSON(try await register.updateMeasure(try context.parameters.require("id", as: Int64.self), body,
                                                                                   archived: try Self.archivedParameter(request), by: context.principal)))
    }

    // MARK: export

    /// `?format=csv|json` (JSON by default), `?organisation=` to keep one register.
    @Sendable func export(_ request: Request, context: SignedInContext) async throws -> Response {
        let q = request.uri.queryParameters
        let list = try await register.activities(context.principal, organisation: q.get("organisation"), includeArchived: try Self.includeArchived(request))
        let name = "registre-" + (q.get("organisation") ?? "traitements")
        switch (q.get("format") ?? "json").lowercased() {
        case "json":
            var response = try JSONOutput.response(["activities": list.map { ActivityDocument($0, language: context.language) }])
            response.headers[.contentDisposition] = "attachment; filename=\"\(name).json\""
            return response
        case "csv":
            let bytes = register.csv(list, language: context.language)
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name).csv\""],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        case let other:
            throw SocleError(.invalidInput, code: "register.bad_value", args: ["field": "format", "value": String(other.prefix(20)), "known": "csv, json"])
        }
    }
}

/// `/api/v1/register/public`: the public register, for anyone (activities marked public, not drafts).
struct PublicRegisterAPIController {
    let state: ServerState

    func addRoutes(to group: RouterGroup<SocleRequestContext>) {
        group.get("register/public", use: list)
    }

    @Sendable func list(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let list = try await state.register.publicActivities(organisation: request.uri.queryParameters.get("organisation"))
        return try JSONOutput.response(["activities": list.map(PublicActivity.init)])
    }
}
