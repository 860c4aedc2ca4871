import Foundation
import SocleCore
import SoclePrivacy
import SocleStore

/// Why an anonymised dataset is not cleared, in the gate's words: each failed check of its recorded
/// anonymisation, and whether its source has been reviewed or reloaded since (a re-run would see it).
enum LineageBlockers {
    /// The gate's notice for one failed check of the anonymisation (`publish.blocked.lineage.*`).
    static func notice(for check: AnonymisationCheck, source: String) -> Notice {
        var args = check.notice.args
        args["source"] = source
        if check.kind == .classification, let column = check.column {
            // Not "pseudonymisation or k-anonymity": the source's column had not been reviewed.
            return Notice("publish.blocked.lineage.unreviewed", ["column": column, "source": source])
        }
        // The check's own sentence says what failed and what to do (its code, under the gate's prefix).
        let key = check.notice.code.replacingOccurrences(of: "anonymisation.check.", with: "")
        return Notice("publish.blocked.lineage." + key, args)
    }

    /// The notices of a lineage that did not clear its dataset.
    static func notices(_ lineage: DatasetLineage, store: any SocleStore) async throws -> [Notice] {
        Anonymiser.registerCatalog()
        let report = try? StoreSupport.decodeJSON(AnonymisationReport.self, lineage.report)
        var out = (report?.failedChecks ?? []).map { notice(for: $0, source: lineage.sourceDataset) }
        if out.isEmpty {
            out.append(Notice("publish.blocked.lineage_not_cleared", ["source": lineage.sourceDataset]))
        }
        if try await sourceChanged(since: lineage, store: store) {
            out.append(Notice("publish.blocked.lineage.source_changed", ["source": lineage.sourceDataset]))
        }
        return out
    }

    /// Whether the source got a new revision or a review after the anonymisation ran.
    static func sourceChanged(since lineage: DatasetLineage, store: any SocleStore) async throws -> Bool {
        guard let source = try await store.dataset(slug: lineage.sourceDataset) else { return false }
        if source.currentRevision != lineage.sourceRevision { return true }
        let reviews = try await PrivacyRecords(store: store).reviews(datasetId: source.id)
        return reviews.values.contains { $0.reviewedAt > lineage.createdAt }
    }
}
