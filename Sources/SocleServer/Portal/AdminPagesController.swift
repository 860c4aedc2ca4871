import Foundation
import Hummingbird
import SocleActions
import SocleCore
import SocleWeb

/// Administration: organisations, services, users, API tokens, and the audit log. Each list shows what
/// the viewer administers; the actions decide, through `Permissions`, what each person may change.
struct AdminPagesController {
    let state: ServerState
    let pages: Pages

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("admin/organisations", use: organisationsPage)
        group.post("admin/organisations", use: createOrganisation)
        group.get("admin/services", use: servicesPage)
        group.post("admin/services", use: createService)
        group.get("admin/users", use: usersPage)
        group.post("admin/users", use: createUser)
        group.get("admin/tokens", use: tokensPage)
        group.post("admin/tokens", use: createToken)
        group.post("admin/tokens/{id}/revoke", use: revokeToken)
        group.get("admin/audit", use: audit)
    }

    /// 403 unless the viewer holds `permission` in at least one organisation.
    func requireSome(_ p: Principal, _ permission: Permission) async throws -> [Organisation] {
        try await state.directory.requireOrganisations(where: p, holds: permission)
    }

    func form(_ context: SignedInContext) -> FormFields { context.base.form ?? FormFields() }

    /// A refusal on a form, next to its field when the field is known.
    func errors(_ e: SocleError, _ language: Language, fields: [String: String]) -> [String: String] {
        for (code, field) in fields where e.code.hasPrefix(code) { return [field: e.message(language)] }
        return [Self.formKey: e.message(language)]
    }

    /// Errors not tied to a field travel under this key and are shown as a message at the top.
    static let formKey = "_form"

    func render(_ page: some PageModel, _ errors: [String: String], _ request: Request, _ context: SignedInContext,
                status: HTTPResponse.Status) throws -> Response {
        let flash = errors[Self.formKey].map { [Flash(.error, $0)] } ?? []
        return try pages.render(page, request, context.base, status: status, flash: flash)
    }

    static let refusable: Set<SocleError.Kind> = [.invalidInput, .conflict, .notFound]

    // MARK: organisations

    func organisationRows() async throws -> [AdminOrganisationRow] {
        let members = try await state.directory.memberCounts()
        var rows: [AdminOrganisationRow] = []
        for o in try await state.directory.organisations() {
            rows.append(AdminOrganisationRow(
                slug: o.slug, name: o.name, profile: try await state.directory.profile(o),
                serviceCount: try await state.directory.services(of: o.id).count,
                userCount: members[o.id] ?? 0))
        }
        return rows
    }

    @Sendable func organisationsPage(_ request: Request, context: SignedInContext) async throws -> Response {
        _ = try await requireSome(context.principal, .manageOrganisation)
        return try pages.render(AdminOrganisationsPage(organisations: try await organisationRows()), request, context.base)
    }

    @Sendable func createOrganisation(_ request: Request, context: SignedInContext) async throws -> Response {
        _ = try await requireSome(context.principal, .manageOrganisation)
        let f = form(context)
        do {
            let slug = try f.require("slug")
            let name = try f.require("name")
            try Slug.validate(slug)
            let kindText = f["kind"] ?? OrganisationKind.commune.rawValue
            guard let kind = OrganisationKind(rawValue: kindText) else {
                throw SocleError(.invalidInput, code: "server.bad_choice", args: [
                    "field": "kind", "value": kindText, "allowed": OrganisationKind.allCases.map(\.rawValue).joined(separator: ", ")])
            }
            let profile = OrganisationProfile(kind: kind, siren: f["siren"], population: try Self.count(f, "population"),
                                              agents: try Self.count(f, "agents"))
            _ = try await state.accounts.createOrganisation(slug: slug, name: name, profile: profile, by: context.principal)
            return pages.redirect(PortalPaths.adminOrganisations, request, flash: (.success, "server.flash.organisation_created", ["name": name]))
        } catch let e as SocleError where Self.refusable.contains(e.kind) {
            let page = AdminOrganisationsPage(
                organisations: try await organisationRows(), form: f.firstValues,
                errors: errors(e, context.language, fields: ["slug.": "slug", "store.conflict.organisation": "slug",
                                                             "org.invalid_siren": "siren", "store.invalid_siren": "siren",
                                                             "store.invalid_population": "population", "store.invalid_agents": "agents",
                                                             "store.name_required": "name", "server.bad_choice": "kind"]
                    .merging(Self.requiredField(e)) { a, _ in a }))
            return try render(page, page.errors, request, context, status: ErrorDescription.status(e.kind))
        }
    }

    /// An optional non-negative whole number field.
    static func count(_ f: FormFields, _ name: String) throws -> Int? {
        guard let text = f[name] else { return nil }
        guard let n = Int(text.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{202F}", with: "")), n >= 0 else {
            throw SocleError(.invalidInput, code: "server.bad_number", args: ["field": name, "value": text])
        }
        return n
    }

    /// `server.field_required` and `server.bad_number` name their field in their arguments.
    static func requiredField(_ e: SocleError) -> [String: String] {
        guard let field = e.args["field"] else { return [:] }
        return ["server.field_required": field, "server.bad_number": field]
    }

    // MARK: services

    func servicesPage(_ orgs: [Organisation], form: [String: String] = [:], errors: [String: String] = [:]) async throws -> AdminServicesPage {
        var groups: [AdminServiceGroup] = []
        for o in orgs {
            let counts = try await state.directory.datasetCounts(byServiceOf: o.id)
            let services = try await state.directory.services(of: o.id).map {
                ServiceSummary(slug: $0.slug, name: $0.name, datasetCount: counts[$0.id] ?? 0)
            }
            groups.append(AdminServiceGroup(organisationSlug: o.slug, organisationName: o.name, services: services))
        }
        return AdminServicesPage(groups: groups, organisations: orgs.map { Choice(value: $0.slug, label: $0.name) },
                                 form: form, errors: errors)
    }

    @Sendable func servicesPage(_ request: Request, context: SignedInContext) async throws -> Response {
        let orgs = try await requireSome(context.principal, .manageOrganisation)
        return try pages.render(try await servicesPage(orgs), request, context.base)
    }

    @Sendable func createService(_ request: Request, context: SignedInContext) async throws -> Response {
        let orgs = try await requireSome(context.principal, .manageOrganisation)
        let f = form(context)
        do {
            let orgSlug = try f.require("organisation")
            let slug = try f.require("slug")
            let name = try f.require("name")
            let org = try await state.directory.organisation(slug: orgSlug)
            _ = try await state.accounts.createService(in: org, slug: slug, name: name, by: context.principal)
            return pages.redirect(PortalPaths.adminServices, request, flash: (.success, "server.flash.service_created", ["name": name]))
        } catch let e as SocleError where Self.refusable.contains(e.kind) {
            let page = try await servicesPage(orgs, form: f.firstValues, errors: errors(
                e, context.language, fields: ["slug.": "slug", "store.conflict.service": "slug",
                                              "store.not_found.organisation": "organisation"].merging(Self.requiredField(e)) { a, _ in a }))
            return try render(page, page.errors, request, context, status: ErrorDescription.status(e.kind))
        }
    }

    // MARK: users

    func usersPage(_ orgs: [Organisation], form: [String: String] = [:], errors: [String: String] = [:]) async throws -> AdminUsersPage {
        let names = Dictionary(uniqueKeysWithValues: try await state.directory.organisations().map { ($0.id, $0.name) })
        let rows = try await state.directory.users(in: orgs)
            .map { u in
                UserRow(email: u.email, name: u.name,
                        memberships: u.memberships.map { MembershipRow(organisationName: names[$0.organisationId] ?? "?", role: $0.role) },
                        disabled: u.disabled)
            }
        return AdminUsersPage(users: rows, organisations: orgs.map { Choice(value: $0.slug, label: $0.name) },
                              form: form, errors: errors)
    }

    @Sendable func usersPage(_ request: Request, context: SignedInContext) async throws -> Response {
        let orgs = try await requireSome(context.principal, .manageUsers)
        return try pages.render(try await usersPage(orgs), request, context.base)
    }

    /// Creates a user, or gives an existing one a role in another organisation (a shared DPO).
    @Sendable func createUser(_ request: Request, context: SignedInContext) async throws -> Response {
        let orgs = try await requireSome(context.principal, .manageUsers)
        let f = form(context)
        do {
            let email = try f.require("email")
            let orgSlug = try f.require("organisation")
            let org = try await state.directory.organisation(slug: orgSlug)
            let roleText = f["role"] ?? Role.agent.rawValue
            guard let role = Role(rawValue: roleText) else {
                throw SocleError(.invalidInput, code: "server.bad_choice", args: [
                    "field": "role", "value": roleText, "allowed": Role.allCases.map(\.rawValue).joined(separator: ", ")])
            }
            _ = try await state.accounts.createUser(email: email, name: f["name"] ?? "", password: f.raw("password"),
                                                    organisation: org, role: role, by: context.principal)
            return pages.redirect(PortalPaths.adminUsers, request, flash: (.success, "server.flash.user_saved", ["email": email]))
        } catch let e as SocleError where Self.refusable.contains(e.kind) {
            let page = try await usersPage(orgs, form: f.firstValues, errors: errors(
                e, context.language, fields: ["auth.password": "password", "store.invalid_email": "email",
                                              "store.conflict.user": "email", "store.not_found.organisation": "organisation",
                                              "server.bad_choice": "role"].merging(Self.requiredField(e)) { a, _ in a }))
            return try render(page, page.errors, request, context, status: ErrorDescription.status(e.kind))
        }
    }

    // MARK: tokens

    func tokensPage(_ context: SignedInContext, newToken: String? = nil, form: [String: String] = [:],
                    errors: [String: String] = [:]) async throws -> AdminTokensPage {
        let p = context.principal
        let orgs = try await state.directory.organisations()
        let names = Dictionary(uniqueKeysWithValues: orgs.map { ($0.id, $0.name) })
        // One's own tokens, and every token of the organisations one administers.
        let rows = try await state.directory.tokens(visibleTo: p).map { (t, email) in
            TokenRow(id: t.id, prefix: t.prefix, userEmail: email, organisationName: names[t.organisationId] ?? "?",
                     canWrite: t.canWrite, datasets: t.datasets, createdAt: t.createdAt, expiresAt: t.expiresAt,
                     revokedAt: t.revokedAt, lastUsedAt: t.lastUsedAt)
        }
        let mine = orgs.filter { Permissions.can(p, .createToken, organisationId: $0.id) }
        return AdminTokensPage(tokens: rows, organisations: mine.map { Choice(value: $0.slug, label: $0.name) },
                               newToken: newToken, form: form, errors: errors)
    }

    @Sendable func tokensPage(_ request: Request, context: SignedInContext) async throws -> Response {
        try pages.render(try await tokensPage(context), request, context.base)
    }

    /// Creates a token for the viewer; its secret is shown on this response only.
    @Sendable func createToken(_ request: Request, context: SignedInContext) async throws -> Response {
        let f = form(context)
        do {
            let orgSlug = try f.require("organisation")
            let org = try await state.directory.organisation(slug: orgSlug)
            let days = try Self.count(f, "expiresDays")
            let list = (f["datasets"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let (secret, _) = try await state.accounts.createToken(
                for: context.user, organisation: org, canWrite: f["write"] != nil, datasets: list.isEmpty ? nil : list,
                expiresIn: days.map { TimeInterval($0) * 86_400 }, by: context.principal)
            return try pages.render(try await tokensPage(context, newToken: secret), request, context.base, status: .created)
        } catch let e as SocleError where Self.refusable.contains(e.kind) {
            let page = try await tokensPage(context, form: f.firstValues, errors: errors(
                e, context.language, fields: ["store.not_found.organisation": "organisation", "auth.not_member": "organisation"]
                    .merging(Self.requiredField(e)) { a, _ in a }))
            return try render(page, page.errors, request, context, status: ErrorDescription.status(e.kind))
        }
    }

    @Sendable func revokeToken(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        try await state.accounts.revokeToken(id: id, by: context.principal)
        return pages.redirect(PortalPaths.adminTokens, request, flash: (.success, "server.flash.token_revoked", [:]))
    }

    // MARK: audit

    @Sendable func audit(_ request: Request, context: SignedInContext) async throws -> Response {
        try await AuditPageBuilder(state: state).render(request, context, pages)
    }
}
