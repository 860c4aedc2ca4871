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
        group.post("datasets/{slug}/privacy/confirm-all", use: confirmAll)
    }

    /// A person's name for an actor code (`user:2` → « Marie Dupont »); other actors in words.
    static func actorName(_ code: String, _ names: [String: String], _ language: Language) -> String {
        if let n = names[code] { return n }
        if code.hasPrefix("system:") { return Catalog.shared.string("web.privacy.actor.system", language: language) }
        if code.hasPrefix("token:") { return Catalog.shared.string("web.privacy.actor.token", language: language) }
        return code
    }

    func memberDataset(_ slug: String, _ principal: Principal) async throws -> Dataset {
        try await state.policy.member(slug, by: principal)
    }

    func page(_ d: Dataset, _ principal: Principal, _ language: Language) async throws -> PrivacyReviewPage {
        guard let (rev, columns) = try await state.privacy.statuses(d) else {
            throw SocleError(.notFound, code: "store.no_data", args: ["slug": d.slug])
        }
        let canReview = Permissions.can(principal, .publishDataset, organisationId: d.organisationId, datasetSlug: d.slug)
        let names = try await state.privacy.actorNames()
        let rows = columns.map { c in
            let s = c.suggestion.map { PrivacySuggestion($0, language: language) }
            return PrivacyReviewPage.Row(
                name: c.name, label: c.label, suggested: s?.verdict.rawValue, suggestedCategory: s?.category?.rawValue,
                confidence: s?.confidence, signals: s?.evidence.signals ?? [], examples: s?.evidence.examples ?? [],
                reviewed: c.review?.verdict.rawValue, reviewedCategory: c.review?.category?.rawValue, reviewer: c.review.map { Self.actorName($0.reviewer, names, language) },
                effective: c.effective.rawValue, needsReview: c.needsReview)
        }
        let categories = DataCategory.allCases.map { ($0.rawValue, Catalog.shared.string($0.catalogKey, language: language)) }
        // Unreviewed columns are marked in the table itself; the notice above it keeps the other reasons.
        let blockers = try await state.privacy.publicationBlockers(d)
            .filter { !$0.code.hasPrefix("publish.blocked.column_unreviewed") }.map { $0.message(language) }
        var lineage: PrivacyReviewPage.Lineage?
        if let l = try await state.privacy.lineage(d) {
            let report = AnonymisationSummary(l, language: language)
            let steps = try await state.privacy.lineageSentences(l, language: language).map(\.text)
            lineage = PrivacyReviewPage.Lineage(source: l.sourceDataset, sourceRevision: l.sourceRevision, steps: steps,
                                                checks: report.checks, clears: l.clearsPersonalData,
                                                smallestGroup: report.smallestGroup, createdBy: Self.actorName(l.createdBy, names, language),
                                                createdAt: l.createdAt)
            lineage?.sourceChanged = try await state.privacy.sourceChanged(since: l)
            lineage?.canRerun = canReview
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

    /// « Confirmer toutes les suggestions », except the columns ticked to be excluded.
    @Sendable func confirmAll(_ request: Request, context: SignedInContext) async throws -> Response {
        let d = try await memberDataset(try context.parameters.require("slug"), context.principal)
        let form = context.base.form ?? FormFields()
        do {
            let done = try await state.privacy.confirmSuggestions(d, except: form.all("except"), by: context.principal)
            return pages.redirect(PortalPaths.privacy(d.slug), request,
                                  flash: (.success, "server.flash.confirmed_all", ["count": String(done.count)]))
        } catch let e as SocleError where e.kind == .invalidInput {
            let page = try await page(d, context.principal, context.language)
            return try pages.render(page, request, context.base, status: .badRequest,
                                    flash: [Flash(.error, e.message(context.language))])
        }
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
        group.post("datasets/{slug}/anonymise/rerun", use: rerun)
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

    /// The wizard, with what would block the derived dataset's publication: the suggested plan's checks,
    /// or those of `chosen` (the form just verified).
    func page(_ d: Dataset, principal: Principal, language: Language, into: String? = nil, k: Int = 5,
              chosen: AnonymiseRequest? = nil, form: FormFields? = nil) async throws -> AnonymiseWizardPage {
        guard let (_, columns) = try await state.privacy.statuses(d) else {
            throw SocleError(.notFound, code: "store.no_data", args: ["slug": d.slug])
        }
        var page = AnonymiseWizardPage(slug: d.slug, title: d.title, columns: columns.map { c in
            var (action, quasi) = Self.suggestedAction(c)
            if let form {
                action = form["action." + c.name] ?? action
                quasi = form.all("quasi").contains(c.name)
            }
            return .init(name: c.name, label: c.label, level: c.effective.rawValue,
                         category: c.effectiveCategory.map { Catalog.shared.string($0.catalogKey, language: language) },
                         action: action, quasi: quasi)
        }, into: into ?? String((d.slug + "-anonymise").prefix(64)), newTitle: d.title + " (anonymisé)", k: k)
        page.unreviewed = columns.filter { $0.needsReview }.map { (name: $0.name, label: $0.label) }
        var plan = chosen ?? AnonymiseRequest(source: d.slug, into: page.into)
        if chosen == nil {
            for c in page.columns { Self.add(c.action, for: c.name, to: &plan) }
            plan.quasi = page.columns.filter { $0.quasi && $0.action != "drop" }.map(\.name)
            if !plan.quasi.isEmpty { plan.k = k }
        }
        do {
            let p = try await state.privacy.previewAnonymise(plan, by: principal, language: language)
            page.preview = .init(clears: p.clearsPersonalData, rowsIn: p.rowsIn, rowsOut: p.rowsOut,
                                 smallestGroup: p.smallestGroupSize, blockers: p.blockers.map(\.message))
        } catch let e as SocleError where e.kind == .invalidInput || e.kind == .conflict || e.kind == .tooLarge {
            page.previewError = e.message(language)
        }
        return page
    }

    /// One column's choice of the form, added to the request.
    static func add(_ action: String, for column: String, to r: inout AnonymiseRequest) {
        switch action {
        case "drop": r.drop.append(column)
        case "pseudonymise": r.pseudonymise.append(column)
        case "keep": break
        default: r.generalise.append(column + ":" + action)
        }
    }

    @Sendable func form(_ request: Request, context: SignedInContext) async throws -> Response {
        let d = try await reviewer(try context.parameters.require("slug"), context.principal)
        return try pages.render(try await page(d, principal: context.principal, language: context.language), request, context.base)
    }

    /// Runs the derived dataset's recorded plan again, on its source's current revision and reviews.
    @Sendable func rerun(_ request: Request, context: SignedInContext) async throws -> Response {
        let d = try await reviewer(try context.parameters.require("slug"), context.principal)
        do {
            let outcome = try await state.privacy.rerunAnonymisation(d.slug, by: context.principal, language: context.language)
            return pages.redirect(PortalPaths.privacy(outcome.dataset), request,
                                  flash: (.success, "server.flash.rerun", ["slug": outcome.dataset, "revision": String(outcome.revision)]))
        } catch let e as SocleError where e.kind == .invalidInput || e.kind == .conflict || e.kind == .tooLarge {
            return pages.redirect(PortalPaths.privacy(d.slug), request, flash: (.error, e.code, e.args))
        }
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
        if form["preview"] != nil {
            let page = try await page(d, principal: context.principal, language: context.language,
                                      into: r.into.isEmpty ? nil : r.into, k: r.k ?? 5, chosen: r, form: form)
            return try pages.render(page, request, context.base)
        }
        do {
            let outcome = try await state.privacy.anonymise(r, by: context.principal, language: context.language)
            return pages.redirect(PortalPaths.privacy(outcome.dataset), request, flash: (.success, "server.flash.anonymised", ["slug": outcome.dataset]))
        } catch let e as SocleError where e.kind == .invalidInput || e.kind == .conflict || e.kind == .tooLarge {
            let page = try await page(d, principal: context.principal, language: context.language,
                                      into: r.into.isEmpty ? nil : r.into, k: r.k ?? 5, chosen: r, form: form)
            return try pages.render(page, request, context.base, status: .badRequest, flash: [Flash(.error, e.message(context.language))])
        }
    }
}
