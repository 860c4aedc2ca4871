import Foundation
import SocleCore

// The register's files: proofs (list with the upload form, one proof), the import of a Madis export.
// Texts are worded by the controller (value lists in the reader's language); templates only lay them out.

/// A choice in a list of checkboxes, ticked or not.
public struct CheckChoice: Sendable {
    public var value: String
    public var label: String
    public var checked: Bool
    public init(value: String, label: String, checked: Bool = false) {
        self.value = value
        self.label = label
        self.checked = checked
    }
}

/// The fields of a proof's form (upload or edit), with what was sent and the errors.
public struct ProofForm: Sendable {
    public var types: [CheckChoice]
    public var title: String
    public var date: String
    public var comment: String
    public var isPublic: Bool
    public var activities: [CheckChoice]
    public var processors: [CheckChoice]
    public var measures: [CheckChoice]
    public var errors: [String: String]
    public init(types: [CheckChoice], title: String = "", date: String = "", comment: String = "", isPublic: Bool = false,
                activities: [CheckChoice] = [], processors: [CheckChoice] = [], measures: [CheckChoice] = [], errors: [String: String] = [:]) {
        self.types = types
        self.title = title
        self.date = date
        self.comment = comment
        self.isPublic = isPublic
        self.activities = activities
        self.processors = processors
        self.measures = measures
        self.errors = errors
    }
}

public struct ProofListPage: PageModel {
    public struct Item: Sendable {
        public var id: Int64
        public var title: String
        public var type: String
        public var organisation: String
        public var date: String
        public var fileName: String
        public var size: Int
        public var archived: Bool
        public var isPublic: Bool
        public var links: Int
        public init(id: Int64, title: String, type: String, organisation: String, date: String, fileName: String, size: Int,
                    archived: Bool, isPublic: Bool, links: Int) {
            self.id = id
            self.title = title
            self.type = type
            self.organisation = organisation
            self.date = date
            self.fileName = fileName
            self.size = size
            self.archived = archived
            self.isPublic = isPublic
            self.links = links
        }
    }
    public var items: [Item]
    /// The organisations whose register the viewer changes (upload), and the one chosen.
    public var organisations: [Choice]
    public var organisation: String?
    public var showArchived: Bool
    public var form: ProofForm?
    public var maxSize: String
    public init(items: [Item], organisations: [Choice], organisation: String?, showArchived: Bool, form: ProofForm?, maxSize: String) {
        self.items = items
        self.organisations = organisations
        self.organisation = organisation
        self.showArchived = showArchived
        self.form = form
        self.maxSize = maxSize
    }
}

public struct ProofPage: PageModel {
    public struct Link: Sendable {
        public var label: String
        public var href: String
        public init(label: String, href: String) {
            self.label = label
            self.href = href
        }
    }
    public var id: Int64
    public var title: String
    public var type: String
    public var organisation: String
    public var date: String
    public var comment: String
    public var fileName: String
    public var mediaType: String
    public var size: Int
    public var sha256: String
    public var uploadedBy: String
    public var createdAt: Date
    public var archived: Bool
    public var isPublic: Bool
    public var links: [Link]
    /// The edit form, for those who change the register.
    public var form: ProofForm?
    public init(id: Int64, title: String, type: String, organisation: String, date: String, comment: String, fileName: String,
                mediaType: String, size: Int, sha256: String, uploadedBy: String, createdAt: Date, archived: Bool, isPublic: Bool,
                links: [Link], form: ProofForm?) {
        self.id = id
        self.title = title
        self.type = type
        self.organisation = organisation
        self.date = date
        self.comment = comment
        self.fileName = fileName
        self.mediaType = mediaType
        self.size = size
        self.sha256 = sha256
        self.uploadedBy = uploadedBy
        self.createdAt = createdAt
        self.archived = archived
        self.isPublic = isPublic
        self.links = links
        self.form = form
    }
}

public struct RegisterImportPage: PageModel {
    public struct Item: Sendable {
        public var line: Int
        public var name: String
        public var id: Int64?
        public var completeness: Int
        public var missing: String
        public var archived: Bool
        public init(line: Int, name: String, id: Int64?, completeness: Int, missing: String, archived: Bool) {
            self.line = line
            self.name = name
            self.id = id
            self.completeness = completeness
            self.missing = missing
            self.archived = archived
        }
    }
    public var organisations: [Choice]
    public var organisation: String?
    public var dryRun: Bool
    public var error: String?
    /// nil before an import; the activities created (or that would be) after.
    public var report: [Item]?
    public init(organisations: [Choice], organisation: String?, dryRun: Bool, error: String? = nil, report: [Item]? = nil) {
        self.organisations = organisations
        self.organisation = organisation
        self.dryRun = dryRun
        self.error = error
        self.report = report
    }
}

extension ProofForm {
    func data(_ ctx: ViewContext, prefix: String) -> [String: Any] {
        func checks(_ list: [CheckChoice], _ name: String) -> [[String: Any]] {
            list.enumerated().map { i, c in ["id": "\(prefix)-\(name)-\(i)", "name": name, "value": c.value, "label": c.label, "checked": c.checked] }
        }
        return [
            "types": types.map { ["value": $0.value, "label": $0.label, "selected": $0.checked] },
            "title": title, "date": date, "comment": comment, "isPublic": isPublic,
            "activities": checks(activities, "activities"), "hasActivities": !activities.isEmpty,
            "processors": checks(processors, "processors"), "hasProcessors": !processors.isEmpty,
            "measures": checks(measures, "measures"), "hasMeasures": !measures.isEmpty,
            "errorFile": ctx.opt(errors["file"]), "errorTitle": ctx.opt(errors["title"]), "errorDate": ctx.opt(errors["date"]),
            "errorLinks": ctx.opt(errors["links"]), "errorOrganisation": ctx.opt(errors["organisation"]),
            "hasErrors": !errors.isEmpty,
        ]
    }
}

extension ProofListPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let title = ctx.s("regfiles.proofs.title")
        var d: [String: Any] = [
            "heading": title,
            "items": items.map { i -> [String: Any] in
                ["href": "/register/proofs/\(i.id)", "download": "/api/v1/register/proofs/\(i.id)/file", "title": i.title, "type": i.type,
                 "organisation": i.organisation, "date": i.date, "fileName": i.fileName, "size": ctx.bytes(Int64(i.size)),
                 "archived": i.archived, "public": i.isPublic,
                 "links": i.links == 0 ? ctx.s("regfiles.proofs.no_link") : ctx.s("regfiles.proofs.links", ["n": ctx.number(i.links)])]
            },
            "empty": items.isEmpty,
            "filterOrganisations": ctx.options([("", ctx.s("register.all_organisations"))] + organisations.map { ($0.value, $0.label) },
                                               selected: organisation ?? ""),
            "organisations": ctx.options(organisations.map { ($0.value, $0.label) }, selected: organisation ?? organisations.first?.value),
            "showArchived": showArchived,
            "maxSize": maxSize,
            "registerHref": PortalPaths.register,
        ]
        if let form { d["form"] = form.data(ctx, prefix: "new") }
        return PageContent(template: "register-proofs", title: title, data: d, script: true)
    }
}

extension ProofPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        var d: [String: Any] = [
            "id": String(id), "title": title, "type": type, "organisation": organisation, "date": date, "comment": comment,
            "fileName": fileName, "mediaType": mediaType, "size": ctx.bytes(Int64(size)), "sha256": sha256, "uploadedBy": uploadedBy,
            "createdAt": ctx.date(createdAt), "archived": archived, "public": isPublic,
            "links": links.map { ["label": $0.label, "href": $0.href] }, "hasLinks": !links.isEmpty,
            "download": "/api/v1/register/proofs/\(id)/file", "action": "/register/proofs/\(id)",
            "deleteAction": "/register/proofs/\(id)/delete", "listHref": "/register/proofs",
        ]
        if let form { d["form"] = form.data(ctx, prefix: "edit") }
        return PageContent(template: "register-proof", title: title, data: d)
    }
}

extension RegisterImportPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let title = ctx.s("regfiles.import.title")
        var d: [String: Any] = [
            "heading": title,
            "organisations": ctx.options(organisations.map { ($0.value, $0.label) }, selected: organisation ?? organisations.first?.value),
            "dryRun": dryRun, "error": ctx.opt(error), "registerHref": PortalPaths.register,
        ]
        if let report {
            d["report"] = [
                "items": report.map { i -> [String: Any] in
                    ["line": String(i.line), "name": i.name, "href": i.id.map { PortalPaths.activity($0) as Any } ?? false,
                     "completeness": String(i.completeness), "missing": i.missing, "archived": i.archived]
                },
                "summary": ctx.s(dryRun ? "regfiles.import.would_create" : "regfiles.import.created", ["n": ctx.number(report.count)]),
            ]
        }
        return PageContent(template: "register-import", title: title, data: d, script: true)
    }
}
