import Foundation
import SocleCore

/// Data of the shared layout: navigation by role, language switch, account area, flash messages.
enum LayoutView {
    static func data(_ ctx: ViewContext, title: String, refresh: Bool, script: Bool) -> [String: Any] {
        let chrome = ctx.chrome
        let path = localPath(chrome.currentPath)
        let roles = Set(chrome.viewer?.roles ?? [])
        var nav: [(String, String, Bool)] = [
            (PortalPaths.home, ctx.s("nav.home"), path == "/"),
            (PortalPaths.catalog, ctx.s("nav.catalog"), path.hasPrefix("/catalog") || path.hasPrefix("/datasets/")),
            (PortalPaths.organisations, ctx.s("nav.organisations"), path.hasPrefix("/organisations")),
        ]
        if !roles.isDisjoint(with: [.steward, .dpo, .admin]) {
            nav.append((PortalPaths.inventory, ctx.s("nav.inventory"), path.hasPrefix("/inventory")))
        }
        if !roles.isDisjoint(with: [.agent, .steward, .admin]) {
            nav.append((PortalPaths.upload, ctx.s("nav.upload"), path.hasPrefix("/upload") || path.hasPrefix("/jobs/")))
        }
        if !roles.isDisjoint(with: [.dpo, .admin]) {
            // The DPO lands on the dashboard; the register's list is one link away.
            nav.append((roles.contains(.dpo) ? PortalPaths.dashboard : PortalPaths.register, ctx.s("nav.register"), path.hasPrefix("/register") && !path.hasPrefix(PortalPaths.publicRegister)))
        }
        if roles.contains(.admin) {
            nav.append((PortalPaths.adminOrganisations, ctx.s("nav.admin"), path.hasPrefix("/admin/")))
        } else if roles.contains(.dpo) {
            nav.append((PortalPaths.audit, ctx.s("nav.audit"), path.hasPrefix("/admin/audit")))
        }
        let other: Language = ctx.language == .french ? .english : .french
        var d: [String: Any] = [
            "lang": ctx.language.rawValue,
            "title": title,
            "territory": chrome.territoryName,
            "nav": nav.map { ["href": $0.0, "label": $0.1, "current": $0.2] as [String: Any] },
            "langSwitch": [
                "href": switchLanguage(path, to: other),
                "lang": other.rawValue,
                "label": Catalog.shared.string("web.layout.language_name", language: other),
            ] as [String: Any],
            "flash": chrome.flash.map { ["kind": $0.kind.rawValue, "message": $0.message,
                                         "error": $0.kind == .error,
                                         "prefix": ctx.s("flash." + $0.kind.rawValue)] as [String: Any] },
            "hasFlash": !chrome.flash.isEmpty,
            "refresh": refresh,
            "script": script,
            "loginHref": PortalPaths.with(PortalPaths.login, [("next", path == PortalPaths.login || path == "/" ? "" : path)]),
            "logoutAction": PortalPaths.logout,
            "tokensHref": PortalPaths.adminTokens,
            "year": String(ViewContext.calendar.component(.year, from: Date())),
        ]
        if let viewer = chrome.viewer {
            d["viewer"] = [
                "name": viewer.displayName,
                "roles": Array(Set(viewer.roles)).sorted(by: >).map(ctx.role).joined(separator: ", "),
                "notificationsHref": PortalPaths.notifications,
                "unread": viewer.unreadNotifications > 0 ? ctx.number(viewer.unreadNotifications) as Any : false,
                "notificationsLabel": viewer.unreadNotifications > 0
                    ? ctx.s("layout.notifications_unread", ["n": String(viewer.unreadNotifications)]) : ctx.s("layout.notifications"),
            ] as [String: Any]
        }
        return d
    }

    /// Keeps only local paths ("/x"), so that a crafted `currentPath` or `next` never links elsewhere.
    static func localPath(_ raw: String) -> String {
        guard raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.contains("\\"),
              !raw.unicodeScalars.contains(where: { $0.value < 0x20 }) else { return "/" }
        return raw
    }

    /// The same path and query with `lang` set to the other language.
    static func switchLanguage(_ path: String, to language: Language) -> String {
        let parts = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var params = parts.count > 1
            ? parts[1].split(separator: "&").map(String.init).filter { !$0.hasPrefix("lang=") && $0 != "lang" }
            : []
        params.append("lang=" + language.rawValue)
        return String(parts[0]) + "?" + params.joined(separator: "&")
    }
}
