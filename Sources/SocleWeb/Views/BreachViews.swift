import Foundation
import SocleCore

extension BreachClockView {
    /// The data of the `breach-clock` partial.
    func data(_ ctx: ViewContext) -> [String: Any] {
        let mark: String
        switch state {
        case "running": mark = "◔"
        case "overdue", "notifiedLate": mark = "⚠"
        case "notifiedInTime", "notRequired": mark = "✓"
        default: mark = "…"
        }
        let ticking = state == "running" || state == "overdue"
        return ["state": state, "text": text, "mark": mark, "deadline": ticking ? ctx.opt(deadline.map(ctx.isoDate)) : false,
                "running": runningTemplate, "overdue": overdueTemplate,
                "deadlineText": ctx.opt(deadline.map { ctx.date($0) }), "isOverdue": state == "overdue"]
    }
}

extension BreachListPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let title = ctx.s("breach.title")
        let d: [String: Any] = [
            "heading": title,
            "items": items.map { i -> [String: Any] in
                ["href": BreachPaths.breach(i.id), "id": String(i.id), "title": i.title, "organisation": i.organisation,
                 "status": i.status, "open": i.open, "aware": ctx.opt(i.awareAt.map { ctx.date($0) }), "clock": i.clock.data(ctx),
                 "overdue": i.clock.state == "overdue", "missing": i.missing.joined(separator: ", "), "incomplete": !i.missing.isEmpty,
                 "sensitive": i.sensitive, "archived": i.archived]
            },
            "empty": items.isEmpty,
            "organisations": ctx.options([("", ctx.s("register.every_organisation"))] + organisations.map { ($0.value, $0.label) },
                                         selected: organisation ?? ""),
            "showArchived": showArchived,
            "canCreate": canCreate,
            "newHref": PortalPaths.with(BreachPaths.new, [("organisation", organisation ?? "")]),
            "action": BreachPaths.list,
            "registerHref": PortalPaths.register,
            "breachesHref": BreachPaths.list,
        ]
        return PageContent(template: "breaches", title: title, data: d)
    }
}

extension BreachPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        func links(_ list: [Link]) -> [[String: Any]] { list.map { ["label": $0.label, "href": ctx.opt($0.href)] } }
        let e = errors
        let d: [String: Any] = [
            "id": String(id), "title": title, "organisation": organisation, "status": status, "open": open, "archived": archived,
            "clock": clock.data(ctx),
            "missing": missing.joined(separator: ", "), "hasMissing": !missing.isEmpty,
            "fields": fields.map { f -> [String: Any] in ["label": f.label, "values": f.values, "empty": f.values.isEmpty] },
            "activities": links(activities), "hasActivities": !activities.isEmpty,
            "processors": links(processors), "hasProcessors": !processors.isEmpty,
            "datasets": links(datasets), "hasDatasets": !datasets.isEmpty,
            "steps": steps.map { s -> [String: Any] in
                ["label": s.label, "at": ctx.date(s.at), "iso": ctx.isoDate(s.at), "reference": ctx.opt(s.reference), "note": ctx.opt(s.note)]
            },
            "hasSteps": !steps.isEmpty,
            "notNotifiedReason": ctx.opt(notNotifiedReason),
            "peopleInformed": ctx.opt(peopleInformed),
            "notified": notified,
            "canEdit": canEdit,
            "canNotify": canEdit && !archived,
            "editHref": BreachPaths.edit(id),
            "notifyAction": BreachPaths.notify(id),
            "notNotifiedAction": BreachPaths.notNotified(id),
            "informAction": BreachPaths.inform(id),
            "notifyFields": [
                ctx.field("at", label: ctx.s("breach.step.at"), value: nil, errors: e, hint: ctx.s("breach.hint.datetime"),
                          required: true, type: "datetime-local", idPrefix: "notify"),
                ctx.field("reference", label: ctx.s("breach.step.reference"), value: nil, errors: e, hint: ctx.s("breach.hint.reference"),
                          idPrefix: "notify"),
                ctx.textarea("note", label: ctx.s("breach.step.note"), value: "", errors: e, idPrefix: "notify"),
            ],
            "reasonField": ctx.textarea("reason", label: ctx.s("breach.step.not_notified_reason"), value: notNotifiedReason ?? "", errors: e,
                                        hint: ctx.s("breach.hint.not_notified"), idPrefix: "skip"),
            "informFields": [
                ctx.field("informedAt", label: ctx.s("breach.step.informed_at"), value: nil, errors: e, hint: ctx.s("breach.hint.datetime"),
                          type: "datetime-local", idPrefix: "inform"),
                ctx.field("means", label: ctx.s("breach.step.means"), value: nil, errors: e, hint: ctx.s("breach.hint.means"), idPrefix: "inform"),
                ctx.textarea("notInformedReason", label: ctx.s("breach.step.not_informed_reason"), value: "", errors: e,
                             hint: ctx.s("breach.hint.not_informed"), idPrefix: "inform"),
            ],
            "backHref": BreachPaths.list,
            "registerHref": PortalPaths.register,
        ]
        return PageContent(template: "breach", title: title, data: d)
    }
}

extension BreachFormPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let f = form
        let e = errors
        func label(_ key: String) -> String { ctx.s("breach.form." + key) }
        func pairs(_ choices: [Choice]) -> [(String, String)] { choices.map { ($0.value, $0.label) } }
        func text(_ name: String, _ value: String, required: Bool = false, hint: String? = nil, type: String = "text") -> [String: Any] {
            ctx.field(name, label: label(name), value: value, errors: e, hint: hint, required: required, type: type, idPrefix: "breach")
        }
        func area(_ name: String, _ value: String, hint: String? = nil) -> [String: Any] {
            ctx.textarea(name, label: label(name), value: value, errors: e, hint: hint, idPrefix: "breach")
        }
        func checks(_ name: String, _ choices: [Choice], _ checked: Set<String>) -> [String: Any] {
            ctx.checkboxes(name, label: label(name), options: pairs(choices), checked: checked, errors: e, idPrefix: "breach")
        }
        func select(_ name: String, _ choices: [Choice], _ selected: String, empty: String? = nil) -> [String: Any] {
            ctx.select(name, label: label(name), options: pairs(choices), selected: selected, errors: e, emptyLabel: empty, idPrefix: "breach")
        }
        let datetime = ctx.s("breach.hint.datetime")
        var what: [[String: Any]] = []
        if id == nil { what.append(select("organisation", organisations, organisation ?? organisations.first?.value ?? "")) }
        what += [
            text("title", f.title, required: true),
            select("status", options.statuses, f.status),
            text("occurredAt", f.occurredAt, hint: datetime, type: "datetime-local"),
            text("awareAt", f.awareAt, hint: ctx.s("breach.hint.awareAt"), type: "datetime-local"),
            checks("natures", options.natures, f.natures),
            select("origin", options.origins, f.origin, empty: ctx.s("breach.form.choose")),
            select("cause", options.causes, f.cause, empty: ctx.s("breach.form.choose")),
            area("description", f.description),
        ]
        let data: [[String: Any]] = [
            checks("categories", options.categories, f.categories),
            checks("people", options.people, f.people),
            text("peopleCount", f.peopleCount, type: "number"),
            text("recordsCount", f.recordsCount, type: "number"),
        ]
        let effects: [[String: Any]] = [
            area("consequences", f.consequences),
            select("risk", options.risks, f.risk, empty: ctx.s("breach.form.choose")),
            area("measures", f.measures),
            area("notNotifiedReason", f.notNotifiedReason, hint: ctx.s("breach.hint.not_notified")),
        ]
        var links: [[String: Any]] = []
        if !options.activities.isEmpty { links.append(checks("activities", options.activities, f.activities)) }
        if !options.processors.isEmpty { links.append(checks("processors", options.processors, f.processors)) }
        if !options.datasets.isEmpty { links.append(checks("datasets", options.datasets, f.datasets)) }
        var groups: [[String: Any]] = [
            ["legend": ctx.s("breach.group.what"), "fields": what],
            ["legend": ctx.s("breach.group.data"), "fields": data],
            ["legend": ctx.s("breach.group.effects"), "fields": effects],
        ]
        if !links.isEmpty { groups.append(["legend": ctx.s("breach.group.links"), "fields": links]) }
        let heading = id == nil ? ctx.s("breach.new_title") : ctx.s("breach.edit_title", ["title": f.title])
        let labels = ["_": heading, "organisation": label("organisation")]
        let d: [String: Any] = [
            "heading": heading,
            "action": id.map(BreachPaths.edit) ?? BreachPaths.new,
            "cancelHref": id.map(BreachPaths.breach) ?? BreachPaths.list,
            "groups": groups,
            "hasErrors": !errors.isEmpty,
            "errorSummary": errors.sorted { $0.key < $1.key }.map { key, message -> [String: Any] in
                ["href": key == "_" ? "#breach-title" : "#breach-" + key, "label": labels[key] ?? label(key), "message": message]
            },
            "status": options.statuses.first { $0.value == f.status }?.label ?? f.status,
            "submit": id == nil ? ctx.s("breach.submit_new") : ctx.s("breach.submit"),
        ]
        return PageContent(template: "edit", title: heading, data: d)
    }
}

extension DatasetBreachAlert {
    /// The data of the `dataset-breaches` partial's items.
    func data(_ ctx: ViewContext) -> [String: Any] {
        ["href": BreachPaths.breach(id), "title": title, "open": open, "clock": clock.data(ctx)]
    }
}
