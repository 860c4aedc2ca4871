import Foundation
import HTTPTypes
import Hummingbird
import SocleActions
import SocleCore
import SocleWeb

/// The cookies Socle sets: the session, the anonymous CSRF token, one-time flash messages, the language.
enum SocleCookies {
    static let session = "socle_session"
    static let anonymousCSRF = "socle_csrf"
    static let flash = "socle_flash"

    /// Secure when configured, or when a TLS-terminating proxy says the client used HTTPS.
    static func secure(_ request: Request, _ configuration: ServerConfiguration) -> Bool {
        configuration.secureCookies || request.headers[forwardedProto]?.lowercased() == "https"
    }

    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!

    static func make(_ name: String, _ value: String, maxAge: Int?, secure: Bool) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    static func clear(_ name: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    static func sessionCookie(_ value: String, secure: Bool) -> Cookie {
        make(session, value, maxAge: Int(AccountActions.sessionLifetime), secure: secure)
    }

    /// A flash message travels as `kind:catalog.key:arg=value&…` (catalog keys only, never user text).
    static func encodeFlash(_ kind: Flash.Kind, _ key: String, _ args: [String: String] = [:]) -> String {
        let allowed = CharacterSet.alphanumerics
        let list = args.sorted { $0.key < $1.key }.map {
            "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        return "\(kind.rawValue):\(key)" + (list.isEmpty ? "" : ":" + list)
    }

    static func decodeFlash(_ value: String, language: Language) -> Flash? {
        let parts = value.split(separator: ":", maxSplits: 2).map(String.init)
        guard parts.count >= 2, let kind = Flash.Kind(rawValue: parts[0]),
              parts[1].hasPrefix("server.flash.") else { return nil }
        var args: [String: String] = [:]
        if parts.count == 3 {
            for pair in parts[2].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                if kv.count == 2 { args[kv[0]] = kv[1].removingPercentEncoding ?? kv[1] }
            }
        }
        return Flash(kind, Catalog.shared.string(parts[1], language: language, args: args))
    }
}
