import Foundation
import Hummingbird
import SocleWeb

/// `/healthz`, `/metrics`, `/api/v1/openapi.json` and `/static/{name}`.
struct SystemController {
    let state: ServerState

    struct Health: Encodable {
        var status: String
    }

    func addRoutes(to router: Router<SocleRequestContext>) {
        router.get("healthz", use: health)
        router.get("metrics", use: metrics)
        router.get("api/v1/openapi.json", use: openAPI)
        router.get("static/{name}", use: staticFile)
    }

    /// 200 when the store answers a query, 503 otherwise (for load balancers and supervisors).
    @Sendable func health(_ request: Request, context: SocleRequestContext) async throws -> Response {
        do {
            try await state.directory.ping()
            return try JSONOutput.response(Health(status: "ok"))
        } catch {
            context.logger.error("health check failed", metadata: ["error": "\(error)"])
            return try JSONOutput.response(Health(status: "unavailable"), status: .serviceUnavailable)
        }
    }

    @Sendable func metrics(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let text = await state.metrics.export(jobs: state.directory)
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    @Sendable func openAPI(_ request: Request, context: SocleRequestContext) async throws -> Response {
        JSONOutput.raw(OpenAPIDocument.bytes)
    }

    @Sendable func staticFile(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let name = try context.parameters.require("name")
        guard let file = PageRenderer.staticFile(name) else { throw HTTPError(.notFound) }
        return Response(status: .ok, headers: [.contentType: file.contentType, .cacheControl: "public, max-age=3600"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }
}
