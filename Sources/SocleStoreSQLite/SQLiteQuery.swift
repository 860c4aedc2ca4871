import Foundation
import GRDB
import GRDBSQLite
import SocleCore
import SocleQuery
import SocleStore

/// `QueryStore` on SQLite: compiled queries streamed from a reader connection with flat memory,
/// cut by a progress handler when their time is up.
extension SQLiteStore {
    /// Rows per hand-over: small enough that 32 concurrent exports stay within a few MiB each.
    static let chunkSize = 1_024
    static let preparedStatements = PreparedStatements()

    public func stream(_ query: CompiledQuery, types: [ColumnType?], budget: QueryBudget,
                       consume: @escaping @Sendable ([[CellValue]]) async throws -> Void) async throws -> QueryOutcome {
        // The reader runs on GRDB's queue and hands chunks over a small bounded channel: it waits
        // while the consumer (a socket, usually) has not taken the previous chunks.
        let channel = ChunkChannel(capacity: 2)
        let deadline = Deadline(after: budget.timeLimit)
        let producer = Task<QueryOutcome, any Error> {
            defer { channel.finish() }
            return try await reading { db in
                try Self.withDeadline(db, deadline) {
                    var chunk: [[CellValue]] = []
                    chunk.reserveCapacity(Self.chunkSize)
                    var count = 0
                    let truncated = try Self.eachRow(db, query, types: types, maxRows: budget.maxRows) { row in
                        chunk.append(row)
                        count += 1
                        if chunk.count == Self.chunkSize {
                            guard channel.send(chunk) else { throw CancellationError() }
                            chunk.removeAll(keepingCapacity: true)
                        }
                    }
                    if !chunk.isEmpty { guard channel.send(chunk) else { throw CancellationError() } }
                    return QueryOutcome(rows: count, truncated: truncated)
                }
            }
        }
        do {
            while let chunk = await channel.receive() { try await consume(chunk) }
        } catch {
            channel.cancel()
            _ = try? await producer.value
            throw error
        }
        do { return try await producer.value } catch let e as SocleError where e.code == "store.interrupted" {
            throw QueryErrors.timeout(budget)
        }
    }

    /// Small queries read directly on a reader connection: no hand-over thread, no channel.
    public func rows(_ query: CompiledQuery, types: [ColumnType?], budget: QueryBudget) async throws -> (rows: [[CellValue]], truncated: Bool) {
        let deadline = Deadline(after: budget.timeLimit)
        do {
            return try await reading { db in
                try Self.withDeadline(db, deadline) {
                    var out: [[CellValue]] = []
                    let truncated = try Self.eachRow(db, query, types: types, maxRows: budget.maxRows) { out.append($0) }
                    return (out, truncated)
                }
            }
        } catch let e as SocleError where e.code == "store.interrupted" {
            throw QueryErrors.timeout(budget)
        }
    }

    public func readFingerprint(slug: String) async throws -> String? {
        try await reading { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT d.id, d.current_revision, d.published_revision, d.metadata_json || (SELECT name FROM organisations WHERE id = d.organisation_id) AS meta,
                       (SELECT count(*) || ':' || coalesce(max(updated_at), '') || ':' || coalesce(sum(length(body)), 0)
                        FROM dataset_documents WHERE dataset_id = d.id) AS docs
                FROM datasets d WHERE d.slug = ?
                """), arguments: [slug]).map { r in
                let id: Int64 = r["id"], current: Int64? = r["current_revision"], published: Int64? = r["published_revision"]
                let meta: String = r["meta"], docs: String = r["docs"] ?? ""
                return "\(id)|\(current ?? -1)|\(published ?? -1)|\(docs)|\(meta)"
            }
        }
    }

    public func ensureIndex(table: String, columns: [String]) async throws {
        let sql = StoreSupport.createIndexSQL(table: table, columns: columns)
        // Its statistics too: the load analyses the table, and an index without statistics beside one
        // with them looks ten rows selective to the planner, which then read a whole code's rows through
        // it and sorted them for a 100-row page (2.6 ms instead of 0.7 ms per request).
        let analyze = "ANALYZE \(StoreSupport.quote(StoreSupport.advisedIndexName(table: table, columns: columns)))"
        try await writing { db in
            try db.execute(sql: sql)
            try db.execute(sql: analyze)
        }
    }

    /// Runs a compiled query (its statement prepared once per connection and shape) and hands each row to
    /// `body`, at most `maxRows` of them; true when rows were left unread (truncated).
    static func eachRow(_ db: Database, _ query: CompiledQuery, types: [ColumnType?], maxRows: Int,
                        _ body: ([CellValue]) throws -> Void) throws -> Bool {
        let statement = try preparedStatements.statement(db, query.sql)
        let cursor = try Row.fetchCursor(statement, arguments: arguments(query.binds))
        let columns = statement.columnCount
        var count = 0
        while try cursor.next() != nil {
            if count == maxRows { return true }
            try body(decode(statement.sqliteStatement, columns: columns, types: types))
            count += 1
        }
        return false
    }

    /// The current row of a stepped statement, read straight from SQLite: going through GRDB's `Row`
    /// and `DatabaseValue` (generic decoding per cell) cost more than SQLite's own work for a page.
    /// Same mapping as `cell(_:logical:)`: integers by logical type, text and blobs as text.
    static func decode(_ statement: SQLiteStatement, columns: Int, types: [ColumnType?]) -> [CellValue] {
        var out: [CellValue] = []
        out.reserveCapacity(columns)
        for i in 0 ..< columns {
            let c = Int32(i)
            switch sqlite3_column_type(statement, c) {
            case SQLITE_NULL: out.append(.null)
            case SQLITE_INTEGER:
                out.append(StoreSupport.cell(logical: (i < types.count ? types[i] : nil) ?? .text, integer: sqlite3_column_int64(statement, c)))
            case SQLITE_FLOAT: out.append(.number(sqlite3_column_double(statement, c)))
            default:
                guard let p = sqlite3_column_text(statement, c) else { out.append(.text("")); break }
                let n = Int(sqlite3_column_bytes(statement, c))
                out.append(.text(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)))
            }
        }
        return out
    }

    /// Installs a progress handler that interrupts the statement once the deadline has passed.
    static func withDeadline<T>(_ db: Database, _ deadline: Deadline, _ body: () throws -> T) throws -> T {
        let connection = db.sqliteConnection
        let context = Unmanaged.passRetained(deadline)
        sqlite3_progress_handler(connection, 10_000, { ctx in
            guard let ctx else { return 0 }
            return Unmanaged<Deadline>.fromOpaque(ctx).takeUnretainedValue().passed ? 1 : 0
        }, context.toOpaque())
        defer {
            sqlite3_progress_handler(connection, 0, nil, nil)
            context.release()
        }
        do { return try body() } catch let e as DatabaseError where e.resultCode == .SQLITE_INTERRUPT {
            throw SocleError(.invalidInput, code: "store.interrupted")
        }
    }
}

/// A point in time after which a query is cut.
final class Deadline: @unchecked Sendable {
    let end: UInt64
    init(after limit: Duration) {
        let c = limit.components
        let ns = UInt64(max(0, c.seconds)) &* 1_000_000_000 &+ UInt64(max(0, c.attoseconds / 1_000_000_000))
        end = DispatchTime.now().uptimeNanoseconds &+ ns
    }
    var passed: Bool { DispatchTime.now().uptimeNanoseconds > end }
}

/// A bounded hand-over of row chunks from a blocking reader thread to an async consumer.
final class ChunkChannel: @unchecked Sendable {
    private let lock = NSCondition()
    private var queue: [[[CellValue]]] = []
    private var waiting: CheckedContinuation<[[CellValue]]?, Never>?
    private var finished = false
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Blocks the reader while the queue is full; false when the consumer went away.
    func send(_ chunk: [[CellValue]]) -> Bool {
        lock.lock()
        while queue.count >= capacity && !cancelled { lock.wait() }
        if cancelled { lock.unlock(); return false }
        if let w = waiting {
            waiting = nil
            lock.unlock()
            w.resume(returning: chunk)
            return true
        }
        queue.append(chunk)
        lock.unlock()
        return true
    }

    func finish() {
        lock.lock()
        finished = true
        let w = waiting
        waiting = nil
        lock.unlock()
        w?.resume(returning: nil)
    }

    func cancel() {
        lock.lock()
        cancelled = true
        lock.broadcast()
        lock.unlock()
    }

    /// The next chunk, or nil once the reader finished and everything was taken.
    func receive() async -> [[CellValue]]? {
        await withCheckedContinuation { (c: CheckedContinuation<[[CellValue]]?, Never>) in
            lock.lock()
            if !queue.isEmpty {
                let chunk = queue.removeFirst()
                lock.broadcast()
                lock.unlock()
                c.resume(returning: chunk)
            } else if finished {
                lock.unlock()
                c.resume(returning: nil)
            } else {
                waiting = c
                lock.unlock()
            }
        }
    }
}

/// Prepared statements reused across requests, per reader connection. A query shape (the compiled SQL
/// text: values are bound, never inlined) repeats across requests, and preparing it again cost more
/// than running it for a 100-row page (parsing, planning and GRDB's authorizer callbacks).
///
/// Bounded both ways (found by bench/soak, where every upload makes new shapes: the query names the new
/// revision's table):
/// - a connection caches at most `perConnection` shapes; a new shape beyond that empties its cache and
///   starts again, so the shapes in use now are the ones cached (the old rule, "remember the first 32
///   forever", had a long-running server prepare every query afresh once 32 shapes had been seen), and
///   hostile variety cannot grow memory;
/// - the bookkeeping forgets connections: SQLite's readers are closed and reopened (`releaseMemoryEventually`
///   after each load), and their entries would otherwise pile up. Forgetting a live connection is harmless:
///   its GRDB cache is emptied at its next overflow, so it never holds more than twice the bound.
final class PreparedStatements: @unchecked Sendable {
    static let perConnection = 32
    /// More connections than a pool ever has open at once (33), several stores in one process included.
    static let maxConnections = 256
    private let lock = NSLock()
    private var shapes: [ObjectIdentifier: Set<String>] = [:]

    /// Connections with bookkeeping (for tests).
    var trackedConnections: Int { lock.withLock { shapes.count } }

    func statement(_ db: Database, _ sql: String) throws -> Statement {
        let key = ObjectIdentifier(db)
        lock.lock()
        var known = shapes[key] ?? []
        var overflow = false
        if !known.contains(sql) {
            if known.count >= Self.perConnection {
                known.removeAll()
                overflow = true
            }
            known.insert(sql)
            if shapes[key] == nil, shapes.count >= Self.maxConnections { shapes.removeAll() }
            shapes[key] = known
        }
        lock.unlock()
        // Inside the connection's own access: empties GRDB's statement caches (and its schema cache).
        if overflow { db.clearSchemaCache() }
        let statement = try db.cachedStatement(sql: sql)
        // A previous run cut by the deadline leaves its error on the statement; GRDB's own reset
        // would report it on this run.
        sqlite3_reset(statement.sqliteStatement)
        return statement
    }
}
