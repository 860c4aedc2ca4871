import Foundation
import SocleCore

extension UploadPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let datasetSelect = ctx.select("dataset", label: ctx.s("upload.dataset"), options: datasets.map { ($0.value, $0.label) },
                                       selected: selectedDataset, errors: errors, emptyLabel: ctx.s("upload.new_dataset"),
                                       idPrefix: "upload")
        var file = ctx.field("file", label: ctx.s("upload.file"), value: nil, errors: errors,
                             hint: ctx.s("upload.file_hint", ["max": ctx.bytes(maxBytes)]), required: true, type: "file",
                             idPrefix: "upload")
        file["accept"] = ".csv,.tsv,.txt,.xlsx,.xls,.ods,.json,.ndjson,.geojson"
        let d: [String: Any] = [
            "action": PortalPaths.upload,
            "datasetSelect": datasetSelect,
            "title": ctx.field("title", label: ctx.s("upload.title_field"), value: title, errors: errors, idPrefix: "upload"),
            "organisation": ctx.select("organisation", label: ctx.s("upload.organisation"),
                                       options: organisations.map { ($0.value, $0.label) },
                                       selected: organisation ?? organisations.first?.value, errors: errors, idPrefix: "upload"),
            "hasOrganisations": !organisations.isEmpty,
            "file": file,
            "headerRow": ctx.field("header_row", label: ctx.s("upload.header_row"), value: headerRow, errors: errors,
                                   hint: ctx.s("upload.header_row_hint"), type: "number", idPrefix: "upload"),
            "advancedOpen": errors["header_row"] != nil || errors["null_markers"] != nil || !headerRow.isEmpty,
            "nullMarkers": ctx.field("null_markers", label: ctx.s("upload.null_markers"), value: nil, errors: errors,
                                     hint: ctx.s("upload.null_markers_hint"), idPrefix: "upload"),
            "declareHref": PortalPaths.newDataset,
        ]
        return PageContent(template: "upload", title: ctx.s("upload.title"), data: d, script: true)
    }
}

extension JobPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let done = status == .succeeded || status == .failed
        let pct = Int((max(0, min(1, progress)) * 100).rounded(.down))
        var d: [String: Any] = [
            "heading": ctx.s("job.title", ["id": String(id)]),
            "status": ctx.jobStatus(status),
            "statusCode": status.rawValue,
            "percent": String(pct),
            "percentText": ctx.percent(progress),
            "rows": ctx.s("common.rows", ["count": ctx.number(rows)]),
            "running": !done,
            "failed": status == .failed,
            "succeeded": status == .succeeded,
            "error": ctx.opt(error.map { $0.message(ctx.language) }),
            "file": ctx.opt(fileName),
            "apiHref": PortalPaths.apiJob(id),
            "created": ctx.opt(ctx.dateValue(createdAt)),
        ]
        if let slug = datasetSlug {
            d["dataset"] = ["href": PortalPaths.dataset(slug), "title": datasetTitle ?? slug]
            d["reportHref"] = status == .succeeded ? revision.map { PortalPaths.report(slug, revision: $0) } ?? false : false
            d["retryHref"] = status == .failed ? PortalPaths.upload(dataset: slug) : false
        } else {
            d["dataset"] = false
            d["reportHref"] = false
            d["retryHref"] = status == .failed ? PortalPaths.upload : false
        }
        return PageContent(template: "job", title: ctx.s("job.title", ["id": String(id)]), data: d,
                           refresh: !done, script: !done)
    }
}

extension IngestReportPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let r = revision
        let facts: [[String: Any]] = [
            ["label": ctx.s("report.file"), "value": r.source.fileName],
            ["label": ctx.s("report.format"), "value": r.source.format.uppercased()],
            ["label": ctx.s("report.size"), "value": ctx.bytes(r.source.size)],
            ["label": ctx.s("report.encoding"), "value": r.source.encoding ?? ctx.s("common.not_set")],
            ["label": ctx.s("report.delimiter"), "value": r.source.delimiter.map(Self.showDelimiter) ?? ctx.s("common.not_set")],
            ["label": ctx.s("report.rows"), "value": ctx.number(r.rowCount)],
            ["label": ctx.s("report.loaded_at"), "value": ctx.date(r.createdAt)],
            ["label": ctx.s("report.sha256"), "value": r.source.sha256],
        ]
        let columns: [[String: Any]] = r.columns.map { c in
            let e = c.evidence
            let matches = e.matches.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { k, v in
                    ctx.s("report.match", ["type": ColumnType(rawValue: k).map(ctx.columnType) ?? k, "count": ctx.number(v)])
                }
            return [
                "name": c.name,
                "label": c.label.isEmpty ? ctx.s("report.no_header") : c.label,
                "type": ctx.columnType(c.type),
                "format": ctx.opt(c.format.semanticDescription(ctx.language)),
                "values": ctx.number(e.values),
                "nulls": ctx.number(e.nulls),
                "matches": matches,
                "samples": e.samples,
                "hasSamples": !e.samples.isEmpty,
                "counterExamples": e.counterExamples,
                "hasCounterExamples": !e.counterExamples.isEmpty,
                "notes": e.notes.map { $0.message(ctx.language) },
            ]
        }
        let d: [String: Any] = [
            "datasetTitle": datasetTitle,
            "datasetHref": PortalPaths.dataset(datasetSlug),
            "heading": ctx.s("report.heading", ["number": String(r.number)]),
            "facts": facts,
            "columns": columns,
            "warnings": r.warnings.map { $0.message(ctx.language) },
            "hasWarnings": !r.warnings.isEmpty,
        ]
        return PageContent(template: "report", title: ctx.s("report.title", ["title": datasetTitle, "number": String(r.number)]),
                           data: d)
    }

    /// Makes invisible delimiters readable.
    static func showDelimiter(_ d: String) -> String {
        switch d {
        case "\t": return "⇥ (tab)"
        case " ": return "␠"
        default: return d
        }
    }
}
