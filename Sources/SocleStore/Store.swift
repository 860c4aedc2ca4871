import Foundation
import SocleCore
import SocleQuery

/// What a load needs to know besides the rows: which dataset, and the revision's description.
public struct RevisionDraft: Sendable {
    public var datasetSlug: String
    /// Title used when the dataset does not exist yet.
    public var datasetTitle: String
    /// Organisation owning a new dataset; ignored for an existing dataset.
    public var organisationSlug: String
    public var organisationName: String
    /// What the action layer decided the load may create (the catalog rules live there, not in the drivers):
    /// a missing dataset or organisation is created only when allowed, in the load's own transaction, so a
    /// failed first load leaves nothing behind; otherwise the load is refused (`store.not_found.*`).
    public var mayCreateDataset = false
    public var mayCreateOrganisation = false
    public var source: SourceFileInfo
    public var columns: [ColumnSchema]
    public var warnings: [Notice]
    /// What commits in the same transaction as the revision.
    public var epilogue = LoadEpilogue()
    /// Phase timings on stderr (the ingest request's `trace`).
    public var trace = false

    public init(datasetSlug: String, datasetTitle: String, organisationSlug: String,
                organisationName: String, source: SourceFileInfo, columns: [ColumnSchema], warnings: [Notice]) {
        self.datasetSlug = datasetSlug
        self.datasetTitle = datasetTitle
        self.organisationSlug = organisationSlug
        self.organisationName = organisationName
        self.source = source
        self.columns = columns
        self.warnings = warnings
    }
}

/// What a load writes in the same transaction as its revision, once the rows are in (issue 10, finding 6):
/// the revision, its documents (the privacy scan, a lineage), its audit entry and its job's final state are
/// one unit — a `kill -9` at any point leaves either all of them or none.
public struct LoadEpilogue: Sendable {
    /// Documents of the dataset to write, given the new revision.
    public var documents: (@Sendable (Revision) throws -> [DocumentDraft])?
    /// The audit entries recording the load (and what it was for: an anonymisation…), in order.
    public var audit: (@Sendable (Revision) -> [AuditEvent])?
    /// The job that ran the load, marked succeeded with this result.
    public var job: (id: Int64, result: @Sendable (Revision) -> String)?
    /// The revision's subject index (keyed hashes of the identifiers in its personal columns), built from the
    /// rows just written; nil when nothing in the revision identifies a person.
    public var subjectIndex: (@Sendable (Revision) -> SubjectIndexPlan?)?

    public init(documents: (@Sendable (Revision) throws -> [DocumentDraft])? = nil,
                audit: (@Sendable (Revision) -> [AuditEvent])? = nil,
                job: (id: Int64, result: @Sendable (Revision) -> String)? = nil,
                subjectIndex: (@Sendable (Revision) -> SubjectIndexPlan?)? = nil) {
        self.documents = documents
        self.audit = audit
        self.job = job
        self.subjectIndex = subjectIndex
    }
}

/// One dataset document to write (kind, key, JSON body).
public struct DocumentDraft: Sendable, Equatable {
    public var kind: String
    public var key: String
    public var body: String
    public init(kind: String, key: String, body: String) {
        self.kind = kind
        self.key = key
        self.body = body
    }
}

/// The storage of Socle: metadata and revision tables. Implemented by SQLite (GRDB) and
/// PostgreSQL (PostgresNIO); every implementation passes the same conformance suite.
public protocol SocleStore: AccountStore, MetadataStore, JobStore, AuditStore, QueryStore, DocumentStore, RegisterStore,
    RegisterFileStore, SubjectIndexStore, RowPurgeStore, NotificationStore, Sendable {
    /// Short backend name: "sqlite" or "postgres".
    var backend: String { get }

    func organisations() async throws -> [Organisation]
    func organisation(slug: String) async throws -> Organisation?
    /// Creates an organisation; `conflict` when the slug exists.
    func createOrganisation(slug: String, name: String) async throws -> Organisation

    func datasets() async throws -> [Dataset]
    func dataset(slug: String) async throws -> Dataset?
    func revisions(datasetId: Int64) async throws -> [Revision]
    func revision(datasetId: Int64, number: Int) async throws -> Revision?

    /// Creates the revision table, drains `source` into it, builds its indexes, records the revision
    /// and makes it current — all or nothing. The dataset (and its organisation) are created in the
    /// same transaction when missing. If anything throws, or the process dies, no table and no
    /// revision remain and the previous revision stays current.
    func loadRevision<S: BatchSource>(_ draft: RevisionDraft, source: S) async throws -> Revision

    /// Names of the revision tables that physically exist (for integrity checks and tests).
    func revisionTables() async throws -> [String]

    /// Releases connections; the store is unusable afterwards.
    func close() async throws
}

extension SocleStore {
}

/// Shared helpers for store implementations.
public enum StoreSupport {
    /// The physical table of a revision. Ids are integers, so the name is always a safe identifier.
    public static func tableName(datasetId: Int64, number: Int) -> String {
        "rev_\(datasetId)_\(number)"
    }

    /// Double-quotes an identifier; names come from `HeaderCleaner` but are quoted anyway.
    public static func quote(_ identifier: String) -> String {
        identifier.sqlQuotedIdentifier
    }

    /// Columns indexed right after a load: the code columns (identifiers such as INSEE codes, SIRET,
    /// counter ids), which are the keys users filter and look up by. Each index costs about half a
    /// second per million rows on this hardware, so date and geographic indexes are left to the query
    /// engine, which knows which queries are actually run.
    public static func indexedColumns(_ layout: TableLayout) -> [[String]] {
        layout.columns.compactMap { c in c.logical == .code ? [c.name] : nil }
    }

    public static let jsonEncoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    public static func encodeJSON<T: Encodable>(_ value: T) -> String {
        (try? String(decoding: jsonEncoder.encode(value), as: UTF8.self)) ?? "null"
    }

    public static func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// Converts a stored value back to its logical type for output.
    public static func cell(logical: ColumnType, integer: Int64) -> CellValue {
        logical == .boolean ? .bool(integer != 0) : .integer(integer)
    }

    /// ISO 8601 timestamps for metadata in SQLite.
    public static func isoString(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    public static func parseISO(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}

/// Errors of the storage layer, located by object.
public enum StoreError {
    public static func notFound(_ what: String, _ slug: String) -> SocleError { SocleError.notFound(what, slug) }
    public static func conflict(_ what: String, _ slug: String) -> SocleError { SocleError.conflict(what, slug) }
}
