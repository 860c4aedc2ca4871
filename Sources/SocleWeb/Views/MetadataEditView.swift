import SocleCore

extension MetadataEditPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let m = metadata
        let e = errors
        func f(_ field: MetadataField) -> String { field.rawValue }
        func label(_ field: MetadataField) -> String { ctx.s("edit.field." + field.rawValue) }
        func text(_ field: MetadataField, _ value: String?, hint: Bool = false, required: Bool = false,
                  type: String = "text") -> [String: Any] {
            ctx.field(f(field), label: label(field), value: value, errors: e,
                      hint: hint ? ctx.s("edit.hint." + field.rawValue) : nil, required: required, type: type, idPrefix: "meta")
        }
        func select(_ field: MetadataField, _ pairs: [(String, String)], _ selected: String?, empty: String? = nil) -> [String: Any] {
            ctx.select(f(field), label: label(field), options: pairs, selected: selected, errors: e, emptyLabel: empty,
                       idPrefix: "meta")
        }

        var identity: [[String: Any]] = []
        if slug == nil {
            identity.append(select(.organisation, organisations.map { ($0.value, $0.label) },
                                   organisation ?? organisations.first?.value))
            identity.append(text(.slug, nil, hint: true))
        }
        identity.append(text(.title, title, required: true))
        identity.append(ctx.textarea(f(.description), label: label(.description), value: m.description, errors: e,
                                     idPrefix: "meta"))
        identity.append(text(.keywords, m.keywords.joined(separator: ", "), hint: true))
        identity.append(ctx.checkboxes(f(.themes), label: label(.themes),
                                       options: DatasetMetadata.euThemes.map { ($0, ctx.theme($0)) },
                                       checked: Set(m.themes), errors: e, idPrefix: "meta"))

        let responsibility: [[String: Any]] = [
            select(.ownerService, services.map { ($0.value, $0.label) }, m.ownerServiceId.map(String.init),
                   empty: ctx.s("edit.no_service")),
            text(.steward, m.steward),
            text(.contactPoint, m.contactPoint, hint: true),
        ]
        let coverage: [[String: Any]] = [
            select(.licence, Licence.allCases.map { ($0.rawValue, ctx.licence($0)) }, m.licence.rawValue),
            select(.frequency, DatasetMetadata.euFrequencies.map { ($0, ctx.frequency($0)) }, m.frequency,
                   empty: ctx.s("common.not_set")),
            text(.spatial, m.spatial.joined(separator: ", "), hint: true),
            text(.temporalStart, m.temporalStart, hint: true),
            text(.temporalEnd, m.temporalEnd, hint: true),
            text(.conformsTo, m.conformsTo, hint: true, type: "url"),
        ]
        let governance: [[String: Any]] = [
            select(.origin, DataOrigin.allCases.map { ($0.rawValue, ctx.origin($0)) }, m.origin.rawValue),
            text(.sourceSystem, m.sourceSystem),
            select(.accessLevel, AccessLevel.allCases.map { ($0.rawValue, ctx.access($0)) }, m.accessLevel.rawValue),
            select(.classification, Classification.allCases.map { ($0.rawValue, ctx.classification($0)) },
                   m.classification?.rawValue, empty: ctx.classification(nil)),
            text(.processingActivity, m.processingActivity, hint: true),
            text(.volume, m.volume, hint: true),
        ]
        let groups: [[String: Any]] = [
            ["legend": ctx.s("edit.group.identity"), "fields": identity],
            ["legend": ctx.s("edit.group.responsibility"), "fields": responsibility],
            ["legend": ctx.s("edit.group.coverage"), "fields": coverage],
            ["legend": ctx.s("edit.group.governance"), "fields": governance],
        ]
        let heading = slug == nil ? ctx.s("edit.title_new") : ctx.s("edit.title", ["title": title])
        let d: [String: Any] = [
            "heading": heading,
            "action": slug.map(PortalPaths.editDataset) ?? PortalPaths.newDataset,
            "cancelHref": slug.map(PortalPaths.dataset) ?? PortalPaths.catalog,
            "groups": groups,
            "hasErrors": !errors.isEmpty,
            // In the order of the form, unknown fields last.
            "errorSummary": errors.sorted { a, b in
                let order = MetadataField.allCases.map(\.rawValue)
                return (order.firstIndex(of: a.key) ?? order.count, a.key) < (order.firstIndex(of: b.key) ?? order.count, b.key)
            }.map { key, message -> [String: Any] in
                ["href": "#meta-" + key, "label": MetadataField(rawValue: key).map(label) ?? key, "message": message]
            },
            "status": ctx.status(m.status),
            "submit": slug == nil ? ctx.s("edit.submit_new") : ctx.s("edit.submit"),
        ]
        return PageContent(template: "edit", title: heading, data: d)
    }
}
