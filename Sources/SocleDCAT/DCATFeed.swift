/// Renders Socle's catalog as DCAT-AP 3 (valid against the 2.1.1 shapes too, but for `dcat:byteSize`'s type)
/// in Turtle, RDF/XML or JSON-LD, for data.gouv.fr and data.europa.eu to harvest.
///
/// Pure functions: the same input gives the same text, and no input makes them fail. Values that cannot be
/// written truthfully (a non-http link, an unknown theme or frequency code, an impossible date, a malformed
/// checksum) are left out; mandatory properties fall back (an empty title becomes the slug, an empty
/// description the title, a bad access URL the download URL or the dataset page).
public enum DCATFeed {
    /// One page of the catalog: the `dcat:Catalog`, the API as `dcat:DataService`, a Hydra
    /// `PartialCollectionView` (first, last, next, previous as `{base}/catalog.{ext}?page=N`) and the given
    /// datasets, which are this page's items (the caller slices; `page.totalItems` counts the whole catalog).
    public static func catalog(_ c: FeedCatalog, datasets: [FeedDataset], page: FeedPage, format: FeedFormat) -> String {
        var builder = FeedGraphBuilder(catalog: c)
        builder.addCatalog(datasets: datasets, page: page, format: format)
        return write(builder.allResources, format: format)
    }

    /// One dataset on its own (`/datasets/{slug}.{ext}`): the dataset, its distributions and what they point at.
    public static func dataset(_ c: FeedCatalog, _ d: FeedDataset, format: FeedFormat) -> String {
        var builder = FeedGraphBuilder(catalog: c)
        builder.addDataset(d)
        return write(builder.allResources, format: format)
    }

    /// The IRI the feed gives a dataset: `{base}/datasets/{slug}`.
    public static func datasetIRI(_ c: FeedCatalog, slug: String) -> String {
        FeedGraphBuilder(catalog: c).datasetIRI(slug).value
    }

    /// The URL of a catalog page as the Hydra links spell it: `{base}/catalog.{ext}?page=N`.
    public static func catalogPageURL(_ c: FeedCatalog, page: Int, format: FeedFormat) -> String {
        FeedGraphBuilder(catalog: c).pageIRI(max(1, page), format: format).value
    }

    static func write(_ resources: [RDFResource], format: FeedFormat) -> String {
        switch format {
        case .turtle: return TurtleWriter.write(resources)
        case .rdfXML: return RDFXMLWriter.write(resources)
        case .jsonLD: return JSONLDWriter.write(resources)
        }
    }
}
