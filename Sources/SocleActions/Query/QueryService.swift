import Foundation
import SocleCore
import SocleQuery
import SocleStore

/// A page of records as every API returns it, before each API shapes it.
public struct RecordsPage: Sendable {
    public var totalCount: Int64
    /// Output columns in order; `_row` (the record id) first for ungrouped queries.
    public var columns: [String]
    public var rows: [[CellValue]]
    public var next: String?
    /// What the query does, in words (English; for logs and the docs page).
    public var description: String
    /// The limit asked for was above the cap and was lowered.
    public var limitCapped: Bool
    public var limit: Int
    public var offset: Int
}

/// One facet: counts per value of a column over the selected rows.
public struct FacetResult: Sendable, Encodable {
    public struct Value: Sendable, Encodable {
        public var value: CellValue
        public var count: Int64
    }
    public var name: String
    public var values: [Value]
}

/// Runs reuser queries through the read policy: compile against the columns the grant shows, execute
/// under the budget, count once per revision and query.
public final class QueryService: Sendable {
    let store: any SocleStore
    let counts = CountCache(capacity: 10_000)
    let advisor = IndexAdvice()
    let sqlGate = SQLGate()

    public init(store: any SocleStore) { self.store = store }

    public var dialect: SQLDialect { store.dialect }

    func compiler(_ grant: ReadGrant) -> QueryCompiler {
        QueryCompiler(table: grant.revision.tableName, schema: grant.columns)
    }

    /// Output types the decoder needs: booleans (stored as integers) by name; the rest decoded by storage.
    func types(_ columns: [String], _ grant: ReadGrant) -> [ColumnType?] {
        let byName = Dictionary(grant.columns.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
        return columns.map { $0 == "_row" ? .integer : (byName[$0] == .boolean ? .boolean : nil) }
    }

    /// A page of records (or groups) with the total count.
    public func records(_ grant: ReadGrant, _ request: RecordsRequest, includeTotal: Bool = true) async throws -> RecordsPage {
        let compiled = try compiler(grant).compile(request, dialect: dialect)
        advise(compiled, grant)
        let (rows, _) = try await store.rows(compiled.query, types: types(compiled.columns, grant))
        let total = includeTotal ? try await count(grant, compiled, request) : -1
        var next: String?
        if rows.count == compiled.limit, let last = rows.last, case .integer(let id)? = last.first {
            let sortValue = compiled.cursorSortColumn.flatMap { name in compiled.columns.firstIndex(of: name) }.map { Self.bind(last[$0]) }
            next = compiled.nextCursor(lastRow: id, sortValue: sortValue)
        }
        return RecordsPage(totalCount: total, columns: compiled.columns, rows: rows, next: next,
                           description: compiled.query.description, limitCapped: compiled.limitCapped,
                           limit: compiled.limit, offset: compiled.offset)
    }

    /// How many rows (or groups) match: the revision's stored count when unfiltered, else computed
    /// once per revision and query (revisions never change).
    func count(_ grant: ReadGrant, _ compiled: CompiledRecords, _ request: RecordsRequest) async throws -> Int64 {
        let unfiltered = (request.filter ?? "").allSatisfy(\.isWhitespace) && request.refine.isEmpty && request.exclude.isEmpty
        let grouped = !(request.groupBy ?? "").allSatisfy(\.isWhitespace) || !compiled.columns.contains("_row")
        if unfiltered && !grouped { return grant.revision.rowCount }
        // A revision rewritten in place (retention, erasure) keeps its table: its content version is in the key.
        let key = grant.revision.contentVersion + "\u{1F}" + compiled.count.sql + "\u{1F}" + compiled.count.binds.map { "\($0)" }.joined(separator: "\u{1F}")
        if let n = await counts.get(key) { return n }
        let (rows, _) = try await store.rows(compiled.count, types: [nil])
        var n: Int64 = 1
        if case .integer(let v)? = rows.first?.first { n = v }
        await counts.put(key, n)
        return n
    }

    /// One record by its id, with the columns the grant shows.
    public func record(_ grant: ReadGrant, id: Int64) async throws -> [(String, CellValue)]? {
        let names = ["_row"] + grant.columns.map(\.name)
        let (rows, _) = try await store.rows(compiler(grant).compileRecord(id: id, dialect: dialect),
                                             types: [.integer] + grant.columns.map(\.type))
        guard let row = rows.first else { return nil }
        return Array(zip(names, row))
    }

    /// Counts per value for the given fields (default: the columns people filter by).
    public func facets(_ grant: ReadGrant, _ request: RecordsRequest, fields: [String]) async throws -> [FacetResult] {
        let names = fields.isEmpty ? Self.defaultFacets(grant.columns) : fields
        var out: [FacetResult] = []
        for name in names.prefix(20) {
            let q = try compiler(grant).compileFacet(name, request: request, dialect: dialect)
            let col = grant.columns.first { $0.name == name }
            let (rows, _) = try await store.rows(q, types: [col?.type == .boolean ? .boolean : nil, .integer])
            out.append(FacetResult(name: name, values: rows.compactMap { r in
                guard r.count == 2, case .integer(let n) = r[1] else { return nil }
                return FacetResult.Value(value: r[0], count: n)
            }))
        }
        return out
    }

    static func defaultFacets(_ columns: [ColumnSchema]) -> [String] {
        Array(columns.filter { [.code, .boolean, .date, .datetime].contains($0.type) }.map(\.name).prefix(10))
    }

    /// Streams every matching row (no page limit; the export budget's row cap applies).
    public func export(_ grant: ReadGrant, _ request: RecordsRequest,
                       consume: @escaping @Sendable ([[CellValue]]) async throws -> Void) async throws -> (columns: [String], outcome: QueryOutcome) {
        var r = request
        r.limit = QueryBudget.export.maxRows
        r.cursor = nil
        let compiled = try compiler(grant).compile(r, dialect: dialect, maxLimit: QueryBudget.export.maxRows, withRowId: false)
        advise(compiled, grant)
        let outcome = try await store.stream(compiled.query, types: types(compiled.columns, grant), budget: .export, consume: consume)
        return (compiled.columns, outcome)
    }

    /// The compiled export's output columns, before any row is read (for headers).
    public func exportColumns(_ grant: ReadGrant, _ request: RecordsRequest) throws -> [String] {
        var r = request
        r.limit = 1
        r.cursor = nil
        return try compiler(grant).compile(r, dialect: dialect, withRowId: false).columns
    }

    /// Counts the filters real queries use and, past a threshold, builds the index that serves them in
    /// the background (the query itself never waits for it).
    func advise(_ compiled: CompiledRecords, _ grant: ReadGrant) {
        guard var columns = compiled.indexHint else { return }
        // In SQLite every index already ends with the rowid, which is `_row`.
        if dialect == .sqlite, columns.last == "_row" { columns.removeLast() }
        if columns.count == 1, grant.columns.first(where: { $0.name == columns[0] })?.type == .code { return }
        guard !columns.isEmpty else { return }
        let table = grant.revision.tableName
        let store = self.store
        Task.detached(priority: .utility) {
            guard await self.advisor.shouldBuild(table: table, columns: columns) else { return }
            do { try await store.ensureIndex(table: table, columns: columns) } catch { await self.advisor.failed(table: table, columns: columns) }
        }
    }

    /// The SQL endpoint (CKAN's `datastore_search_sql`): the statement is checked and rewritten by
    /// `SQLGuard` against the grants (datasets by slug, visible columns only), then run by the store on a
    /// read-only connection that enforces the same grant column by column. At most
    /// `SQLGate.maxConcurrent` statements run at once: beyond that the endpoint answers "busy" at once
    /// rather than letting heavy statements queue up and starve the ordinary API.
    public func sql(_ text: String, grants: [ReadGrant]) async throws -> SQLResult {
        let tables = grants.map {
            SQLGuard.Table(slug: $0.dataset.slug, physical: $0.revision.tableName, columns: $0.columns.map(\.name))
        }
        let checked = try SQLGuard(tables: tables, dialect: dialect).check(text)
        guard await sqlGate.enter() else {
            throw SocleError(.unavailable, code: "sql.busy", args: ["max": String(SQLGate.maxConcurrent)])
        }
        do {
            let result = try await store.readOnlySQL(checked.sql, grant: checked.grant, budget: .interactive)
            await sqlGate.leave()
            return result
        } catch {
            await sqlGate.leave()
            throw error
        }
    }

    static func bind(_ v: CellValue) -> SQLBind {
        switch v {
        case .null: return .null
        case .bool(let b): return .integer(b ? 1 : 0)
        case .integer(let i): return .integer(i)
        case .number(let d): return .real(d)
        case .text(let s): return .text(s)
        }
    }
}

/// How many SQL endpoint statements run at once.
actor SQLGate {
    static let maxConcurrent = 2
    var running = 0
    func enter() -> Bool {
        guard running < Self.maxConcurrent else { return false }
        running += 1
        return true
    }
    func leave() { running -= 1 }
}

/// Which advised indexes were asked for how often, and which are built: an index is built once a filter
/// shape has been seen `threshold` times, at most `perTable` per revision table.
actor IndexAdvice {
    static let threshold = 3
    static let perTable = 8
    var seen: [String: Int] = [:]
    var built: [String: Set<String>] = [:]

    func shouldBuild(table: String, columns: [String]) -> Bool {
        let key = columns.joined(separator: ",")
        if built[table]?.contains(key) == true { return false }
        let n = (seen[table + "|" + key] ?? 0) + 1
        seen[table + "|" + key] = n
        guard n >= Self.threshold, (built[table]?.count ?? 0) < Self.perTable else { return false }
        built[table, default: []].insert(key)
        return true
    }

    func failed(table: String, columns: [String]) {
        built[table]?.remove(columns.joined(separator: ","))
    }
}

/// Filtered counts per revision and query, least recently used dropped first.
actor CountCache {
    let capacity: Int
    var values: [String: (count: Int64, used: UInt64)] = [:]
    var clock: UInt64 = 0
    init(capacity: Int) { self.capacity = capacity }

    func get(_ key: String) -> Int64? {
        guard let v = values[key] else { return nil }
        clock += 1
        values[key] = (v.count, clock)
        return v.count
    }

    func put(_ key: String, _ count: Int64) {
        clock += 1
        if values.count >= capacity, let oldest = values.min(by: { $0.value.used < $1.value.used })?.key {
            values.removeValue(forKey: oldest)
        }
        values[key] = (count, clock)
    }
}
