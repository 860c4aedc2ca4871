import Foundation
import SocleCore
import SocleDCAT

/// A DCAT-AP document, ready to send.
public struct FeedDocument: Sendable {
    public let text: String
    /// With its charset.
    public let contentType: String
}

/// The DCAT-AP feed harvesters read (data.gouv.fr, data.europa.eu): what anyone may read — published public
/// datasets, through the read policy — whoever asks, as Turtle, RDF/XML or JSON-LD, Hydra-paged.
public struct FeedActions: Sendable {
    public static let pageSize = 50
    let policy: ReadPolicy

    public init(policy: ReadPolicy) { self.policy = policy }

    /// Whether `ext` (`ttl`, `rdf`, `jsonld`) names a feed syntax.
    public static func isFeedExtension(_ ext: String) -> Bool { FeedFormat(fileExtension: ext) != nil }

    /// The catalog's page `page` (1-based). `base` is the public URL the links start with; `territory`
    /// names the publisher.
    public func catalog(page: Int, fileExtension ext: String, base: String, territory: String) async throws -> FeedDocument {
        guard let format = FeedFormat(fileExtension: ext) else { throw SocleError(.notFound, code: "server.not_found") }
        let grants = try await policy.publicGrants()
        let slice = grants.dropFirst((page - 1) * Self.pageSize).prefix(Self.pageSize)
        let text = DCATFeed.catalog(Self.catalog(base, territory, modified: grants.map(\.revision.createdAt).max()),
                                    datasets: slice.map { Self.dataset($0, base: base) },
                                    page: FeedPage(page: page, pageSize: Self.pageSize, totalItems: grants.count), format: format)
        return FeedDocument(text: text, contentType: format.mediaType + "; charset=utf-8")
    }

    /// One dataset's document (`/datasets/{slug}.ttl`); not found unless it is published and public.
    public func dataset(_ slug: String, fileExtension ext: String, base: String, territory: String) async throws -> FeedDocument {
        guard let format = FeedFormat(fileExtension: ext) else { throw SocleError(.notFound, code: "server.not_found") }
        let grant = try await policy.grant(slug, for: .anonymous)
        let text = DCATFeed.dataset(Self.catalog(base, territory, modified: grant.revision.createdAt),
                                    Self.dataset(grant, base: base), format: format)
        return FeedDocument(text: text, contentType: format.mediaType + "; charset=utf-8")
    }

    static func catalog(_ base: String, _ name: String, modified: Date?) -> FeedCatalog {
        FeedCatalog(baseURL: base, title: "Catalogue de données — \(name)",
                    description: "Données ouvertes publiées par les organisations de \(name) avec Socle.",
                    publisherName: name, homepage: base + "/", modified: modified,
                    apiEndpointURL: base + "/api/v1", apiDocURL: base + "/api/v1/openapi.json",
                    apiTitle: "API Socle — \(name)")
    }

    static func dataset(_ g: ReadGrant, base: String) -> FeedDataset {
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
        let formats = FeedColumns.description(g.columns)
        for i in distributions.indices { distributions[i].columnsDescription = formats }
        return FeedDataset(slug: slug, title: g.dataset.title, description: m.description, keywords: m.keywords, themes: m.themes,
                           publisherName: g.organisation.name, publisherId: g.organisation.slug, contactEmail: m.contactPoint,
                           issued: g.dataset.createdAt, modified: g.revision.createdAt, frequency: m.frequency, spatial: m.spatial,
                           temporalStart: m.temporalStart, temporalEnd: m.temporalEnd, conformsTo: m.conformsTo,
                           landingPage: base + "/datasets/\(slug)", distributions: distributions)
    }
}
