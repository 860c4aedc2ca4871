import Foundation
import SocleCore
import SocleStore

/// A page of one revision's rows, with the columns the reader may see (`_row` left out).
public struct RowPage: Sendable {
    public var total: Int64
    public var columns: [ColumnSchema]
    public var rows: [[CellValue]]
}

/// Read-only catalog use cases of the CLI.
public struct CatalogQueries: Sendable {
    let store: any SocleStore
    public init(store: any SocleStore) { self.store = store }

    /// A dataset with its organisation and current revision, for listings.
    public struct DatasetSummary: Codable, Sendable {
        public var slug: String
        public var title: String
        public var organisation: String
        public var currentRevision: Int?
        public var rows: Int64?
        public var columns: Int?
        public var updatedAt: Date?
    }

    public func datasets() async throws -> [DatasetSummary] {
        let orgs = Dictionary(uniqueKeysWithValues: try await store.organisations().map { ($0.id, $0.slug) })
        var out: [DatasetSummary] = []
        for d in try await store.datasets() {
            let rev = try await d.currentRevision.asyncMap { try await store.revision(datasetId: d.id, number: $0) } ?? nil
            out.append(DatasetSummary(slug: d.slug, title: d.title, organisation: orgs[d.organisationId] ?? "?",
                                      currentRevision: d.currentRevision, rows: rev?.rowCount,
                                      columns: rev?.columns.count, updatedAt: rev?.createdAt))
        }
        return out
    }

    public func requireDataset(_ slug: String) async throws -> Dataset {
        guard let d = try await store.dataset(slug: slug) else { throw StoreError.notFound("dataset", slug) }
        return d
    }

    /// One revision line for `socle revisions`, with what changed since the previous one.
    public struct RevisionSummary: Codable, Sendable {
        public var number: Int
        public var current: Bool
        public var createdAt: Date
        public var rows: Int64
        public var file: String
        public var size: Int64
        public var sha256: String
        public var format: String
        public var encoding: String?
        public var delimiter: String?
        public var status: RevisionStatus
        public var columns: [ColumnSchema]
    }

    public func revisions(_ slug: String) async throws -> [RevisionSummary] {
        let d = try await requireDataset(slug)
        return try await store.revisions(datasetId: d.id).map { r in
            RevisionSummary(number: r.number, current: r.number == d.currentRevision, createdAt: r.createdAt,
                            rows: r.rowCount, file: r.source.fileName, size: r.source.size, sha256: r.source.sha256,
                            format: r.source.format, encoding: r.source.encoding, delimiter: r.source.delimiter,
                            status: r.status, columns: r.columns)
        }
    }

    /// Rows of the current (or a given) revision, in load order, through the query service like every
    /// other read (`socle show`).
    public func rows(_ slug: String, revision number: Int? = nil, limit: Int = 20, offset: Int = 0,
                     by principal: Principal = .system("cli")) async throws -> RowPage {
        let d = try await requireDataset(slug)
        guard let n = number ?? d.currentRevision else {
            throw SocleError(.notFound, code: "store.no_data", args: ["slug": slug])
        }
        let grant = try await ReadPolicy(store: store).grant(slug, revision: n, for: principal)
        let request = RecordsRequest(limit: min(max(limit, 0), QueryLimits.maxLimit), offset: max(offset, 0))
        let page = try await QueryService(store: store).records(grant, request, includeTotal: false)
        return RowPage(total: grant.revision.rowCount, columns: grant.columns, rows: page.rows.map { Array($0.dropFirst()) })
    }
}

extension Optional {
    func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        switch self {
        case .some(let w): return try await transform(w)
        case .none: return nil
        }
    }
}
