import SocleCore

extension OrganisationsPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let rows: [[String: Any]] = organisations.map {
            ["name": $0.name, "href": PortalPaths.organisation($0.slug), "kind": ctx.kind($0.kind),
             "datasets": ctx.s("organisation.dataset_count", ["count": ctx.number($0.datasetCount)])]
        }
        return PageContent(template: "organisations", title: ctx.s("organisations.title"),
                           data: ["organisations": rows, "hasOrganisations": !rows.isEmpty])
    }
}

extension OrganisationPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let obligation: String
        switch profile.openDataObligation {
        case true?: obligation = ctx.s("organisation.obligation_yes")
        case false?: obligation = ctx.s("organisation.obligation_no")
        case nil: obligation = ctx.s("organisation.obligation_unknown")
        }
        let facts: [[String: Any]] = [
            ["label": ctx.s("organisation.kind"), "value": ctx.kind(profile.kind)],
            ["label": ctx.s("organisation.siren"), "value": profile.siren ?? ctx.s("common.not_set")],
            ["label": ctx.s("organisation.population"), "value": profile.population.map { ctx.number($0) } ?? ctx.s("common.not_set")],
            ["label": ctx.s("organisation.agents"), "value": profile.agents.map { ctx.number($0) } ?? ctx.s("common.not_set")],
            ["label": ctx.s("organisation.obligation"), "value": obligation],
        ]
        let d: [String: Any] = [
            "name": name,
            "facts": facts,
            "obligationNote": ctx.s("organisation.obligation_rule"),
            "services": services.map { ["name": $0.name, "count": ctx.s("organisation.dataset_count", ["count": ctx.number($0.datasetCount)])] },
            "hasServices": !services.isEmpty,
            "datasets": datasets.map { ctx.summary($0, showStatus: ctx.chrome.viewer != nil) },
            "hasDatasets": !datasets.isEmpty,
        ]
        return PageContent(template: "organisation", title: name, data: d)
    }
}

extension LoginPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let target = next.map(LayoutView.localPath) ?? ""
        var email = ctx.field("email", label: ctx.s("login.email"), value: self.email, errors: [:], required: true,
                              type: "email", idPrefix: "login")
        email["autocomplete"] = "username"
        var password = ctx.field("password", label: ctx.s("login.password"), value: "", errors: [:], required: true,
                                 type: "password", idPrefix: "login")
        password["autocomplete"] = "current-password"
        let d: [String: Any] = [
            "action": PortalPaths.login,
            "error": ctx.opt(error),
            "next": target.isEmpty || target == "/" ? false : target,
            "hasError": error != nil,
            "fields": [email, password],
        ]
        return PageContent(template: "login", title: ctx.s("login.title"), data: d)
    }
}
