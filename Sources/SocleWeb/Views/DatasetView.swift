import Foundation
import SocleCore

extension DatasetPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let m = metadata
        let d: [String: Any] = [
            "title": title,
            "organisation": organisationName,
            "organisationHref": PortalPaths.organisation(organisationSlug),
            "description": m.description,
            "hasDescription": !m.description.isEmpty,
            "status": ctx.status(m.status),
            "statusCode": m.status.rawValue,
            "metadata": metadataRows(ctx),
            "revisions": revisionRows(ctx),
            "hasRevisions": !revisions.isEmpty,
            "preview": ctx.opt(preview.map { previewData($0, ctx) }),
            "actions": actions(ctx),
            "activities": processingActivities.map { ["href": PortalPaths.activity(Int64($0.value) ?? 0), "label": $0.label] },
            "hasActivities": !processingActivities.isEmpty,
            "breaches": breaches.map { $0.data(ctx) }, "hasBreaches": !breaches.isEmpty,
            "schema": ctx.opt(schema.map { $0.data(slug: slug, ctx) }),
        ]
        return PageContent(template: "dataset", title: title, data: d)
    }

    /// One row of the metadata table: label, then text, a list, or a link.
    private func row(_ ctx: ViewContext, _ key: String, _ text: String?, href: String? = nil,
                     list: [String] = []) -> [String: Any] {
        let value = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let empty = value.isEmpty && list.isEmpty
        return ["label": ctx.s("meta." + key), "text": value, "href": ctx.opt(href), "list": list,
                "hasList": !list.isEmpty, "empty": empty]
    }

    private func metadataRows(_ ctx: ViewContext) -> [[String: Any]] {
        let m = metadata
        var temporal: String?
        switch (m.temporalStart, m.temporalEnd) {
        case let (s?, e?): temporal = ctx.s("meta.temporal_range", ["start": s, "end": e])
        case let (s?, nil): temporal = ctx.s("meta.temporal_from", ["start": s])
        case let (nil, e?): temporal = ctx.s("meta.temporal_until", ["end": e])
        default: temporal = nil
        }
        let contactHref = m.contactPoint.flatMap { $0.contains("@") && !$0.contains(":") ? "mailto:" + $0 : Self.safeURL($0) }
        return [
            row(ctx, "publisher", organisationName, href: PortalPaths.organisation(organisationSlug)),
            row(ctx, "owner_service", ownerServiceName),
            row(ctx, "steward", m.steward),
            row(ctx, "contact", m.contactPoint, href: contactHref),
            row(ctx, "licence", ctx.licence(m.licence), href: m.licence.url),
            row(ctx, "frequency", m.frequency.map(ctx.frequency)),
            row(ctx, "themes", nil, list: m.themes.map(ctx.theme)),
            row(ctx, "keywords", nil, list: m.keywords),
            row(ctx, "spatial", nil, list: m.spatial),
            row(ctx, "temporal", temporal),
            row(ctx, "conforms_to", m.conformsTo, href: m.conformsTo.flatMap(Self.safeURL)),
            row(ctx, "origin", ctx.origin(m.origin)),
            row(ctx, "source_system", m.sourceSystem),
            row(ctx, "access", ctx.access(m.accessLevel)),
            row(ctx, "classification", ctx.classification(m.classification)),
            row(ctx, "status", ctx.status(m.status)),
            row(ctx, "volume", m.volume),
            row(ctx, "processing_activity", m.processingActivity),
        ]
    }

    /// Only http(s) links become links: a `javascript:` URL in metadata stays text.
    static func safeURL(_ raw: String) -> String? {
        let lower = raw.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), URL(string: raw) != nil else { return nil }
        return raw
    }

    private func revisionRows(_ ctx: ViewContext) -> [[String: Any]] {
        let showReports = canEdit || canUpload
        return revisions.enumerated().map { i, r in
            var changes: [String] = []
            if i + 1 < revisions.count {
                let c = RevisionChanges(from: revisions[i + 1], to: r)
                if !c.added.isEmpty { changes.append(ctx.s("revision.added", ["columns": c.added.joined(separator: ", ")])) }
                if !c.removed.isEmpty { changes.append(ctx.s("revision.removed", ["columns": c.removed.joined(separator: ", ")])) }
                for t in c.retyped {
                    changes.append(ctx.s("revision.retyped", ["column": t.column, "from": ctx.columnType(t.from),
                                                              "to": ctx.columnType(t.to)]))
                }
                let delta = c.rowDelta == 0 ? ctx.s("revision.rows_same")
                    : ctx.s("revision.rows_delta", ["delta": (c.rowDelta > 0 ? "+" : "−") + ctx.number(c.rowDelta.magnitude)])
                changes.append(delta)
            } else {
                changes.append(ctx.s("revision.first"))
            }
            var marks: [String] = []
            if r.number == publishedRevision { marks.append(ctx.s("revision.published")) }
            if r.number == currentRevision { marks.append(ctx.s("revision.current")) }
            return [
                "number": String(r.number),
                "date": ctx.opt(ctx.dateValue(r.createdAt)),
                "file": r.source.fileName,
                "format": r.source.format.uppercased(),
                "rows": ctx.number(r.rowCount),
                "columns": ctx.number(r.columns.count),
                "changes": changes,
                "marks": marks.joined(separator: ", "),
                "reportHref": showReports ? PortalPaths.report(slug, revision: r.number) : false,
            ]
        }
    }

    private func actions(_ ctx: ViewContext) -> [String: Any] {
        let hasData = currentRevision != nil
        return [
            "downloadHref": hasData ? PortalPaths.download(slug) : false,
            "downloadLabel": ctx.s("dataset.download", ["revision": String(currentRevision ?? 0)]),
            "editHref": canEdit ? PortalPaths.editDataset(slug) : false,
            "privacyHref": canEdit && hasData ? PortalPaths.privacy(slug) : false,
            "uploadHref": canUpload ? PortalPaths.upload(dataset: slug) : false,
            "publishAction": canPublish ? PortalPaths.publish(slug) : false,
            "publishBlocked": !publishBlockers.isEmpty,
            "blockers": publishBlockers,
            "unpublishAction": canUnpublish ? PortalPaths.unpublish(slug) : false,
            "any": hasData || canEdit || canUpload || canPublish || canUnpublish,
        ]
    }

    private func previewData(_ p: TablePreview, _ ctx: ViewContext) -> [String: Any] {
        func href(sort: String?, descending: Bool, page: Int) -> String {
            var params: [(String, String)] = []
            if let sort {
                params.append(("sort", sort))
                params.append(("order", descending ? "desc" : "asc"))
            }
            if page > 1 { params.append(("page", String(page))) }
            return PortalPaths.with(PortalPaths.dataset(slug), params) + "#apercu"
        }
        let numeric: Set<ColumnType> = [.integer, .number]
        let columns: [[String: Any]] = p.columns.map { c in
            let sorted = p.sort == c.name
            // A click sorts ascending, a second click on the sorted column reverses the order.
            let nextDescending = sorted && !p.descending
            let state = sorted ? (p.descending ? "descending" : "ascending") : "none"
            return [
                "label": c.label.isEmpty ? c.name : c.label,
                "type": ctx.columnType(c.type),
                "format": ctx.opt(c.format.semanticDescription(ctx.language)),
                "sortHref": href(sort: c.name, descending: nextDescending, page: 1),
                "ariaSort": sorted ? state : false,
                "sortState": ctx.s("preview.sort_" + state),
                "sortAction": ctx.s(nextDescending ? "preview.sort_desc_action" : "preview.sort_asc_action"),
                "arrow": sorted ? (p.descending ? "▼" : "▲") : "",
                "numeric": numeric.contains(c.type),
            ]
        }
        let rows: [[String: Any]] = p.rows.map { cells in
            ["cells": cells.enumerated().map { i, cell -> [String: Any] in
                let isNumeric = i < p.columns.count && numeric.contains(p.columns[i].type)
                return ["value": cell ?? "", "null": cell == nil, "numeric": isNumeric]
            }]
        }
        return [
            "columns": columns,
            "rows": rows,
            "hasRows": !rows.isEmpty,
            "caption": ctx.s("preview.caption", ["title": title,
                                                 "count": ctx.number(p.paging.total ?? p.rows.count)]),
            "pager": ctx.pager(p.paging) { href(sort: p.sort, descending: p.descending, page: $0) },
        ]
    }
}
