import Foundation
import SocleCore
import SocleQuery

/// How long a query may run and how many rows it may return before it is cut.
public struct QueryBudget: Sendable, Equatable {
    public var timeLimit: Duration
    public var maxRows: Int
    public init(timeLimit: Duration, maxRows: Int) {
        self.timeLimit = timeLimit
        self.maxRows = maxRows
    }

    /// Records, facets and counts: answers a person or an app waits for.
    public static let interactive = QueryBudget(timeLimit: .seconds(10), maxRows: QueryLimits.maxLimit)
    /// Exports: whole datasets streamed to a client, which may be slow to read them.
    public static let export = QueryBudget(timeLimit: .seconds(3_600), maxRows: 50_000_000)
}

/// What a streamed query did: how many rows it delivered and whether the row cap cut it.
public struct QueryOutcome: Sendable, Equatable {
    public var rows: Int
    public var truncated: Bool
    public init(rows: Int, truncated: Bool) {
        self.rows = rows
        self.truncated = truncated
    }
}

/// Runs compiled read queries. Only SQL produced by `QueryCompiler` (or by the SQL endpoint's
/// checked SELECT) reaches it, always with its binds.
public protocol QueryStore: Sendable {
    /// How this backend writes SQL: the one thing callers may vary on, rather than comparing backend names.
    var dialect: SQLDialect { get }

    /// Streams the rows of `query` in chunks of about a thousand, calling `consume` for each chunk before
    /// the next is read, so memory stays flat whatever the result size. `types` gives the logical type of
    /// each output column when known (booleans and integers share storage); nil decodes by storage.
    /// Throws `query.timeout` when the time limit passes; stops after `budget.maxRows` rows.
    func stream(_ query: CompiledQuery, types: [ColumnType?], budget: QueryBudget,
                consume: @escaping @Sendable ([[CellValue]]) async throws -> Void) async throws -> QueryOutcome

    /// Runs one statement written by a user (the SQL endpoint, already checked and rewritten by
    /// `SQLGuard`) on a read-only connection that may read only the granted columns of the granted
    /// tables, under the budget and `SQLEndpointLimits`. The backend enforces the grant again on its own,
    /// column by column: SQLite through an authorizer, PostgreSQL through a read-only transaction and
    /// the verbose plan's relations and column references. Engine messages are scrubbed of storage names.
    func readOnlySQL(_ sql: String, grant: SQLReadGrant, budget: QueryBudget) async throws -> SQLResult

    /// Builds, if missing, an index on a revision table's columns (names from its schema, or `_row`).
    /// Revision tables never change, so an index is built once and serves every later query.
    func ensureIndex(table: String, columns: [String]) async throws

    /// All rows of a small query (a page of records, facets, a count), under the budget.
    func rows(_ query: CompiledQuery, types: [ColumnType?], budget: QueryBudget) async throws -> (rows: [[CellValue]], truncated: Bool)

    /// A short text that changes whenever what a public reader may see of a dataset changes: its revision
    /// pointers, its metadata, its privacy documents (scans, reviews, lineage). nil for an unknown slug.
    /// Lets the read path reuse a public grant with one cheap query instead of recomputing it.
    func readFingerprint(slug: String) async throws -> String?
}

extension QueryStore {
    /// All rows of a small query under the interactive budget.
    public func rows(_ query: CompiledQuery, types: [ColumnType?]) async throws -> (rows: [[CellValue]], truncated: Bool) {
        try await rows(query, types: types, budget: .interactive)
    }

    /// Gathers a streamed query (for stores without a faster path).
    public func collect(_ query: CompiledQuery, types: [ColumnType?], budget: QueryBudget) async throws -> (rows: [[CellValue]], truncated: Bool) {
        let sink = RowSink()
        let outcome = try await stream(query, types: types, budget: budget) { chunk in await sink.append(chunk) }
        return (await sink.rows, outcome.truncated)
    }
}

extension StoreSupport {
    /// The name of an advised index: the table and a short digest of its columns (always a safe identifier).
    public static func advisedIndexName(table: String, columns: [String]) -> String {
        var h: UInt64 = 1469598103934665603
        for b in columns.joined(separator: ",").utf8 { h = (h ^ UInt64(b)) &* 1099511628211 }
        return "ix_\(table)_" + String(h, radix: 36)
    }

    public static func createIndexSQL(table: String, columns: [String]) -> String {
        let list = columns.map { $0 == "_row" ? "_row" : quote($0) }.joined(separator: ", ")
        return "CREATE INDEX IF NOT EXISTS \(quote(advisedIndexName(table: table, columns: columns))) ON \(quote(table)) (\(list))"
    }
}

/// Collects streamed chunks for `QueryStore.rows`.
actor RowSink {
    var rows: [[CellValue]] = []
    func append(_ chunk: [[CellValue]]) { rows.append(contentsOf: chunk) }
}

/// The answer of the SQL endpoint.
/// Bounds on what one statement of the SQL endpoint may cost, whatever it computes.
public enum SQLEndpointLimits {
    /// Largest text or blob value the engine may build (`SQLITE_LIMIT_LENGTH`; checked per cell on PostgreSQL).
    public static let maxValueBytes = 1_000_000
    /// Largest response: rows stop (and the result says truncated) once the cells read reach it.
    public static let maxResponseBytes = 16 << 20
    /// Memory PostgreSQL may use per sort or hash of the statement.
    public static let postgresWorkMem = "16MB"
}

public struct SQLResult: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[CellValue]]
    public var truncated: Bool
    public init(columns: [String], rows: [[CellValue]], truncated: Bool) {
        self.columns = columns
        self.rows = rows
        self.truncated = truncated
    }
}

/// A small JSON document attached to a dataset (privacy scans per revision, column reviews, lineage).
public struct StoredDocument: Sendable, Equatable {
    public var key: String
    public var body: String
    public var updatedAt: Date
    public init(key: String, body: String, updatedAt: Date) {
        self.key = key
        self.body = body
        self.updatedAt = updatedAt
    }
}

/// Documents kept beside a dataset, by kind and key; the typed meaning lives in SocleActions.
public protocol DocumentStore: Sendable {
    func putDocument(datasetId: Int64, kind: String, key: String, body: String) async throws
    func document(datasetId: Int64, kind: String, key: String) async throws -> String?
    func documents(datasetId: Int64, kind: String) async throws -> [StoredDocument]
}

/// The messages of the read path's own limits.
public enum QueryErrors {
    public static func timeout(_ budget: QueryBudget) -> SocleError {
        let seconds = budget.timeLimit.components.seconds
        return SocleError(.invalidInput, code: "query.timeout", args: ["seconds": String(seconds)])
    }
}
