import Foundation
import SocleCore

extension RegisterListPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let title = ctx.s("register.title")
        let d: [String: Any] = [
            "heading": title,
            "items": items.map { i -> [String: Any] in
                ["href": PortalPaths.activity(i.id), "id": String(i.id), "name": i.name, "organisation": i.organisation,
                 "status": i.status, "statusKey": i.statusKey, "completeness": String(i.completeness),
                 "missing": i.missing.joined(separator: ", "), "hasMissing": !i.missing.isEmpty, "archived": i.archived,
                 "public": i.isPublic, "sensitive": i.sensitive,
                 "linked": i.linkedColumns == 0 ? ctx.s("register.no_link") : ctx.s("register.linked_columns", ["n": ctx.number(i.linkedColumns)])]
            },
            "empty": items.isEmpty,
            "organisations": ctx.options([("", ctx.s("register.all_organisations"))] + organisations.map { ($0.value, $0.label) },
                                         selected: organisation ?? ""),
            "showArchived": showArchived,
            "canCreate": canCreate,
            "newHref": PortalPaths.with(PortalPaths.newActivity, [("organisation", organisation ?? "")]),
            "csvHref": PortalPaths.registerExport(format: "csv", organisation: organisation),
            "jsonHref": PortalPaths.registerExport(format: "json", organisation: organisation),
            "xlsxHref": PortalPaths.with("/api/v1/register/export.xlsx", [("organisation", organisation ?? "")]),
            "publicHref": PortalPaths.publicRegister,
            "action": PortalPaths.register,
            "processors": annexes.processors.map { p -> [String: Any] in
                ["href": PortalPaths.processor(p.id), "name": p.name, "organisation": p.organisation,
                 "checks": p.openChecks.isEmpty ? ctx.s("register.processor_ok") : ctx.s("register.processor_todo") + " " + p.openChecks.joined(separator: ", "), "ok": p.openChecks.isEmpty]
            },
            "hasProcessors": !annexes.processors.isEmpty,
            "measures": annexes.measures.map { m -> [String: Any] in
                ["href": PortalPaths.measure(m.id), "title": m.title, "organisation": m.organisation, "status": m.status,
                 "priority": m.priority, "owner": m.owner, "due": m.due, "overdue": m.overdue]
            },
            "hasMeasures": !annexes.measures.isEmpty,
            "newProcessorHref": PortalPaths.with(PortalPaths.newProcessor, [("organisation", organisation ?? "")]),
            "newMeasureHref": PortalPaths.with(PortalPaths.newMeasure, [("organisation", organisation ?? "")]),
        ]
        return PageContent(template: "register", title: title, data: d)
    }
}

extension ActivityPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let d: [String: Any] = [
            "id": String(id), "name": name, "organisation": organisation, "status": status, "statusKey": statusKey,
            "completeness": String(completeness), "missing": missing.joined(separator: ", "), "hasMissing": !missing.isEmpty,
            "archived": archived, "public": isPublic, "template": ctx.opt(template),
            "fields": fields.map { f -> [String: Any] in
                ["label": f.label, "values": f.values, "empty": f.values.isEmpty]
            },
            "datasets": datasets.map { ds -> [String: Any] in
                ["href": PortalPaths.dataset(ds.slug), "title": ds.title, "slug": ds.slug, "rows": ctx.number(ds.rows),
                 "published": ds.published,
                 "columns": ds.columns.map { c -> [String: Any] in
                     ["name": c.name, "label": c.label == c.name ? false : c.label, "level": c.level, "category": ctx.opt(c.category), "exposed": c.exposed,
                      "value": ds.slug + ":" + c.name]
                 },
                 "exposed": ds.columns.filter(\.exposed).map(\.label).joined(separator: ", "),
                 "hasExposed": ds.columns.contains(where: \.exposed)]
            },
            "hasDatasets": !datasets.isEmpty,
            "proposals": proposals.enumerated().map { i, p -> [String: Any] in
                ["id": "proposal-\(i)", "value": p.value, "dataset": p.datasetTitle, "column": p.column, "category": p.category]
            },
            "hasProposals": !proposals.isEmpty,
            "canEdit": canEdit,
            "editHref": PortalPaths.editActivity(id),
            "archiveAction": PortalPaths.archiveActivity(id),
            "duplicateAction": PortalPaths.duplicateActivity(id),
            "linksAction": PortalPaths.activityLinks(id),
            "duplicateTargets": duplicateTargets.enumerated().map { i, c -> [String: Any] in
                ["id": "dup-\(i)", "value": c.value, "label": c.label]
            },
            "canDuplicate": canEdit && !duplicateTargets.isEmpty,
            "dpiaRequired": dpiaRequired,
            "dpiaReasons": dpiaReasons,
            "dpiaSuggestions": dpiaSuggestions.joined(separator: ", "),
            "hasDpiaSuggestions": !dpiaSuggestions.isEmpty,
            "dpiaFields": dpiaFields.map { f -> [String: Any] in ["label": f.label, "values": f.values, "empty": f.values.isEmpty] },
            "backHref": PortalPaths.register,
        ]
        return PageContent(template: "activity", title: name, data: d)
    }
}

extension ActivityFormPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let f = form
        let e = errors
        func label(_ key: String) -> String { ctx.s("register.form." + key) }
        func pairs(_ choices: [Choice]) -> [(String, String)] { choices.map { ($0.value, $0.label) } }
        func text(_ name: String, _ value: String, required: Bool = false, hint: Bool = false, type: String = "text") -> [String: Any] {
            ctx.field(name, label: label(name), value: value, errors: e, hint: hint ? ctx.s("register.hint." + name) : nil,
                      required: required, type: type, idPrefix: "act")
        }
        func area(_ name: String, _ value: String, hint: Bool = false) -> [String: Any] {
            ctx.textarea(name, label: label(name), value: value, errors: e, hint: hint ? ctx.s("register.hint." + name) : nil, idPrefix: "act")
        }
        func checks(_ name: String, _ choices: [Choice], _ checked: Set<String>) -> [String: Any] {
            ctx.checkboxes(name, label: label(name), options: pairs(choices), checked: checked, errors: e, idPrefix: "act")
        }
        func select(_ name: String, _ label: String, _ choices: [Choice], _ selected: String, empty: String? = nil) -> [String: Any] {
            ctx.select(name, label: label, options: pairs(choices), selected: selected, errors: e, emptyLabel: empty, idPrefix: "act")
        }

        var identity: [[String: Any]] = []
        if id == nil {
            identity.append(select("organisation", label("organisation"), organisations, organisation ?? organisations.first?.value ?? ""))
        }
        identity += [
            text("name", f.name, required: true),
            area("purpose", f.purpose),
            area("subPurposes", f.subPurposes, hint: true),
            select("service", label("service"), options.services, f.service, empty: ctx.s("register.form.no_service")),
            select("status", label("status"), options.statuses, f.status),
            ctx.checkboxes("isPublic", label: label("isPublic"), options: [("1", ctx.s("register.form.isPublicYes"))],
                           checked: f.isPublic ? ["1"] : [], errors: e, idPrefix: "act"),
        ]
        let actors: [[String: Any]] = [
            text("controllerName", f.controllerName), text("controllerContact", f.controllerContact),
            text("jointName", f.jointName), text("jointContact", f.jointContact),
            text("dpoName", f.dpoName), text("dpoContact", f.dpoContact),
            text("software", f.software),
        ]
        let basis: [[String: Any]] = [
            checks("legalBases", options.legalBases, f.legalBases),
            area("legitimateInterest", f.legitimateInterest, hint: true),
            checks("collection", options.collection, f.collection),
        ]
        let data: [[String: Any]] = [
            checks("people", options.people, f.people),
            text("estimatedPeople", f.estimatedPeople, type: "number"),
            checks("categories", options.categories, f.categories),
        ]
        let recipients: [[String: Any]] = options.recipientKinds.map { kind in
            ctx.textarea("recipients_" + kind.value, label: kind.label, value: f.recipients[kind.value] ?? "", errors: e,
                         hint: ctx.s("register.hint.recipients"), idPrefix: "act")
        }
        var groups: [[String: Any]] = [
            ["legend": ctx.s("register.group.identity"), "fields": identity],
            ["legend": ctx.s("register.group.actors"), "fields": actors],
            ["legend": ctx.s("register.group.basis"), "fields": basis],
            ["legend": ctx.s("register.group.data"), "fields": data],
            ["legend": ctx.s("register.group.recipients"), "fields": recipients],
        ]
        // Rows already filled, then two empty ones to add more.
        let transfers = f.transfers + [ActivityForm.TransferRow(), ActivityForm.TransferRow()]
        for (i, t) in transfers.enumerated() {
            groups.append(["legend": ctx.s("register.group.transfer", ["n": String(i + 1)]), "fields": [
                ctx.field("transfer_country_\(i)", label: label("country"), value: t.country, errors: e, idPrefix: "act"),
                select("transfer_safeguard_\(i)", label("safeguard"), options.safeguards, t.safeguard, empty: ctx.s("register.form.choose")),
            ]])
        }
        let retention = f.retention + [ActivityForm.Retention(), ActivityForm.Retention()]
        for (i, r) in retention.enumerated() {
            groups.append(["legend": ctx.s("register.group.retention", ["n": String(i + 1)]), "fields": [
                select("retention_category_\(i)", label("retentionCategory"), options.categories, r.category,
                       empty: ctx.s("register.form.all_categories")),
                ctx.field("retention_duration_\(i)", label: label("duration"), value: r.duration, errors: e,
                          hint: ctx.s("register.hint.duration"), idPrefix: "act"),
                ctx.field("retention_start_\(i)", label: label("startEvent"), value: r.startEvent, errors: e, idPrefix: "act"),
                select("retention_phase_\(i)", label("phase"), options.phases, r.phase),
                select("retention_fate_\(i)", label("fate"), options.fates, r.fate),
                select("retention_binding_\(i)", label("binding"), options.bindings, r.binding),
                ctx.field("retention_source_\(i)", label: label("legalSource"), value: r.legalSource, errors: e, idPrefix: "act"),
                ctx.field("retention_dates_\(i)", label: label("dateColumns"), value: r.dateColumns, errors: e,
                          hint: ctx.s("register.hint.dateColumns"), idPrefix: "act"),
            ]])
        }
        var security: [[String: Any]] = [checks("security", options.security, f.security), text("otherSecurity", f.otherSecurity)]
        if !options.processors.isEmpty { security.append(checks("processors", options.processors, f.processors)) }
        groups.append(["legend": ctx.s("register.group.security"), "fields": security])
        groups.append(["legend": ctx.s("register.group.dpia"), "fields": [
            checks("dpiaCriteria", options.dpiaCriteria, f.dpiaCriteria),
            checks("dpiaRequiredCases", options.dpiaRequiredCases, f.dpiaRequiredCases),
            checks("dpiaExemptCases", options.dpiaExemptCases, f.dpiaExemptCases),
            select("dpiaStatus", label("dpiaStatus"), options.dpiaStatuses, f.dpiaStatus),
            text("dpiaStarted", f.dpiaStarted, hint: true, type: "date"),
            text("dpiaCompleted", f.dpiaCompleted, hint: true, type: "date"),
            area("dpiaDpoOpinion", f.dpiaDpoOpinion),
            area("dpiaControllerOpinion", f.dpiaControllerOpinion),
        ] as [[String: Any]]])

        let heading = id == nil ? ctx.s("register.new_title") : ctx.s("register.edit_title", ["name": f.name])
        let d: [String: Any] = [
            "heading": heading,
            "action": id.map(PortalPaths.editActivity) ?? PortalPaths.newActivity,
            "cancelHref": id.map(PortalPaths.activity) ?? PortalPaths.register,
            "groups": groups,
            "hasErrors": !errors.isEmpty,
            "errorSummary": errors.sorted { $0.key < $1.key }.map { key, message -> [String: Any] in
                ["href": key == "_" ? "#act-name" : "#act-" + key, "label": summaryLabel(key, heading: heading, ctx), "message": message]
            },
            "status": options.statuses.first { $0.value == f.status }?.label ?? f.status,
            "submit": id == nil ? ctx.s("register.submit_new") : ctx.s("register.submit"),
        ]
        return PageContent(template: "edit", title: heading, data: d)
    }
}

extension ActivityFormPage {
    /// The label of a field in the error summary; a row's field says which row (`Durée (conservation n° 2)`).
    func summaryLabel(_ key: String, heading: String, _ ctx: ViewContext) -> String {
        if key == "_" { return heading }
        let parts = key.split(separator: "_").map(String.init)
        guard parts.count == 3, let n = Int(parts[2]) else { return ctx.s("register.form." + key) }
        let field = ["category": "retentionCategory", "start": "startEvent", "source": "legalSource", "dates": "dateColumns"][parts[1]] ?? parts[1]
        let group = parts[0] == "transfer" ? "register.group.transfer" : "register.group.retention"
        return ctx.s("register.form." + field) + " (" + ctx.s(group, ["n": String(n + 1)]) + ")"
    }
}

extension PublicRegisterPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let title = ctx.s("register.public_title")
        let d: [String: Any] = [
            "heading": title,
            "items": items.map { i -> [String: Any] in
                ["name": i.name, "organisation": i.organisation, "purpose": i.purpose,
                 "fields": i.fields.map { ["label": $0.label, "values": $0.values, "empty": $0.values.isEmpty] as [String: Any] }]
            },
            "empty": items.isEmpty,
            "organisations": ctx.options([("", ctx.s("register.every_organisation"))] + organisations.map { ($0.value, $0.label) },
                                         selected: organisation ?? ""),
            "action": PortalPaths.publicRegister,
            "jsonHref": PortalPaths.with("/api/v1/register/public", [("organisation", organisation ?? "")]),
        ]
        return PageContent(template: "public-register", title: title, data: d)
    }
}

extension SimpleFormPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let e = errors
        let fields: [[String: Any]] = self.fields.map { f in
            let pairs = f.options.map { ($0.value, $0.label) }
            switch f.kind {
            case .text: return ctx.field(f.name, label: f.label, value: f.value, errors: e, required: f.required, idPrefix: "rec")
            case .date: return ctx.field(f.name, label: f.label, value: f.value, errors: e, hint: ctx.s("register.hint.dpiaStarted"),
                                         type: "date", idPrefix: "rec")
            case .textarea: return ctx.textarea(f.name, label: f.label, value: f.value, errors: e, idPrefix: "rec")
            case .select: return ctx.select(f.name, label: f.label, options: pairs, selected: f.value, errors: e, idPrefix: "rec")
            case .checks: return ctx.checkboxes(f.name, label: f.label, options: pairs, checked: f.checked, errors: e, idPrefix: "rec")
            }
        }
        let labels = Dictionary(self.fields.map { ($0.name, $0.label) }, uniquingKeysWith: { a, _ in a })
        let d: [String: Any] = [
            "heading": heading, "action": action, "cancelHref": cancelHref,
            "groups": [["legend": heading, "fields": fields] as [String: Any]],
            "hasErrors": !errors.isEmpty,
            "errorSummary": errors.sorted { $0.key < $1.key }.map { key, message -> [String: Any] in
                ["href": "#rec-" + key, "label": labels[key] ?? heading, "message": message]
            },
            "status": "", "submit": submit,
        ]
        return PageContent(template: "edit", title: heading, data: d)
    }
}
