import Foundation
import SocleCore

/// One keyed hash of a row's identifier, and the column (its position in the revision's columns) it came from.
public struct SubjectKey: Sendable, Equatable {
    public var key: Int64
    public var column: Int32
    public init(key: Int64, column: Int32) {
        self.key = key
        self.column = column
    }
}

/// How a revision's rows become subject-index entries (issue 12, item 3): which columns to read, and the keys of
/// one row from their values. The hashing and normalising live in the action layer; the store only reads values,
/// calls `keys` and writes `(key, row, column)` entries — never the values.
public struct SubjectIndexPlan: Sendable {
    /// Columns read from the revision table, in order, as text.
    public var columns: [String]
    /// Appends the keys of one row (the values of `columns`, nil for NULL) to the keys; the last argument is a
    /// scratch buffer the caller reuses from row to row.
    public var keys: @Sendable ([String?], inout [SubjectKey], inout [UInt8]) -> Void
    /// Identifies the plan (columns, identifier kinds, key): a revision indexed under another signature is stale.
    public var signature: String

    public init(columns: [String], signature: String, keys: @escaping @Sendable ([String?], inout [SubjectKey], inout [UInt8]) -> Void) {
        self.columns = columns
        self.signature = signature
        self.keys = keys
    }
}

/// A revision's subject index as recorded: which revision, under which plan.
public struct SubjectIndexState: Sendable, Equatable, Hashable {
    public var datasetId: Int64
    public var revision: Int
    public var signature: String
    public init(datasetId: Int64, revision: Int, signature: String) {
        self.datasetId = datasetId
        self.revision = revision
        self.signature = signature
    }
}

/// An index entry matching a searched key: a row of a revision (`column` is -1: the index does not keep it; the
/// search learns it by hashing the row's values again).
public struct SubjectHit: Sendable, Equatable, Hashable {
    public var datasetId: Int64
    public var revision: Int
    public var row: Int64
    public var column: Int
    public init(datasetId: Int64, revision: Int, row: Int64, column: Int) {
        self.datasetId = datasetId
        self.revision = revision
        self.row = row
        self.column = column
    }
}

/// One row read back for a subject: its `_row` and its cells in the revision's column order.
public struct StoredRow: Sendable, Equatable {
    public var row: Int64
    public var cells: [CellValue]
    public init(row: Int64, cells: [CellValue]) {
        self.row = row
        self.cells = cells
    }
}

/// Rows to remove for good from datasets, in one transaction (issue 12: erasure). Per dataset: the rows of each
/// revision (row numbers are kept across the revisions an erasure makes), and, when its current revision holds
/// some, the new revision that replaces it without them.
public struct RowErasure: Sendable {
    public struct Target: Sendable {
        public var datasetId: Int64
        /// Revision number → the `_row`s to remove from that revision's table.
        public var rows: [Int: [Int64]]
        /// The new current revision (made when the current one loses rows): its source description, the documents
        /// it carries (the privacy scan, copied) and its subject-index plan.
        public var newRevision: NewRevision?
        /// Values of the removed rows, as JSON string literals (`"jeanne@exemple.fr"`), to blank wherever the
        /// dataset's metadata quotes them: the type evidence's samples and counter-examples in every revision's
        /// columns, its warnings, its documents, its jobs' results and errors.
        public var scrub: [String]
        public var datasetSlug: String
        /// The current revision when the rows were found: if a load made another one since, the erasure is refused
        /// (`subject.dataset_changed`) rather than leave the person in the new revision.
        public var expectedCurrent: Int?
        /// Rectification instead of erasure when not empty: the rows stay and these columns take these values, in
        /// every listed revision that has the column (the new current revision is then a copy of every row,
        /// corrected). The index of a corrected revision is rebuilt (the new one at once, older ones at the next search).
        public var corrections: [String: CellValue]
        public init(datasetId: Int64, datasetSlug: String, rows: [Int: [Int64]], newRevision: NewRevision?, scrub: [String],
                    expectedCurrent: Int?, corrections: [String: CellValue] = [:]) {
            self.expectedCurrent = expectedCurrent
            self.corrections = corrections
            self.datasetId = datasetId
            self.datasetSlug = datasetSlug
            self.rows = rows
            self.newRevision = newRevision
            self.scrub = scrub
        }
    }

    public struct NewRevision: Sendable {
        public var source: SourceFileInfo
        public var documents: @Sendable (Revision) -> [DocumentDraft]
        public var plan: SubjectIndexPlan?
        public init(source: SourceFileInfo, plan: SubjectIndexPlan?, documents: @escaping @Sendable (Revision) -> [DocumentDraft]) {
            self.source = source
            self.plan = plan
            self.documents = documents
        }
    }

    public var targets: [Target]
    /// Appended in the same transaction, after the rows are gone.
    public var audit: [AuditEvent]
    /// Register records rewritten in the same transaction (the request the erasure answers, its identifiers masked):
    /// record id → new body.
    public var records: [Int64: String]
    public init(targets: [Target], audit: [AuditEvent], records: [Int64: String] = [:]) {
        self.targets = targets
        self.audit = audit
        self.records = records
    }
}

/// What an erasure changed: the revisions it made, and the tables it rewrote (to be compacted).
public struct RowErasureResult: Sendable {
    public var newRevisions: [Revision]
    public var tables: [String]
    public var rowsRemoved: Int
    /// Rows rewritten by a rectification, counted once per revision.
    public var rowsCorrected = 0
    public init(newRevisions: [Revision], tables: [String], rowsRemoved: Int) {
        self.newRevisions = newRevisions
        self.tables = tables
        self.rowsRemoved = rowsRemoved
    }
}

/// The subject index (keyed hashes of normalised identifiers, one table per revision beside the revision's own)
/// and the erasure of rows from every revision. Both backends; the conformance suite runs both.
public protocol SubjectIndexStore: Sendable {
    /// (Re)builds the index of one revision under `plan`, in its own transaction.
    func indexSubjects(revision: Revision, plan: SubjectIndexPlan) async throws
    /// Every indexed revision with its plan's signature.
    func subjectIndexStates() async throws -> [SubjectIndexState]
    /// The entries of every indexed revision whose key is one of `keys`.
    func lookupSubjects(keys: [Int64]) async throws -> [SubjectHit]
    /// Rows of a revision by `_row` (every column, as stored), in `_row` order; unknown rows are skipped.
    func storedRows(of revision: Revision, ids: [Int64]) async throws -> [StoredRow]
    /// Rows of a revision whose text column `column` holds one of `values` exactly (a pseudonymised derivative's
    /// keyed hashes), in `_row` order; none when the revision has no such column.
    func storedRows(of revision: Revision, column: String, values: [String]) async throws -> [StoredRow]
    /// Removes (or, for targets with corrections, rectifies) the rows, makes the new revisions and appends the
    /// audit, all or nothing.
    func eraseRows(_ erasure: RowErasure) async throws -> RowErasureResult
    /// Makes removed values unrecoverable from the database files: SQLite zeroes freed content as it deletes
    /// (`secure_delete`) and this truncates the write-ahead log; PostgreSQL vacuums the tables. Idempotent: run
    /// again after a crash between the commit and the compaction.
    func compactErased(tables: [String]) async throws
}

extension StoreSupport {
    /// What replaces an erased value quoted in metadata.
    public static let erasedLiteral = "\"[effacé]\""

    /// The subject-index table of a revision table (`rev_3_2` → `subj_3_2`).
    public static func subjectTable(datasetId: Int64, number: Int) -> String {
        "subj_\(datasetId)_\(number)"
    }

    /// Hits sorted by dataset, revision, row and column (both backends answer in this order).
    public static func sorted(_ hits: Set<SubjectHit>) -> [SubjectHit] {
        hits.sorted { ($0.datasetId, $0.revision, $0.row, $0.column) < ($1.datasetId, $1.revision, $1.row, $1.column) }
    }

    /// `SELECT _row, <every column> FROM <revision table> WHERE <rows>`, the rows' condition given by the dialect.
    public static func storedRowsSQL(_ revision: Revision, rowsCondition: String) -> String {
        let names = revision.layout.columns.map { quote($0.name) }
        return "SELECT _row\(names.isEmpty ? "" : ", " + names.joined(separator: ", ")) FROM \(quote(revision.tableName))"
            + " WHERE \(rowsCondition) ORDER BY _row"
    }

    /// The assignments of a rectification that apply to a revision, by column name: the columns it has, stored the
    /// way the value is (an older revision may have typed the column otherwise: it keeps its value then).
    public static func corrections(_ all: [String: CellValue], in revision: Revision) -> [(column: String, value: CellValue)] {
        let storage = Dictionary(revision.columns.map { ($0.name, $0.type.storage) }, uniquingKeysWith: { a, _ in a })
        return all.filter { name, value in
            guard let s = storage[name] else { return false }
            switch value {
            case .null: return true
            case .bool, .integer: return s == .integer
            case .number: return s == .real
            case .text: return s == .text
            }
        }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The document kind recording a revision's index signature (key: the revision number).
    public static let subjectIndexDocument = "subject-index"
}
