import Foundation
import PostgresNIO
import SocleCore
import SocleQuery
import SocleStore

/// `QueryStore` and `DocumentStore` on PostgreSQL: compiled queries streamed from the server with the
/// driver's back-pressure, under `statement_timeout` in a read-only transaction.
extension PostgresStore {
    static let chunkSize = 4_096

    public func stream(_ query: CompiledQuery, types: [ColumnType?], budget: QueryBudget,
                       consume: @escaping @Sendable ([[CellValue]]) async throws -> Void) async throws -> QueryOutcome {
        do {
            return try await client.withConnection { conn in
                try await self.readOnly(conn, budget) {
                    let rows = try await conn.query(PostgresQuery(unsafeSQL: query.sql, binds: Self.bindings(query.binds)), logger: self.logger)
                    var chunk: [[CellValue]] = []
                    chunk.reserveCapacity(Self.chunkSize)
                    var count = 0
                    var truncated = false
                    for try await row in rows {
                        if count == budget.maxRows { truncated = true; break }
                        chunk.append(try Self.decode(row, types: types))
                        count += 1
                        if chunk.count == Self.chunkSize {
                            try await consume(chunk)
                            chunk.removeAll(keepingCapacity: true)
                        }
                    }
                    if !chunk.isEmpty { try await consume(chunk) }
                    return QueryOutcome(rows: count, truncated: truncated)
                }
            }
        } catch {
            throw Self.queryError(error, budget)
        }
    }

    /// A read-only transaction with the budget's statement timeout (both undone at its end).
    func readOnly<T>(_ conn: PostgresConnection, _ budget: QueryBudget, _ body: () async throws -> T) async throws -> T {
        let ms = Self.milliseconds(budget.timeLimit)
        try await conn.query("BEGIN READ ONLY", logger: logger)
        do {
            try await conn.query(PostgresQuery(unsafeSQL: "SET LOCAL statement_timeout = \(ms)"), logger: logger)
            let result = try await body()
            try await conn.query("COMMIT", logger: logger)
            return result
        } catch {
            _ = try? await conn.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    static func milliseconds(_ limit: Duration) -> Int64 {
        max(1, limit.components.seconds * 1_000 + limit.components.attoseconds / 1_000_000_000_000_000)
    }

    static func queryError(_ error: any Error, _ budget: QueryBudget) -> any Error {
        if let p = error as? PSQLError, p.serverInfo?[.sqlState] == "57014" { return QueryErrors.timeout(budget) }
        return mapped(error)
    }

    static func decode(_ row: PostgresRow, types: [ColumnType?]) throws -> [CellValue] {
        var out: [CellValue] = []
        var i = 0
        for value in row {
            if let t = i < types.count ? types[i] : nil {
                out.append(try cell(value, logical: t))
            } else {
                out.append(try dynamicCell(value))
            }
            i += 1
        }
        return out
    }

    /// Decodes a cell by its PostgreSQL type (aggregates, the SQL endpoint).
    static func dynamicCell(_ cell: PostgresCell) throws -> CellValue {
        switch cell.dataType {
        case .int2, .int4, .int8: return try cell.decode(Int64?.self).map(CellValue.integer) ?? .null
        case .float4, .float8: return try cell.decode(Double?.self).map(CellValue.number) ?? .null
        case .numeric:
            // Binary numerics are not text: decoding them as String yields their raw bytes.
            guard let d = try cell.decode(Decimal?.self) else { return .null }
            let s = NSDecimalNumber(decimal: d).stringValue
            if let i = Int64(s) { return .integer(i) }
            return Double(s).map(CellValue.number) ?? .text(s)
        case .date, .timestamp, .timestamptz:
            guard let date = try cell.decode(Date?.self) else { return .null }
            let iso = date.formatted(.iso8601)
            return .text(cell.dataType == .date ? String(iso.prefix(10)) : iso)
        case .bool: return try cell.decode(Bool?.self).map(CellValue.bool) ?? .null
        default:
            guard var bytes = cell.bytes else { return .null }
            if cell.format == .text || [.text, .varchar, .name, .bpchar].contains(cell.dataType) {
                return .text(bytes.readString(length: bytes.readableBytes) ?? "")
            }
            return try cell.decode(String?.self).map(CellValue.text) ?? .null
        }
    }

    public func readOnlySQL(_ sql: String, allowedTables: Set<String>, budget: QueryBudget) async throws -> SQLResult {
        do {
            return try await client.withConnection { conn in
                try await self.readOnly(conn, budget) {
                    // The plan names every relation the statement would touch; anything outside the
                    // allowed tables is refused before the statement runs.
                    var planText = ""
                    for try await row in try await conn.query(PostgresQuery(unsafeSQL: "EXPLAIN (FORMAT JSON) " + sql), logger: self.logger) {
                        planText += (try? row.decode(String.self)) ?? ""
                    }
                    let plan = (try? JSONSerialization.jsonObject(with: Data(planText.utf8))) ?? []
                    var relations = Set<String>()
                    Self.collectRelations(plan, into: &relations)
                    if let denied = relations.subtracting(allowedTables).sorted().first {
                        throw SocleError(.invalidInput, code: "sql.not_allowed", args: ["detail": denied])
                    }
                    let rows = try await conn.query(PostgresQuery(unsafeSQL: sql), logger: self.logger)
                    var columns: [String] = []
                    var out: [[CellValue]] = []
                    var truncated = false
                    for try await row in rows {
                        if columns.isEmpty { columns = row.map(\.columnName) }
                        if out.count == budget.maxRows { truncated = true; break }
                        out.append(try row.map(Self.dynamicCell))
                    }
                    return SQLResult(columns: columns, rows: out, truncated: truncated)
                }
            }
        } catch let e as SocleError {
            throw e
        } catch let p as PSQLError where p.serverInfo?[.sqlState] != "57014" && p.serverInfo?[.sqlState] != nil {
            throw SocleError(.invalidInput, code: "sql.failed", args: ["detail": p.serverInfo?[.message] ?? "?"])
        } catch {
            throw Self.queryError(error, budget)
        }
    }

    static func collectRelations(_ node: Any, into out: inout Set<String>) {
        if let d = node as? [String: Any] {
            if let r = d["Relation Name"] as? String { out.insert(r) }
            if let f = d["Function Name"] as? String { out.insert("function:" + f) }
            for v in d.values { collectRelations(v, into: &out) }
        } else if let a = node as? [Any] {
            for v in a { collectRelations(v, into: &out) }
        }
    }

    public func rows(_ query: CompiledQuery, types: [ColumnType?], budget: QueryBudget) async throws -> (rows: [[CellValue]], truncated: Bool) {
        // The reader connections already are read-only under the interactive limit.
        guard budget.timeLimit == QueryBudget.interactive.timeLimit else { return try await collect(query, types: types, budget: budget) }
        do {
            return try await reader.withConnection { conn in
                let rows = try await conn.query(PostgresQuery(unsafeSQL: query.sql, binds: Self.bindings(query.binds)), logger: self.logger)
                var out: [[CellValue]] = []
                for try await row in rows {
                    if out.count == budget.maxRows { return (out, true) }
                    out.append(try Self.decode(row, types: types))
                }
                return (out, false)
            }
        } catch {
            throw Self.queryError(error, budget)
        }
    }

    public func readFingerprint(slug: String) async throws -> String? {
        do { return try await fingerprint(slug: slug) } catch { throw Self.mapped(error) }
    }

    private func fingerprint(slug: String) async throws -> String? {
        try await reader.withConnection { conn in
            try await self.all(conn, """
                SELECT d.id, d.current_revision, d.published_revision, d.metadata_json || (SELECT name FROM organisations WHERE id = d.organisation_id) AS meta,
                       (SELECT count(*)::text || ':' || coalesce(max(updated_at)::text, '') || ':' || coalesce(sum(length(body)), 0)::text
                        FROM dataset_documents WHERE dataset_id = d.id)
                FROM datasets d WHERE d.slug = \(slug)
                """) { row in
                let (id, current, published, meta, docs) = try row.decode((Int64, Int32?, Int32?, String, String?).self)
                return "\(id)|\(current ?? -1)|\(published ?? -1)|\(docs ?? "")|\(meta)"
            }.first
        }
    }

    public func ensureIndex(table: String, columns: [String]) async throws {
        let sql = StoreSupport.createIndexSQL(table: table, columns: columns)
        try await connection { conn in _ = try await self.run(conn, PostgresQuery(unsafeSQL: sql)) }
    }

    public func putDocument(datasetId: Int64, kind: String, key: String, body: String) async throws {
        try await transaction { conn in
            if try await !self.exists(conn, "SELECT 1 FROM datasets WHERE id = \(datasetId)") {
                throw StoreError.notFound("dataset", String(datasetId))
            }
            try await self.run(conn, """
                INSERT INTO dataset_documents (dataset_id, kind, key, body, updated_at) VALUES (\(datasetId), \(kind), \(key), \(body), now())
                ON CONFLICT (dataset_id, kind, key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at
                """)
        }
    }

    public func document(datasetId: Int64, kind: String, key: String) async throws -> String? {
        try await connection { conn in
            try await self.all(conn, "SELECT body FROM dataset_documents WHERE dataset_id = \(datasetId) AND kind = \(kind) AND key = \(key)") {
                try $0.decode(String.self)
            }.first
        }
    }

    public func documents(datasetId: Int64, kind: String) async throws -> [StoredDocument] {
        try await connection { conn in
            try await self.all(conn, "SELECT key, body, updated_at FROM dataset_documents WHERE dataset_id = \(datasetId) AND kind = \(kind) ORDER BY key") {
                let (k, b, at) = try $0.decode((String, String, Date).self)
                return StoredDocument(key: k, body: b, updatedAt: at)
            }
        }
    }
}
