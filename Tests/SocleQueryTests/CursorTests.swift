import Testing
import SocleCore
@testable import SocleQuery

@Test func keysetCursorInLoadOrder() throws {
    let first = try compiler.compile(RecordsRequest(filter: "population > 1 or ouvert = true", limit: 10), dialect: .sqlite)
    let next = try #require(first.nextCursor(lastRow: 42, sortValue: nil))
    let second = try compiler.compile(RecordsRequest(filter: "population > 1 or ouvert = true", limit: 10, offset: 500, cursor: next), dialect: .sqlite)
    #expect(second.query.sql.hasSuffix("FROM \"rev_1\" WHERE (\"population\" > ? OR \"ouvert\" = ?) AND _row > ? ORDER BY _row LIMIT ? OFFSET ?"))
    #expect(second.query.binds == [.integer(1), .integer(1), .integer(42), .integer(10), .integer(0)])
    #expect(second.count.binds == [.integer(1), .integer(1)])
}

@Test func keysetCursorSortedDescending() throws {
    let request = RecordsRequest(select: "nom, population as pop", orderBy: "pop desc")
    let first = try compiler.compile(request, dialect: .postgres)
    #expect(first.cursorSortColumn == "pop")
    var next = request
    next.cursor = first.nextCursor(lastRow: 7, sortValue: .integer(1500))
    let second = try compiler.compile(next, dialect: .postgres)
    #expect(second.query.sql == "SELECT _row, \"nom\", \"population\" AS \"pop\" FROM \"rev_1\" WHERE (\"population\" < $1 OR (\"population\" = $2 AND _row > $3) OR \"population\" IS NULL) ORDER BY \"pop\" DESC NULLS LAST, _row LIMIT $4 OFFSET $5")
    #expect(second.query.binds == [.integer(1500), .integer(1500), .integer(7), .integer(100), .integer(0)])
    next.cursor = first.nextCursor(lastRow: 9, sortValue: nil)
    let nulls = try compiler.compile(next, dialect: .sqlite)
    #expect(nulls.query.sql.contains("WHERE (\"population\" IS NULL AND _row > ?)"))
}

@Test func badCursorsAreRefused() throws {
    let other = try #require(try compiler.compile(RecordsRequest(filter: "population > 1"), dialect: .sqlite).nextCursor(lastRow: 1, sortValue: nil))
    for cursor in ["", "!!!", "eyJyIjoxfQ", String(repeating: "A", count: 5_000), other, "eyJyIjoxLCJ0IjoiaSIsInYiOiJ4IiwicyI6IjAifQ"] {
        #expect(failure(RecordsRequest(filter: "population > 2", cursor: cursor))?.code == "query.invalid_cursor", "\(cursor.prefix(20))")
    }
    #expect(failure(RecordsRequest(groupBy: "nom", cursor: other))?.code == "query.cursor_unsupported")
    #expect(failure(RecordsRequest(orderBy: "nom, population", cursor: other))?.code == "query.cursor_unsupported")
    let grouped = try compiler.compile(RecordsRequest(groupBy: "nom"), dialect: .sqlite)
    #expect(grouped.nextCursor(lastRow: 1, sortValue: nil) == nil)
}

@Test func cursorRoundTripsEveryValueKind() throws {
    for value in [SQLBind.integer(-3), .real(2.5), .text("é'\"; --"), .null] {
        let c = QueryCursor(row: 99, sortValue: value, signature: "abc")
        #expect(try QueryCursor.decode(c.encoded()) == c)
    }
}
