import HTTPTypes
import Hummingbird
import OpenAPIKit

/// A method the address does not serve is answered 405 with the methods it does serve (`Allow`), rather
/// than a 404 that would suggest the address itself is wrong: for every documented API path (from the
/// OpenAPI document), and for methods Socle never serves anywhere (TRACE, CONNECT, unknown ones).
struct MethodMiddleware: RouterMiddleware {
    typealias Context = SocleRequestContext
    static let served: Set<HTTPRequest.Method> = [.get, .head, .post, .put, .delete, .patch, .options]

    /// Documented paths as segment patterns (`{name}` matches any one segment), with their methods.
    static let documented: [(segments: [String], methods: Set<String>)] = OpenAPIDocument.document.paths.compactMap { path, item in
        item.pathItemValue.map { (path.components, Set($0.endpoints.map(\.method.rawValue))) }
    }

    static func allowed(for path: String) -> Set<String>? {
        let parts = path.split(separator: "/").map(String.init)
        var found: Set<String>?
        for entry in documented where entry.segments.count == parts.count {
            let matches = zip(entry.segments, parts).allSatisfy { pattern, part in pattern.hasPrefix("{") || pattern == part }
            if matches { found = (found ?? []).union(entry.methods) }
        }
        return found
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let method = request.method.rawValue
        if !Self.served.contains(request.method) { return Self.refuse(allow: ["GET", "HEAD", "POST", "PUT", "DELETE"]) }
        if request.uri.path.hasPrefix("/api/v1/") || request.uri.path == "/healthz" || request.uri.path == "/metrics",
           let allowed = Self.allowed(for: request.uri.path), !allowed.contains(method),
           !(method == "HEAD" && allowed.contains("GET")) {
            return Self.refuse(allow: allowed.sorted())
        }
        return try await next(request, context)
    }

    static func refuse(allow: [String]) -> Response {
        var r = Response(status: .methodNotAllowed)
        r.headers[.allow] = allow.joined(separator: ", ")
        return r
    }
}
