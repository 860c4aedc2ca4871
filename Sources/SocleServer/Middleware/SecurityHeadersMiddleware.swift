import HTTPTypes
import Hummingbird

/// Headers every response carries, whatever route or error produced it (issue 10, finding 11): no MIME
/// sniffing, no referrer sent to other sites, no powerful browser features, and HSTS when the request came
/// over TLS (served behind a TLS proxy, or `--secure-cookies`). Outermost, so errors get them too.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = SocleRequestContext
    let alwaysTLS: Bool

    static let nosniff = HTTPField.Name("X-Content-Type-Options")!
    static let referrer = HTTPField.Name("Referrer-Policy")!
    static let permissions = HTTPField.Name("Permissions-Policy")!
    static let hsts = HTTPField.Name("Strict-Transport-Security")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
    static let permissionsValue = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let tls = alwaysTLS || request.headers[Self.forwardedProto]?.lowercased() == "https"
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            // Errors answered by the framework itself (a route not found before our error middleware).
            response = try error.response(from: request, context: context)
        }
        Self.apply(&response.headers, tls: tls)
        return response
    }

    static func apply(_ headers: inout HTTPFields, tls: Bool) {
        headers[nosniff] = "nosniff"
        headers[referrer] = "same-origin"
        headers[permissions] = permissionsValue
        if headers[frameOptions] == nil { headers[frameOptions] = "DENY" }
        if tls { headers[hsts] = "max-age=31536000; includeSubDomains" }
    }
}

