import Foundation
import HTTPTypes
import Hummingbird
import SocleActions
import SocleCore
import SocleWeb

/// Renders portal pages with their chrome (language, viewer, CSRF token, flash messages) and sets
/// the cookies that go with them.
struct Pages: Sendable {
    let state: ServerState

    /// The chrome of a page, and the cookies the response must carry for it.
    func chrome(_ request: Request, _ context: SocleRequestContext) -> (Chrome, [Cookie]) {
        var cookies: [Cookie] = []
        let secure = SocleCookies.secure(request, state.configuration)
        let csrf: String
        if let token = context.expectedCSRF {
            csrf = token
        } else {
            // Anonymous visitors get a double-submit token so that the login form is protected too.
            csrf = Secrets.random(bytes: 24)
            cookies.append(SocleCookies.make(SocleCookies.anonymousCSRF, csrf, maxAge: nil, secure: secure))
        }
        var flash: [Flash] = []
        if let value = request.cookies[SocleCookies.flash]?.value, !value.isEmpty {
            if let f = SocleCookies.decodeFlash(value, language: context.language) { flash.append(f) }
            cookies.append(SocleCookies.clear(SocleCookies.flash, secure: secure))
        }
        if let lang = request.uri.queryParameters.get("lang"), let l = Language(rawValue: lang.lowercased()) {
            cookies.append(Cookie(name: LanguageNegotiation.cookieName, value: l.rawValue, maxAge: 365 * 86_400,
                                  path: "/", secure: secure, httpOnly: true, sameSite: .lax))
        }
        var viewer = Self.viewer(context.principal)
        viewer?.unreadNotifications = state.notifications.unreadCount(context.principal)
        let chrome = Chrome(language: context.language, territoryName: state.configuration.territoryName,
                            viewer: viewer, csrfToken: csrf, flash: flash,
                            currentPath: request.uri.description)
        return (chrome, cookies)
    }

    static func viewer(_ principal: Principal) -> Viewer? {
        switch principal {
        case .user(let u), .token(_, let u):
            let roles = Array(Set(u.memberships.map(\.role))).sorted()
            return Viewer(displayName: u.name.isEmpty ? u.email : u.name, roles: roles)
        case .anonymous, .system:
            return nil
        }
    }

    /// A full HTML page.
    func render(_ page: some PageModel, _ request: Request, _ context: SocleRequestContext,
                status: HTTPResponse.Status = .ok, flash: [Flash] = []) throws -> Response {
        var (chrome, cookies) = chrome(request, context)
        chrome.flash += flash
        let html = try state.renderer.render(page, chrome: chrome)
        var response = Self.html(html, status: status)
        for c in cookies { response.setCookie(c) }
        return response
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status,
                 headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                           HTTPField.Name("Content-Security-Policy")!: contentSecurityPolicy],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// Pages only load what Socle serves itself (no third-party host, no inline script).
    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'"

    /// 303 See Other after a form post, with a one-time message for the next page.
    func redirect(_ location: String, _ request: Request, flash: (Flash.Kind, String, [String: String])? = nil) -> Response {
        var response = Response.redirect(to: location, type: .normal)
        if let (kind, key, args) = flash {
            response.setCookie(SocleCookies.make(SocleCookies.flash, SocleCookies.encodeFlash(kind, key, args),
                                                 maxAge: 60, secure: SocleCookies.secure(request, state.configuration)))
        }
        return response
    }

    /// A local path to go back to after signing in (never another site).
    /// A same-origin path to go back to after signing in, or nil. Only printable ASCII is accepted
    /// (no control character, space, backslash or non-ASCII: browsers strip tabs and line breaks and
    /// read `\` as `/`, so `/\t/evil.com` would become `//evil.com`), it must start with one `/`
    /// followed by something other than `/`, and it may not carry a scheme or user info.
    static func safeNext(_ next: String?) -> String? {
        guard let n = next, n.utf8.count <= 2_048, n.first == "/" else { return nil }
        guard n.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }) else { return nil }
        if n.hasPrefix("//") || n.hasPrefix("/%2f") || n.hasPrefix("/%2F") || n.hasPrefix("/%5c") || n.hasPrefix("/%5C") { return nil }
        // A percent-encoded control character or backslash anywhere would be decoded by some clients.
        let lowered = n.lowercased()
        for bad in ["%09", "%0a", "%0d", "%00", "%5c"] where lowered.contains(bad) { return nil }
        return n
    }
}
