import Foundation
import HTTPTypes
import Hummingbird
import SocleActions
import SocleCore

/// `/api/v1/register/breaches…`: the breach register of the organisations one belongs to, with the
/// 72-hour clock computed at each answer. Every member reads; the DPO and admins record. Signed-in only.
struct BreachAPIController {
    let state: ServerState

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("register/breaches", use: list)
        group.post("register/breaches", use: create)
        group.get("register/breaches/{id}", use: show)
        group.put("register/breaches/{id}", use: update)
        group.post("register/breaches/{id}/notifications", use: notify)
        group.post("register/breaches/{id}/not-notified", use: notNotified)
        group.post("register/breaches/{id}/information", use: inform)
    }

    var breaches: BreachActions { state.register.breaches }

    struct NotificationInput: Decodable {
        var notification: BreachNotification
        var complementary: Bool
        init(from decoder: any Decoder) throws {
            notification = try BreachNotification(from: decoder)
            let c = try decoder.container(keyedBy: Key.self)
            complementary = try c.decodeIfPresent(Bool.self, forKey: .complementary) ?? false
        }
        enum Key: String, CodingKey { case complementary }
    }

    struct ReasonInput: Decodable {
        var reason: String
    }

    struct InformationInput: Decodable {
        var at: String?
        var means: String?
        var notInformedReason: String?
    }

    func document(_ e: BreachEntry, _ context: SignedInContext, status: HTTPResponse.Status = .ok) throws -> Response {
        try JSONOutput.response(BreachDocument(e, language: context.language), status: status)
    }

    func id(_ context: SignedInContext) throws -> Int64 { try context.parameters.require("id", as: Int64.self) }

    @Sendable func list(_ request: Request, context: SignedInContext) async throws -> Response {
        let list = try await breaches.list(context.principal, organisation: request.uri.queryParameters.get("organisation"),
                                           includeArchived: try RegisterAPIController.includeArchived(request))
        let now = Date()
        return try JSONOutput.response(["breaches": list.map { BreachDocument($0, now: now, language: context.language) }])
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        try document(try await breaches.breach(try id(context), context.principal), context)
    }

    @Sendable func create(_ request: Request, context: SignedInContext) async throws -> Response {
        let body = try await JSONOutput.decode(DataBreach.self, from: request)
        let e = try await breaches.create(body, organisation: try RegisterAPIController.organisation(request), by: context.principal)
        return try document(e, context, status: .created)
    }

    @Sendable func update(_ request: Request, context: SignedInContext) async throws -> Response {
        let archived = try RegisterAPIController.archivedParameter(request)
        let data = try await JSONOutput.body(request)
        return try document(try await breaches.update(try id(context), json: data, source: "JSON", archived: archived, by: context.principal), context)
    }

    @Sendable func notify(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await JSONOutput.decode(NotificationInput.self, from: request)
        return try document(try await breaches.notify(try id(context), input.notification, complementary: input.complementary,
                                                      by: context.principal), context)
    }

    @Sendable func notNotified(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await JSONOutput.decode(ReasonInput.self, from: request)
        return try document(try await breaches.notNotified(try id(context), reason: input.reason, by: context.principal), context)
    }

    @Sendable func inform(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await JSONOutput.decode(InformationInput.self, from: request)
        var at: Date?
        if let raw = input.at, !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let d = BreachTime.parse(raw) else {
                throw SocleError(.invalidInput, code: "breach.bad_datetime", args: ["field": "at", "value": String(raw.prefix(40))])
            }
            at = d
        }
        return try document(try await breaches.inform(try id(context), at: at, means: input.means, notInformedReason: input.notInformedReason,
                                                      by: context.principal), context)
    }
}
