import Foundation
import Hummingbird
import SocleActions
import SocleCore
import SocleWeb

/// The pages anyone may open: home, catalog, organisations, dataset pages and reports, sign-in.
/// What a visitor sees is decided by `DatasetAccess` (published public data only for anonymous ones).
struct PublicPagesController {
    let state: ServerState
    let pages: Pages
    var access: ReadPolicy { state.policy }

    func addRoutes(to router: Router<SocleRequestContext>) {
        router.get("/", use: home)
        router.get("catalog", use: catalog)
        router.get("organisations", use: organisations)
        router.get("organisations/{slug}", use: organisation)
        router.get("datasets/{slug}", use: dataset)
        router.get("datasets/{slug}/revisions/{number}/report", use: report)
        router.get("login", use: loginForm)
        router.post("login", use: login)
        router.post("logout", use: logout)
    }

    @Sendable func home(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let published = try await CatalogSearch.entries(access, principal: .anonymous)
        let latest = published.sorted { ($0.revision?.createdAt ?? .distantPast) > ($1.revision?.createdAt ?? .distantPast) }
        let page = HomePage(datasetCount: published.count, organisationCount: try await state.directory.organisations().count,
                            rowCount: published.reduce(0) { $0 + ($1.revision?.rowCount ?? 0) },
                            latest: latest.prefix(6).map(\.summary))
        return try pages.render(page, request, context)
    }

    @Sendable func catalog(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let q = request.uri.queryParameters
        var filters: [FacetKind: String] = [:]
        for kind in FacetKind.allCases { if let v = q.get(kind.rawValue), !v.isEmpty { filters[kind] = v } }
        let member = Pages.viewer(context.principal) != nil
        let search = CatalogSearch(query: q.get("q") ?? "", filters: filters, member: member)
        let (results, facets) = search.run(try await CatalogSearch.entries(access, principal: context.principal))
        let pageNumber = max(1, Int(q.get("page") ?? "") ?? 1)
        let size = 20
        let slice = results.dropFirst((pageNumber - 1) * size).prefix(size)
        let page = CatalogPage(query: search.query, results: slice.map(\.summary), facets: facets,
                               paging: Paging(page: pageNumber, pageSize: size, total: results.count,
                                              hasMore: pageNumber * size < results.count))
        return try pages.render(page, request, context)
    }

    @Sendable func organisations(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let entries = try await CatalogSearch.entries(access, principal: context.principal)
        var list: [OrganisationSummary] = []
        for o in try await state.directory.organisations() {
            let profile = try await state.directory.profile(o)
            list.append(OrganisationSummary(slug: o.slug, name: o.name, kind: profile.kind,
                                            datasetCount: entries.filter { $0.visible.organisation.id == o.id }.count))
        }
        return try pages.render(OrganisationsPage(organisations: list), request, context)
    }

    @Sendable func organisation(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let org = try await access.organisation(slug: try context.parameters.require("slug"))
        let entries = try await CatalogSearch.entries(access, principal: context.principal)
            .filter { $0.visible.organisation.id == org.id }
        let services = try await state.directory.services(of: org.id).map { s in
            ServiceSummary(slug: s.slug, name: s.name,
                           datasetCount: entries.filter { $0.visible.metadata.ownerServiceId == s.id }.count)
        }
        let page = OrganisationPage(slug: org.slug, name: org.name, profile: try await state.directory.profile(org),
                                    services: services, datasets: entries.map(\.summary))
        return try pages.render(page, request, context)
    }

    @Sendable func dataset(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        // `/datasets/{slug}.ttl|.rdf|.jsonld`: the dataset's DCAT-AP document.
        if let dot = slug.lastIndex(of: "."), FeedActions.isFeedExtension(String(slug[slug.index(after: dot)...])) {
            return try await DCATController(state: state).dataset(request, context, slug: String(slug[..<dot]),
                                                                  fileExtension: String(slug[slug.index(after: dot)...]))
        }
        let v = try await access.readable(slug, by: context.principal)
        let d = v.dataset, p = context.principal
        let published = try await state.directory.publishedRevision(of: d)
        let revisions = try await access.revisions(v)
        var preview: TablePreview?
        if v.revisionNumber != nil, let grant = try? await state.policy.grant(d.slug, for: p) {
            preview = try await TablePreviewBuilder(reads: state.reads).build(grant, query: request.uri.queryParameters)
        }
        let canPublish = Permissions.can(p, .publishDataset, organisationId: d.organisationId, datasetSlug: d.slug)
        let mayPublishNow = canPublish && d.currentRevision != nil && published != d.currentRevision
        let blockers = mayPublishNow ? try await state.catalog.publicationBlockers(d).map { $0.message(context.language) } : []
        let services = try await state.directory.services(of: d.organisationId)
        var page = DatasetPage(
            slug: d.slug, title: d.title, organisationSlug: v.organisation.slug, organisationName: v.organisation.name,
            metadata: v.metadata, ownerServiceName: services.first { $0.id == v.metadata.ownerServiceId }?.name,
            revisions: revisions.reversed(), currentRevision: v.revisionNumber,
            publishedRevision: published, preview: preview,
            canEdit: Permissions.can(p, .editDataset, organisationId: d.organisationId, datasetSlug: d.slug),
            canUpload: Permissions.can(p, .uploadData, organisationId: d.organisationId, datasetSlug: d.slug),
            canPublish: mayPublishNow, canUnpublish: canPublish && published != nil, publishBlockers: blockers)
        page.processingActivities = try await state.register.activitiesServing(d, p).map { a, columns in
            Choice(value: String(a.id), label: "\(a.body.name) (\(columns.joined(separator: ", ")))")
        }
        page.breaches = try await BreachPagesController.alerts(state, d, p, context.language)
        if case .full = v.scope, v.revisionNumber != nil {
            page.schema = try await SchemaPanelBuilder.panel(
                state, slug: d.slug, principal: p, validate: request.uri.queryParameters.get("valider-schema") != nil,
                canApply: page.canEdit, language: context.language)
        }
        return try pages.render(page, request, context)
    }

    @Sendable func report(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let v = try await access.readable(try context.parameters.require("slug"), by: context.principal)
        // The load report shows sample values of every column, hidden ones included: members only.
        guard case .full = v.scope else { throw SocleError.notFound("dataset", v.dataset.slug) }
        let number = try context.parameters.require("number", as: Int.self)
        guard let rev = try await access.revisions(v).first(where: { $0.number == number }) else {
            throw SocleError.notFound("revision", String(number))
        }
        return try pages.render(IngestReportPage(datasetSlug: v.dataset.slug, datasetTitle: v.dataset.title, revision: rev),
                                request, context)
    }

    // MARK: signing in and out

    @Sendable func loginForm(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let next = Pages.safeNext(request.uri.queryParameters.get("next"))
        if Pages.viewer(context.principal) != nil { return Response.redirect(to: next ?? "/", type: .normal) }
        return try pages.render(LoginPage(next: next), request, context)
    }

    /// Checks the password (throttled per e-mail and per client), opens a session and sets its cookie.
    @Sendable func login(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let form = context.form ?? FormFields()
        let email = form["email"] ?? ""
        let next = Pages.safeNext(form["next"])
        do {
            let user = try await state.accounts.login(email: email, password: form.raw("password"),
                                                      client: context.remoteAddress)
            let (cookie, _) = try await state.accounts.openSession(for: user)
            let secure = SocleCookies.secure(request, state.configuration)
            var response = pages.redirect(next ?? "/", request, flash: (.success, "server.flash.signed_in", [:]))
            response.setCookie(SocleCookies.sessionCookie(cookie, secure: secure))
            response.setCookie(SocleCookies.clear(SocleCookies.anonymousCSRF, secure: secure))
            return response
        } catch let e as SocleError where e.kind == .unauthorized || e.kind == .invalidInput {
            return try pages.render(LoginPage(email: email, error: e.message(context.language), next: next),
                                    request, context, status: .unauthorized)
        }
    }

    @Sendable func logout(_ request: Request, context: SocleRequestContext) async throws -> Response {
        if let s = context.session { try await state.accounts.closeSession(cookie: s.cookie) }
        var response = pages.redirect("/", request, flash: (.info, "server.flash.signed_out", [:]))
        response.setCookie(SocleCookies.clear(SocleCookies.session, secure: SocleCookies.secure(request, state.configuration)))
        return response
    }
}
