import Foundation
import Hummingbird
import SocleActions
import SocleCore
import SocleWeb

/// `/api/v1/datasets…`: declare, describe, upload, publish, read. Reads follow `ReadPolicy`
/// (404 for what the principal may not see); writes need a token or a session (CSRF-checked).
struct DatasetAPIController {
    let state: ServerState
    var access: ReadPolicy { state.policy }

    func addRoutes(to group: RouterGroup<SocleRequestContext>) {
        group.get("datasets", use: list)
        group.post("datasets", use: create)
        group.get("datasets/{slug}", use: show)
        group.put("datasets/{slug}", use: update)
        group.post("datasets/{slug}/upload", use: upload)
        group.post("datasets/{slug}/publish", use: publish)
        group.post("datasets/{slug}/unpublish", use: unpublish)
        group.get("datasets/{slug}/revisions", use: revisions)
        group.get("datasets/{slug}/rows", use: rows)
        group.get("datasets/{slug}/download.csv", use: download)
    }

    /// The visible datasets, searched (`q`: every word in the metadata, accents and case aside), filtered
    /// by facet (`organisation`, `theme`, `licence`, `format`; members also `classification`, `status`),
    /// paged (`limit`, `offset`), with facet counts.
    @Sendable func list(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let params = try QueryParameters(request)
        let member: Bool
        if case .anonymous = context.principal { member = false } else { member = true }
        var filters: [FacetKind: String] = [:]
        for kind in FacetKind.allCases { if let v = params.nonEmpty(kind.rawValue) { filters[kind] = v } }
        let search = CatalogSearch(query: params["q"] ?? "", filters: filters, member: member)
        let (results, facets) = search.run(try await CatalogSearch.entries(access, principal: context.principal))
        let limit = try params.integer("limit", default: 100, range: 0...1_000) ?? 100
        let offset = try params.integer("offset", default: 0, range: 0...Int.max) ?? 0
        let items = results.dropFirst(offset).prefix(limit).map { e in
            let v = e.visible, rev = e.revision
            return DatasetListItemJSON(slug: v.dataset.slug, title: v.dataset.title, organisation: v.organisation.slug,
                                       status: v.metadata.status, licence: v.metadata.licence,
                                       accessLevel: v.metadata.accessLevel, classification: v.metadata.classification,
                                       revision: rev?.number, rows: rev?.rowCount)
        }
        let facetJSON = Dictionary(uniqueKeysWithValues: facets.map { f in
            (f.kind.rawValue, f.values.map { FacetCountJSON(value: $0.value, label: $0.label, count: $0.count) })
        })
        return try JSONOutput.response(DatasetListJSON(totalCount: results.count, limit: limit, offset: offset,
                                                       datasets: Array(items), facets: facetJSON))
    }

    @Sendable func create(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let input = try await JSONOutput.decode(DatasetInput.self, from: request)
        guard let title = input.title else {
            throw SocleError(.invalidInput, code: "server.field_required", args: ["field": "title"])
        }
        guard let orgSlug = input.organisation else {
            throw SocleError(.invalidInput, code: "server.field_required", args: ["field": "organisation"])
        }
        let org: Organisation
        do {
            org = try await state.directory.organisation(slug: orgSlug)
        } catch let e as SocleError where e.kind == .notFound {
            // The unknown organisation is a field of the body: 400, not 404.
            throw SocleError(.invalidInput, code: e.code, args: e.args)
        }
        if let s = input.slug { try Slug.validate(s) }
        var metadata = DatasetMetadata()
        try input.apply(to: &metadata, services: try await state.directory.services(of: org.id))
        let d = try await state.catalog.declare(slug: input.slug, title: title, organisation: org, metadata: metadata,
                                                by: principal)
        var response = try JSONOutput.response(SlugJSON(slug: d.slug), status: .created)
        response.headers[.location] = "/api/v1/datasets/\(d.slug)"
        return response
    }

    @Sendable func show(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let v = try await access.readable(try context.parameters.require("slug"), by: context.principal)
        return try JSONOutput.response(try await json(v, language: context.language))
    }

    func json(_ v: VisibleDataset, language: Language) async throws -> DatasetJSON {
        let rev = try await access.revision(v)
        let services = try await state.directory.services(of: v.organisation.id)
        let published: Int?
        var hidden: Set<String>?
        switch v.scope {
        case .full: published = try await state.directory.publishedRevision(of: v.dataset)
        case .published(let n):
            published = n
            hidden = Set(try await state.policy.grant(v.dataset, for: .anonymous)?.hiddenColumns ?? rev?.columns.map(\.name) ?? [])
        }
        let slug = v.dataset.slug
        return DatasetJSON(
            slug: slug, title: v.dataset.title, organisation: v.organisation.slug, organisationName: v.organisation.name,
            status: v.metadata.status, metadata: v.metadata,
            ownerService: services.first { $0.id == v.metadata.ownerServiceId }?.slug,
            currentRevision: rev.map { r in
                let json = RevisionJSON(r, language: language)
                return hidden.map { json.publicView(hidden: $0) } ?? json
            }, publishedRevision: published,
            links: ["self": "/api/v1/datasets/\(slug)", "rows": "/api/v1/datasets/\(slug)/rows",
                    "download": "/api/v1/datasets/\(slug)/download.csv", "page": "/datasets/\(slug)"])
    }

    @Sendable func update(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let d = try await access.writable(try context.parameters.require("slug"), .editDataset, by: context.principal)
        let input = try await JSONOutput.decode(DatasetInput.self, from: request)
        var metadata = try await state.directory.metadata(of: d)
        try input.apply(to: &metadata, services: try await state.directory.services(of: d.organisationId))
        try await state.catalog.update(d, title: input.title ?? d.title, metadata: metadata, by: context.principal)
        let v = try await access.readable(d.slug, by: context.principal)
        return try JSONOutput.response(try await json(v, language: context.language))
    }

    @Sendable func upload(_ request: Request, context: SocleRequestContext) async throws -> Response {
        // Who and where are checked before a byte of the body is read.
        let target = try await state.uploads.authorize(datasetSlug: try context.parameters.require("slug"), by: context.principal)
        let receiver = UploadReceiver(directory: state.configuration.stagingDirectory,
                                      limit: state.configuration.uploadLimit, metrics: state.metrics)
        let query = request.uri.queryParameters
        var fields = FormFields()
        let staged: StagedFile
        switch try UploadReceiver.kind(of: request) {
        case .raw:
            guard let name = query.get("filename"), !name.isEmpty else {
                throw SocleError(.invalidInput, code: "server.upload_no_filename")
            }
            staged = try await receiver.receiveRaw(request, fileName: name)
        case .multipart(let boundary):
            let (received, file) = try await receiver.receiveMultipart(request, boundary: boundary) { _ in }
            guard let file else { throw SocleError(.invalidInput, code: "server.upload_no_file") }
            fields = received
            staged = file
        }
        let (job, d) = try await state.uploads.enqueue(target, stagedFile: staged.url, fileName: staged.fileName,
                                                       option: { fields[$0] ?? query.get($0) }, by: context.principal)
        return try JSONOutput.response(JobAcceptedJSON(job: job.id, status: job.status, dataset: d.slug,
                                                       links: ["self": "/api/v1/jobs/\(job.id)", "page": "/jobs/\(job.id)"]),
                                       status: .accepted)
    }

    @Sendable func publish(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let d = try await access.writable(try context.parameters.require("slug"), .publishDataset, by: context.principal)
        try await state.catalog.publish(d, by: context.principal)
        return try await publication(d)
    }

    @Sendable func unpublish(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let d = try await access.writable(try context.parameters.require("slug"), .publishDataset, by: context.principal)
        try await state.catalog.unpublish(d, by: context.principal)
        return try await publication(d)
    }

    func publication(_ d: Dataset) async throws -> Response {
        let m = try await state.directory.metadata(of: d)
        let published = try await state.directory.publishedRevision(of: d)
        return try JSONOutput.response(PublicationJSON(slug: d.slug, status: m.status, publishedRevision: published))
    }

    @Sendable func revisions(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let v = try await access.readable(try context.parameters.require("slug"), by: context.principal)
        let revs = try await access.revisions(v)
        var hidden: Set<String>?
        if case .published = v.scope {
            hidden = Set(try await state.policy.grant(v.dataset, for: .anonymous)?.hiddenColumns ?? revs.flatMap { $0.columns.map(\.name) })
        }
        var out: [RevisionJSON] = []
        for (i, r) in revs.enumerated() {
            let json = RevisionJSON(r, previous: i > 0 ? revs[i - 1] : nil, withChange: true, language: context.language)
            out.append(hidden.map { json.publicView(hidden: $0) } ?? json)
        }
        let published: Int?
        switch v.scope {
        case .full: published = try await state.directory.publishedRevision(of: v.dataset)
        case .published(let n): published = n
        }
        return try JSONOutput.response(RevisionListJSON(dataset: v.dataset.slug, current: v.revisionNumber,
                                                        published: published, revisions: out.reversed()))
    }

    @Sendable func rows(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let grant = try await state.policy.grant(try context.parameters.require("slug"), for: context.principal)
        let q = request.uri.queryParameters
        let limit = try Self.integer(q, "limit", default: 20, range: 0...1_000)
        let offset = try Self.integer(q, "offset", default: 0, range: 0...Int.max)
        let page = try await state.reads.records(grant, RecordsRequest(limit: limit, offset: offset), includeTotal: false)
        return try JSONOutput.response(RowsJSON(dataset: grant.dataset.slug, revision: grant.revision.number,
                                                total: grant.revision.rowCount, limit: limit, offset: offset,
                                                columns: grant.columns.map(ColumnJSON.init),
                                                rows: page.rows.map { Array($0.dropFirst()) }))
    }

    /// The whole visible table as CSV, streamed (the export path, with the read policy).
    @Sendable func download(_ request: Request, context: SocleRequestContext) async throws -> Response {
        try await ExportResponder(state: state).respond(request, context, format: "csv")
    }

    /// An integer query parameter within a range (400 naming the parameter otherwise).
    static func integer(_ q: Parameters, _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = q.get(name), !text.isEmpty else { return value }
        guard let n = Int(text), range.contains(n) else {
            throw SocleError(.invalidInput, code: "server.bad_parameter",
                             args: ["name": name, "value": text, "range": "\(range.lowerBound)…\(range.upperBound == Int.max ? "∞" : String(range.upperBound))"])
        }
        return n
    }
}
