import Foundation
import Hummingbird
import SocleActions
import SocleCore
import SocleWeb

/// The register's files in the portal: proofs (list, upload with progress, a proof with its links, archive and
/// delete) and the import of a Madis export. The spreadsheet export is a link of the register page.
struct RegisterFilesPagesController {
    let state: ServerState
    let pages: Pages
    var register: RegisterActions { state.register }

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("register/proofs", use: list)
        group.post("register/proofs", use: upload)
        group.get("register/proofs/{id}", use: show)
        group.post("register/proofs/{id}", use: save)
        group.post("register/proofs/{id}/delete", use: delete)
        group.get("register/import", use: importForm)
        group.post("register/import", use: importFile)
    }

    // MARK: proofs

    /// The choices of a proof's form: its type, and the records of the organisation(s) it may be linked to.
    func form(_ input: ProofInput?, organisations slugs: [String], _ context: SignedInContext, errors: [String: String] = [:]) async throws -> ProofForm {
        let lang = context.language
        let p = context.principal
        var activities: [CheckChoice] = []
        var processors: [CheckChoice] = []
        var measures: [CheckChoice] = []
        let many = slugs.count > 1
        for slug in slugs {
            func label(_ name: String, _ org: String) -> String { many ? "\(name) — \(org)" : name }
            activities += try await register.activities(p, organisation: slug).map {
                CheckChoice(value: String($0.id), label: label($0.body.name, $0.organisation.name), checked: input?.activities.contains($0.id) ?? false)
            }
            processors += try await register.processors(p, organisation: slug).map {
                CheckChoice(value: String($0.id), label: label($0.body.name, $0.organisation.name), checked: input?.processors.contains($0.id) ?? false)
            }
            measures += try await register.measures(p, organisation: slug).map {
                CheckChoice(value: String($0.id), label: label($0.body.title, $0.organisation.name), checked: input?.measures.contains($0.id) ?? false)
            }
        }
        return ProofForm(types: ProofType.allCases.map { CheckChoice(value: $0.rawValue, label: $0.label(lang), checked: $0 == (input?.type ?? .other)) },
                         title: input?.title ?? "", date: input?.date ?? "", comment: input?.comment ?? "", isPublic: input?.isPublic ?? false,
                         activities: activities, processors: processors, measures: measures, errors: errors)
    }

    func listPage(_ request: Request, _ context: SignedInContext, input: ProofInput? = nil, chosen: String? = nil,
                  errors: [String: String] = [:]) async throws -> ProofListPage {
        let q = request.uri.queryParameters
        let p = context.principal
        if try await register.organisations(p).isEmpty { throw SocleError(.forbidden, code: "auth.forbidden") }
        let filter = q.get("organisation").flatMap { $0.isEmpty ? nil : $0 }
        let archived = q.get("archived") == "1"
        let lang = context.language
        let items = try await register.proofs(p, organisation: filter, includeArchived: archived).map { e in
            ProofListPage.Item(id: e.id, title: e.body.title, type: e.body.type.label(lang), organisation: e.organisation.name,
                               date: e.body.date ?? "", fileName: e.body.fileName, size: e.body.size, archived: e.archived,
                               isPublic: e.body.isPublic, links: e.body.activities.count + e.body.processors.count + e.body.measures.count)
        }
        let editable = try await register.organisations(p, .editRegister)
        let target = chosen ?? filter
        let formOrgs = editable.filter { target == nil || $0.slug == target }.map(\.slug)
        var uploadForm: ProofForm?
        if !editable.isEmpty {
            uploadForm = try await form(input, organisations: formOrgs.isEmpty ? editable.map(\.slug) : formOrgs, context, errors: errors)
        }
        return ProofListPage(items: items, organisations: editable.map { Choice(value: $0.slug, label: $0.name) }, organisation: target,
                             showArchived: archived, form: uploadForm, maxSize: RegisterActions.mebibytes(RegisterActions.maxProofBytes))
    }

    @Sendable func list(_ request: Request, context: SignedInContext) async throws -> Response {
        try pages.render(try await listPage(request, context), request, context.base)
    }

    /// Multipart `_csrf`, `organisation`, the proof's fields, then `file` → 303 to the proof.
    @Sendable func upload(_ request: Request, context: SignedInContext) async throws -> Response {
        try Self.requireMultipart(request)
        var fields = FormFields()
        do {
            let (received, staged) = try await RegisterFileUpload.receive(request, state: state, limit: Int64(RegisterActions.maxProofBytes),
                                                                          csrf: context.base.multipartCSRF) { f in
                fields = f
                // Who may add to which register is decided before a byte of the file is kept.
                guard let slug = f["organisation"], try await register.organisations(context.principal, .editRegister).contains(where: { $0.slug == slug }) else {
                    throw SocleError(.forbidden, code: "auth.forbidden")
                }
            }
            fields = received
            defer { try? FileManager.default.removeItem(at: staged.url) }
            let e = try await register.addProof(try RegisterFileUpload.proofInput(fields), fileName: staged.fileName,
                                                content: [UInt8](try Data(contentsOf: staged.url)), organisation: try fields.require("organisation"),
                                                by: context.principal)
            return pages.redirect("/register/proofs/\(e.id)", request, flash: (.info, "web.regfiles.flash.uploaded", ["title": e.body.title]))
        } catch let e as SocleError where ![.forbidden, .unauthorized, .internalError].contains(e.kind) {
            let page = try await listPage(request, context, input: try? RegisterFileUpload.proofInput(fields), chosen: fields["organisation"],
                                          errors: [Self.field(e): e.message(context.language)])
            return try pages.render(page, request, context.base, status: ErrorDescription.status(e.kind))
        }
    }

    /// The portal's file forms are multipart (their CSRF token is checked in the body); anything else is not ours.
    static func requireMultipart(_ request: Request) throws {
        guard (request.headers[.contentType] ?? "").lowercased().hasPrefix("multipart/form-data") else {
            throw SocleError(.forbidden, code: "auth.csrf")
        }
    }

    /// Which field of the form an error belongs to.
    static func field(_ e: SocleError) -> String {
        switch e.code {
        case "server.field_required": return e.args["field"] == "title" ? "title" : (e.args["field"] == "organisation" ? "organisation" : "file")
        case "register.bad_date": return "date"
        case "register.unknown_activity", "register.unknown_processor", "register.unknown_measure", "register.too_many": return "links"
        case "register.too_long", "register.control_character": return e.args["field"] == "title" ? "title" : "links"
        default: return "file"
        }
    }

    func proofPage(_ e: ProofEntry, _ context: SignedInContext, input: ProofInput? = nil, errors: [String: String] = [:]) async throws -> ProofPage {
        let lang = context.language
        let p = context.principal
        let canEdit = Permissions.can(p, .editRegister, organisationId: e.organisation.id)
        var links: [ProofPage.Link] = []
        let slug = e.organisation.slug
        if Permissions.can(p, .readRegister, organisationId: e.organisation.id) {
            let activities = try await register.activities(p, organisation: slug, includeArchived: true)
            let processors = try await register.processors(p, organisation: slug, includeArchived: true)
            let measures = try await register.measures(p, organisation: slug, includeArchived: true)
            links += activities.filter { e.body.activities.contains($0.id) }
                .map { ProofPage.Link(label: Catalog.shared.string("web.regfiles.link.activity", language: lang, args: ["name": $0.body.name]), href: PortalPaths.activity($0.id)) }
            links += processors.filter { e.body.processors.contains($0.id) }
                .map { ProofPage.Link(label: Catalog.shared.string("web.regfiles.link.processor", language: lang, args: ["name": $0.body.name]), href: PortalPaths.processor($0.id)) }
            links += measures.filter { e.body.measures.contains($0.id) }
                .map { ProofPage.Link(label: Catalog.shared.string("web.regfiles.link.measure", language: lang, args: ["name": $0.body.title]), href: PortalPaths.measure($0.id)) }
        }
        let current = ProofInput(type: e.body.type, title: e.body.title, date: e.body.date, comment: e.body.comment, isPublic: e.body.isPublic,
                                 activities: e.body.activities, processors: e.body.processors, measures: e.body.measures)
        var editForm: ProofForm?
        if canEdit { editForm = try await form(input ?? current, organisations: [slug], context, errors: errors) }
        return ProofPage(id: e.id, title: e.body.title, type: e.body.type.label(lang), organisation: e.organisation.name, date: e.body.date ?? "",
                         comment: e.body.comment ?? "", fileName: e.body.fileName, mediaType: e.body.mediaType, size: e.body.size,
                         sha256: e.body.sha256, uploadedBy: e.body.uploadedBy, createdAt: e.createdAt, archived: e.archived,
                         isPublic: e.body.isPublic, links: links,
                         form: editForm)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let e = try await register.proof(try context.parameters.require("id", as: Int64.self), context.principal)
        return try pages.render(try await proofPage(e, context), request, context.base)
    }

    @Sendable func save(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let f = context.base.form ?? FormFields()
        var input: ProofInput?
        do {
            input = try RegisterFileUpload.proofInput(f)
            let e = try await register.updateProof(id, input, archived: f.all("archived").contains("1"), by: context.principal)
            return pages.redirect("/register/proofs/\(e.id)", request, flash: (.info, "web.regfiles.flash.saved", ["title": e.body.title]))
        } catch let e as SocleError where e.kind == .invalidInput {
            let current = try await register.proof(id, context.principal)
            let page = try await proofPage(current, context, input: input, errors: [Self.field(e) == "file" ? "links" : Self.field(e): e.message(context.language)])
            return try pages.render(page, request, context.base, status: .badRequest)
        }
    }

    @Sendable func delete(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        guard (context.base.form ?? FormFields())["confirm"] == "1" else {
            return pages.redirect("/register/proofs/\(id)", request, flash: (.error, "web.regfiles.flash.confirm_delete", [:]))
        }
        let e = try await register.proof(id, context.principal)
        try await register.deleteProof(id, by: context.principal)
        return pages.redirect("/register/proofs", request, flash: (.info, "web.regfiles.flash.deleted", ["title": e.body.title]))
    }

    // MARK: the Madis import

    func importPage(_ context: SignedInContext, chosen: String? = nil, dryRun: Bool = true, error: String? = nil,
                    report: MadisImport.Report? = nil) async throws -> RegisterImportPage {
        let orgs = try await register.organisations(context.principal, .editRegister)
        if orgs.isEmpty { throw SocleError(.forbidden, code: "auth.forbidden") }
        let lang = context.language
        return RegisterImportPage(organisations: orgs.map { Choice(value: $0.slug, label: $0.name) }, organisation: chosen, dryRun: dryRun, error: error,
                                  report: report?.activities.map { i in
                                      RegisterImportPage.Item(line: i.line, name: i.name, id: i.id, completeness: i.completeness,
                                            missing: i.missing.map { Catalog.shared.string("register.field.\($0)", language: lang) }.joined(separator: ", "),
                                            archived: i.archived)
                                  })
    }

    @Sendable func importForm(_ request: Request, context: SignedInContext) async throws -> Response {
        try pages.render(try await importPage(context, chosen: request.uri.queryParameters.get("organisation")), request, context.base)
    }

    /// Multipart `_csrf`, `organisation`, `dry_run`, then `file` → the report (or the refusal) on the same page.
    @Sendable func importFile(_ request: Request, context: SignedInContext) async throws -> Response {
        try Self.requireMultipart(request)
        var fields = FormFields()
        do {
            let (received, staged) = try await RegisterFileUpload.receive(request, state: state, limit: state.configuration.uploadLimit,
                                                                          csrf: context.base.multipartCSRF) { f in
                fields = f
                guard let slug = f["organisation"], try await register.organisations(context.principal, .editRegister).contains(where: { $0.slug == slug }) else {
                    throw SocleError(.forbidden, code: "auth.forbidden")
                }
            }
            fields = received
            defer { try? FileManager.default.removeItem(at: staged.url) }
            let dryRun = fields["dry_run"] == "1"
            let report = try await register.importMadis(file: staged.url, displayName: staged.fileName, organisation: try fields.require("organisation"),
                                                        dryRun: dryRun, by: context.principal)
            return try pages.render(try await importPage(context, chosen: report.organisation, dryRun: dryRun, report: report), request, context.base,
                                    status: dryRun ? .ok : .created)
        } catch let e as SocleError where ![.forbidden, .unauthorized, .internalError].contains(e.kind) {
            let page = try await importPage(context, chosen: fields["organisation"], dryRun: fields["dry_run"] == "1", error: e.message(context.language))
            return try pages.render(page, request, context.base, status: ErrorDescription.status(e.kind))
        }
    }
}
