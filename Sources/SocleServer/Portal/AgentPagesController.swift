import Foundation
import Hummingbird
import SocleActions
import SocleCore
import SocleWeb

/// Pages of signed-in agents: upload and job progress, declaring and describing sources, publishing,
/// the inventory and its spreadsheet import. `SignedInContext` sends anonymous visitors to sign in.
struct AgentPagesController {
    let state: ServerState
    let pages: Pages
    var access: ReadPolicy { state.policy }

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("upload", use: uploadForm)
        group.post("upload", use: upload)
        group.get("jobs/{id}", use: job)
        group.get("datasets/new", use: newForm)
        group.post("datasets/new", use: declare)
        group.get("datasets/{slug}/edit", use: editForm)
        group.post("datasets/{slug}/edit", use: edit)
        group.post("datasets/{slug}/publish", use: publish)
        group.post("datasets/{slug}/unpublish", use: unpublish)
        group.post("datasets/{slug}/apply-schema", use: applySchema)
        group.get("inventory", use: inventory)
        group.post("inventory/import", use: importInventory)
    }

    /// Organisations where the principal holds `permission`, as choices.
    func organisations(_ p: Principal, _ permissions: Permission...) async throws -> [Organisation] {
        try await state.directory.organisations().filter { o in permissions.allSatisfy { Permissions.can(p, $0, organisationId: o.id) } }
    }

    // MARK: upload

    func uploadPage(_ context: SignedInContext, selected: String?, fields: FormFields = FormFields(),
                    errors: [String: String] = [:]) async throws -> UploadPage {
        let p = context.principal
        let orgs = try await state.directory.organisations()
        let names = Dictionary(uniqueKeysWithValues: orgs.map { ($0.id, $0.name) })
        let targets = try await state.directory.uploadTargets(for: p)
            .map { Choice(value: $0.slug, label: "\($0.title) — \(names[$0.organisationId] ?? "")") }
        let creatable = try await organisations(p, .editDataset, .uploadData).map { Choice(value: $0.slug, label: $0.name) }
        var page = UploadPage(datasets: targets, organisations: creatable, selectedDataset: selected,
                              title: fields["title"] ?? "", organisation: fields["organisation"],
                              maxBytes: state.configuration.uploadLimit, errors: errors)
        page.headerRow = fields["header_row"] ?? ""
        return page
    }

    @Sendable func uploadForm(_ request: Request, context: SignedInContext) async throws -> Response {
        let page = try await uploadPage(context, selected: request.uri.queryParameters.get("dataset"))
        return try pages.render(page, request, context.base)
    }

    /// Multipart `_csrf`, `dataset` (or `title` + `organisation` for a new source), `file` → 303 to the job.
    @Sendable func upload(_ request: Request, context: SignedInContext) async throws -> Response {
        let p = context.principal
        var target: UploadTarget?
        var fields = FormFields()
        do {
            guard case .multipart(let boundary) = try UploadReceiver.kind(of: request) else {
                throw SocleError(.forbidden, code: "auth.csrf")
            }
            let receiver = UploadReceiver(directory: state.configuration.stagingDirectory,
                                          limit: state.configuration.uploadLimit, metrics: state.metrics)
            // Who and where are decided from the fields before the file part, before a byte of the file is kept.
            let (received, file) = try await receiver.receiveMultipart(request, boundary: boundary) { f in
                fields = f
                try CSRFMiddleware.checkMultipart(f, context.base.multipartCSRF)
                if let slug = f["dataset"] {
                    target = try await state.uploads.authorize(datasetSlug: slug, by: p)
                } else {
                    guard let title = f["title"] else {
                        throw SocleError(.invalidInput, code: "server.field_required", args: ["field": "title"])
                    }
                    guard let orgSlug = f["organisation"] else {
                        throw SocleError(.invalidInput, code: "server.field_required", args: ["field": "organisation"])
                    }
                    target = try await state.uploads.authorize(newSourceTitle: title, organisationSlug: orgSlug, by: p)
                }
            }
            fields = received
            guard let file, let target else { throw SocleError(.invalidInput, code: "server.upload_no_file") }
            let query = request.uri.queryParameters
            let (job, _) = try await state.uploads.enqueue(target, stagedFile: file.url, fileName: file.fileName,
                                                           option: { fields[$0] ?? query.get($0) }, by: p)
            return pages.redirect(PortalPaths.job(job.id), request, flash: (.info, "server.flash.upload_queued", [:]))
        } catch let e as SocleError where ![.forbidden, .unauthorized, .internalError].contains(e.kind) {
            let field: String
            switch e.code {
            case "server.field_required": field = e.args["field"] ?? "file"
            case "store.not_found.dataset": field = "dataset"
            case "store.not_found.organisation": field = "organisation"
            case "upload.bad_option", "header.row_invalid": field = e.args["field"] ?? "file"
            default: field = "file"
            }
            let page = try await uploadPage(context, selected: fields["dataset"], fields: fields,
                                            errors: [field: e.message(context.language)])
            return try pages.render(page, request, context.base, status: ErrorDescription.status(e.kind))
        } catch let e as ServerError {
            let page = try await uploadPage(context, selected: fields["dataset"], fields: fields,
                                            errors: ["file": e.error.message(context.language)])
            return try pages.render(page, request, context.base, status: e.status)
        }
    }

    @Sendable func job(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let job = try await state.policy.readableJob(id, by: context.principal)
        let d = try await job.datasetSlug.asyncFlatMap { try? await state.policy.member($0, by: context.principal) }
        let page = JobPage(id: job.id, status: job.status, progress: job.status == .succeeded ? 1 : job.progress,
                           rows: job.rows, datasetSlug: job.datasetSlug, datasetTitle: d?.title,
                           fileName: JobJSON(job, language: context.language).fileName, error: job.error,
                           revision: JobJSON.revision(job), createdAt: job.createdAt)
        return try pages.render(page, request, context.base)
    }

    // MARK: declaring and describing

    func editPage(_ context: SignedInContext, slug: String?, title: String, organisation: Organisation?,
                  metadata: DatasetMetadata, errors: [String: String] = [:]) async throws -> MetadataEditPage {
        let orgs = slug == nil ? try await organisations(context.principal, .editDataset) : []
        let serviceOrg = organisation ?? (orgs.count == 1 ? orgs.first : nil)
        let services = try await serviceOrg.asyncFlatMap { try await state.directory.services(of: $0.id) } ?? []
        return MetadataEditPage(slug: slug, title: title, organisation: organisation?.slug, metadata: metadata,
                                organisations: orgs.map { Choice(value: $0.slug, label: $0.name) },
                                services: services.map { Choice(value: String($0.id), label: $0.name) }, errors: errors)
    }

    /// Refusals of a metadata form, next to their fields; unplaced ones as a message at the top.
    func formErrors(_ e: SocleError, _ language: Language) -> ([String: String], [Flash]) {
        if let f = MetadataForm.field(for: e) { return ([f.rawValue: e.message(language)], []) }
        return ([:], [Flash(.error, e.message(language))])
    }

    @Sendable func newForm(_ request: Request, context: SignedInContext) async throws -> Response {
        let org = try await request.uri.queryParameters.get("organisation").asyncFlatMap { try? await state.directory.organisation(slug: $0) }
        let page = try await editPage(context, slug: nil, title: "", organisation: org, metadata: DatasetMetadata())
        return try pages.render(page, request, context.base)
    }

    @Sendable func declare(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = context.base.form ?? FormFields()
        let input = MetadataForm.input(form)
        var metadata = DatasetMetadata()
        var org: Organisation?
        do {
            guard let orgSlug = input.organisation else {
                throw SocleError(.invalidInput, code: "server.field_required", args: ["field": "organisation"])
            }
            let o = try await state.directory.organisation(slug: orgSlug)
            org = o
            try input.apply(to: &metadata, services: try await state.directory.services(of: o.id))
            if let s = input.slug { try Slug.validate(s) }
            let d = try await state.catalog.declare(slug: input.slug, title: input.title ?? "", organisation: o,
                                                    metadata: metadata, by: context.principal)
            return pages.redirect(PortalPaths.dataset(d.slug), request, flash: (.success, "server.flash.declared", [:]))
        } catch let e as SocleError where e.kind == .invalidInput || e.kind == .conflict || e.kind == .notFound {
            let (errors, flash) = formErrors(e, context.language)
            let page = try await editPage(context, slug: nil, title: input.title ?? "", organisation: org,
                                          metadata: metadata, errors: errors)
            return try pages.render(page, request, context.base, status: .badRequest, flash: flash)
        }
    }

    @Sendable func editForm(_ request: Request, context: SignedInContext) async throws -> Response {
        let d = try await access.writable(try context.parameters.require("slug"), .editDataset, by: context.principal)
        let org = try await access.organisation(id: d.organisationId)
        let page = try await editPage(context, slug: d.slug, title: d.title, organisation: org,
                                      metadata: try await state.directory.metadata(of: d))
        return try pages.render(page, request, context.base)
    }

    @Sendable func edit(_ request: Request, context: SignedInContext) async throws -> Response {
        let d = try await access.writable(try context.parameters.require("slug"), .editDataset, by: context.principal)
        let org = try await access.organisation(id: d.organisationId)
        let input = MetadataForm.input(context.base.form ?? FormFields())
        var metadata = try await state.directory.metadata(of: d)
        do {
            try input.apply(to: &metadata, services: try await state.directory.services(of: d.organisationId))
            try await state.catalog.update(d, title: input.title ?? "", metadata: metadata, by: context.principal)
            return pages.redirect(PortalPaths.dataset(d.slug), request, flash: (.success, "server.flash.saved", [:]))
        } catch let e as SocleError where e.kind == .invalidInput {
            let (errors, flash) = formErrors(e, context.language)
            let page = try await editPage(context, slug: d.slug, title: input.title ?? "", organisation: org,
                                          metadata: metadata, errors: errors)
            return try pages.render(page, request, context.base, status: .badRequest, flash: flash)
        }
    }

    @Sendable func publish(_ request: Request, context: SignedInContext) async throws -> Response {
        let d = try await access.writable(try context.parameters.require("slug"), .publishDataset, by: context.principal)
        do {
            try await state.catalog.publish(d, by: context.principal)
            return pages.redirect(PortalPaths.dataset(d.slug), request, flash: (.success, "server.flash.published", [:]))
        } catch is PublicationRefusal {
            // The dataset page lists the reasons next to the button.
            return pages.redirect(PortalPaths.dataset(d.slug), request, flash: (.error, "server.flash.publish_refused", [:]))
        }
    }

    @Sendable func unpublish(_ request: Request, context: SignedInContext) async throws -> Response {
        let d = try await access.writable(try context.parameters.require("slug"), .publishDataset, by: context.principal)
        try await state.catalog.unpublish(d, by: context.principal)
        return pages.redirect(PortalPaths.dataset(d.slug), request, flash: (.success, "server.flash.unpublished", [:]))
    }

    // MARK: inventory

    func inventoryPage(_ p: Principal) async throws -> InventoryPage {
        let orgs = try await organisations(p, .readInventory)
        guard !orgs.isEmpty else { throw SocleError(.forbidden, code: "auth.forbidden") }
        var out: [InventoryOrganisation] = []
        for o in orgs {
            let services = Dictionary(uniqueKeysWithValues: try await state.directory.services(of: o.id).map { ($0.id, $0.name) })
            var sources: [InventorySource] = []
            for (d, m) in try await state.directory.inventory(of: o, by: p) {
                sources.append(InventorySource(slug: d.slug, title: d.title, serviceName: m.ownerServiceId.flatMap { services[$0] },
                                               metadata: m, loaded: d.currentRevision != nil))
            }
            out.append(InventoryOrganisation(slug: o.slug, name: o.name, sources: sources))
        }
        return InventoryPage(organisations: out)
    }

    @Sendable func inventory(_ request: Request, context: SignedInContext) async throws -> Response {
        try pages.render(try await inventoryPage(context.principal), request, context.base)
    }

    /// Multipart `_csrf`, `organisation`, `file` (CSV, XLSX or ODS: one row per source).
    @Sendable func importInventory(_ request: Request, context: SignedInContext) async throws -> Response {
        let p = context.principal
        guard case .multipart(let boundary) = try UploadReceiver.kind(of: request) else {
            throw SocleError(.forbidden, code: "auth.csrf")
        }
        var org: Organisation?
        let receiver = UploadReceiver(directory: state.configuration.stagingDirectory,
                                      limit: state.configuration.uploadLimit, metrics: state.metrics)
        let (_, file) = try await receiver.receiveMultipart(request, boundary: boundary) { f in
            try CSRFMiddleware.checkMultipart(f, context.base.multipartCSRF)
            guard let slug = f["organisation"] else {
                throw SocleError(.invalidInput, code: "server.field_required", args: ["field": "organisation"])
            }
            let o = try await access.organisation(slug: slug)
            guard Permissions.can(p, .editDataset, organisationId: o.id) else { throw SocleError(.forbidden, code: "auth.forbidden") }
            org = o
        }
        guard let file, let org else { throw SocleError(.invalidInput, code: "server.upload_no_file") }
        defer { try? FileManager.default.removeItem(at: file.url) }
        do {
            let declared = try await state.inventory.importInventory(file: file.url, displayName: file.fileName,
                                                                     organisation: org, by: p)
            return pages.redirect(PortalPaths.inventory, request,
                                  flash: (.success, "server.flash.inventory_imported", ["count": String(declared.count)]))
        } catch let e as SocleError where e.kind == .invalidInput || e.kind == .conflict {
            // The reader's located message ("inventaire.csv, ligne 4 : …") is shown on the page.
            return try pages.render(try await inventoryPage(p), request, context.base, status: .badRequest,
                                    flash: [Flash(.error, e.message(context.language))])
        }
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        switch self {
        case .some(let w): return try await transform(w)
        case .none: return nil
        }
    }
}
