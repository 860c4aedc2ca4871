import Crypto
import Foundation
import SocleCore
import SocleQuery

/// Which rows of one revision table a purge touches, rendered to SQL by the store (values always bound).
public indirect enum RowMatch: Sendable, Equatable {
    /// A date or datetime column (ISO text) whose value starts with a well-formed date before `day` (`YYYY-MM-DD`).
    case dateBefore(column: String, day: String)
    /// The column holds no well-formed date: null, empty or anything else.
    case undated(column: String)
    case notNull(column: String)
    case equals(column: String, value: SQLBind)
    /// Rows by their `_row` (a data-subject erasure names them).
    case rows([Int64])
    case all([RowMatch])
    case any([RowMatch])
    case not(RowMatch)

    /// The SQL condition; binds are appended to `binds` (PostgreSQL's placeholders count from there).
    public func render(_ dialect: SQLDialect, binds: inout [SQLBind]) -> String {
        func bind(_ v: SQLBind) -> String {
            binds.append(v)
            return dialect.placeholder(binds.count)
        }
        switch self {
        case .dateBefore(let column, let day):
            let c = dialect.quote(column)
            let value = bind(.text(day))
            return dialect == .sqlite
                ? "(\(Self.wellFormed(c, dialect)) AND substr(\(c), 1, 10) < \(value))"
                : "(\(Self.wellFormed(c, dialect)) AND substr(\(c), 1, 10) COLLATE \"C\" < \(value))"
        case .undated(let column):
            let c = dialect.quote(column)
            return "(\(c) IS NULL OR NOT \(Self.wellFormed(c, dialect)))"
        case .notNull(let column):
            return "(\(dialect.quote(column)) IS NOT NULL)"
        case .equals(let column, let value):
            return "(\(dialect.quote(column)) = \(bind(value)))"
        case .rows(let ids):
            if ids.isEmpty { return "(1 = 0)" }
            return "(_row IN (" + ids.map { bind(.integer($0)) }.joined(separator: ", ") + "))"
        case .all(let parts):
            if parts.isEmpty { return "(1 = 1)" }
            return "(" + parts.map { $0.render(dialect, binds: &binds) }.joined(separator: " AND ") + ")"
        case .any(let parts):
            if parts.isEmpty { return "(1 = 0)" }
            return "(" + parts.map { $0.render(dialect, binds: &binds) }.joined(separator: " OR ") + ")"
        case .not(let inner):
            return "(NOT " + inner.render(dialect, binds: &binds) + ")"
        }
    }

    /// Columns the condition reads (a revision without one of them is left alone).
    public var columns: Set<String> {
        switch self {
        case .dateBefore(let c, _), .undated(let c), .notNull(let c), .equals(let c, _): return [c]
        case .rows: return []
        case .all(let p), .any(let p): return p.reduce(into: Set<String>()) { $0.formUnion($1.columns) }
        case .not(let m): return m.columns
        }
    }

    static func wellFormed(_ quoted: String, _ dialect: SQLDialect) -> String {
        dialect == .sqlite
            ? "(\(quoted) GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*')"
            : "(\(quoted) ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]')"
    }
}

/// What happens to the matching rows.
public enum RowPurgeAction: Sendable, Equatable {
    /// The rows go.
    case delete
    /// The rows stay with these columns set to null (anonymisation); columns a revision lacks are skipped.
    case blank(columns: [String])
}

/// One row a purge removes (or blanks), as it was, handed to the caller inside the transaction.
public struct PurgedRow: Sendable {
    public var revision: Int
    public var row: Int64
    public var columns: [String]
    public var values: [CellValue]
    public init(revision: Int, row: Int64, columns: [String], values: [CellValue]) {
        self.revision = revision
        self.row = row
        self.columns = columns
        self.values = values
    }
}

/// A purge of one dataset's rows from every revision (GDPR retention, a data subject's erasure).
public struct RowPurgeRequest: Sendable {
    public var datasetId: Int64
    /// The rows to purge in each revision; nil leaves the revision untouched.
    public var match: @Sendable (Revision) -> RowMatch?
    public var action: RowPurgeAction
    /// Only count and hash (a dry run): nothing is written.
    public var dryRun: Bool
    /// When the current revision loses rows, a new revision (a copy of it without them) becomes current, so
    /// the change is visible in the history; older revisions are always rewritten in place.
    public var newRevision: Bool
    /// Added to the warnings of every revision rewritten in place and of the new one: it says what happened,
    /// and readers' caches keyed by revision see that the revision changed.
    public var notice: Notice?
    /// How many row numbers per table the result lists.
    public var sampleSize: Int
    /// Sees each purged row before it goes (an export to archives); throwing rolls everything back.
    public var visit: (@Sendable (PurgedRow) throws -> Void)?
    /// Documents and audit entries written in the same transaction, given the outcome.
    public var documents: (@Sendable (RowPurgeResult) throws -> [DocumentDraft])?
    public var audit: (@Sendable (RowPurgeResult) -> [AuditEvent])?

    public init(datasetId: Int64, action: RowPurgeAction = .delete, dryRun: Bool = false, newRevision: Bool = true,
                notice: Notice? = nil, sampleSize: Int = 5, match: @escaping @Sendable (Revision) -> RowMatch?) {
        self.datasetId = datasetId
        self.match = match
        self.action = action
        self.dryRun = dryRun
        self.newRevision = newRevision
        self.notice = notice
        self.sampleSize = sampleSize
    }
}

/// What a purge did (or would do) to each revision table, and the proof of what it removed.
public struct RowPurgeResult: Sendable, Equatable, Codable {
    public struct Table: Sendable, Equatable, Codable {
        public var revision: Int
        public var table: String
        /// Rows matched (removed, or blanked).
        public var matched: Int64
        /// The revision's stored row count before and after.
        public var rowsBefore: Int64
        public var rowsAfter: Int64
        /// The first matched row numbers, in order.
        public var sample: [Int64]
        public init(revision: Int, table: String, matched: Int64, rowsBefore: Int64, rowsAfter: Int64, sample: [Int64]) {
            self.revision = revision
            self.table = table
            self.matched = matched
            self.rowsBefore = rowsBefore
            self.rowsAfter = rowsAfter
            self.sample = sample
        }
    }
    public var datasetId: Int64
    public var dryRun: Bool
    /// Tables with at least one matched row, oldest revision first.
    public var tables: [Table]
    /// The revision made current by the purge, if one was made.
    public var newRevision: Int?
    /// SHA-256 (hex) over the purged rows' canonical content (`RowPurgeDigest`), in revision and row order.
    public var sha256: String
    public var matched: Int64 { tables.reduce(0) { $0 + $1.matched } }
    public var revisions: [Int] { tables.map(\.revision) }

    /// The document every real purge upserts for its dataset (kind `row-purge`, key empty): the last rewrite, and a change
    /// that readers' caches keyed on the dataset's documents (`QueryStore.readFingerprint`, the public grant cache) see
    /// whatever the caller writes.
    public static let documentKind = "row-purge"
    public var document: DocumentDraft {
        DocumentDraft(kind: Self.documentKind, key: "", body: StoreSupport.encodeJSON(self))
    }

    public init(datasetId: Int64, dryRun: Bool, tables: [Table], newRevision: Int?, sha256: String) {
        self.datasetId = datasetId
        self.dryRun = dryRun
        self.tables = tables
        self.newRevision = newRevision
        self.sha256 = sha256
    }
}

/// The proof of a purge: SHA-256 over one line per purged row, `[revision,row,value…]` as JSON (values in the
/// table's column order), rows in revision then row order. Both backends hash the same text.
public struct RowPurgeDigest {
    var hasher = SHA256()
    public init() {}

    public mutating func add(_ row: PurgedRow) {
        hasher.update(data: Data(Self.line(row).utf8))
    }

    public static func line(_ row: PurgedRow) -> String {
        "[" + ([String(row.revision), String(row.row)] + row.values.map(canonical)).joined(separator: ",") + "]\n"
    }

    public static func canonical(_ v: CellValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .number(let d): return d.isFinite ? "\(d)" : "null"
        case .text(let s): return JSONText.string(s)
        }
    }

    public func finish() -> String {
        hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

/// Removal of rows from every revision of a dataset, in one transaction.
public protocol RowPurgeStore: Sendable {
    /// For one dataset, purges the rows `request.match` selects in each revision table (deleted, or their columns
    /// blanked), updates each revision's stored row count, makes a new current revision when the current one
    /// changed, and writes the request's documents and audit entries — all in one transaction (a `kill -9`
    /// leaves all or nothing). Then the freed space is scrubbed (SQLite: `secure_delete` during the purge and a
    /// TRUNCATE checkpoint of the WAL after; PostgreSQL: VACUUM of the touched tables). A dry run only counts.
    func purgeRows(_ request: RowPurgeRequest) async throws -> RowPurgeResult
}

extension RowPurgeStore {
    /// The physical columns of a revision (user columns, then geo helpers) with their logical types.
    public static func purgeLayout(_ revision: Revision) -> [TableLayout.Column] {
        TableLayout(schema: revision.columns).columns
    }
}

extension RowPurgeRequest {
    /// The argument of the request's notice that dates the rewrite (`Revision.rewrittenAt`).
    public static let rewrittenArg = Revision.rewrittenArg

    /// A revision's warnings with the notice in place of an older one of the same code (one per kind of rewrite).
    public static func warnings(_ warnings: [Notice], _ notice: Notice?) -> [Notice] {
        guard let notice else { return warnings }
        return warnings.filter { $0.code != notice.code } + [notice]
    }

    /// A revision's columns with the inference's quotes of values removed (samples, counter-examples, the value a
    /// note cites): they were read from the file and may quote the purged rows (found by the raw-file test: the
    /// `revisions` row kept « ZEPHYRINE-QUOBRACK » in its column evidence). Counts stay; a deletion scrubs every
    /// column, a blanking only the blanked ones.
    public func scrubbed(_ columns: [ColumnSchema]) -> [ColumnSchema] {
        let only: Set<String>? = { if case .blank(let c) = action { return Set(c) } else { return nil } }()
        return columns.map { c in
            guard only?.contains(c.name) ?? true else { return c }
            var c = c
            c.evidence.samples = []
            c.evidence.counterExamples = []
            c.evidence.notes = c.evidence.notes.map { n in
                var n = n
                if n.args["value"] != nil { n.args["value"] = "…" }
                return n
            }
            return c
        }
    }

    /// The columns `action` blanks that exist in the revision.
    public func blanked(in revision: Revision) -> [String] {
        guard case .blank(let columns) = action else { return [] }
        let present = Set(revision.columns.map(\.name))
        return columns.filter { present.contains($0) }
    }

    /// The revision's match, or nil when it names a column the revision lacks (left alone: the rule does not apply).
    public func applicableMatch(_ revision: Revision) -> RowMatch? {
        guard let m = match(revision) else { return nil }
        let present = Set(revision.columns.map(\.name))
        guard m.columns.isSubset(of: present) else { return nil }
        if case .blank = action, blanked(in: revision).isEmpty { return nil }
        return m
    }
}


extension FaultPoint {
    /// Inside a purge's transaction, every table rewritten and the new revision made, before its documents, audit
    /// entry and commit: a `kill -9` here must leave the dataset as it was.
    public static let inRowPurge = "in-row-purge"
}
