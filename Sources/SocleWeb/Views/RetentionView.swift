import Foundation
import SocleCore

extension RetentionPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let title = ctx.s("retention.title")
        // Rules applied to nothing are in the rules table already: the results list what was (or would be) done.
        func outcomes(_ list: [Outcome]) -> [[String: Any]] {
            list.filter { $0.problem == nil }.map { o in
                ["rule": o.rule, "dataset": o.dataset, "cutoffText": ctx.s("retention.cutoff", ["cutoff": o.cutoff]), "rows": ctx.number(Int(o.rows)), "some": o.rows > 0,
                                  "revisions": o.revisions, "hasRevisions": !o.revisions.isEmpty,
                 "undated": o.undated > 0 ? ctx.s("retention.undated", ["n": ctx.number(Int(o.undated))]) : false,
                 "done": o.done, "problem": ctx.opt(o.problem), "sha256": o.sha256.isEmpty ? false : o.sha256,
                 "shortHash": String(o.sha256.prefix(12)), "file": ctx.opt(o.file)]
            }
        }
        let d: [String: Any] = [
            "heading": title,
            "registerHref": PortalPaths.register,
            "rules": rules.map { r -> [String: Any] in
                ["activity": r.activity, "href": r.activityHref, "organisation": r.organisation, "number": String(r.number),
                 "scope": r.scope, "duration": r.duration, "startEvent": r.startEvent, "fate": r.fate, "binding": r.binding,
                 "legalSource": ctx.opt(r.legalSource), "problem": ctx.opt(r.problem),
                 "targets": r.targets.map { t -> [String: Any] in
                     ["dataset": t.dataset, "href": t.href, "column": ctx.opt(t.dateColumn), "problem": ctx.opt(t.problem)]
                 }]
            },
            "hasRules": !rules.isEmpty,
            "canRun": canRun,
            "previewAction": PortalPaths.retentionPreview,
            "runAction": PortalPaths.retentionRun,
            "preview": preview.map(outcomes) ?? [],
            "hasPreview": preview != nil,
            "previewUnscoped": (preview?.filter { $0.problem != nil }.count).map { $0 > 0 ? ctx.s("retention.unscoped", ["n": String($0)]) as Any : false } ?? false,
            "previewEmpty": preview?.isEmpty ?? false,
            "ran": ran.map(outcomes) ?? [],
            "hasRan": ran != nil,
            "error": ctx.opt(error),
            "archiveDirectory": archiveDirectory,
            "runs": runs.map { r -> [String: Any] in
                ["at": r.at, "organisation": r.organisation, "trigger": r.trigger, "rows": ctx.number(Int(r.rows)), "outcomes": outcomes(r.outcomes)]
            },
            "hasRuns": !runs.isEmpty,
        ]
        return PageContent(template: "retention", title: title, data: d)
    }
}
