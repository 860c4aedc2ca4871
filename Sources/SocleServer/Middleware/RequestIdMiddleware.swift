import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SocleActions

/// Gives every request an id (`X-Request-Id`, kept from the client when sane, generated otherwise),
/// puts it in every log line and in the response, picks the language, and logs one line per request.
struct RequestIdMiddleware: RouterMiddleware {
    typealias Context = SocleRequestContext
    static let header = HTTPField.Name("X-Request-Id")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let id = Self.accept(request.headers[Self.header]) ?? Secrets.random(bytes: 12)
        context.requestId = id
        context.logger[metadataKey: "hb.request.id"] = .string(id)
        context.language = LanguageNegotiation.language(for: request)
        let started = ContinuousClock.now
        var response = try await next(request, context)
        response.headers[Self.header] = id
        let d = (ContinuousClock.now - started).components
        // Tenths of a millisecond, written without `String(format:)` (Foundation, costly per request).
        let tenths = d.seconds * 10_000 + d.attoseconds / 100_000_000_000_000
        context.logger.info("request", metadata: [
            "method": "\(request.method.rawValue)", "path": "\(request.uri.path)",
            "status": "\(response.status.code)", "ms": "\(tenths / 10).\(tenths % 10)",
        ])
        return response
    }

    /// A client-supplied id is kept only when short and made of safe characters (it goes into logs).
    static func accept(_ value: String?) -> String? {
        guard let v = value, !v.isEmpty, v.count <= 128,
              v.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) && $0.isASCII || "-_.:".unicodeScalars.contains($0) })
        else { return nil }
        return v
    }
}

/// Counts requests by route, method and status and times them (the route is the pattern, such as
/// `/api/v1/datasets/{slug}`, so that the series stay few).
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = SocleRequestContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.recordRequest(route: context.endpointPath ?? "unmatched", method: request.method.rawValue,
                                  status: response.status.code, duration: ContinuousClock.now - started)
            return response
        } catch {
            metrics.recordRequest(route: context.endpointPath ?? "unmatched", method: request.method.rawValue,
                                  status: 500, duration: ContinuousClock.now - started)
            throw error
        }
    }
}
