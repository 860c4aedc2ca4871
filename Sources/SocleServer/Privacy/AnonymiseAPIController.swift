import Foundation
import Hummingbird
import SocleActions
import SocleCore

/// `POST /api/v1/datasets/{slug}/anonymise`: a derived dataset with its lineage (see `AnonymiseAction`).
struct AnonymiseAPIController {
    let state: ServerState

    func addRoutes(to group: RouterGroup<SocleRequestContext>) {
        group.post("datasets/{slug}/anonymise", use: anonymise)
        group.post("datasets/{slug}/anonymise/rerun", use: rerun)
    }

    /// The derived dataset `{slug}` re-made from its source's current revision and reviews: a new revision.
    @Sendable func rerun(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let outcome = try await state.privacy.rerunAnonymisation(try context.parameters.require("slug"), by: principal,
                                                                 language: context.language)
        return try JSONOutput.response(outcome, status: .created)
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
        /// Only compute the checks and what would block publication; nothing is produced.
        var dryRun: Bool?
    }

    @Sendable func anonymise(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let input = try await JSONOutput.decode(Input.self, from: request)
        let dryRun = input.dryRun ?? false
        guard let into = input.into ?? (dryRun ? "" : nil), dryRun || !into.isEmpty else {
            throw SocleError(.invalidInput, code: "server.field_required", args: ["field": "into"])
        }
        let r = AnonymiseRequest(source: try context.parameters.require("slug"), into: into, title: input.title, drop: input.drop ?? [],
                                 pseudonymise: input.pseudonymise ?? [], generalise: input.generalise ?? [],
                                 suppressRare: input.suppressRare ?? [], k: input.k, quasi: input.quasi ?? [],
                                 aggregateBy: input.aggregateBy ?? [], sum: input.sum ?? [])
        if dryRun {
            return try JSONOutput.response(try await state.privacy.previewAnonymise(r, by: principal, language: context.language))
        }
        let outcome = try await state.privacy.anonymise(r, by: principal, language: context.language)
        var response = try JSONOutput.response(outcome, status: .created)
        response.headers[.location] = "/api/v1/datasets/\(outcome.dataset)"
        return response
    }
}
