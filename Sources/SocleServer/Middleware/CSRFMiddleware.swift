import Foundation
import HTTPTypes
import Hummingbird
import SocleActions
import SocleCore

/// Refuses forged form posts (403 `auth.csrf`).
///
/// - Portal posts, whatever their content type: the body is read here (up to 1 MiB), parsed as a
///   URL-encoded or multipart form, and its `_csrf` field compared in constant time with the session's
///   token (or the anonymous `socle_csrf` cookie for the login form); the parsed fields travel on in
///   `context.form`. A body in any other encoding is refused. The only exception is the short list of
///   routes that stream a file (`streamedUploads`): their multipart body is parsed by the upload receiver,
///   which checks `_csrf` before the first file part (`context.multipartCSRF`). A new route is therefore
///   checked by default (issue 10, finding 3: multipart posts used to skip the check).
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
        let multipart = contentType.hasPrefix("multipart/form-data")
        if multipart, Self.streamedUploads.contains(request.uri.path) {
            if !exempt {
                guard let expected = context.expectedCSRF else { throw SocleError(.forbidden, code: "auth.csrf") }
                context.multipartCSRF = expected
            }
            return try await next(request, context)
        }
        let form: FormFields
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            let buffer = try await request.body.collect(upTo: Self.maxFormBytes)
            form = FormFields(urlEncoded: String(buffer: buffer))
        } else if multipart, let boundary = MultipartParser.boundary(contentType: request.headers[.contentType] ?? "") {
            let buffer = try await request.body.collect(upTo: Self.maxFormBytes)
            form = try Self.multipartFields(Array(buffer.readableBytesView), boundary: boundary)
        } else if exempt {
            return try await next(request, context)
        } else {
            // Browsers post forms in one of the two encodings above; anything else is not a form of ours.
            throw SocleError(.forbidden, code: "auth.csrf")
        }
        if !exempt { try Self.check(form.values["_csrf"]?.first, context.expectedCSRF) }
        context.form = form
        return try await next(request, context)
    }

    /// Portal routes whose handler streams a multipart file and checks `_csrf` before it.
    static let streamedUploads: Set<String> = ["/upload", "/inventory/import", "/register/proofs", "/register/import"]
    static let maxFormBytes = 1 << 20

    /// The text fields of a small multipart body (file parts are ignored).
    static func multipartFields(_ body: [UInt8], boundary: String) throws -> FormFields {
        var parser = MultipartParser(boundary: boundary)
        var fields = FormFields()
        var current: MultipartParser.PartHeader?
        var text: [UInt8] = []
        for event in try parser.feed(body) {
            switch event {
            case .begin(let header): current = header; text = []
            case .data(let bytes): if current?.filename == nil { text.append(contentsOf: bytes) }
            case .end:
                if let h = current, h.filename == nil { fields.append(h.name, String(decoding: text, as: UTF8.self)) }
                current = nil
            }
        }
        try parser.finish()
        return fields
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
