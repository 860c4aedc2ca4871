import Foundation
import Hummingbird
import SocleActions
import SocleCore

/// `/api/v1/register/retention`: the retention rules of the register with where they apply, the last runs,
/// and a dry run or a run on demand (the DPO or an administrator of each organisation concerned).
struct RetentionAPIController {
    let retention: RetentionActions

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("register/retention", use: overview)
        group.post("register/retention/dry-run", use: dryRun)
        group.post("register/retention/run", use: run)
    }

    struct Overview: Encodable {
        var rules: [RetentionScope]
        var runs: [RunJSON]
    }

    struct RunJSON: Encodable {
        var id: Int64
        var organisation: String
        var run: RetentionRun
        init(_ e: RetentionRunEntry) {
            id = e.id
            organisation = e.organisation.slug
            run = e.run
        }
    }

    /// `?organisation=slug` keeps one register.
    @Sendable func overview(_ request: Request, context: SignedInContext) async throws -> Response {
        let org = request.uri.queryParameters.get("organisation")
        return try JSONOutput.response(Overview(rules: try await retention.scopes(context.principal, organisation: org),
                                                runs: try await retention.runs(context.principal, organisation: org).map(RunJSON.init)))
    }

    @Sendable func dryRun(_ request: Request, context: SignedInContext) async throws -> Response {
        try JSONOutput.response(try await retention.run(context.principal, dryRun: true, organisation: request.uri.queryParameters.get("organisation")))
    }

    @Sendable func run(_ request: Request, context: SignedInContext) async throws -> Response {
        try JSONOutput.response(try await retention.run(context.principal, dryRun: false, organisation: request.uri.queryParameters.get("organisation")))
    }
}
