import GRDB
@testable import SocleStoreSQLite
import Testing

/// The SQLite reader's statement cache stays useful and bounded on a server that keeps making new query
/// shapes (every upload names a new revision table; found by bench/soak).
@Suite("SQLite prepared statements")
struct PreparedStatementsTests {
    @Test("after more shapes than a connection caches, the newest shape is still cached (not prepared on every request)")
    func newestShapeCached() throws {
        let queue = try DatabaseQueue()
        let cache = PreparedStatements()
        try queue.read { db in
            for i in 0..<(PreparedStatements.perConnection + 8) {
                _ = try cache.statement(db, "SELECT \(i) AS shape")
            }
            let newest = "SELECT \(PreparedStatements.perConnection + 7) AS shape"
            let first = try cache.statement(db, newest)
            let again = try cache.statement(db, newest)
            // Before the fix, every shape past the 32nd was prepared afresh: two different statements.
            #expect(first === again)
            #expect(try Int.fetchOne(again) == PreparedStatements.perConnection + 7)
        }
    }

    @Test("connections that come and go do not pile up in the bookkeeping")
    func connectionsForgotten() throws {
        let cache = PreparedStatements()
        for _ in 0..<(PreparedStatements.maxConnections + 40) {
            // A new connection each time, as SQLite's readers are after `releaseMemoryEventually`.
            let queue = try DatabaseQueue()
            try queue.read { db in _ = try cache.statement(db, "SELECT 1") }
        }
        #expect(cache.trackedConnections <= PreparedStatements.maxConnections)
    }
}
