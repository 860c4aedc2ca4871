import SocleCore

extension InventoryPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let all = organisations.flatMap(\.sources)
        let orgs: [[String: Any]] = organisations.map { org in
            let byService = Dictionary(grouping: org.sources) { $0.serviceName ?? "" }
            let serviceRows: [[String: Any]] = byService.keys.sorted { a, b in
                // Sources without a service come last.
                a.isEmpty != b.isEmpty ? !a.isEmpty : a.localizedStandardCompare(b) == .orderedAscending
            }.map { name in
                statsRow(ctx, label: name.isEmpty ? ctx.s("inventory.no_service") : name, InventoryStats(byService[name] ?? []))
            }
            let missing: [[String: Any]] = org.sources.compactMap { s in
                let gaps = InventoryStats.gaps(of: s)
                guard !gaps.isEmpty else { return nil }
                return ["title": s.title, "href": PortalPaths.dataset(s.slug),
                        "editHref": PortalPaths.editDataset(s.slug),
                        "gaps": gaps.map { ctx.s("inventory.gap." + $0.rawValue) }]
            }
            return [
                "id": "org-" + org.slug,
                "name": org.name,
                "summary": statsRow(ctx, label: org.name, InventoryStats(org.sources)),
                "services": serviceRows,
                "hasSources": !org.sources.isEmpty,
                "missing": missing,
                "hasMissing": !missing.isEmpty,
                "missingHeading": ctx.s("inventory.missing_heading", ["count": ctx.number(missing.count)]),
            ]
        }
        let d: [String: Any] = [
            "total": statsRow(ctx, label: ctx.s("inventory.all"), InventoryStats(all)),
            "organisations": orgs,
            "hasOrganisations": !orgs.isEmpty,
            "declareHref": PortalPaths.newDataset,
            "importForm": importOrganisations.isEmpty ? false : [
                "action": PortalPaths.inventoryImport,
                "organisation": ctx.select("organisation", label: ctx.s("inventory.import_organisation"),
                                           options: importOrganisations.map { ($0.value, $0.label) },
                                           selected: importOrganisations.first?.value, errors: [:], idPrefix: "import"),
                "file": ctx.field("file", label: ctx.s("inventory.import_file"), value: nil, errors: [:],
                                  hint: ctx.s("inventory.import_hint"), required: true, type: "file", idPrefix: "import"),
            ] as [String: Any],
        ]
        return PageContent(template: "inventory", title: ctx.s("inventory.title"), data: d)
    }

    /// A row of figures: each `{label, count, total, text, percent, width}`; `width` drives the SVG bar.
    private func statsRow(_ ctx: ViewContext, label: String, _ s: InventoryStats) -> [String: Any] {
        func measure(_ key: String, _ n: Int, of total: Int) -> [String: Any] {
            let share = total == 0 ? 0 : Double(n) / Double(total)
            return [
                "label": ctx.s("inventory.measure." + key),
                "text": ctx.s("inventory.share", ["count": ctx.number(n), "total": ctx.number(total)]),
                "percent": total == 0 ? "—" : ctx.percent(share),
                "width": String(Int((share * 100).rounded(.down))),
            ]
        }
        return [
            "label": label,
            "sources": ctx.number(s.sources),
            "measures": [
                measure("owner", s.withOwner, of: s.sources),
                measure("classification", s.withClassification, of: s.sources),
                measure("processing_activity", s.withProcessingActivity, of: s.needingProcessingActivity),
                measure("loaded", s.loaded, of: s.sources),
                measure("published", s.published, of: s.sources),
            ],
        ]
    }
}
