import SocleCore

extension HomePage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let d: [String: Any] = [
            "intro": ctx.s("home.intro", ["territory": ctx.chrome.territoryName]),
            "stats": [
                ["value": ctx.number(datasetCount), "label": ctx.s("home.stat_datasets")],
                ["value": ctx.number(organisationCount), "label": ctx.s("home.stat_organisations")],
                ["value": ctx.number(rowCount), "label": ctx.s("home.stat_rows")],
            ],
            "datasets": latest.map { ctx.summary($0, showStatus: ctx.chrome.viewer != nil) },
            "hasDatasets": !latest.isEmpty,
            "catalogHref": PortalPaths.catalog,
        ]
        return PageContent(template: "home", title: ctx.s("home.title"), data: d)
    }
}
