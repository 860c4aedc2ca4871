import SocleCore

extension CatalogPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        // One selected value per facet kind: a link replaces or removes it.
        var selected: [FacetKind: String] = [:]
        for facet in facets { if let v = facet.values.first(where: \.selected) { selected[facet.kind] = v.value } }

        func href(_ filters: [FacetKind: String], page: Int = 1) -> String {
            var params: [(String, String)] = [("q", query)]
            for kind in FacetKind.allCases { if let v = filters[kind] { params.append((kind.rawValue, v)) } }
            if page > 1 { params.append(("page", String(page))) }
            return PortalPaths.with(PortalPaths.catalog, params)
        }

        func label(_ kind: FacetKind, _ v: FacetValue) -> String {
            switch kind {
            case .theme: return v.label ?? ctx.theme(v.value)
            case .licence: return Licence(rawValue: v.value).map(ctx.licence) ?? v.label ?? v.value
            case .classification: return Classification(rawValue: v.value).map { ctx.classification($0) } ?? v.label ?? v.value
            case .status: return DatasetStatus(rawValue: v.value).map(ctx.status) ?? v.label ?? v.value
            case .organisation, .format: return v.label ?? v.value
            }
        }

        let facetData: [[String: Any]] = facets.filter { !$0.values.isEmpty }.map { facet in
            [
                "id": "facet-" + facet.kind.rawValue,
                "heading": ctx.s("facet." + facet.kind.rawValue),
                "values": facet.values.map { v -> [String: Any] in
                    var filters = selected
                    filters[facet.kind] = v.selected ? nil : v.value
                    return ["href": href(filters), "label": label(facet.kind, v), "count": ctx.number(v.count),
                            "selected": v.selected]
                },
            ]
        }
        let active: [[String: Any]] = facets.compactMap { facet in
            guard let v = facet.values.first(where: \.selected) else { return nil }
            var filters = selected
            filters[facet.kind] = nil
            return ["kind": ctx.s("facet." + facet.kind.rawValue), "label": label(facet.kind, v),
                    "removeHref": href(filters)]
        }
        let total = paging.total ?? results.count
        var heading = total == 0 ? ctx.s("catalog.no_results") : ctx.s("catalog.results", ["count": ctx.number(total)])
        if !query.isEmpty { heading += " " + ctx.s("catalog.for_query", ["query": query]) }
        let d: [String: Any] = [
            "query": query,
            "action": PortalPaths.catalog,
            "hidden": FacetKind.allCases.compactMap { kind in selected[kind].map { ["name": kind.rawValue, "value": $0] } },
            "heading": heading,
            "datasets": results.map { ctx.summary($0, showStatus: ctx.chrome.viewer != nil) },
            "hasResults": !results.isEmpty,
            "facets": facetData,
            "hasFacets": !facetData.isEmpty,
            "active": active,
            "hasActive": !active.isEmpty,
            "clearHref": href([:]),
            "pager": ctx.pager(paging) { href(selected, page: $0) },
        ]
        let title = query.isEmpty ? ctx.s("catalog.title") : ctx.s("catalog.title_query", ["query": query])
        return PageContent(template: "catalog", title: title, data: d)
    }
}
