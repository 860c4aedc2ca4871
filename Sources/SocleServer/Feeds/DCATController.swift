import Foundation
import Hummingbird
import SocleActions
import SocleCore
import SocleDCAT

/// The DCAT-AP feed harvesters read: `/catalog.ttl|.rdf|.jsonld` (Hydra-paged with `?page=N`) and
/// `/datasets/{slug}.ttl|.rdf|.jsonld`. It lists what anyone may read — published public datasets,
/// through the read policy — whoever asks.
struct DCATController {
    let state: ServerState
    static let pageSize = 50

    func addRoutes(to router: Router<SocleRequestContext>) {
        for ext in ["ttl", "rdf", "jsonld"] {
            router.get(RouterPath("catalog.\(ext)")) { request, context in try await catalog(request, context, ext) }
        }
    }

    /// The public base URL (`SOCLE_PUBLIC_URL`, else what the request says about itself).
    func baseURL(_ request: Request) -> String { CompatURL.base(request, state.configuration) }

    func feedCatalog(_ base: String, modified: Date?) -> FeedCatalog {
        let name = state.configuration.territoryName
        return FeedCatalog(baseURL: base, title: "Catalogue de données — \(name)",
                           description: "Données ouvertes publiées par les organisations de \(name) avec Socle.",
                           publisherName: name, homepage: base + "/", modified: modified,
                           apiEndpointURL: base + "/api/v1", apiDocURL: base + "/api/v1/openapi.json",
                           apiTitle: "API Socle — \(name)")
    }

    func feedDataset(_ g: ReadGrant, base: String) -> FeedDataset {
        let slug = g.dataset.slug
        let m = g.metadata
        let licence = m.licence.url ?? Licence.etalab2.url!
        let exports = base + "/api/v1/datasets/\(slug)/exports/"
        var distributions = [
            FeedDistribution(title: "CSV", accessURL: base + "/datasets/\(slug)", downloadURL: exports + "csv", format: "CSV",
                             mediaType: "text/csv", licenceURL: licence),
            FeedDistribution(title: "JSON", accessURL: base + "/api/v1/datasets/\(slug)/records", downloadURL: exports + "json",
                             format: "JSON", mediaType: "application/json", licenceURL: licence),
            FeedDistribution(title: "XLSX", accessURL: base + "/datasets/\(slug)", downloadURL: exports + "xlsx", format: "XLSX",
                             mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", licenceURL: licence),
        ]
        if g.columns.contains(where: { $0.type.isGeographic }) {
            distributions.append(FeedDistribution(title: "GeoJSON", accessURL: base + "/datasets/\(slug)", downloadURL: exports + "geojson",
                                                  format: "GeoJSON", mediaType: "application/geo+json", licenceURL: licence))
        }
        return FeedDataset(slug: slug, title: g.dataset.title, description: m.description, keywords: m.keywords, themes: m.themes,
                           publisherName: g.organisation.name, publisherId: g.organisation.slug, contactEmail: m.contactPoint,
                           issued: g.dataset.createdAt, modified: g.revision.createdAt, frequency: m.frequency, spatial: m.spatial,
                           temporalStart: m.temporalStart, temporalEnd: m.temporalEnd, conformsTo: m.conformsTo,
                           landingPage: base + "/datasets/\(slug)", distributions: distributions)
    }

    func catalog(_ request: Request, _ context: SocleRequestContext, _ ext: String) async throws -> Response {
        guard let format = FeedFormat(fileExtension: ext) else { throw SocleError(.notFound, code: "server.not_found") }
        let params = try QueryParameters(request)
        let page = try params.integer("page", default: 1, range: 1...1_000_000) ?? 1
        let grants = try await state.policy.publicGrants()
        let base = baseURL(request)
        let slice = grants.dropFirst((page - 1) * Self.pageSize).prefix(Self.pageSize)
        let text = DCATFeed.catalog(feedCatalog(base, modified: grants.map(\.revision.createdAt).max()),
                                    datasets: slice.map { feedDataset($0, base: base) },
                                    page: FeedPage(page: page, pageSize: Self.pageSize, totalItems: grants.count), format: format)
        return Self.response(text, format)
    }

    /// `/datasets/{slug}.ttl|.rdf|.jsonld`, reached from the portal's dataset route.
    func dataset(_ request: Request, _ context: SocleRequestContext, slug: String, format: FeedFormat) async throws -> Response {
        let grant = try await state.policy.grant(slug, for: .anonymous)
        let base = baseURL(request)
        let text = DCATFeed.dataset(feedCatalog(base, modified: grant.revision.createdAt), feedDataset(grant, base: base), format: format)
        return Self.response(text, format)
    }

    static func response(_ text: String, _ format: FeedFormat) -> Response {
        Response(status: .ok, headers: [.contentType: format.mediaType + "; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
