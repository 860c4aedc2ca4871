import Foundation
import HTTPTypes
import Hummingbird
import SocleActions
import SocleCore

/// Refuses forged form posts (403 `auth.csrf`).
///
/// - Portal posts: a URL-encoded body is read here (up to 1 MiB) and its `_csrf` field compared in
///   constant time with the session's token (or the anonymous `socle_csrf` cookie for the login form);
///   the parsed fields travel on in `context.form`. A multipart body is streamed by its handler, which
///   must find the `_csrf` field before the first file part (`context.multipartCSRF`).
/// - API calls: a Bearer token is exempt (no ambient credential); a session cookie must come with the
///   `X-CSRF-Token` header. Bearer tokens are exempt on portal routes too.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = SocleRequestContext
    static let header = HTTPField.Name("X-CSRF-Token")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if [.get, .head, .options].contains(request.method) { return try await next(request, context) }
        var context = context
        // A bearer token is never sent by a browser on its own: nothing to forge.
        var exempt = false
        if case .token = context.principal { exempt = true }
        if request.uri.path.hasPrefix("/api/") {
            if !exempt, case .user = context.principal {
                try Self.check(request.headers[Self.header], context.expectedCSRF)
            }
            return try await next(request, context)
        }
        let contentType = (request.headers[.contentType] ?? "").lowercased()
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let form = FormFields(urlEncoded: String(buffer: buffer))
            if !exempt { try Self.check(form.values["_csrf"]?.first, context.expectedCSRF) }
            context.form = form
        } else if contentType.hasPrefix("multipart/form-data") {
            if !exempt {
                guard let expected = context.expectedCSRF else { throw SocleError(.forbidden, code: "auth.csrf") }
                context.multipartCSRF = expected
            }
        } else if !exempt {
            // Browsers post forms in one of the two encodings above; anything else is not a form of ours.
            throw SocleError(.forbidden, code: "auth.csrf")
        }
        return try await next(request, context)
    }

    /// For handlers of multipart posts: `expected` is nil when the request is exempt (a bearer token).
    static func checkMultipart(_ fields: FormFields, _ expected: String?) throws {
        guard let expected else { return }
        try check(fields.values["_csrf"]?.first, expected)
    }

    static func check(_ sent: String?, _ expected: String?) throws {
        guard let sent, let expected, !expected.isEmpty, Secrets.equalConstantTime(sent, expected) else {
            throw SocleError(.forbidden, code: "auth.csrf")
        }
    }
}
