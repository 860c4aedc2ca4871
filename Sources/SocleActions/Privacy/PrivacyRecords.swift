import Foundation
import SocleCore
import SoclePrivacy
import SocleStore

/// The detector's suggestion for one column of a revision.
public struct ScannedColumn: Codable, Sendable, Equatable {
    public var name: String
    public var label: String
    public var type: ColumnType
    public var suggestion: ColumnVerdict
}

/// A revision's scan, stored with it at load.
public struct RevisionScan: Codable, Sendable, Equatable {
    public var revision: Int
    public var columns: [ScannedColumn]
    public var sampledRows: Int
    public var seconds: Double
    public var scannedAt: Date
}

/// A person's decision on one column: authoritative over the suggestion. It applies to later revisions
/// as long as the column keeps its name, label and type (a changed column is reviewed again).
public struct ColumnReview: Codable, Sendable, Equatable {
    public var column: String
    public var label: String
    public var type: ColumnType
    public var verdict: PrivacyLevel
    public var category: DataCategory?
    /// Whether the reviewer confirmed the suggestion or overrode it.
    public var confirmedSuggestion: Bool
    public var reviewer: String
    public var reviewedAt: Date

    func applies(to column: ColumnSchema) -> Bool {
        column.name == self.column && column.label == label && column.type == type
    }
}

/// How an anonymised dataset was produced: kept with it and shown on its pages.
public struct DatasetLineage: Codable, Sendable, Equatable {
    /// The derived dataset's revision this lineage produced (a later upload is not cleared by it).
    public var revision: Int
    public var sourceDataset: String
    public var sourceRevision: Int
    public var plan: AnonymisationPlanRecord
    public var report: String
    public var clearsPersonalData: Bool
    public var createdBy: String
    public var createdAt: Date
}

/// The plan as the user gave it (column names resolved), kept for the lineage.
public struct AnonymisationPlanRecord: Codable, Sendable, Equatable {
    public var steps: [String]
    public var k: Int?
    public var quasiIdentifiers: [String]
    public init(steps: [String], k: Int?, quasiIdentifiers: [String]) {
        self.steps = steps
        self.k = k
        self.quasiIdentifiers = quasiIdentifiers
    }
}

/// Where one column of a revision stands: suggestion, review, and what applies.
public struct ColumnPrivacyStatus: Codable, Sendable, Equatable {
    public var name: String
    public var label: String
    public var type: ColumnType
    public var suggestion: ColumnVerdict?
    public var review: ColumnReview?
    /// Cleared by the recorded anonymisation that produced the dataset.
    public var clearedByAnonymisation: Bool

    /// The level the read path and the gate apply: the review, else the cleared lineage, else the suggestion.
    public var effective: PrivacyLevel {
        if let review { return review.verdict }
        if clearedByAnonymisation { return .public }
        return suggestion?.verdict ?? .public
    }
    public var effectiveCategory: DataCategory? { review?.category ?? (review == nil ? suggestion?.category : nil) }
    public var needsReview: Bool { review == nil && !clearedByAnonymisation }
}

/// Typed access to the privacy documents a dataset keeps in the store.
public struct PrivacyRecords: Sendable {
    static let scanKind = "privacy-scan"
    static let reviewKind = "privacy-review"
    static let lineageKind = "lineage"

    let store: any SocleStore
    public init(store: any SocleStore) { self.store = store }

    public func scan(datasetId: Int64, revision: Int) async throws -> RevisionScan? {
        guard let body = try await store.document(datasetId: datasetId, kind: Self.scanKind, key: String(revision)) else { return nil }
        return try StoreSupport.decodeJSON(RevisionScan.self, body)
    }

    public func saveScan(datasetId: Int64, _ scan: RevisionScan) async throws {
        try await store.putDocument(datasetId: datasetId, kind: Self.scanKind, key: String(scan.revision), body: StoreSupport.encodeJSON(scan))
    }

    public func reviews(datasetId: Int64) async throws -> [String: ColumnReview] {
        var out: [String: ColumnReview] = [:]
        for d in try await store.documents(datasetId: datasetId, kind: Self.reviewKind) {
            let r = try StoreSupport.decodeJSON(ColumnReview.self, d.body)
            out[r.column] = r
        }
        return out
    }

    public func saveReview(datasetId: Int64, _ review: ColumnReview) async throws {
        try await store.putDocument(datasetId: datasetId, kind: Self.reviewKind, key: review.column, body: StoreSupport.encodeJSON(review))
    }

    public func lineage(datasetId: Int64) async throws -> DatasetLineage? {
        guard let body = try await store.document(datasetId: datasetId, kind: Self.lineageKind, key: "") else { return nil }
        return try StoreSupport.decodeJSON(DatasetLineage.self, body)
    }

    public func saveLineage(datasetId: Int64, _ lineage: DatasetLineage) async throws {
        let d = Self.lineageDocument(lineage)
        try await store.putDocument(datasetId: datasetId, kind: d.kind, key: d.key, body: d.body)
    }

    /// The lineage as the document written with the derived revision.
    static func lineageDocument(_ lineage: DatasetLineage) -> DocumentDraft {
        DocumentDraft(kind: lineageKind, key: "", body: StoreSupport.encodeJSON(lineage))
    }

    /// Every column of a revision with its suggestion, review and effective level.
    public func statuses(datasetId: Int64, revision: Revision) async throws -> [ColumnPrivacyStatus] {
        let scan = try await scan(datasetId: datasetId, revision: revision.number)
        let reviews = try await reviews(datasetId: datasetId)
        let lineage = try await lineage(datasetId: datasetId)
        let cleared = lineage.map { $0.clearsPersonalData && $0.revision == revision.number } ?? false
        return Self.statuses(revision.columns, scan: scan, reviews: reviews, cleared: cleared)
    }

    /// The statuses from what is recorded (also used inside a load's transaction, before anything is stored).
    static func statuses(_ columns: [ColumnSchema], scan: RevisionScan?, reviews: [String: ColumnReview],
                         cleared: Bool) -> [ColumnPrivacyStatus] {
        columns.map { c in
            let s = scan?.columns.first { $0.name == c.name }?.suggestion
            let r = reviews[c.name].flatMap { $0.applies(to: c) ? $0 : nil }
            return ColumnPrivacyStatus(name: c.name, label: c.label, type: c.type, suggestion: s, review: r,
                                       clearedByAnonymisation: cleared)
        }
    }
}
