import Foundation
import Hummingbird
import SocleActions
import SocleCore

/// `/api/v1/schemas` and a dataset's schema: its suggestion, its validation against a bundled schema (the
/// same JSON as `socle validate --json`), and the renaming of its columns to the schema's names.
struct SchemaAPIController {
    let state: ServerState

    func addRoutes(to group: RouterGroup<SocleRequestContext>) {
        group.get("schemas", use: list)
        group.get("datasets/{slug}/schema", use: suggestion)
        group.post("datasets/{slug}/validate", use: validate)
        group.post("datasets/{slug}/apply-schema", use: apply)
    }

    struct ListJSON: Encodable { var schemas: [SchemaSummary] }
    struct SuggestionJSON: Encodable {
        var dataset: String
        var revision: Int
        var suggestion: SchemaMatch?
    }

    @Sendable func list(_ request: Request, context: SocleRequestContext) async throws -> Response {
        try JSONOutput.response(ListJSON(schemas: SchemaActions.list()))
    }

    @Sendable func suggestion(_ request: Request, context: SocleRequestContext) async throws -> Response {
        // Members only, like the page's panel: without a sign-in, 401 whatever the dataset.
        let principal = try context.requirePrincipal()
        let slug = try context.parameters.require("slug")
        let (grant, match) = try await state.schemas.suggestion(slug: slug, by: principal)
        return try JSONOutput.response(SuggestionJSON(dataset: slug, revision: grant.revision.number, suggestion: match))
    }

    /// `?schema=NAME`, else the dataset's suggested schema.
    @Sendable func validate(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let slug = try context.parameters.require("slug")
        let name = try await schemaName(request, slug: slug, principal: principal)
        return try JSONOutput.response(try await state.schemas.validate(slug: slug, schema: name, by: principal))
    }

    @Sendable func apply(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let slug = try context.parameters.require("slug")
        let name = request.uri.queryParameters.get("schema").flatMap { $0.isEmpty ? nil : $0 }
        let outcome = try await state.schemas.apply(slug: slug, schema: name, by: principal)
        var response = try JSONOutput.response(outcome, status: .created)
        response.headers[.location] = "/api/v1/datasets/\(outcome.dataset)/revisions"
        return response
    }

    private func schemaName(_ request: Request, slug: String, principal: Principal) async throws -> String {
        if let name = request.uri.queryParameters.get("schema"), !name.isEmpty { return name }
        guard let match = try await state.schemas.suggestion(slug: slug, by: principal).match else {
            throw SocleError(.invalidInput, code: "server.field_required", args: ["field": "schema"])
        }
        return match.schema
    }
}
