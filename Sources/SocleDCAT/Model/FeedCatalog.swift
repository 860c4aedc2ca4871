import Foundation

/// The catalog-level facts of a DCAT-AP feed: who publishes, where the portal and the API live.
public struct FeedCatalog: Sendable, Equatable {
    /// Root of every IRI in the feed, e.g. `https://data.vire.fr` (a trailing `/` is ignored).
    public var baseURL: String
    public var title: String
    public var description: String
    public var publisherName: String
    /// The publisher's own IRI (e.g. its SIREN URI); `{base}/catalog#publisher` when nil.
    public var publisherURI: String?
    public var homepage: String
    /// BCP 47 tag of the texts (`fr`); also tags every literal of the feed.
    public var language: String
    /// Licence of the catalog metadata itself.
    public var licenceURL: String
    public var modified: Date?
    /// The records API root, e.g. `https://data.vire.fr/api/v1`.
    public var apiEndpointURL: String
    /// The API's description, e.g. `https://data.vire.fr/api/v1/openapi.json`.
    public var apiDocURL: String
    /// Title of the API as a `dcat:DataService`; the catalog title when nil.
    public var apiTitle: String?

    public init(baseURL: String, title: String, description: String, publisherName: String,
                publisherURI: String? = nil, homepage: String, language: String = "fr",
                licenceURL: String = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
                modified: Date? = nil, apiEndpointURL: String, apiDocURL: String, apiTitle: String? = nil) {
        self.baseURL = baseURL
        self.title = title
        self.description = description
        self.publisherName = publisherName
        self.publisherURI = publisherURI
        self.homepage = homepage
        self.language = language
        self.licenceURL = licenceURL
        self.modified = modified
        self.apiEndpointURL = apiEndpointURL
        self.apiDocURL = apiDocURL
        self.apiTitle = apiTitle
    }
}
