import Foundation
import Hummingbird
import SocleActions
import SocleCore

/// The DCAT-AP feed harvesters read (`FeedActions`): `/catalog.ttl|.rdf|.jsonld` (Hydra-paged with
/// `?page=N`) and `/datasets/{slug}.ttl|.rdf|.jsonld`.
struct DCATController {
    let state: ServerState

    func addRoutes(to router: Router<SocleRequestContext>) {
        for ext in ["ttl", "rdf", "jsonld"] {
            router.get(RouterPath("catalog.\(ext)")) { request, context in try await catalog(request, context, ext) }
        }
    }

    /// The public base URL (`SOCLE_PUBLIC_URL`, else what the request says about itself).
    func baseURL(_ request: Request) -> String { CompatURL.base(request, state.configuration) }

    var feeds: FeedActions { FeedActions(policy: state.policy) }

    func catalog(_ request: Request, _ context: SocleRequestContext, _ ext: String) async throws -> Response {
        let params = try QueryParameters(request)
        let page = try params.integer("page", default: 1, range: 1...1_000_000) ?? 1
        return Self.response(try await feeds.catalog(page: page, fileExtension: ext, base: baseURL(request),
                                                     territory: state.configuration.territoryName))
    }

    /// `/datasets/{slug}.ttl|.rdf|.jsonld`, reached from the portal's dataset route.
    func dataset(_ request: Request, _ context: SocleRequestContext, slug: String, fileExtension ext: String) async throws -> Response {
        Self.response(try await feeds.dataset(slug, fileExtension: ext, base: baseURL(request), territory: state.configuration.territoryName))
    }

    static func response(_ document: FeedDocument) -> Response {
        Response(status: .ok, headers: [.contentType: document.contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: document.text)))
    }
}
