import Foundation
import SocleCore
import SocleQuery
import SocleStore
import SocleTestSupport
import Testing

/// The SQL endpoint's two locks: `SQLGuard` (one SELECT, known datasets, ordinary functions, hidden
/// columns unreachable) and the backend's own (SQLite authorizer, PostgreSQL read-only transaction and
/// plan relations). Each hostile statement is tried through both, on both backends.
@Suite("SQL endpoint")
struct ReadOnlySQLTests {
    static func load(_ t: TestStore, _ slug: String) async throws -> Revision {
        try await t.store.loadRevision(StoreConformanceTests.draft(slug), source: LiteralSource(batches: [StoreConformanceTests.sample]))
    }

    @Test("a plain SELECT with WHERE and GROUP BY on a published dataset runs, rewritten to its visible columns", arguments: Backend.all)
    func plainSelect(_ backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let rev = try await Self.load(t, "communes")
        let dialect: SQLDialect = backend == .postgres ? .postgres : .sqlite
        let visible = rev.columns.map(\.name).filter { $0 != "population" }
        let guardian = SQLGuard(tables: [.init(slug: "communes", physical: rev.tableName, columns: visible)], dialect: dialect)
        let checked = try guardian.check("SELECT code_insee, count(*) AS n FROM \"communes\" WHERE code_insee >= '0' GROUP BY code_insee ORDER BY code_insee LIMIT 5;")
        let result = try await t.store.readOnlySQL(checked.sql, grant: checked.grant, budget: .interactive)
        #expect(result.columns == ["code_insee", "n"])
        #expect(result.rows.count == 3)
        // A hidden column cannot be read, even by name: the rewritten table does not have it.
        let hidden = try guardian.check("SELECT population FROM \"communes\"")
        await #expect(throws: SocleError.self) {
            _ = try await t.store.readOnlySQL(hidden.sql, grant: hidden.grant, budget: .interactive)
        }
    }

    static let refusedByGuard: [String] = [
        "ATTACH DATABASE '/tmp/x.db' AS x",
        "PRAGMA table_info(datasets)",
        "INSERT INTO datasets (slug) VALUES ('x')",
        "UPDATE users SET name = 'x'",
        "DELETE FROM audit_log",
        "DROP TABLE datasets",
        "SELECT load_extension('/tmp/evil.so')",
        "SELECT * FROM sqlite_master",
        "SELECT * FROM pg_catalog.pg_tables",
        "SELECT * FROM users",
        "SELECT * FROM datasets",
        "SELECT * FROM audit_log",
        "SELECT * FROM \"prive\"",
        "SELECT 1; SELECT 2",
        "SELECT * FROM \"communes\"; DROP TABLE datasets",
        "SELECT pg_sleep(100)",
        "SELECT pg_read_file('/etc/passwd')",
        "WITH x AS (DELETE FROM datasets RETURNING *) SELECT * FROM x",
        "SELECT * INTO nouvelle FROM \"communes\"",
        "SELECT $$a$$",
        "",
        "EXPLAIN SELECT 1",
        "VACUUM",
        // Issue 10, finding 1: physical tables reached behind parentheses or a CTE of the same name.
        "SELECT r.nom FROM \"communes\" e, (rev_1_1) r LIMIT 3",
        "SELECT r.nom FROM \"communes\" e JOIN (rev_1_1) r ON 1 = 1",
        "SELECT * FROM (\"rev_1_1\") r",
        "WITH rev_1_1 AS (SELECT 1 AS x) SELECT * FROM rev_1_1",
        "WITH \"communes\" AS (SELECT * FROM rev_1_1) SELECT * FROM \"communes\"",
        "WITH x AS (SELECT * FROM \"communes\") SELECT rev_1_1.nom FROM x",
        "SELECT * FROM \"communes\" WHERE EXISTS (SELECT 1 FROM rev_2_1)",
        "SELECT users.id FROM \"communes\"",
        // Finding 4: a quoted function name is the same function.
        "SELECT \"printf\"('%.*c', 900000000, 'x')",
        "SELECT \"PRINTF\"('%.*c', 900000000, 'x') FROM \"communes\"",
        "SELECT \"zeroblob\"(1000000000)",
    ]

    @Test("the guard refuses anything but one SELECT on known datasets with ordinary functions", arguments: refusedByGuard)
    func guardRefuses(_ sql: String) throws {
        let guardian = SQLGuard(tables: [.init(slug: "communes", physical: "rev_1_1", columns: ["code", "nom"])], dialect: .sqlite)
        #expect(throws: SocleError.self) { try guardian.check(sql) }
    }

    @Test("the backend refuses on its own what a buggy guard would let through", arguments: Backend.all)
    func backendRefuses(_ backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let rev = try await Self.load(t, "communes")
        let secret = try await Self.load(t, "prive")
        let statements = [
            "SELECT * FROM datasets", "SELECT * FROM users", "SELECT * FROM \(secret.tableName)",
            "SELECT * FROM \(rev.tableName) JOIN audit_log ON 1 = 1", "DELETE FROM \(rev.tableName)",
            "INSERT INTO \(rev.tableName) (code_insee) VALUES ('x')",
        ] + (backend == .sqlite ? ["PRAGMA table_info(datasets)", "SELECT load_extension('x')", "SELECT * FROM sqlite_master",
                                   "ATTACH DATABASE ':memory:' AS x"]
                                : ["SELECT * FROM pg_catalog.pg_class", "SELECT * FROM information_schema.tables"])
        for sql in statements {
            await #expect(throws: SocleError.self, "\(sql)") {
                _ = try await t.store.readOnlySQL(sql, grant: SQLReadGrant(columns: [rev.tableName: Set(["_row"] + rev.columns.map(\.name))]), budget: .interactive)
            }
        }
        // Nothing was changed.
        #expect(try await t.store.readRows(rev, limit: 100, offset: 0).rows.count == 4)
        #expect(try await t.store.datasets().count == 2)
    }

    @Test("issue 10 finding 1: a hidden column of a granted table cannot be read even by its physical name", arguments: Backend.all)
    func hiddenColumnByPhysicalName(_ backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let rev = try await Self.load(t, "communes")
        let visible = rev.columns.map(\.name).filter { $0 != "population" }
        let grant = SQLReadGrant(columns: [rev.tableName: Set(["_row"] + visible)], slugs: [rev.tableName: "communes"])
        let table = SQLDialect.sqlite.quote(rev.tableName)
        // What a buggy guard would let through: every path to the hidden column is refused by the backend.
        for sql in ["SELECT population FROM \(table)", "SELECT * FROM \(table)",
                    "SELECT code_insee FROM \(table) WHERE population > 1000",
                    "SELECT r.population FROM (SELECT * FROM \(table)) r",
                    "WITH x AS (SELECT * FROM \(table)) SELECT population FROM x",
                    "SELECT code_insee FROM \(table) ORDER BY population"] {
            do {
                _ = try await t.store.readOnlySQL(sql, grant: grant, budget: .interactive)
                Issue.record("read a hidden column: \(sql)")
            } catch let e as SocleError {
                #expect(e.code == "sql.not_allowed", "\(sql)")
                #expect(!e.message(.french).contains("rev_"), "\(e.message(.french))")
                #expect(!e.message(.french).contains("population"), "\(e.message(.french))")
            }
        }
        // The granted columns, and count(*), still read.
        let ok = try await t.store.readOnlySQL("SELECT count(*), min(code_insee) FROM \(table)", grant: grant, budget: .interactive)
        #expect(ok.rows.first?.first == .integer(4))
    }

    @Test("issue 10 finding 1: engine messages name datasets, never storage", arguments: Backend.all)
    func messagesAreScrubbed(_ backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let rev = try await Self.load(t, "communes")
        let dialect: SQLDialect = backend == .postgres ? .postgres : .sqlite
        let guardian = SQLGuard(tables: [.init(slug: "communes", physical: rev.tableName, columns: rev.columns.map(\.name))], dialect: dialect)
        for sql in ["SELECT nope FROM \"communes\"", "SELECT c._row, c.nope FROM \"communes\" c", "SELECT code_insee + FROM \"communes\""] {
            do {
                let checked = try guardian.check(sql)
                _ = try await t.store.readOnlySQL(checked.sql, grant: checked.grant, budget: .interactive)
                Issue.record("ran: \(sql)")
            } catch let e as SocleError {
                let m = e.message(.french) + e.message(.english)
                #expect(!m.contains(rev.tableName), "\(m)")
                #expect(!m.contains("rev_"), "\(m)")
            }
        }
        #expect(SQLReadGrant(columns: [:], slugs: ["rev_5_3": "communes"]).scrub("no such column: rev_5_3._row; users.id") == "no such column: communes._row; ….id")
    }

    @Test("issue 10 finding 4: a value past the endpoint's size limit stops the statement", arguments: Backend.all)
    func valueSizeLimit(_ backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let rev = try await Self.load(t, "communes")
        let grant = SQLReadGrant(columns: [rev.tableName: Set(["_row"] + rev.columns.map(\.name))])
        let doubling = (backend == .postgres ? "WITH RECURSIVE" : "WITH") + " x(s) AS (SELECT 'abcdefghij' UNION ALL SELECT s || s FROM x WHERE length(s) < 8000000) SELECT s FROM x"
        do {
            let r = try await t.store.readOnlySQL(doubling, grant: grant, budget: .interactive)
            Issue.record("built \(r.rows.count) rows")
        } catch let e as SocleError {
            #expect(e.code == "sql.value_too_large")
        }
        if backend == .sqlite {
            // Functions that build large values from nothing are refused by the authorizer as well.
            await #expect(throws: SocleError.self) {
                _ = try await t.store.readOnlySQL("SELECT printf('%.*c', 900000000, 'x')", grant: grant, budget: .interactive)
            }
        }
    }

    @Test("rewriting keeps operators, strings and aliases intact")
    func rewriting() throws {
        let guardian = SQLGuard(tables: [.init(slug: "communes", physical: "rev_1_1", columns: ["code", "nom"])], dialect: .sqlite)
        let checked = try guardian.check("select c.nom || ' (' || c.code || ')' as l from communes c where c.code >= '14' and c.nom <> 'a''b' -- fin")
        #expect(checked.sql == "select c.nom || ' (' || c.code || ')' as l from (SELECT \"_row\", \"code\", \"nom\" FROM \"rev_1_1\") c where c.code >= '14' and c.nom <> 'a''b'")
        #expect(checked.tables == ["rev_1_1"])
    }
}

/// Every query runs under a time limit and a row cap, on both backends.
@Suite("Query budget")
struct QueryBudgetTests {
    @Test("a query past its time limit is stopped with query.timeout; the row cap truncates and says so", arguments: Backend.all)
    func budget(_ backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let rev = try await ReadOnlySQLTests.load(t, "communes")
        let slow = CompiledQuery(sql: "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000000) SELECT count(*) FROM c",
                                 binds: [], description: "slow")
        let started = ContinuousClock.now
        do {
            _ = try await t.store.rows(slow, types: [nil], budget: QueryBudget(timeLimit: .milliseconds(300), maxRows: 10))
            Issue.record("the slow query was not stopped")
        } catch let e as SocleError {
            #expect(e.code == "query.timeout")
        }
        #expect(ContinuousClock.now - started < .seconds(20))
        let all = CompiledQuery(sql: "SELECT _row FROM \(SQLDialect.sqlite.quote(rev.tableName)) ORDER BY _row", binds: [], description: "all")
        let (rows, truncated) = try await t.store.rows(all, types: [.integer], budget: QueryBudget(timeLimit: .seconds(10), maxRows: 2))
        #expect(rows.count == 2)
        #expect(truncated)
        // The store still answers afterwards (the interrupted connection was reset).
        #expect(try await t.store.rows(all, types: [.integer]).rows.count == 4)
    }

    @Test("a query shape cut by its deadline runs again with other values (prepared statements are reused)", arguments: Backend.all)
    func reusedShapeAfterTimeout(_ backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let dialect: SQLDialect = backend == .sqlite ? .sqlite : .postgres
        let sql = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < \(dialect.placeholder(1))) SELECT count(*) FROM c"
        let budget = QueryBudget(timeLimit: .milliseconds(300), maxRows: 10)
        for _ in 0 ..< 2 {
            do {
                _ = try await t.store.rows(CompiledQuery(sql: sql, binds: [.integer(300_000_000)], description: "slow"), types: [nil], budget: budget)
                Issue.record("the slow query was not stopped")
            } catch let e as SocleError {
                #expect(e.code == "query.timeout")
            }
            let fast = try await t.store.rows(CompiledQuery(sql: sql, binds: [.integer(10)], description: "fast"), types: [nil], budget: budget)
            #expect(fast.rows == [[.integer(10)]])
        }
        // More shapes than a connection keeps prepared: each still answers its own values.
        for n in 1 ... 40 {
            let q = CompiledQuery(sql: "SELECT \(dialect.placeholder(1)) + \(n)", binds: [.integer(Int64(n))], description: "shape \(n)")
            #expect(try await t.store.rows(q, types: [nil]).rows == [[.integer(Int64(2 * n))]])
        }
    }

    @Test("PostgreSQL: interactive reads run on read-only connections with the interactive time limit")
    func postgresReaderConnections() async throws {
        guard Backend.all.contains(.postgres) else { return }
        let t = try await TestStore.make(.postgres)
        defer { Task { await t.close() } }
        let q = CompiledQuery(sql: "SELECT current_setting('transaction_read_only'), current_setting('statement_timeout')", binds: [], description: "settings")
        #expect(try await t.store.rows(q, types: [nil, nil]).rows == [[.text("on"), .text("10s")]])
        let write = CompiledQuery(sql: "CREATE TABLE must_not_exist (x int)", binds: [], description: "write")
        await #expect(throws: (any Error).self) { _ = try await t.store.rows(write, types: [nil]) }
    }
}
