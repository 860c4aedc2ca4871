import Foundation
import HTTPTypes
import Hummingbird
import SocleActions
import SocleCore

/// Resolves who is acting: an `Authorization: Bearer …` token first (401 when unknown, expired or
/// revoked — never silently anonymous), else the `socle_session` cookie, else anonymous.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = SocleRequestContext
    let accounts: AccountActions
    let errors: ErrorResponder

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.remoteAddress = Self.client(request, peer: context.remoteAddress)
        do {
            if let header = request.headers[.authorization] {
                let parts = header.split(separator: " ", maxSplits: 1)
                guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                    throw SocleError(.unauthorized, code: "auth.token_unknown")
                }
                let (token, user) = try await accounts.authenticate(bearer: parts[1].trimmingCharacters(in: .whitespaces))
                context.principal = .token(token, user)
            } else if let cookie = request.cookies[SocleCookies.session]?.value, !cookie.isEmpty,
                      let (user, session) = try await accounts.resumeSession(cookie: cookie) {
                context.principal = .user(user)
                context.session = ActiveSession(cookie: cookie, csrfToken: session.csrfToken)
            }
            if context.session == nil, let c = request.cookies[SocleCookies.anonymousCSRF]?.value, !c.isEmpty {
                context.anonymousCSRF = c
            }
        } catch {
            return errors.response(for: error, request, context)
        }
        context.logger[metadataKey: "actor"] = .string(context.principal.auditName)
        return try await next(request, context)
    }

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// The client's address for login throttling. Behind a reverse proxy on the same machine every
    /// request comes from the loopback address, which would make one client's failures lock everyone
    /// out: then the address the proxy appended to `X-Forwarded-For` is used (only a local peer is trusted).
    static func client(_ request: Request, peer: String) -> String {
        guard peer == "127.0.0.1" || peer == "::1" || peer == "unknown",
              let header = request.headers[forwardedFor],
              let last = header.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
        else { return peer }
        return last
    }
}

/// Catches what handlers throw and answers with `ErrorResponder` (the context here knows the principal,
/// so an error page still shows who is signed in).
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = SocleRequestContext
    let errors: ErrorResponder

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return errors.response(for: error, request, context)
        }
    }
}
