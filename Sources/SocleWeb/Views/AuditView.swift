import Foundation
import SocleCore

/// The audit log as sentences (« Marie Dupont a publié le jeu « Budget » le 3 décembre à 14 h 02 »),
/// filtered, with the sequence number, action code, hashes and raw details behind a disclosure.
extension AuditPage: PageView {
    /// The query string of the current filters (for the pager).
    var filterParams: [(String, String)] {
        [("actor", actor), ("action", action), ("objectType", objectType), ("family", family), ("organisation", organisation),
         ("dataset", dataset), ("from", from), ("to", to)]
    }

    func content(_ ctx: ViewContext) -> PageContent {
        func href(page: Int) -> String {
            var params = filterParams
            if page > 1 { params.append(("page", String(page))) }
            return PortalPaths.with(PortalPaths.audit, params)
        }
        let rows: [[String: Any]] = entries.map { e in
            var details = e.details == "{}" ? "" : e.details
            if let data = e.details.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data),
               let pretty = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]) {
                details = e.details == "{}" ? "" : String(decoding: pretty, as: UTF8.self)
            }
            return ["seq": String(e.seq), "at": ctx.opt(ctx.dateValue(e.at)), "sentence": sentence(e, ctx),
                    "actorCode": e.actor, "action": e.action, "object": e.objectType + " " + e.objectId,
                    "details": details, "hasDetails": !details.isEmpty, "hash": e.hash, "prevHash": e.prevHash]
        }
        let people = self.people.merging(actorNames) { a, _ in a }
        let fields: [[String: Any]] = [
            ctx.select("actor", label: ctx.s("audit.actor"), options: people.sorted { $0.value < $1.value }.map { ($0.key, $0.value) },
                       selected: actor, errors: [:], emptyLabel: ctx.s("audit.any"), idPrefix: "audit"),
            ctx.select("family", label: ctx.s("audit.family"), options: families.map { ($0, familyLabel($0, ctx)) },
                       selected: family, errors: [:], emptyLabel: ctx.s("audit.any"), idPrefix: "audit"),
            ctx.select("organisation", label: ctx.s("audit.organisation"), options: organisations.map { ($0.slug, $0.name) },
                       selected: organisation, errors: [:], emptyLabel: ctx.s("audit.any"), idPrefix: "audit"),
            ctx.field("dataset", label: ctx.s("audit.dataset"), value: dataset, errors: filterErrors, hint: ctx.s("audit.dataset_hint"),
                      idPrefix: "audit"),
            ctx.field("from", label: ctx.s("audit.from"), value: from, errors: filterErrors, type: "date", idPrefix: "audit"),
            ctx.field("to", label: ctx.s("audit.to"), value: to, errors: filterErrors, type: "date", idPrefix: "audit"),
        ]
        var chain: Any = false
        if let intact = chainIntact {
            chain = ["ok": intact, "text": ctx.s(intact ? "audit.chain_ok" : "audit.chain_broken")]
        }
        let d: [String: Any] = [
            "adminNav": ctx.adminNav("audit", show: ctx.chrome.viewer?.roles.contains(.admin) == true),
            "fields": fields, "action": PortalPaths.audit, "entries": rows, "hasRows": !rows.isEmpty,
            "pager": ctx.pager(paging, href: href), "chain": chain,
            "count": ctx.s("audit.count", ["count": ctx.number(paging.total ?? entries.count)]),
        ]
        return PageContent(template: "audit", title: ctx.s("audit.title"), data: d)
    }

    /// A family in words (`dataset` → « Jeux de données »); an unknown one gets the generic label.
    func familyLabel(_ family: String, _ ctx: ViewContext) -> String {
        let key = "web.audit.family." + family
        return Catalog.shared.template(key, language: ctx.language) != nil ? ctx.s("audit.family." + family) : ctx.s("audit.family.other")
    }

    /// Who acted, in words: a person's name, else what kind of actor it was.
    func actorText(_ code: String, _ ctx: ViewContext) -> String {
        if let n = people[code] { return n }
        if code.hasPrefix("token:") { return ctx.s("audit.who.token", ["token": actorNames[code] ?? code.dropFirst(6).description]) }
        if code.hasPrefix("system:") || code == "system" || code.hasPrefix("cli") { return ctx.s("audit.who.system") }
        if code == "anonymous" { return ctx.s("audit.who.anonymous") }
        return actorNames[code] ?? code
    }

    /// The entry as one sentence: who did what, on what, when.
    func sentence(_ e: AuditEntry, _ ctx: ViewContext) -> String {
        let c = ViewContext.calendar.dateComponents([.day, .month, .year, .hour, .minute], from: e.at)
        let months = ctx.s("audit.months").split(separator: ",").map(String.init)
        let month = (c.month.map { $0 - 1 }).flatMap { months.indices.contains($0) ? months[$0] : nil } ?? ""
        let when = ctx.s("audit.when_text", ["day": String(c.day ?? 0), "month": month, "year": String(c.year ?? 0),
                                             "hour": String(c.hour ?? 0), "minute": String(format: "%02d", c.minute ?? 0)])
        let object: String
        switch e.objectType {
        case "dataset": object = datasetTitles[e.objectId].map { "« \($0) »" } ?? "« \(e.objectId) »"
        default: object = e.objectId.isEmpty ? "" : "« \(e.objectId) »"
        }
        let args = ["actor": actorText(e.actor, ctx), "object": object, "when": when,
                    "family": familyLabel(String(e.action.split(separator: ".").first ?? ""), ctx).lowercased()]
        let key = "web.audit.sentence." + e.action
        if Catalog.shared.template(key, language: ctx.language) != nil { return ctx.s("audit.sentence." + e.action, args) }
        return ctx.s("audit.sentence.other", args)
    }
}
