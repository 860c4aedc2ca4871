import Testing
import SocleCore
@testable import SocleQuery

@Test func aggregatesPerYearSQLite() throws {
    let r = try compiler.compile(RecordsRequest(select: "year(date_creation) as annee, count(*) as n, sum(population), avg(surface) as s",
                                                filter: "ouvert = true", groupBy: "year(date_creation) as annee", orderBy: "n desc"), dialect: .sqlite)
    #expect(r.query.sql == "SELECT CAST(substr(\"date_creation\", 1, 4) AS INTEGER) AS \"annee\", COUNT(*) AS \"n\", SUM(\"population\") AS \"sum(population)\", AVG(\"surface\") AS \"s\" FROM \"rev_1\" WHERE \"ouvert\" = ? GROUP BY CAST(substr(\"date_creation\", 1, 4) AS INTEGER) ORDER BY \"n\" DESC NULLS LAST LIMIT ? OFFSET ?")
    #expect(r.query.binds == [.integer(1), .integer(100), .integer(0)])
    #expect(r.columns == ["annee", "n", "sum(population)", "s"])
    #expect(r.count.sql == "SELECT COUNT(*) FROM (SELECT 1 FROM \"rev_1\" WHERE \"ouvert\" = ? GROUP BY CAST(substr(\"date_creation\", 1, 4) AS INTEGER)) AS \"_groups\"")
    #expect(r.query.description == "count(*), sum(population), avg(surface) per year(date_creation) over rows where ouvert = true, sorted by n descending, 100 at most")
}

@Test func aggregatesPerYearPostgres() throws {
    let r = try compiler.compile(RecordsRequest(select: "year(date_creation) as annee, count(*) as n, sum(population), avg(surface) as s",
                                                filter: "ouvert = true", groupBy: "year(date_creation) as annee", orderBy: "n desc"), dialect: .postgres)
    #expect(r.query.sql == "SELECT CAST(EXTRACT(YEAR FROM \"date_creation\"::date) AS integer) AS \"annee\", COUNT(*) AS \"n\", CAST(SUM(\"population\") AS bigint) AS \"sum(population)\", CAST(AVG(\"surface\") AS double precision) AS \"s\" FROM \"rev_1\" WHERE CAST(\"ouvert\" AS integer) = $1 GROUP BY CAST(EXTRACT(YEAR FROM \"date_creation\"::date) AS integer) ORDER BY \"n\" DESC NULLS LAST LIMIT $2 OFFSET $3")
    #expect(r.query.binds == [.integer(1), .integer(100), .integer(0)])
}

@Test func hourlySumsBothDialects() throws {
    let request = RecordsRequest(select: "hour(maj) as h, sum(population) as total", filter: "code_insee = 'X1' and maj >= date'2024-03-01' and maj < date'2024-04-01'", groupBy: "hour(maj) as h")
    let lite = try compiler.compile(request, dialect: .sqlite)
    #expect(lite.query.sql == "SELECT CAST(substr(\"maj\", 12, 2) AS INTEGER) AS \"h\", SUM(\"population\") AS \"total\" FROM \"rev_1\" WHERE \"code_insee\" = ? AND \"maj\" >= ? AND \"maj\" < ? GROUP BY CAST(substr(\"maj\", 12, 2) AS INTEGER) ORDER BY CAST(substr(\"maj\", 12, 2) AS INTEGER) LIMIT ? OFFSET ?")
    let pg = try compiler.compile(request, dialect: .postgres)
    #expect(pg.query.sql == "SELECT CAST(EXTRACT(HOUR FROM \"maj\"::timestamptz) AS integer) AS \"h\", CAST(SUM(\"population\") AS bigint) AS \"total\" FROM \"rev_1\" WHERE \"code_insee\" = $1 AND \"maj\" >= $2 AND \"maj\" < $3 GROUP BY CAST(EXTRACT(HOUR FROM \"maj\"::timestamptz) AS integer) ORDER BY CAST(EXTRACT(HOUR FROM \"maj\"::timestamptz) AS integer) LIMIT $4 OFFSET $5")
    #expect(pg.query.binds == [.text("X1"), .text("2024-03-01"), .text("2024-04-01"), .integer(100), .integer(0)])
}

@Test func selectColumnsAndMonthDay() throws {
    let r = try compiler.compile(RecordsRequest(select: "nom, `population` as pop", orderBy: "pop asc, nom desc", limit: 5), dialect: .sqlite)
    #expect(r.query.sql == "SELECT _row, \"nom\", \"population\" AS \"pop\" FROM \"rev_1\" ORDER BY \"pop\" ASC NULLS LAST, \"nom\" DESC NULLS LAST, _row LIMIT ? OFFSET ?")
    #expect(r.query.description == "columns nom, population of rows, sorted by pop, nom descending, 5 at most")
    let g = try compiler.compile(RecordsRequest(select: "month(date_creation) as m, day(maj) as d, min(nom), max(population)", groupBy: "month(date_creation) as m, day(maj) as d"), dialect: .postgres)
    #expect(g.query.sql.hasPrefix("SELECT CAST(EXTRACT(MONTH FROM \"date_creation\"::date) AS integer) AS \"m\", CAST(EXTRACT(DAY FROM \"maj\"::timestamptz) AS integer) AS \"d\", MIN(\"nom\") AS \"min(nom)\", MAX(\"population\") AS \"max(population)\""))
}

@Test func aggregateWithoutGroupAndGroupWithoutSelect() throws {
    let r = try compiler.compile(RecordsRequest(select: "count(*)", filter: "population > 0"), dialect: .sqlite)
    #expect(r.query.sql == "SELECT COUNT(*) AS \"count(*)\" FROM \"rev_1\" WHERE \"population\" > ? LIMIT ? OFFSET ?")
    #expect(r.count.sql == "SELECT 1" && r.count.binds.isEmpty)
    let g = try compiler.compile(RecordsRequest(groupBy: "code_insee"), dialect: .sqlite)
    #expect(g.query.sql == "SELECT \"code_insee\" FROM \"rev_1\" GROUP BY \"code_insee\" ORDER BY \"code_insee\" LIMIT ? OFFSET ?")
    #expect(g.columns == ["code_insee"])
}

@Test func enormousLimitIsCapped() throws {
    let r = try compiler.compile(RecordsRequest(limit: 9_000_000_000_000), dialect: .sqlite)
    #expect(r.limit == 10_000 && r.limitCapped)
    #expect(r.query.binds.suffix(2) == [.integer(10_000), .integer(0)])
    #expect(r.query.description.hasSuffix("(limit capped at 10000)"))
    #expect(failure(RecordsRequest(limit: -1))?.code == "query.invalid_limit")
    #expect(failure(RecordsRequest(offset: -3))?.code == "query.invalid_offset")
}
