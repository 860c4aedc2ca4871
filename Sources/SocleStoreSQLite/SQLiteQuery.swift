import Foundation
import GRDB
import GRDBSQLite
import SocleCore
import SocleQuery
import SocleStore

/// `QueryStore` on SQLite: compiled queries streamed from a reader connection with flat memory,
/// cut by a progress handler when their time is up.
extension SQLiteStore {
    static let chunkSize = 4_096

    public func stream(_ query: CompiledQuery, types: [ColumnType?], budget: QueryBudget,
                       consume: @escaping @Sendable ([[CellValue]]) async throws -> Void) async throws -> QueryOutcome {
        // The reader runs on GRDB's queue and hands chunks over a small bounded channel: it waits
        // while the consumer (a socket, usually) has not taken the previous chunks.
        let channel = ChunkChannel(capacity: 4)
        let deadline = Deadline(after: budget.timeLimit)
        let producer = Task<QueryOutcome, any Error> {
            defer { channel.finish() }
            return try await reading { db in
                try Self.withDeadline(db, deadline) {
                    let cursor = try Row.fetchCursor(db, sql: query.sql, arguments: Self.arguments(query.binds))
                    var chunk: [[CellValue]] = []
                    chunk.reserveCapacity(Self.chunkSize)
                    var count = 0
                    var truncated = false
                    while let row = try cursor.next() {
                        if count == budget.maxRows { truncated = true; break }
                        chunk.append(Self.decode(row, types: types))
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
                    let cursor = try Row.fetchCursor(db, sql: query.sql, arguments: Self.arguments(query.binds))
                    var out: [[CellValue]] = []
                    while let row = try cursor.next() {
                        if out.count == budget.maxRows { return (out, true) }
                        out.append(Self.decode(row, types: types))
                    }
                    return (out, false)
                }
            }
        } catch let e as SocleError where e.code == "store.interrupted" {
            throw QueryErrors.timeout(budget)
        }
    }

    public func readFingerprint(slug: String) async throws -> String? {
        try await reading { db in
            try Row.fetchOne(db, sql: """
                SELECT d.id, d.current_revision, d.published_revision, d.metadata_json || (SELECT name FROM organisations WHERE id = d.organisation_id) AS meta,
                       (SELECT count(*) || ':' || coalesce(max(updated_at), '') || ':' || coalesce(sum(length(body)), 0)
                        FROM dataset_documents WHERE dataset_id = d.id) AS docs
                FROM datasets d WHERE d.slug = ?
                """, arguments: [slug]).map { r in
                let id: Int64 = r["id"], current: Int64? = r["current_revision"], published: Int64? = r["published_revision"]
                let meta: String = r["meta"], docs: String = r["docs"] ?? ""
                return "\(id)|\(current ?? -1)|\(published ?? -1)|\(docs)|\(meta)"
            }
        }
    }

    public func ensureIndex(table: String, columns: [String]) async throws {
        let sql = StoreSupport.createIndexSQL(table: table, columns: columns)
        try await writing { db in try db.execute(sql: sql) }
    }

    static func decode(_ row: Row, types: [ColumnType?]) -> [CellValue] {
        (0 ..< row.count).map { i in
            let v: DatabaseValue = row[i]
            let logical = i < types.count ? types[i] : nil
            return cell(v, logical: logical ?? .text)
        }
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
