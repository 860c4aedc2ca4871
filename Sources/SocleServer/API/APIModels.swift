import Foundation
import SocleActions
import SocleCore

// The JSON the API answers with (snake_case keys through `JSONOutput`). Documented in
// docs/api/openapi.json, built by `OpenAPIDocument`.

/// A column of a revision, with its semantic format when it has one (`semantic_format`, `unit`,
/// and `description`, the format's French name).
struct ColumnJSON: Encodable {
    var name: String
    var label: String
    var type: ColumnType
    var semanticFormat: String?
    var unit: String?
    var description: String?

    init(_ c: ColumnSchema) {
        name = c.name
        label = c.label
        type = c.type
        semanticFormat = c.format.semanticFormat?.rawValue
        unit = c.format.unit
        description = c.format.semanticDescription(.french)
    }
}

/// One revision: the file it came from, its rows and columns, and what changed since the previous one.
struct RevisionJSON: Encodable {
    var number: Int
    var createdAt: Date
    var rows: Int64
    var file: String
    var size: Int64
    var sha256: String
    var format: String
    var encoding: String?
    var delimiter: String?
    var columns: [ColumnJSON]
    var warnings: [String]
    var change: RevisionChange?

    init(_ r: Revision, previous: Revision? = nil, withChange: Bool = false, language: Language) {
        number = r.number
        createdAt = r.createdAt
        rows = r.rowCount
        file = r.source.fileName
        size = r.source.size
        sha256 = r.source.sha256
        format = r.source.format
        encoding = r.source.encoding
        delimiter = r.source.delimiter
        columns = r.columns.map(ColumnJSON.init)
        warnings = r.warnings.map { $0.message(language) }
        change = withChange ? RevisionChange(from: previous, to: r) : nil
    }

    /// What a reader outside the organisation sees: no hidden column (not even its name), no load
    /// warnings (they may quote values).
    func publicView(hidden: Set<String>) -> RevisionJSON {
        var r = self
        r.columns = columns.filter { !hidden.contains($0.name) }
        r.warnings = []
        if var c = r.change {
            c.added = c.added.filter { !hidden.contains($0) }
            c.removed = c.removed.filter { !hidden.contains($0) }
            c.retyped = c.retyped.filter { line in !hidden.contains(String(line.prefix { $0 != ":" })) }
            r.change = c
        }
        return r
    }
}

/// A dataset with its metadata and the revision the reader sees.
struct DatasetJSON: Encodable {
    var slug: String
    var title: String
    var organisation: String
    var organisationName: String
    var status: DatasetStatus
    var metadata: DatasetMetadata
    var ownerService: String?
    var currentRevision: RevisionJSON?
    var publishedRevision: Int?
    var links: [String: String]
}

/// A dataset in a listing.
struct DatasetListItemJSON: Encodable {
    var slug: String
    var title: String
    var organisation: String
    var status: DatasetStatus
    var licence: Licence
    var accessLevel: AccessLevel
    var classification: Classification?
    var revision: Int?
    var rows: Int64?
}

struct DatasetListJSON: Encodable {
    var totalCount: Int
    var limit: Int
    var offset: Int
    var datasets: [DatasetListItemJSON]
    var facets: [String: [FacetCountJSON]]
}

struct FacetCountJSON: Encodable {
    var value: String
    var label: String?
    var count: Int
}

struct RevisionListJSON: Encodable {
    var dataset: String
    var current: Int?
    var published: Int?
    /// Newest first.
    var revisions: [RevisionJSON]
}

/// A page of rows, cells in the order of `columns`.
struct RowsJSON: Encodable {
    var dataset: String
    var revision: Int
    var total: Int64
    var limit: Int
    var offset: Int
    var columns: [ColumnJSON]
    var rows: [[CellValue]]
}

/// A background job as `GET /api/v1/jobs/{id}` shows it.
struct JobJSON: Encodable {
    var id: Int64
    var status: JobStatus
    var progress: Double
    var rows: Int64
    /// The failure in the reader's language, located (file, line, column) when the reader knew where.
    var error: String?
    var errorCode: String?
    var errorLocation: SourceLocation?
    var dataset: String?
    var revision: Int?
    var fileName: String?
    var createdAt: Date
    var startedAt: Date?
    var finishedAt: Date?

    init(_ job: Job, language: Language) {
        id = job.id
        status = job.status
        progress = job.status == .succeeded ? 1 : min(1, max(0, job.progress))
        rows = job.rows
        error = job.error?.message(language)
        errorCode = job.error?.code
        errorLocation = job.error?.location
        dataset = job.datasetSlug
        revision = Self.revision(job)
        fileName = job.uploadFileName
        createdAt = job.createdAt
        startedAt = job.startedAt
        finishedAt = job.finishedAt
    }

    /// The revision a succeeded ingest job created (its result is the ingest report).
    static func revision(_ job: Job) -> Int? { job.createdRevision }
}

struct JobAcceptedJSON: Encodable {
    var job: Int64
    var status: JobStatus
    var dataset: String
    var links: [String: String]
}

struct SlugJSON: Encodable {
    var slug: String
}

struct PublicationJSON: Encodable {
    var slug: String
    var status: DatasetStatus
    var publishedRevision: Int?
}

/// An audit entry; `details` decoded from its canonical JSON.
struct AuditEntryJSON: Encodable {
    var seq: Int64
    var at: Date
    var actor: String
    var action: String
    var objectType: String
    var objectId: String
    var details: [String: String]
    var hash: String
    var prevHash: String

    init(_ e: AuditEntry) {
        seq = e.seq
        at = e.at
        actor = e.actor
        action = e.action
        objectType = e.objectType
        objectId = e.objectId
        details = (try? JSONDecoder().decode([String: String].self, from: Data(e.details.utf8))) ?? [:]
        hash = e.hash
        prevHash = e.prevHash
    }
}

struct AuditListJSON: Encodable {
    var entries: [AuditEntryJSON]
    /// Pass as `after` to read the next page; nil at the end.
    var next: Int64?
}

struct InventoryJSON: Encodable {
    var coverage: [InventoryActions.Coverage]
}

struct ImportedJSON: Encodable {
    var organisation: String
    var declared: [String]
}
