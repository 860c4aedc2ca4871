import Foundation
import Hummingbird
import SocleActions
import SocleCore
import SocleWeb

/// The review page of a dataset's personal data (members), and the reviewers' form posts.
struct PrivacyPagesController {
    let state: ServerState
    let pages: Pages

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("datasets/{slug}/privacy", use: show)
        group.post("datasets/{slug}/privacy", use: classify)
    }

    func memberDataset(_ slug: String, _ principal: Principal) async throws -> Dataset {
        try await state.policy.member(slug, by: principal)
    }

    func page(_ d: Dataset, _ principal: Principal, _ language: Language) async throws -> PrivacyReviewPage {
        guard let (rev, columns) = try await state.privacy.statuses(d) else {
            throw SocleError(.notFound, code: "store.no_data", args: ["slug": d.slug])
        }
        let canReview = Permissions.can(principal, .publishDataset, organisationId: d.organisationId, datasetSlug: d.slug)
        let rows = columns.map { c in
            let s = c.suggestion.map { PrivacySuggestion($0, language: language) }
            return PrivacyReviewPage.Row(
                name: c.name, label: c.label, suggested: s?.verdict.rawValue, suggestedCategory: s?.category?.rawValue,
                confidence: s?.confidence, signals: s?.evidence.signals ?? [], examples: s?.evidence.examples ?? [],
                reviewed: c.review?.verdict.rawValue, reviewedCategory: c.review?.category?.rawValue, reviewer: c.review?.reviewer,
                effective: c.effective.rawValue, needsReview: c.needsReview)
        }
        let categories = DataCategory.allCases.map { ($0.rawValue, Catalog.shared.string($0.catalogKey, language: language)) }
        // Unreviewed columns are marked in the table itself; the notice above it keeps the other reasons.
        let blockers = try await state.privacy.publicationBlockers(d)
            .filter { !$0.code.hasPrefix("publish.blocked.column_unreviewed") }.map { $0.message(language) }
        var lineage: PrivacyReviewPage.Lineage?
        if let l = try await state.privacy.lineage(d) {
            let report = AnonymisationSummary(l, language: language)
            lineage = PrivacyReviewPage.Lineage(source: l.sourceDataset, sourceRevision: l.sourceRevision, steps: l.plan.steps,
                                                checks: report.checks, clears: l.clearsPersonalData,
                                                smallestGroup: report.smallestGroup, createdBy: l.createdBy, createdAt: l.createdAt)
        }
        let hasPersonal = columns.contains { $0.effective != .public }
        return PrivacyReviewPage(slug: d.slug, title: d.title, revision: rev.number, rows: rows, categories: categories,
                                 canReview: canReview, blockers: blockers, lineage: lineage,
                                 canAnonymise: canReview && hasPersonal)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let d = try await memberDataset(try context.parameters.require("slug"), context.principal)
        return try pages.render(try await page(d, context.principal, context.language), request, context.base)
    }

    @Sendable func classify(_ request: Request, context: SignedInContext) async throws -> Response {
        let d = try await memberDataset(try context.parameters.require("slug"), context.principal)
        let form = context.base.form ?? FormFields()
        do {
            let column = try form.require("column")
            let (level, category) = try PrivacyAPIController.parse(verdict: form["verdict"], category: form["category"])
            _ = try await state.privacy.classify(d, column: column, as: level, category: category, by: context.principal)
            return pages.redirect(PortalPaths.privacy(d.slug), request, flash: (.success, "server.flash.classified", ["column": column]))
        } catch let e as SocleError where e.kind == .invalidInput {
            let page = try await page(d, context.principal, context.language)
            return try pages.render(page, request, context.base, status: .badRequest,
                                    flash: [Flash(.error, e.message(context.language))])
        }
    }
}

/// The anonymisation wizard: a form built from the reviewed classification, posted to `AnonymiseAction`.
struct AnonymiseWizardController {
    let state: ServerState
    let pages: Pages

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("datasets/{slug}/anonymise", use: form)
        group.post("datasets/{slug}/anonymise", use: submit)
    }

    func reviewer(_ slug: String, _ principal: Principal) async throws -> Dataset {
        let d = try await PrivacyPagesController(state: state, pages: pages).memberDataset(slug, principal)
        guard Permissions.can(principal, .publishDataset, organisationId: d.organisationId, datasetSlug: d.slug) else {
            throw SocleError(.forbidden, code: "auth.forbidden")
        }
        return d
    }

    /// The action a column's classification suggests: identifiers dropped, dates and places generalised.
    static func suggestedAction(_ s: ColumnPrivacyStatus) -> (action: String, quasi: Bool) {
        guard s.effective != .public else { return ("keep", false) }
        switch s.effectiveCategory {
        case .birthDate?: return ("age-band", true)
        case .postalAddress?: return ("commune", true)
        case .location?: return ("grid:1000", true)
        default: return ("drop", false)
        }
    }

    func page(_ d: Dataset, language: Language, into: String? = nil, k: Int = 5) async throws -> AnonymiseWizardPage {
        guard let (_, columns) = try await state.privacy.statuses(d) else {
            throw SocleError(.notFound, code: "store.no_data", args: ["slug": d.slug])
        }
        return AnonymiseWizardPage(slug: d.slug, title: d.title, columns: columns.map { c in
            let (action, quasi) = Self.suggestedAction(c)
            return .init(name: c.name, label: c.label, level: c.effective.rawValue,
                         category: c.effectiveCategory.map { Catalog.shared.string($0.catalogKey, language: language) },
                         action: action, quasi: quasi)
        }, into: into ?? String((d.slug + "-anonymise").prefix(64)), newTitle: d.title + " (anonymisé)", k: k)
    }

    @Sendable func form(_ request: Request, context: SignedInContext) async throws -> Response {
        let d = try await reviewer(try context.parameters.require("slug"), context.principal)
        return try pages.render(try await page(d, language: context.language), request, context.base)
    }

    @Sendable func submit(_ request: Request, context: SignedInContext) async throws -> Response {
        let d = try await reviewer(try context.parameters.require("slug"), context.principal)
        let form = context.base.form ?? FormFields()
        var r = AnonymiseRequest(source: d.slug, into: (form["into"] ?? "").trimmingCharacters(in: .whitespaces), title: form["title"])
        guard let (rev, _) = try await state.privacy.statuses(d) else {
            throw SocleError(.notFound, code: "store.no_data", args: ["slug": d.slug])
        }
        for c in rev.columns {
            switch form["action." + c.name] ?? "keep" {
            case "keep": break
            case "drop": r.drop.append(c.name)
            case "pseudonymise": r.pseudonymise.append(c.name)
            case let g where ["month", "year", "age-band", "commune"].contains(g) || g.hasPrefix("grid:"): r.generalise.append(c.name + ":" + g)
            case let other: throw SocleError(.invalidInput, code: "server.bad_choice", args: ["field": c.name, "value": String(other.prefix(40)), "allowed": AnonymiseWizardPage.actions.joined(separator: ", ")])
            }
        }
        r.quasi = form.all("quasi").filter { q in !r.drop.contains(q) }
        if !r.quasi.isEmpty { r.k = Int(form["k"] ?? "") ?? 5 }
        do {
            let outcome = try await state.privacy.anonymise(r, by: context.principal, language: context.language)
            return pages.redirect(PortalPaths.privacy(outcome.dataset), request, flash: (.success, "server.flash.anonymised", ["slug": outcome.dataset]))
        } catch let e as SocleError where e.kind == .invalidInput || e.kind == .conflict || e.kind == .tooLarge {
            let page = try await page(d, language: context.language, into: r.into.isEmpty ? nil : r.into, k: r.k ?? 5)
            return try pages.render(page, request, context.base, status: .badRequest, flash: [Flash(.error, e.message(context.language))])
        }
    }
}
