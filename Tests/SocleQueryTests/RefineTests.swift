import Testing
import SocleCore
@testable import SocleQuery

@Test func refineAndExcludeAreAndedWithTheFilter() throws {
    let request = RecordsRequest(filter: "population > 10 or ouvert = true", refine: ["code_insee:75056", "date_creation:2024/03"],
                                 exclude: ["ouvert:false"])
    let lite = try compiler.compile(request, dialect: .sqlite)
    #expect(lite.query.sql.contains("WHERE (\"population\" > ? OR \"ouvert\" = ?) AND \"code_insee\" = ? AND substr(\"date_creation\", 1, ?) = ? AND (\"ouvert\" IS NULL OR NOT (\"ouvert\" = ?)) ORDER BY _row"))
    #expect(lite.query.binds == [.integer(10), .integer(1), .text("75056"), .integer(7), .text("2024-03"), .integer(0), .integer(100), .integer(0)])
    let pg = try compiler.compile(request, dialect: .postgres)
    #expect(pg.query.sql.contains("WHERE (\"population\" > $1 OR CAST(\"ouvert\" AS integer) = $2) AND \"code_insee\" = $3 AND substr(\"date_creation\", 1, CAST($4 AS integer)) = $5 AND (\"ouvert\" IS NULL OR NOT (CAST(\"ouvert\" AS integer) = $6)) ORDER BY _row LIMIT $7 OFFSET $8"))
    #expect(pg.count.binds.count == 6)
    #expect(lite.query.description == "rows where (population > 10 or ouvert = true) and code_insee is \"75056\" and date_creation is \"2024/03\" and ouvert is not \"false\", 100 at most")
}

@Test func refineReadsNumbersAndKeepsHostileTextBound() throws {
    let r = try compiler.compile(RecordsRequest(refine: ["population:1200", "surface:2.5", "nom:x'); DROP TABLE t; --"]), dialect: .sqlite)
    #expect(r.query.binds.prefix(3) == [.integer(1200), .real(2.5), .text("x'); DROP TABLE t; --")])
    #expect(!r.query.sql.contains("DROP"))
}

@Test func emptyParametersMeanNothing() throws {
    let r = try compiler.compile(RecordsRequest(select: " ", filter: "  ", groupBy: "", orderBy: ""), dialect: .sqlite)
    #expect(r.query.sql == "SELECT _row, \"nom\", \"prenom\", \"code_insee\", \"population\", \"surface\", \"ouvert\", \"date_creation\", \"maj\", \"geo\" FROM \"rev_1\" ORDER BY _row LIMIT ? OFFSET ?")
    #expect(r.query.description == "rows, 100 at most")
    #expect(r.count.sql == "SELECT COUNT(*) FROM \"rev_1\"")
    let star = try compiler.compile(RecordsRequest(select: "*"), dialect: .sqlite)
    #expect(star.query.sql == r.query.sql)
}

@Test func countOfAColumnAndKeywordCase() throws {
    let r = try compiler.compile(RecordsRequest(select: "COUNT(nom) as n", filter: "nom Is Not Null AnD NoT (population In (1))"), dialect: .sqlite)
    #expect(r.query.sql == "SELECT COUNT(\"nom\") AS \"n\" FROM \"rev_1\" WHERE \"nom\" IS NOT NULL AND NOT (\"population\" IN (?)) LIMIT ? OFFSET ?")
}

@Test func lexerPositionsCountCharactersNotBytes() throws {
    let tokens = try QueryLexer("`prénom` = 'é' and x").tokens()
    #expect(tokens.map(\.position) == [1, 10, 12, 16, 20, 21])
}

@Test func facetsCountPerValue() throws {
    let f = try compiler.compileFacet("code_insee", request: RecordsRequest(filter: "population > 5", limit: 3), dialect: .postgres)
    #expect(f.sql == "SELECT \"code_insee\" AS \"value\", COUNT(*) AS \"count\" FROM \"rev_1\" WHERE \"population\" > $1 GROUP BY \"code_insee\" ORDER BY COUNT(*) DESC, \"code_insee\" LIMIT $2")
    #expect(f.binds == [.integer(5), .integer(50)])
    let d = try compiler.compileFacet("date_creation", request: RecordsRequest(), dialect: .sqlite)
    #expect(d.sql == "SELECT substr(\"date_creation\", 1, 4) AS \"value\", COUNT(*) AS \"count\" FROM \"rev_1\" GROUP BY substr(\"date_creation\", 1, 4) ORDER BY COUNT(*) DESC, substr(\"date_creation\", 1, 4) LIMIT ?")
    #expect(d.description == "number of rows per date_creation year")
    #expect(throws: SocleError.self) { try compiler.compileFacet("geo", request: RecordsRequest(), dialect: .sqlite) }
    #expect(throws: SocleError.self) { try compiler.compileFacet("nope", request: RecordsRequest(), dialect: .sqlite) }
}
