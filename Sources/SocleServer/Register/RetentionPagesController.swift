import Foundation
import Hummingbird
import SocleActions
import SocleCore
import SocleWeb

/// `/register/retention`: the DPO's retention page — rules, a dry run's preview, "run now" (a POST with the
/// CSRF token and a ticked confirmation), and the last runs with their proofs.
struct RetentionPagesController {
    let state: ServerState
    let pages: Pages
    var retention: RetentionActions { state.retention }

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("register/retention", use: show)
        group.post("register/retention/preview", use: preview)
        group.post("register/retention/run", use: run)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        try pages.render(try await page(context), request, context.base)
    }

    @Sendable func preview(_ request: Request, context: SignedInContext) async throws -> Response {
        let result = try await retention.run(context.principal, dryRun: true)
        var page = try await page(context)
        page.preview = result.outcomes.map { Self.outcome($0, context.language) }
        return try pages.render(page, request, context.base)
    }

    @Sendable func run(_ request: Request, context: SignedInContext) async throws -> Response {
        guard context.base.form?.raw("confirm") == "1" else {
            var page = try await page(context)
            page.error = Catalog.shared.string("web.retention.confirm_required", language: context.language)
            return try pages.render(page, request, context.base, status: .badRequest)
        }
        let result = try await retention.run(context.principal, dryRun: false)
        var page = try await page(context)
        page.ran = result.outcomes.map { Self.outcome($0, context.language) }
        return try pages.render(page, request, context.base)
    }

    func page(_ context: SignedInContext) async throws -> RetentionPage {
        let principal = context.principal
        let lang = context.language
        let orgs = try await state.register.organisations(principal)
        if orgs.isEmpty { throw SocleError(.forbidden, code: "auth.forbidden") }
        let names = Dictionary(uniqueKeysWithValues: orgs.map { ($0.slug, $0.name) })
        let rules = try await retention.scopes(principal).map { s in
            RetentionPage.Rule(activity: s.activity, activityHref: PortalPaths.activity(s.activityId), organisation: names[s.organisation] ?? s.organisation,
                               number: s.rule,
                               scope: s.retention.category?.label(lang) ?? Catalog.shared.string("web.retention.all_categories", language: lang),
                               duration: ISODuration.describe(s.retention.duration, lang), startEvent: s.retention.startEvent,
                               fate: s.retention.fate.label(lang), binding: s.retention.binding.label(lang), legalSource: s.retention.legalSource,
                               targets: s.targets.map { t in
                                   RetentionPage.Target(dataset: t.title, href: PortalPaths.dataset(t.dataset), dateColumn: t.dateColumn,
                                                        problem: t.problem.map { Catalog.shared.string($0, language: lang) })
                               },
                               problem: s.problem.map { Catalog.shared.string($0, language: lang) })
        }
        let runs = try await retention.runs(principal).map { r in
            RetentionPage.Run(at: r.run.at.formatted(.iso8601), organisation: r.organisation.name, trigger: r.run.trigger, rows: r.run.rows,
                              outcomes: r.run.outcomes.map { Self.outcome($0, lang) })
        }
        let canRun = !(try await state.register.organisations(principal, .editRegister)).isEmpty
        return RetentionPage(rules: rules, runs: runs, canRun: canRun, archiveDirectory: retention.archiveDirectory.path)
    }

    static func outcome(_ o: RetentionOutcome, _ lang: Language) -> RetentionPage.Outcome {
        let rule = "\(o.activity) · " + Catalog.shared.string("web.retention.rule", language: lang) + " \(o.rule) (\(ISODuration.describe(o.duration, lang)), \(o.fate.label(lang)))"
        var revisions = o.tables.map { t in
            Catalog.shared.string("web.retention.revision", language: lang,
                                  args: ["revision": String(t.revision), "rows": String(t.matched),
                                         "sample": t.sample.map(String.init).joined(separator: ", ") + (t.matched > Int64(t.sample.count) ? "…" : "")])
        }
        if let n = o.newRevision { revisions.append(Catalog.shared.string("web.retention.new_revision", language: lang, args: ["revision": String(n)])) }
        return RetentionPage.Outcome(rule: rule, dataset: o.dataset, cutoff: o.cutoff, rows: o.rows, revisions: revisions, undated: o.undated,
                                     done: Catalog.shared.string(o.done, language: lang), problem: o.problem.map { Catalog.shared.string($0, language: lang) },
                                     sha256: o.sha256, file: o.file)
    }
}
