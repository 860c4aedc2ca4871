import Foundation
import SocleCore
import SoclePrivacy
import SocleStore

/// Reviewing the detector's suggestions and deciding, in one place, what the publication gate says.
public struct PrivacyActions: Sendable {
    let store: any SocleStore
    /// Where the pseudonymisation key lives (`anonymise` needs it).
    let keyDirectory: URL?
    public init(store: any SocleStore, keyDirectory: URL? = nil) {
        self.store = store
        self.keyDirectory = keyDirectory
    }

    /// How an anonymised dataset was made, when it was.
    public func lineage(_ dataset: Dataset) async throws -> DatasetLineage? {
        try await records.lineage(datasetId: dataset.id)
    }

    /// Makes an anonymised copy (see `AnonymiseAction`).
    public func anonymise(_ request: AnonymiseRequest, by principal: Principal, language: Language) async throws -> AnonymiseOutcome {
        guard let keyDirectory else { throw SocleError(.internalError, code: "job.crashed", args: ["detail": "no key directory"]) }
        return try await AnonymiseAction(store: store, keyDirectory: keyDirectory).run(request, by: principal, language: language)
    }

    var records: PrivacyRecords { PrivacyRecords(store: store) }
    var audit: AuditRecorder { AuditRecorder(store: store) }

    /// Scans a freshly loaded revision and stores the result with it.
    @discardableResult
    public func scanAndStore(_ revision: Revision) async throws -> RevisionScan {
        let scan = try await PrivacyScanner().scan(store: store, revision: revision)
        try await records.saveScan(datasetId: revision.datasetId, scan)
        return scan
    }

    /// The columns of the dataset's current revision with their privacy status.
    public func statuses(_ dataset: Dataset) async throws -> (revision: Revision, columns: [ColumnPrivacyStatus])? {
        guard let n = dataset.currentRevision, let rev = try await store.revision(datasetId: dataset.id, number: n) else { return nil }
        var columns = try await records.statuses(datasetId: dataset.id, revision: rev)
        if columns.contains(where: { $0.suggestion == nil }), try await records.scan(datasetId: dataset.id, revision: n) == nil {
            // Loaded before scanning existed, or the scan failed at load: scan now.
            try await scanAndStore(rev)
            columns = try await records.statuses(datasetId: dataset.id, revision: rev)
        }
        return (rev, columns)
    }

    /// Records a steward's or the DPO's decision on one column (named by name or header label); audited.
    public func classify(_ dataset: Dataset, column: String, as level: PrivacyLevel, category: DataCategory?,
                         by principal: Principal) async throws -> ColumnPrivacyStatus {
        let (rev, columns) = try await reviewable(dataset, by: principal)
        let folded = Self.folded
        guard let status = columns.first(where: { $0.name == column }) ?? columns.first(where: { folded($0.label) == folded(column) }),
              let schema = rev.columns.first(where: { $0.name == status.name }) else {
            throw SocleError(.invalidInput, code: "privacy.unknown_column",
                             args: ["column": String(column.prefix(100)), "known": rev.columns.map(\.name).joined(separator: ", ")])
        }
        if level != .public, category == nil, status.suggestion?.category == nil {
            throw SocleError(.invalidInput, code: "privacy.category_required", args: ["column": status.name])
        }
        if let category, level == .personal, category.isSensitive {
            throw SocleError(.invalidInput, code: "privacy.category_sensitive", args: ["column": status.name, "category": category.rawValue])
        }
        let finalCategory = level == .public ? nil : (category ?? status.suggestion?.category)
        let confirmed = status.suggestion.map { $0.verdict == level && (level == .public || $0.category == finalCategory) } ?? false
        let review = ColumnReview(column: schema.name, label: schema.label, type: schema.type, verdict: level,
                                  category: finalCategory, confirmedSuggestion: confirmed,
                                  reviewer: principal.auditName, reviewedAt: Date())
        try await records.saveReview(datasetId: dataset.id, review)
        try await audit.record(principal, "privacy.classify", "dataset", dataset.slug, [
            "column": schema.name, "verdict": level.rawValue, "category": finalCategory?.rawValue ?? "",
            "suggested": status.suggestion?.verdict.rawValue ?? "", "confirmed": confirmed ? "true" : "false"])
        var out = status
        out.review = review
        return out
    }

    /// Up to this many columns awaiting review are listed one sentence each.
    static let listedOneByOne = 3

    /// Why the privacy rules refuse publication of the current revision (empty when they allow it).
    public func publicationBlockers(_ dataset: Dataset) async throws -> [Notice] {
        guard let (_, columns) = try await statuses(dataset) else { return [] }
        var out: [Notice] = []
        // Columns awaiting review, per suggested level: one line each up to `listedOneByOne`, else one line for all
        // (a 30-column file gave a page of identical sentences).
        var unreviewed: [(level: String, names: [String])] = []
        for c in columns {
            if c.needsReview {
                let suggested = c.suggestion?.verdict.rawValue ?? PrivacyLevel.public.rawValue
                if let i = unreviewed.firstIndex(where: { $0.level == suggested }) {
                    unreviewed[i].names.append(c.name)
                } else {
                    unreviewed.append((suggested, [c.name]))
                }
            } else if c.effective != .public {
                out.append(Notice("publish.blocked.column_\(c.effective.rawValue)", ["column": c.name]))
            }
        }
        for group in unreviewed {
            if group.names.count <= Self.listedOneByOne {
                out += group.names.map { Notice("publish.blocked.column_unreviewed_\(group.level)", ["column": $0]) }
            } else {
                // No-break spaces inside the quotes, so a name never wraps away from them; the rest as a count.
                let shown = group.names.prefix(8).map { "«\u{00A0}\($0)\u{00A0}»" }.joined(separator: ", ")
                out.append(Notice("publish.blocked.column_unreviewed_many_\(group.level)", [
                    "count": String(group.names.count),
                    "columns": shown + (group.names.count > 8 ? " (+\(group.names.count - 8))" : "")]))
            }
        }
        if let lineage = try await records.lineage(datasetId: dataset.id), !lineage.clearsPersonalData,
           dataset.currentRevision == lineage.revision {
            out += try await LineageBlockers.notices(lineage, store: store)
        }
        return out
    }
}
