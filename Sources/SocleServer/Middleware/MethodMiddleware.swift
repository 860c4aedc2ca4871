import HTTPTypes
import Hummingbird

/// Methods Socle never serves (TRACE, CONNECT, anything unknown) are answered 405 with the methods it
/// does serve, rather than a 404 that would suggest the address itself is wrong.
struct MethodMiddleware: RouterMiddleware {
    typealias Context = SocleRequestContext
    static let served: Set<HTTPRequest.Method> = [.get, .head, .post, .put, .delete, .patch, .options]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.served.contains(request.method) else {
            var r = Response(status: .methodNotAllowed)
            r.headers[.allow] = "GET, HEAD, POST, PUT, DELETE"
            return r
        }
        return try await next(request, context)
    }
}
