import Foundation
import SocleCore

extension DashboardPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let title = ctx.s("dashboard.title")
        let d: [String: Any] = [
            "heading": title,
            "organisations": organisations.joined(separator: ", "),
            "registerHref": PortalPaths.register,
            "notificationsHref": PortalPaths.notifications,
            "unread": unreadNotifications > 0 ? ctx.s("dashboard.unread", ["n": String(unreadNotifications)]) as Any : false,
            "summary": sections.map { s -> [String: Any] in
                ["id": s.id, "title": ctx.s("dashboard.\(s.id).title"), "count": ctx.number(s.items.count), "some": !s.items.isEmpty,
                 "urgent": s.items.contains(where: \.urgent)]
            },
            "sections": sections.map { s -> [String: Any] in
                ["id": s.id, "title": ctx.s("dashboard.\(s.id).title"), "intro": ctx.s("dashboard.\(s.id).intro"),
                 "empty": s.items.isEmpty ? ctx.s("dashboard.\(s.id).empty") as Any : false,
                 "count": ctx.number(s.items.count), "more": ctx.opt(s.moreHref),
                 "items": s.items.map { i -> [String: Any] in
                     ["label": i.label, "href": i.href, "organisation": i.organisation, "detail": i.detail, "urgent": i.urgent]
                 }]
            },
        ]
        return PageContent(template: "dashboard", title: title, data: d)
    }
}

extension NotificationsPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let title = ctx.s("notifications.title")
        let d: [String: Any] = [
            "heading": title,
            "dashboardHref": PortalPaths.dashboard,
            "readAllAction": PortalPaths.notificationsReadAll,
            "hasUnread": items.contains { !$0.read },
            "empty": items.isEmpty,
            "items": items.map { i -> [String: Any] in
                ["id": String(i.id), "text": i.text, "href": i.href, "at": ctx.date(i.at), "iso": ctx.isoDate(i.at), "read": i.read,
                 "readAction": PortalPaths.notificationRead(i.id)]
            },
        ]
        return PageContent(template: "notifications", title: title, data: d)
    }
}
