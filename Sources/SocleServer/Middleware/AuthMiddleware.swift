import Foundation
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
