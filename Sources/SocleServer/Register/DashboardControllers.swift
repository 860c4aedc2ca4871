import Foundation
import Hummingbird
import SocleActions
import SocleCore
import SocleWeb

/// `/api/v1/register/dashboard` (the DPO's dashboard as JSON) and `/api/v1/notifications` (the signed-in
/// person's notifications; marking read).
struct DashboardAPIController {
    let state: ServerState

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("register/dashboard", use: dashboard)
        group.get("notifications", use: notifications)
        group.post("notifications/read-all", use: readAll)
        group.post("notifications/{id}/read", use: read)
    }

    @Sendable func dashboard(_ request: Request, context: SignedInContext) async throws -> Response {
        try JSONOutput.response(try await state.dashboard.dashboard(context.principal))
    }

    struct List: Encodable {
        var unread: Int
        var notifications: [NotificationEntry]
    }

    @Sendable func notifications(_ request: Request, context: SignedInContext) async throws -> Response {
        let list = try await state.notifications.list(context.principal, language: context.language)
        return try JSONOutput.response(List(unread: list.filter { !$0.read }.count, notifications: list))
    }

    struct Marked: Encodable { var marked: Int }

    @Sendable func read(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        return try JSONOutput.response(Marked(marked: try await state.notifications.markRead(context.principal, id: id)))
    }

    @Sendable func readAll(_ request: Request, context: SignedInContext) async throws -> Response {
        try JSONOutput.response(Marked(marked: try await state.notifications.markRead(context.principal, id: nil)))
    }
}

/// `/register/dashboard` (the DPO's landing in the register) and `/notifications` (with its CSRF-protected POSTs).
struct DashboardPagesController {
    let state: ServerState
    let pages: Pages

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("register/dashboard", use: dashboard)
        group.get("notifications", use: notifications)
        group.post("notifications/read-all", use: readAll)
        group.post("notifications/{id}/read", use: read)
    }

    @Sendable func dashboard(_ request: Request, context: SignedInContext) async throws -> Response {
        let board = try await state.dashboard.dashboard(context.principal)
        let page = Self.page(board, language: context.language, unread: state.notifications.unreadCount(context.principal))
        return try pages.render(page, request, context.base)
    }

    @Sendable func notifications(_ request: Request, context: SignedInContext) async throws -> Response {
        let list = try await state.notifications.list(context.principal, language: context.language)
        let page = NotificationsPage(items: list.map { .init(id: $0.id, text: $0.text, href: $0.href, at: $0.createdAt, read: $0.read) })
        return try pages.render(page, request, context.base)
    }

    @Sendable func read(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        try await state.notifications.markRead(context.principal, id: id)
        return pages.redirect(PortalPaths.notifications, request, flash: (.success, "web.notifications.marked", [:]))
    }

    @Sendable func readAll(_ request: Request, context: SignedInContext) async throws -> Response {
        try await state.notifications.markRead(context.principal, id: nil)
        return pages.redirect(PortalPaths.notifications, request, flash: (.success, "web.notifications.all_marked", [:]))
    }

    /// The dashboard worded for the page: most urgent sections first.
    static func page(_ b: Dashboard, language lang: Language, unread: Int) -> DashboardPage {
        func s(_ key: String, _ args: [String: String]) -> String { Catalog.shared.string("web.dashboard." + key, language: lang, args: args) }
        let names = Dictionary(uniqueKeysWithValues: b.organisations.map { ($0.slug, $0.name) })
        func org(_ slug: String) -> String { names[slug] ?? slug }
        func when(_ d: Date?) -> String {
            guard let d else { return "" }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: d)
            return String(format: "%02d/%02d/%04d %02d:%02d", c.day ?? 0, c.month ?? 0, c.year ?? 0, c.hour ?? 0, c.minute ?? 0)
        }
        let requests = b.requests.map { r in
            let right = SubjectRight(rawValue: r.right)?.label(lang) ?? r.right
            let stateText = RequestState(rawValue: r.state)?.label(lang) ?? r.state
            return DashboardPage.Item(label: s("requests.label", ["id": String(r.id), "right": right]), href: r.href, organisation: org(r.organisation),
                                      detail: r.overdue ? s("requests.overdue", ["state": stateText, "due": r.due])
                                                        : s("requests.detail", ["state": stateText, "due": r.due, "days": String(r.daysLeft)]),
                                      urgent: r.overdue)
        }
        let breaches = b.breaches.map { x in
            let hours = String(format: "%.1f", abs(x.hoursLeft ?? 0))
            return DashboardPage.Item(label: x.title, href: x.href, organisation: org(x.organisation),
                                      detail: s(x.overdue ? "breaches.late" : "breaches.left", ["deadline": when(x.deadline), "hours": hours]),
                                      urgent: x.overdue)
        }
        let activities = b.incompleteActivities.map { a in
            let missing = a.missing.map { Catalog.shared.string("register.field.\($0)", language: lang) }.joined(separator: ", ")
            return DashboardPage.Item(label: a.name, href: a.href, organisation: org(a.organisation),
                                      detail: a.missing.isEmpty ? s("activities.draft", ["completeness": String(a.completeness)])
                                                                : s("activities.detail", ["completeness": String(a.completeness), "missing": missing]))
        }
        let dpias = b.missingDpias.map { a in
            DashboardPage.Item(label: a.name, href: a.href, organisation: org(a.organisation),
                               detail: s("dpias.detail", ["status": DPIAStatus(rawValue: a.status)?.label(lang) ?? a.status]))
        }
        let unreviewed = b.unreviewedDatasets.map { d in
            DashboardPage.Item(label: d.title, href: d.href, organisation: org(d.organisation),
                               detail: s("unreviewed.detail", ["revision": String(d.revision), "n": String(d.columns.count),
                                                               "columns": d.columns.joined(separator: ", ")]))
        }
        let unlinked = b.unlinkedDatasets.map { d in
            DashboardPage.Item(label: d.title, href: d.href, organisation: org(d.organisation),
                               detail: s("unlinked.detail", ["n": String(d.columns.count), "columns": d.columns.joined(separator: ", ")]))
        }
        let runs = b.retentionRuns.map { r in
            DashboardPage.Item(label: s("retention.label", ["at": when(r.at)]), href: r.href, organisation: org(r.organisation),
                               detail: s("retention.detail", ["trigger": r.dryRun ? s("retention.dry_run", [:]) : r.trigger,
                                                              "rows": String(r.rows), "problems": String(r.problems)]),
                               urgent: !r.dryRun && r.problems > 0)
        }
        return DashboardPage(organisations: b.organisations.map(\.name), sections: [
            .init(id: "requests", items: requests, moreHref: "/register/requests"),
            .init(id: "breaches", items: breaches, moreHref: "/register/breaches"),
            .init(id: "dpias", items: dpias),
            .init(id: "activities", items: activities, moreHref: PortalPaths.register),
            .init(id: "unreviewed", items: unreviewed),
            .init(id: "unlinked", items: unlinked),
            .init(id: "retention", items: runs, moreHref: "/register/retention"),
        ], unreadNotifications: unread)
    }
}
