import Foundation
import Hummingbird
import SocleActions
import SocleCore

/// `/api/v1/register/requests…`: the DPO's data-subject requests (the DPO and administrators of the
/// organisation; agents do not read them). Signed-in only; every change audited.
struct RequestAPIController {
    let state: ServerState
    var requests: RequestActions { state.requests }

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("register/requests", use: list)
        group.post("register/requests", use: create)
        group.get("register/requests/{id}", use: get)
        group.post("register/requests/{id}/transition", use: transition)
        group.post("register/requests/{id}/extend", use: extend)
        group.post("register/requests/{id}/answer", use: answer)
        group.post("register/requests/{id}/identity", use: identity)
        group.put("register/requests/{id}/identifiers", use: identifiers)
        group.post("register/requests/{id}/events", use: event)
    }

    struct Created: Encodable {
        var request: RequestDocument
        /// Shown once: the requester's private tracking token (only its hash is kept).
        var trackingToken: String
    }

    struct TransitionInput: Decodable {
        var state: RequestState
        var reason: String?
        var note: String?
    }

    struct ExtendInput: Decodable {
        var notified: String
        var reason: String
    }

    struct AnswerInput: Decodable {
        var text: String
        var date: String
        var channel: RequestChannel
    }

    struct IdentityInput: Decodable {
        var method: String
    }

    struct EventInput: Decodable {
        var kind: String
        var summary: String
    }

    func document(_ e: RequestEntry, _ context: SignedInContext) -> RequestDocument { RequestDocument(e, language: context.language) }

    func id(_ context: SignedInContext) throws -> Int64 { try context.parameters.require("id", as: Int64.self) }

    /// `?reminder=dueSoon|overdue` keeps only those (what a dashboard polls).
    @Sendable func list(_ request: Request, context: SignedInContext) async throws -> Response {
        let q = request.uri.queryParameters
        var list: [RequestEntry]
        switch q.get("reminder") {
        case nil: list = try await requests.list(context.principal, organisation: q.get("organisation"))
        case "dueSoon": list = try await requests.dueSoon(context.principal)
        case "overdue": list = try await requests.overdue(context.principal)
        case let other?:
            throw SocleError(.invalidInput, code: "register.bad_value", args: ["field": "reminder", "value": String(other.prefix(20)), "known": "dueSoon, overdue"])
        }
        if let org = q.get("organisation"), !org.isEmpty { list = list.filter { $0.organisation.slug == org } }
        return try JSONOutput.response(["requests": list.map { document($0, context) }])
    }

    @Sendable func create(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await JSONOutput.decode(RequestInput.self, from: request)
        let (e, token) = try await requests.create(input, organisation: try RegisterAPIController.organisation(request), by: context.principal)
        return try JSONOutput.response(Created(request: document(e, context), trackingToken: token), status: .created)
    }

    @Sendable func get(_ request: Request, context: SignedInContext) async throws -> Response {
        try JSONOutput.response(document(try await requests.get(try id(context), context.principal), context))
    }

    @Sendable func transition(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await JSONOutput.decode(TransitionInput.self, from: request)
        let e = try await requests.transition(try id(context), to: input.state, reason: input.reason, note: input.note, by: context.principal)
        return try JSONOutput.response(document(e, context))
    }

    @Sendable func extend(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await JSONOutput.decode(ExtendInput.self, from: request)
        return try JSONOutput.response(document(try await requests.extend(try id(context), notified: input.notified, reason: input.reason,
                                                                          by: context.principal), context))
    }

    @Sendable func answer(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await JSONOutput.decode(AnswerInput.self, from: request)
        return try JSONOutput.response(document(try await requests.answer(try id(context), text: input.text, date: input.date,
                                                                          channel: input.channel, by: context.principal), context))
    }

    @Sendable func identity(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await JSONOutput.decode(IdentityInput.self, from: request)
        return try JSONOutput.response(document(try await requests.confirmIdentity(try id(context), method: input.method, by: context.principal), context))
    }

    @Sendable func identifiers(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await JSONOutput.decode(SubjectIdentifiers.self, from: request)
        return try JSONOutput.response(document(try await requests.setIdentifiers(try id(context), input, by: context.principal), context))
    }

    @Sendable func event(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await JSONOutput.decode(EventInput.self, from: request)
        let e = try await requests.recordEvent(try id(context), kind: input.kind, summary: input.summary, by: context.principal)
        return try JSONOutput.response(document(e, context), status: .created)
    }
}
