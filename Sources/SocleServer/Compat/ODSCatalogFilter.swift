import Foundation
import SocleActions
import SocleCore

/// The fields of Opendatasoft's `/catalog/datasets` (`title`, `publisher`, `keyword`, `theme`, `modified`,
/// `records_count`…) for `MetadataFilter`, which evaluates `where`, `refine`/`exclude` and `order_by` in
/// memory over the readable datasets (a territory's catalog holds hundreds of datasets).
enum ODSCatalogFilter {
    typealias Value = MetadataValue

    static let fields = ["dataset_id", "title", "description", "publisher", "keyword", "theme", "license", "language",
                         "modified", "data_processed", "metadata_processed", "records_count", "features", "has_records"]
    /// Fields a refinement or a facet may name.
    static let facetFields = ["publisher", "keyword", "theme", "license", "language", "features"]

    static func values(_ field: String, _ g: ReadGrant) -> [Value]? {
        let m = g.metadata
        switch field {
        case "dataset_id": return [.text(g.dataset.slug)]
        case "title": return [.text(g.dataset.title)]
        case "description": return [.text(m.description)]
        case "publisher": return [.text(g.organisation.name)]
        case "keyword": return m.keywords.map { .text($0) }
        case "theme": return m.themes.map { .text($0) }
        case "license": return ODSDatasetView.licenceTitle(m.licence).map { [.text($0)] } ?? []
        case "language": return [.text("fr")]
        case "modified", "data_processed", "metadata_processed": return [.text(CompatURL.date(g.revision.createdAt))]
        case "records_count": return [.number(Double(g.revision.rowCount))]
        case "features": return ODSDatasetView.features(g).map { .text($0) }
        case "has_records": return [.bool(g.revision.rowCount > 0)]
        default: return nil
        }
    }

    static let filter = MetadataFilter<ReadGrant>(fields: fields, fold: { CatalogSearch.fold($0) }, values: { values($0, $1) })
}
