import Foundation
import Hummingbird
import SocleActions
import SocleCore

/// `POST /api/v1/datasets/{slug}/anonymise`: a derived dataset with its lineage (see `AnonymiseAction`).
struct AnonymiseAPIController {
    let state: ServerState

    func addRoutes(to group: RouterGroup<SocleRequestContext>) {
        group.post("datasets/{slug}/anonymise", use: anonymise)
    }

    struct Input: Decodable {
        var into: String?
        var title: String?
        var drop: [String]?
        var pseudonymise: [String]?
        var generalise: [String]?
        var suppressRare: [String]?
        var k: Int?
        var quasi: [String]?
        var aggregateBy: [String]?
        var sum: [String]?
    }

    @Sendable func anonymise(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let input = try await JSONOutput.decode(Input.self, from: request)
        guard let into = input.into, !into.isEmpty else {
            throw SocleError(.invalidInput, code: "server.field_required", args: ["field": "into"])
        }
        let outcome = try await state.privacy.anonymise(
            AnonymiseRequest(source: try context.parameters.require("slug"), into: into, title: input.title, drop: input.drop ?? [],
                             pseudonymise: input.pseudonymise ?? [], generalise: input.generalise ?? [],
                             suppressRare: input.suppressRare ?? [], k: input.k, quasi: input.quasi ?? [],
                             aggregateBy: input.aggregateBy ?? [], sum: input.sum ?? []),
            by: principal, language: context.language)
        var response = try JSONOutput.response(outcome, status: .created)
        response.headers[.location] = "/api/v1/datasets/\(outcome.dataset)"
        return response
    }
}
