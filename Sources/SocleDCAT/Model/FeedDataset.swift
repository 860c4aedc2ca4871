import Foundation

/// One published dataset as the feed describes it (`dcat:Dataset`).
public struct FeedDataset: Sendable, Equatable {
    /// URL identifier; the dataset IRI is `{base}/datasets/{slug}`.
    public var slug: String
    public var title: String
    public var description: String
    public var keywords: [String]
    /// EU data-theme codes (`ECON`, `ENVI`…); unknown codes are left out of the feed.
    public var themes: [String]
    public var publisherName: String
    /// The publishing organisation's slug; its IRI is `{base}/organisations/{publisherId}`.
    public var publisherId: String
    public var contactEmail: String?
    public var issued: Date?
    public var modified: Date?
    /// EU frequency code (`MONTHLY`…); Socle's `BIANNUAL` becomes `ANNUAL_2` (twice a year).
    public var frequency: String?
    /// INSEE commune codes (`14762`, `2A004`, `97105`); other values are left out of the feed.
    public var spatial: [String]
    /// `YYYY-MM-DD` (also `YYYY` or `YYYY-MM`).
    public var temporalStart: String?
    public var temporalEnd: String?
    /// URL of the schema the data conforms to (schema.data.gouv.fr).
    public var conformsTo: String?
    public var landingPage: String
    public var distributions: [FeedDistribution]

    public init(slug: String, title: String, description: String, keywords: [String] = [], themes: [String] = [],
                publisherName: String, publisherId: String, contactEmail: String? = nil, issued: Date? = nil,
                modified: Date? = nil, frequency: String? = nil, spatial: [String] = [], temporalStart: String? = nil,
                temporalEnd: String? = nil, conformsTo: String? = nil, landingPage: String,
                distributions: [FeedDistribution] = []) {
        self.slug = slug
        self.title = title
        self.description = description
        self.keywords = keywords
        self.themes = themes
        self.publisherName = publisherName
        self.publisherId = publisherId
        self.contactEmail = contactEmail
        self.issued = issued
        self.modified = modified
        self.frequency = frequency
        self.spatial = spatial
        self.temporalStart = temporalStart
        self.temporalEnd = temporalEnd
        self.conformsTo = conformsTo
        self.landingPage = landingPage
        self.distributions = distributions
    }
}
