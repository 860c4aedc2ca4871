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

    public func readOnlySQL(_ sql: String, grant: SQLReadGrant, budget: QueryBudget) async throws -> SQLResult {
        do {
            return try await client.withConnection { conn in
                try await self.readOnly(conn, budget) {
                    try await conn.query(PostgresQuery(unsafeSQL: "SET LOCAL work_mem = '\(SQLEndpointLimits.postgresWorkMem)'"), logger: self.logger)
                    // The verbose plan names every relation the statement would touch and every column it reads;
                    // anything outside the grant is refused before the statement runs. The statement is explained
                    // beside a second range (VALUES) so that PostgreSQL qualifies every column with its table.
                    var planText = ""
                    let explain = "EXPLAIN (VERBOSE, FORMAT JSON) SELECT * FROM (" + sql + ") AS socle_q, (VALUES (1)) AS socle_v(socle_one)"
                    for try await row in try await conn.query(PostgresQuery(unsafeSQL: explain), logger: self.logger) {
                        // The plan is a `json` value: read its text as sent, whatever the driver makes of the type.
                        for cell in row { if var b = cell.bytes { planText += b.readString(length: b.readableBytes) ?? "" } }
                    }
                    // No plan is no permission: fail closed.
                    guard !planText.isEmpty else { throw SocleError(.invalidInput, code: "sql.not_allowed") }
                    let plan = (try? JSONSerialization.jsonObject(with: Data(planText.utf8))) ?? []
                    var tables: [String: [String]] = [:]
                    for table in grant.columns.keys {
                        tables[table] = try await self.all(conn, """
                            SELECT attname::text FROM pg_attribute WHERE attrelid = to_regclass(\(table)) AND attnum > 0 AND NOT attisdropped ORDER BY attnum
                            """) { try $0.decode(String.self) }
                    }
                    guard Self.planIsGranted(plan, grant, tables: tables) else { throw SocleError(.invalidInput, code: "sql.not_allowed") }
                    let rows = try await conn.query(PostgresQuery(unsafeSQL: sql), logger: self.logger)
                    var columns: [String] = []
                    var out: [[CellValue]] = []
                    var truncated = false
                    var bytes = 0
                    for try await row in rows {
                        if columns.isEmpty { columns = row.map { grant.scrub($0.columnName) } }
                        if out.count == budget.maxRows || bytes >= SQLEndpointLimits.maxResponseBytes { truncated = true; break }
                        var cells: [CellValue] = []
                        for cell in row {
                            let size = cell.bytes?.readableBytes ?? 0
                            if size > SQLEndpointLimits.maxValueBytes {
                                throw SocleError(.tooLarge, code: "sql.value_too_large", args: ["max": String(SQLEndpointLimits.maxValueBytes)])
                            }
                            bytes += max(size, 8)
                            cells.append(try Self.dynamicCell(cell))
                        }
                        out.append(cells)
                    }
                    return SQLResult(columns: columns, rows: out, truncated: truncated)
                }
            }
        } catch let e as SocleError {
            throw e
        } catch let p as PSQLError where p.serverInfo?[.sqlState] != "57014" && p.serverInfo?[.sqlState] != nil {
            if p.serverInfo?[.sqlState] == "54000" {
                throw SocleError(.tooLarge, code: "sql.value_too_large", args: ["max": String(SQLEndpointLimits.maxValueBytes)])
            }
            throw SocleError(.invalidInput, code: "sql.failed", args: ["detail": grant.scrub(p.serverInfo?[.message] ?? "?")])
        } catch {
            throw Self.queryError(error, budget)
        }
    }

    /// True when every relation of the plan is a granted table and every column the plan reads from one is a
    /// granted column. Columns are found as `alias.column` in every expression of every node; a scan's output
    /// that is exactly the table's whole row (PostgreSQL's "physical tlist", used when the node above
    /// projects) is the one list skipped: what is really used then appears in the nodes above.
    static func planIsGranted(_ plan: Any, _ grant: SQLReadGrant, tables: [String: [String]]) -> Bool {
        var scans: [(alias: String, relation: String)] = []
        var ok = true
        func collect(_ node: Any) {
            if let d = node as? [String: Any] {
                if d["Function Name"] != nil { ok = false }
                if let relation = d["Relation Name"] as? String {
                    if grant.columns[relation] == nil { ok = false }
                    scans.append((d["Alias"] as? String ?? relation, relation))
                }
                d.values.forEach(collect)
            } else if let a = node as? [Any] {
                a.forEach(collect)
            }
        }
        collect(plan)
        guard ok else { return false }
        func strings(_ v: Any, into out: inout [String]) {
            if let s = v as? String { out.append(s) } else if let a = v as? [Any] { for x in a { strings(x, into: &out) } }
        }
        func check(_ node: Any) -> Bool {
            if let d = node as? [String: Any] {
                var skipOutput = false
                if let relation = d["Relation Name"] as? String, let output = d["Output"] as? [String] {
                    let alias = d["Alias"] as? String ?? relation
                    // The whole row, column by column, each item a bare `alias.column` (quoted or not).
                    let table = tables[relation] ?? []
                    skipOutput = !table.isEmpty && output.count == table.count
                        && zip(output, table).allSatisfy { item, column in
                            columnReferences(in: item, alias: alias) == [column] && !item.contains("(") && !item.contains(" ")
                        }
                }
                for (key, value) in d where !(key == "Output" && skipOutput) {
                    // Nested nodes ("Plan", "Plans") are checked on their own.
                    if value is [String: Any] || (value as? [Any])?.contains(where: { $0 is [String: Any] }) == true {
                        if !check(value) { return false }
                        continue
                    }
                    var texts: [String] = []
                    strings(value, into: &texts)
                    for text in texts {
                        for scan in scans {
                            for column in columnReferences(in: text, alias: scan.alias)
                            where grant.columns[scan.relation]?.contains(column) != true { return false }
                        }
                    }
                }
                return true
            }
            if let a = node as? [Any] { return a.allSatisfy(check) }
            return true
        }
        return check(plan)
    }

    /// The column names qualified by `alias` in one of the plan's expressions: `alias.name` or `alias."Name"`.
    static func columnReferences(in expression: String, alias: String) -> [String] {
        let s = Array(expression.unicodeScalars)
        let quotedAlias = alias.contains(where: { !($0.isLetter || $0.isNumber || $0 == "_") || $0.isUppercase })
            ? "\"" + alias.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : alias
        let a = Array((quotedAlias + ".").unicodeScalars)
        var out: [String] = []
        var i = 0
        func isIdent(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" }
        while i + a.count <= s.count {
            let before = i == 0 ? nil : s[i - 1]
            if Array(s[i ..< i + a.count]) == a, before.map({ !isIdent($0) && $0 != "\"" && $0 != "." }) ?? true {
                var j = i + a.count
                var name = ""
                if j < s.count, s[j] == "\"" {
                    j += 1
                    while j < s.count {
                        if s[j] == "\"" {
                            if j + 1 < s.count, s[j + 1] == "\"" { name.unicodeScalars.append("\""); j += 2; continue }
                            j += 1
                            break
                        }
                        name.unicodeScalars.append(s[j])
                        j += 1
                    }
                } else {
                    while j < s.count, isIdent(s[j]) { name.unicodeScalars.append(s[j]); j += 1 }
                }
                out.append(name)
                i = j
                continue
            }
            i += 1
        }
        return out
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
            try await self.putDocument(conn, datasetId: datasetId, DocumentDraft(kind: kind, key: key, body: body))
        }
    }

    func putDocument(_ conn: PostgresConnection, datasetId: Int64, _ d: DocumentDraft) async throws {
        if try await !self.exists(conn, "SELECT 1 FROM datasets WHERE id = \(datasetId)") {
            throw StoreError.notFound("dataset", String(datasetId))
        }
        try await self.run(conn, """
            INSERT INTO dataset_documents (dataset_id, kind, key, body, updated_at) VALUES (\(datasetId), \(d.kind), \(d.key), \(d.body), now())
            ON CONFLICT (dataset_id, kind, key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at
            """)
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
