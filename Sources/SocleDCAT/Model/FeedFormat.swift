/// The three RDF syntaxes the feed is served in.
public enum FeedFormat: String, Sendable, CaseIterable {
    case turtle, rdfXML, jsonLD

    /// The media type to send as `Content-Type` (add `; charset=utf-8`).
    public var mediaType: String {
        switch self {
        case .turtle: return "text/turtle"
        case .rdfXML: return "application/rdf+xml"
        case .jsonLD: return "application/ld+json"
        }
    }

    /// The path extension of `/catalog.{ext}` and `/datasets/{slug}.{ext}`.
    public var fileExtension: String {
        switch self {
        case .turtle: return "ttl"
        case .rdfXML: return "rdf"
        case .jsonLD: return "jsonld"
        }
    }

    /// The format served for a path extension (`ttl`, `rdf`, `jsonld`; also `xml` and `json`).
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "ttl": self = .turtle
        case "rdf", "xml": self = .rdfXML
        case "jsonld", "json": self = .jsonLD
        default: return nil
        }
    }
}
