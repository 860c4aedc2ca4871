import SocleCore

extension SubjectSearchPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let title = ctx.s("subjects.title")
        let e = errors
        func field(_ name: String, type: String = "text", hint: String? = nil) -> [String: Any] {
            ctx.field(name, label: ctx.s("subjects.field.\(name)"), value: values[name], errors: e, hint: hint, type: type, idPrefix: "subj")
        }
        // The identifiers travel again as hidden fields with the package and erasure forms (never in a URL).
        let hidden = ["email", "phone", "nir", "name", "birthDate", "plate"].compactMap { name -> [String: Any]? in
            guard let v = values[name], !v.isEmpty else { return nil }
            return ["name": name, "value": v]
        }
        let d: [String: Any] = [
            "heading": title,
            "fields": [field("email", type: "email"), field("phone"), field("nir"),
                       field("name", hint: ctx.s("subjects.hint.name")), field("birthDate", hint: ctx.s("subjects.hint.birthDate")),
                       field("plate")],
            "requestField": field("request", type: "number", hint: ctx.s("subjects.hint.request")),
            "formError": opt(e["_form"]),
            "searched": searched,
            "summary": summary,
            "hasMatches": !matches.isEmpty,
            "matches": matches.map { m -> [String: Any] in
                ["dataset": m.dataset, "datasetTitle": m.datasetTitle, "revision": String(m.revision), "row": String(m.row),
                 "column": m.column, "current": m.current, "href": PortalPaths.dataset(m.dataset)]
            },
            "hidden": hidden,
            "request": values["request"] ?? "",
            "canErase": canErase && !matches.isEmpty,
            "erased": erased.map { ["summary": $0.summary, "lines": $0.lines, "proof": $0.proof] as [String: Any] } ?? false,
            "action": "/register/subjects",
            "packageAction": "/register/subjects/package",
            "eraseAction": "/register/subjects/erase",
            "rectifyAction": "/register/subjects/rectify",
            "canRectify": canErase && !rectifiable.isEmpty,
            "rectifiable": rectifiable.map { r -> [String: Any] in
                ["dataset": r.dataset, "title": r.title, "selected": values["dataset"] == r.dataset]
            },
            "rectifyColumns": Array(Set(rectifiable.flatMap(\.columns))).sorted(),
            "rectifyColumn": values["column"] ?? "",
            "rectifyValue": values["value"] ?? "",
        ]
        return PageContent(template: "subjects", title: title, data: d)
    }

    private func opt(_ s: String?) -> Any { s ?? false }
}
