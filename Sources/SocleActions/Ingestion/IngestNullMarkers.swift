import Foundation
import SocleCore
import SocleIngest
import SocleStore

extension IngestAction {
    /// The request with its dataset's null markers: those it gives (checked), or else those the
    /// dataset's current revision was loaded with, so that a dataset's list holds from load to load.
    static func withNullMarkers(_ request: IngestRequest, store: any SocleStore) async throws -> IngestRequest {
        var r = request
        r.options.nullMarkers = r.options.nullMarkers.map { $0.trimmingCharacters(in: .whitespaces) }
        if let bad = NullTokens.unusable(r.options.nullMarkers) {
            throw SocleError(.invalidInput, code: "ingest.null_marker_invalid", args: ["value": bad])
        }
        guard r.options.nullMarkers.isEmpty, (try? Slug.validate(r.datasetSlug)) != nil,
              let d = try await store.dataset(slug: r.datasetSlug), let n = d.currentRevision,
              let rev = try await store.revision(datasetId: d.id, number: n) else { return r }
        r.options.nullMarkers = rev.columns.lazy.compactMap(\.format.nullMarkers).first ?? []
        return r
    }
}
