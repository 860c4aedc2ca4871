import Foundation
import Hummingbird
import Logging
import SocleCore

/// The browser session behind the `socle_session` cookie.
public struct ActiveSession: Sendable {
    /// The cookie value (the store keeps only its hash).
    public var cookie: String
    public var csrfToken: String
}

/// The request context of every route: request id, language, who is acting and how (token or session).
/// `AuthMiddleware` fills `principal`; `CSRFMiddleware` fills `form` for URL-encoded posts.
public struct SocleRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// `X-Request-Id` of the request (generated when absent), also in every log line.
    public var requestId: String = ""
    public var language: Language = .french
    public var principal: Principal = .anonymous
    /// Set when the principal came from a session cookie.
    public var session: ActiveSession?
    /// The `socle_csrf` cookie of an anonymous visitor (double-submit token for the login form).
    public var anonymousCSRF: String?
    /// A URL-encoded form body, already read and checked against the CSRF token.
    public var form: FormFields?
    /// For a multipart form post: the token its `_csrf` field must carry (nil: exempt or already checked).
    public var multipartCSRF: String?
    /// The client's address, for login throttling.
    public var remoteAddress: String = "unknown"

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        if let address = source.channel.remoteAddress?.ipAddress { remoteAddress = address }
    }

    /// JSON bodies of the API are small; uploads never go through the decoder (they are streamed).
    public var maxUploadSize: Int { 1 << 20 }

    /// The CSRF token forms of this request must carry: the session's, else the anonymous cookie's.
    public var expectedCSRF: String? { session?.csrfToken ?? anonymousCSRF }

    /// Throws 401 when nobody is signed in (for routes that need a person or a token).
    public func requirePrincipal() throws -> Principal {
        if case .anonymous = principal { throw SocleError(.unauthorized, code: "auth.required") }
        return principal
    }
}

/// The context of routes that need someone signed in: building it throws 401 for anonymous requests,
/// so handlers receive a non-optional user.
public struct SignedInContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var base: SocleRequestContext
    /// The person acting (the token's owner for API tokens).
    public let user: User

    public init(context: SocleRequestContext) throws {
        switch context.principal {
        case .user(let u), .token(_, let u): user = u
        case .anonymous, .system: throw SocleError(.unauthorized, code: "auth.required")
        }
        coreContext = context.coreContext
        base = context
    }

    public var maxUploadSize: Int { base.maxUploadSize }
    public var principal: Principal { base.principal }
    public var language: Language { base.language }
}
