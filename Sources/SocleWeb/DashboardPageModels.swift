import Foundation
import SocleCore

/// `/register/dashboard`: the DPO's dashboard across the organisations whose registers they keep, as sections of
/// items, each linking to the page where the DPO acts. Every text arrives worded.
public struct DashboardPage: PageModel {
    public struct Item: Sendable {
        public var label: String
        public var href: String
        public var organisation: String
        /// What is missing, when it is due, the columns concerned…
        public var detail: String
        /// Overdue (or past its 72 hours): shown as urgent.
        public var urgent: Bool
        public init(label: String, href: String, organisation: String, detail: String, urgent: Bool = false) {
            self.label = label
            self.href = href
            self.organisation = organisation
            self.detail = detail
            self.urgent = urgent
        }
    }
    public struct Section: Sendable {
        /// `requests`, `breaches`… (the anchor, and the catalog keys `web.dashboard.<id>.title|intro|empty`).
        public var id: String
        public var items: [Item]
        /// The page listing them all.
        public var moreHref: String?
        public init(id: String, items: [Item], moreHref: String? = nil) {
            self.id = id
            self.items = items
            self.moreHref = moreHref
        }
    }
    public var organisations: [String]
    public var sections: [Section]
    public var unreadNotifications: Int
    public init(organisations: [String], sections: [Section], unreadNotifications: Int) {
        self.organisations = organisations
        self.sections = sections
        self.unreadNotifications = unreadNotifications
    }
}

/// `/notifications`: the signed-in person's notifications, newest first, each markable read (a POST with the
/// CSRF token), and "mark all read".
public struct NotificationsPage: PageModel {
    public struct Item: Sendable {
        public var id: Int64
        public var text: String
        public var href: String
        public var at: Date
        public var read: Bool
        public init(id: Int64, text: String, href: String, at: Date, read: Bool) {
            self.id = id
            self.text = text
            self.href = href
            self.at = at
            self.read = read
        }
    }
    public var items: [Item]
    public init(items: [Item]) { self.items = items }
}

extension PortalPaths {
    public static let dashboard = "/register/dashboard"
    public static let notifications = "/notifications"
    public static let notificationsReadAll = "/notifications/read-all"
    public static func notificationRead(_ id: Int64) -> String { "/notifications/\(id)/read" }
}
