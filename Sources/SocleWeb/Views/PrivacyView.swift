import Foundation
import SocleCore

extension PrivacyReviewPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        func level(_ l: String?) -> String { l.map { ctx.s("privacy.level." + $0) } ?? "—" }
        func category(_ c: String?) -> String? { c.flatMap { code in categories.first { $0.code == code }?.label ?? code } }
        let rows: [[String: Any]] = self.rows.map { r in
            var d: [String: Any] = [
                "name": r.name, "label": r.label.isEmpty ? r.name : r.label, "showName": !r.label.isEmpty && r.label != r.name,
                "suggested": level(r.suggested), "suggestedClass": r.suggested ?? "public",
                "suggestedCategory": category(r.suggestedCategory).map { "· " + $0 } ?? "",
                "confidence": r.confidence.map { ctx.percent($0) } ?? "",
                "signals": r.signals, "examples": r.examples.joined(separator: " · "),
                "hasExamples": !r.examples.isEmpty,
                "reviewed": r.reviewed.map { level($0) + (category(r.reviewedCategory).map { " (" + $0 + ")" } ?? "") } ?? "",
                "reviewer": r.reviewer ?? "",
                "needsReview": r.needsReview,
                "effective": level(r.effective), "effectiveClass": r.effective,
            ]
            if canReview {
                let current = r.reviewed ?? r.suggested ?? "public"
                let currentCategory = r.reviewedCategory ?? r.suggestedCategory
                d["form"] = [
                    "action": PortalPaths.privacy(slug),
                    "column": r.name,
                    "idPrefix": "c-" + r.name,
                    "levels": ["public", "personal", "sensitive"].map { ["value": $0, "label": level($0), "selected": $0 == current] },
                    "categories": [["value": "", "label": "—", "selected": currentCategory == nil]]
                        + categories.map { ["value": $0.code, "label": $0.label, "selected": $0.code == currentCategory] },
                    "button": r.needsReview && r.reviewed == nil ? ctx.s("privacy.confirm") : ctx.s("privacy.change"),
                ] as [String: Any]
                if r.needsReview {
                    d["exclude"] = ["id": "x-" + r.name, "value": r.name,
                                    "label": ctx.s("privacy.confirm_all.exclude", ["column": r.label.isEmpty ? r.name : r.label])]
                }
            }
            return d
        }
        var d: [String: Any] = [
            "heading": ctx.s("privacy.heading", ["title": title]),
            "intro": ctx.s("privacy.intro", ["revision": String(revision)]),
            "datasetHref": PortalPaths.dataset(slug),
            "rows": rows,
            "toReview": ctx.s("privacy.to_review_count", ["count": String(self.rows.filter(\.needsReview).count)]),
            "publishable": blockers.isEmpty && !self.rows.contains(where: \.needsReview),
            "blockers": blockers,
            "hasBlockers": !blockers.isEmpty || self.rows.contains(where: \.needsReview),
            "canReview": canReview,
        ]
        if canAnonymise { d["anonymiseHref"] = PortalPaths.anonymise(slug) }
        let toReview = self.rows.filter(\.needsReview).count
        if canReview, toReview > 0 {
            d["confirmAll"] = ["action": PortalPaths.privacy(slug) + "/confirm-all",
                               "button": ctx.s("privacy.confirm_all.button", ["count": String(toReview)]),
                               "hint": ctx.s("privacy.confirm_all.hint")]
        }
        if let l = lineage {
            d["lineage"] = [
                "source": l.source, "sourceHref": PortalPaths.dataset(l.source),
                "sourceText": ctx.s("privacy.lineage.source", ["source": l.source, "revision": String(l.sourceRevision)]),
                "steps": l.steps,
                "rerun": l.canRerun ? (["action": PortalPaths.anonymise(slug) + "/rerun",
                                        "text": ctx.s(l.sourceChanged ? "privacy.rerun.changed" : "privacy.rerun.hint"),
                                        "button": ctx.s("privacy.rerun.button")] as [String: Any]) as Any : false as Any,
                "checks": l.checks.map { ["text": $0.text, "passed": $0.passed, "mark": $0.passed ? "✔" : "✘"] },
                "clears": l.clears ? ctx.s("privacy.lineage.cleared") : ctx.s("privacy.lineage.not_cleared"),
                "clearsClass": l.clears ? "success" : "error",
                "smallestGroup": l.smallestGroup.map { ctx.s("privacy.lineage.smallest", ["k": String($0)]) } ?? "",
                "by": ctx.s("privacy.lineage.by", ["who": l.createdBy, "when": ctx.date(l.createdAt)]),
            ] as [String: Any]
        }
        return PageContent(template: "privacy", title: ctx.s("privacy.title", ["title": title]), data: d)
    }
}

extension AnonymiseWizardPage: PageView {
    public static let actions = ["keep", "drop", "pseudonymise", "month", "year", "age-band", "commune", "grid:200", "grid:1000"]

    func content(_ ctx: ViewContext) -> PageContent {
        let rows: [[String: Any]] = columns.map { c in
            [
                "name": c.name, "label": c.label.isEmpty ? c.name : c.label, "showName": !c.label.isEmpty && c.label != c.name,
                "level": ctx.s("privacy.level." + c.level), "levelClass": c.level, "category": c.category.map { "· " + $0 } ?? "",
                "id": "a-" + c.name,
                "options": Self.actions.map { ["value": $0, "label": ctx.s("anonymise.action." + $0.replacingOccurrences(of: ":", with: "_")),
                                               "selected": $0 == c.action] },
                "quasi": c.quasi,
            ]
        }
        var d: [String: Any] = [
            "heading": ctx.s("anonymise.heading", ["title": title]),
            "intro": ctx.s("anonymise.intro"),
            "action": PortalPaths.anonymise(slug),
            "backHref": PortalPaths.privacy(slug),
            "columns": rows,
            "into": ctx.field("into", label: ctx.s("anonymise.into"), value: into, errors: [:], hint: ctx.s("anonymise.into_hint"),
                              required: true, idPrefix: "w"),
            "newTitle": ctx.field("title", label: ctx.s("anonymise.title_field"), value: newTitle, errors: [:], idPrefix: "w"),
            "k": ctx.field("k", label: ctx.s("anonymise.k"), value: String(k), errors: [:], hint: ctx.s("anonymise.k_hint"),
                           type: "number", idPrefix: "w"),
        ]
        d["check"] = checkSection(ctx)
        return PageContent(template: "anonymise", title: ctx.s("anonymise.title", ["title": title]), data: d)
    }

    /// What will block the derived dataset's publication, said before it is produced.
    func checkSection(_ ctx: ViewContext) -> [String: Any] {
        var out: [String: Any] = ["heading": ctx.s("anonymise.check.heading")]
        if !unreviewed.isEmpty {
            out["unreviewed"] = [
                "text": ctx.s("anonymise.check.unreviewed", ["count": String(unreviewed.count)]),
                "columns": unreviewed.map { $0.label.isEmpty || $0.label == $0.name ? $0.name : "\($0.label) (\($0.name))" },
                "href": PortalPaths.privacy(slug), "link": ctx.s("anonymise.check.review_link"),
            ] as [String: Any]
        }
        if let e = previewError { out["error"] = e }
        if let p = preview {
            out["summary"] = p.clears
                ? ctx.s("anonymise.check.clears", ["rowsOut": ctx.number(p.rowsOut), "rowsIn": ctx.number(p.rowsIn)])
                : ctx.s("anonymise.check.blocked", ["rowsOut": ctx.number(p.rowsOut), "rowsIn": ctx.number(p.rowsIn)])
            out["summaryClass"] = p.clears ? "success" : "error"
            out["blockerList"] = p.blockers.isEmpty ? false as Any : (["items": p.blockers] as [String: Any]) as Any
            if let k = p.smallestGroup { out["smallest"] = ctx.s("privacy.lineage.smallest", ["k": String(k)]) }
        }
        out["pseudonymNote"] = ctx.s("anonymise.check.pseudonym_note")
        return out
    }
}

extension APIDocsPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let tags = Array(Set(operations.map(\.tag))).sorted()
        let groups: [[String: Any]] = tags.map { tag in
            [
                "tag": tag, "id": "tag-" + tag,
                "operations": operations.filter { $0.tag == tag }.map { op -> [String: Any] in
                    [
                        "method": op.method.uppercased(), "path": op.path, "summary": op.summary,
                        "id": (op.method + op.path).map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined(),
                        "auth": op.needsAuth ? ctx.s("apidocs.auth_required") : ctx.s("apidocs.public"),
                        "hasParams": !op.params.isEmpty,
                        "params": op.params.map { ["name": $0.name, "in": $0.location, "description": $0.description,
                                                   "required": $0.required ? ctx.s("apidocs.required") : ""] },
                        "responses": op.responses.map { ["code": $0.code, "description": $0.description] },
                    ]
                },
            ]
        }
        let d: [String: Any] = ["intro": intro, "groups": groups, "openapiHref": "/api/v1/openapi.json",
                                "toc": tags.map { ["tag": $0, "id": "tag-" + $0] }]
        return PageContent(template: "apidocs", title: ctx.s("apidocs.title"), data: d)
    }
}
