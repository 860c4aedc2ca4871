import Foundation
import Hummingbird
import SocleActions
import SocleCore
import SocleWeb

/// The dataset page's « Schéma suggéré » panel, from the suggestion stored with the current revision, and
/// its two actions: validate the stored rows (a GET: it changes nothing) and apply the schema's names.
enum SchemaPanelBuilder {
    /// Errors listed on the page; the count says how many there are in all.
    static let shownIssues = 50

    static func panel(_ state: ServerState, slug: String, principal: Principal, validate: Bool, canApply: Bool,
                      language: Language) async throws -> SchemaPanel? {
        guard let match = try await state.schemas.suggestion(slug: slug, by: principal).match else { return nil }
        var panel = SchemaPanel(
            name: match.schema, title: match.title, version: match.version, found: match.matchedCount,
            fields: match.matchedCount + match.missingRequired.count + match.missingOptional.count,
            renamed: match.renamed.map { .init(column: $0.column, field: $0.field, how: $0.how) },
            missingRequired: match.missingRequired, missingOptional: match.missingOptional, extra: match.extra,
            ambiguous: match.ambiguous.map(\.field), canApply: canApply)
        if validate {
            let report = try await state.schemas.validate(slug: slug, schema: match.schema, by: principal)
            panel.validation = .init(valid: report.valid, errorCount: report.errorCount, rowCount: report.rowCount,
                                     issues: report.errors.prefix(shownIssues).map {
                                         .init(row: $0.row, field: $0.field, constraint: $0.constraint, message: $0.message)
                                     })
        }
        return panel
    }
}

extension AgentPagesController {
    /// « Appliquer les noms du schéma »: a new revision, then back to the page with what happened.
    @Sendable func applySchema(_ request: Request, context: SignedInContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        do {
            let outcome = try await state.schemas.apply(slug: slug, by: context.principal)
            return pages.redirect(PortalPaths.dataset(slug), request, flash: (.success, "server.flash.schema_applied", [
                "revision": String(outcome.revision), "previous": String(outcome.previousRevision),
                "schema": outcome.schema, "count": String(outcome.renamed.count)]))
        } catch let error as SocleError where error.kind == .conflict {
            // Refused, nothing changed: the reason (no suggestion, ambiguous match…) is shown on the page.
            return pages.redirect(PortalPaths.dataset(slug), request, flash: (.error, error.code, error.args))
        }
    }
}
