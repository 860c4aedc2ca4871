import Foundation
import SocleCore

extension ViewContext {
    /// The administration sub-navigation, the current page marked.
    func adminNav(_ current: String, show: Bool = true) -> [String: Any] {
        let items = [("organisations", PortalPaths.adminOrganisations), ("services", PortalPaths.adminServices),
         ("users", PortalPaths.adminUsers), ("tokens", PortalPaths.adminTokens), ("audit", PortalPaths.audit)]
            .map { ["label": s("admin.nav." + $0.0), "href": $0.1, "current": $0.0 == current] }
        return ["show": show, "items": items]
    }
}

extension AdminOrganisationsPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let rows: [[String: Any]] = organisations.map { o in
            let obligation: String
            switch o.profile.openDataObligation {
            case true?: obligation = ctx.s("common.yes")
            case false?: obligation = ctx.s("common.no")
            case nil: obligation = ctx.s("common.unknown")
            }
            return ["name": o.name, "href": PortalPaths.organisation(o.slug), "slug": o.slug, "kind": ctx.kind(o.profile.kind),
                    "siren": o.profile.siren ?? "—", "population": o.profile.population.map { ctx.number($0) } ?? "—",
                    "agents": o.profile.agents.map { ctx.number($0) } ?? "—", "obligation": obligation,
                    "services": ctx.number(o.serviceCount), "users": ctx.number(o.userCount)]
        }
        let fields: [[String: Any]] = [
            ctx.field("slug", label: ctx.s("admin.org.slug"), value: form["slug"], errors: errors,
                      hint: ctx.s("admin.org.slug_hint"), required: true, idPrefix: "org"),
            ctx.field("name", label: ctx.s("admin.org.name"), value: form["name"], errors: errors, required: true, idPrefix: "org"),
            ctx.select("kind", label: ctx.s("admin.org.kind"), options: OrganisationKind.allCases.map { ($0.rawValue, ctx.kind($0)) },
                       selected: form["kind"], errors: errors, idPrefix: "org"),
            ctx.field("siren", label: ctx.s("admin.org.siren"), value: form["siren"], errors: errors,
                      hint: ctx.s("admin.org.siren_hint"), idPrefix: "org"),
            ctx.field("population", label: ctx.s("admin.org.population"), value: form["population"], errors: errors,
                      type: "number", idPrefix: "org"),
            ctx.field("agents", label: ctx.s("admin.org.agents"), value: form["agents"], errors: errors,
                      type: "number", idPrefix: "org"),
        ]
        let d: [String: Any] = ["adminNav": ctx.adminNav("organisations"), "organisations": rows, "hasRows": !rows.isEmpty,
                                "fields": fields, "action": PortalPaths.adminOrganisations]
        return PageContent(template: "admin-organisations", title: ctx.s("admin.organisations.title"), data: d)
    }
}

extension AdminServicesPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let groupData: [[String: Any]] = groups.map { g in
            ["name": g.organisationName, "href": PortalPaths.organisation(g.organisationSlug),
             "services": g.services.map { ["name": $0.name, "slug": $0.slug, "count": ctx.number($0.datasetCount)] },
             "hasServices": !g.services.isEmpty]
        }
        let fields: [[String: Any]] = [
            ctx.select("organisation", label: ctx.s("admin.service.organisation"), options: organisations.map { ($0.value, $0.label) },
                       selected: form["organisation"], errors: errors, idPrefix: "svc"),
            ctx.field("name", label: ctx.s("admin.service.name"), value: form["name"], errors: errors, required: true, idPrefix: "svc"),
            ctx.field("slug", label: ctx.s("admin.service.slug"), value: form["slug"], errors: errors,
                      hint: ctx.s("admin.org.slug_hint"), idPrefix: "svc"),
        ]
        let d: [String: Any] = ["adminNav": ctx.adminNav("services"), "groups": groupData, "fields": fields,
                                "action": PortalPaths.adminServices]
        return PageContent(template: "admin-services", title: ctx.s("admin.services.title"), data: d)
    }
}

extension AdminUsersPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let rows: [[String: Any]] = users.map { u in
            ["email": u.email, "name": u.name, "disabled": u.disabled,
             "memberships": u.memberships.map { ["organisation": $0.organisationName, "role": ctx.role($0.role)] }]
        }
        let fields: [[String: Any]] = [
            ctx.field("email", label: ctx.s("admin.user.email"), value: form["email"], errors: errors, required: true,
                      type: "email", idPrefix: "user"),
            ctx.field("name", label: ctx.s("admin.user.name"), value: form["name"], errors: errors, required: true, idPrefix: "user"),
            ctx.select("organisation", label: ctx.s("admin.user.organisation"), options: organisations.map { ($0.value, $0.label) },
                       selected: form["organisation"], errors: errors, idPrefix: "user"),
            ctx.select("role", label: ctx.s("admin.user.role"), options: Role.allCases.map { ($0.rawValue, ctx.role($0)) },
                       selected: form["role"] ?? Role.agent.rawValue, errors: errors, idPrefix: "user"),
            ctx.field("password", label: ctx.s("admin.user.password"), value: nil, errors: errors,
                      hint: ctx.s("admin.user.password_hint"), type: "password", idPrefix: "user"),
        ]
        let d: [String: Any] = ["adminNav": ctx.adminNav("users"), "users": rows, "hasRows": !rows.isEmpty,
                                "fields": fields, "action": PortalPaths.adminUsers,
                                "roleHelp": Role.allCases.map { ["role": ctx.role($0), "help": ctx.s("role_help." + $0.rawValue)] }]
        return PageContent(template: "admin-users", title: ctx.s("admin.users.title"), data: d)
    }
}

extension AdminTokensPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let now = Date()
        let rows: [[String: Any]] = tokens.map { t in
            let state: String
            if t.revokedAt != nil { state = "revoked" }
            else if let e = t.expiresAt, e <= now { state = "expired" }
            else { state = "active" }
            return [
                "prefix": t.prefix + "…", "user": t.userEmail, "organisation": t.organisationName,
                "scope": t.canWrite ? ctx.s("admin.token.write") : ctx.s("admin.token.read"),
                "datasets": t.datasets.map { $0.joined(separator: ", ") } ?? ctx.s("admin.token.all_datasets"),
                "created": ctx.date(t.createdAt), "expires": t.expiresAt.map { ctx.date($0) } ?? ctx.s("admin.token.never"),
                "lastUsed": t.lastUsedAt.map { ctx.date($0) } ?? "—",
                "state": ctx.s("admin.token.state." + state), "stateCode": state,
                "revokeAction": state == "active" ? PortalPaths.revokeToken(t.id) : false,
            ]
        }
        var write = ctx.field("write", label: ctx.s("admin.token.write_label"), value: "on", errors: errors,
                              type: "checkbox", idPrefix: "token")
        write["checked"] = form["write"] == "on"
        let fields: [[String: Any]] = [
            ctx.select("organisation", label: ctx.s("admin.token.organisation"), options: organisations.map { ($0.value, $0.label) },
                       selected: form["organisation"], errors: errors, idPrefix: "token"),
            ctx.field("expiresDays", label: ctx.s("admin.token.expires_days"), value: form["expiresDays"] ?? "90", errors: errors,
                      hint: ctx.s("admin.token.expires_hint"), type: "number", idPrefix: "token"),
            ctx.field("datasets", label: ctx.s("admin.token.datasets"), value: form["datasets"], errors: errors,
                      hint: ctx.s("admin.token.datasets_hint"), idPrefix: "token"),
        ]
        let d: [String: Any] = ["adminNav": ctx.adminNav("tokens"), "tokens": rows, "hasRows": !rows.isEmpty,
                                "newToken": ctx.opt(newToken), "fields": fields, "write": write,
                                "action": PortalPaths.adminTokens]
        return PageContent(template: "admin-tokens", title: ctx.s("admin.tokens.title"), data: d)
    }
}

