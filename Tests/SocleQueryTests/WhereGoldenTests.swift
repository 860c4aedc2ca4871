import Testing
import SocleCore
@testable import SocleQuery

struct WhereGolden: Sendable, CustomStringConvertible {
    var filter: String
    var sqlite: String
    var postgres: String
    var binds: [SQLBind]
    var description: String { filter }
}

let whereGoldens: [WhereGolden] = [
    WhereGolden(filter: "population > 1000", sqlite: "\"population\" > ?", postgres: "\"population\" > $1", binds: [.integer(1000)]),
    WhereGolden(filter: "population >= 10 AND surface < 2.5", sqlite: "\"population\" >= ? AND \"surface\" < ?",
                postgres: "\"population\" >= $1 AND \"surface\" < $2", binds: [.integer(10), .real(2.5)]),
    WhereGolden(filter: "nom <> 'Lyon' or nom != \"Paris\"", sqlite: "\"nom\" <> ? OR \"nom\" <> ?",
                postgres: "\"nom\" <> $1 OR \"nom\" <> $2", binds: [.text("Lyon"), .text("Paris")]),
    WhereGolden(filter: "population < -5 and (nom = 'a' or nom = 'b')", sqlite: "\"population\" < ? AND (\"nom\" = ? OR \"nom\" = ?)",
                postgres: "\"population\" < $1 AND (\"nom\" = $2 OR \"nom\" = $3)", binds: [.integer(-5), .text("a"), .text("b")]),
    WhereGolden(filter: "not ouvert = true", sqlite: "NOT (\"ouvert\" = ?)", postgres: "NOT (CAST(\"ouvert\" AS integer) = $1)", binds: [.integer(1)]),
    WhereGolden(filter: "code_insee in ('75056', 69123)", sqlite: "\"code_insee\" IN (?, ?)", postgres: "\"code_insee\" IN ($1, $2)",
                binds: [.text("75056"), .text("69123")]),
    WhereGolden(filter: "population not in (1, 2)", sqlite: "\"population\" NOT IN (?, ?)", postgres: "\"population\" NOT IN ($1, $2)",
                binds: [.integer(1), .integer(2)]),
    WhereGolden(filter: "nom like 'Vi%_\\\\x'", sqlite: "\"nom\" LIKE ? ESCAPE '\\'", postgres: "\"nom\" ILIKE $1 ESCAPE '\\'",
                binds: [.text("Vi%_\\\\x")]),
    WhereGolden(filter: "nom not like \"%ville\"", sqlite: "NOT (\"nom\" LIKE ? ESCAPE '\\')", postgres: "NOT (\"nom\" ILIKE $1 ESCAPE '\\')",
                binds: [.text("%ville")]),
    WhereGolden(filter: "surface is null or maj IS NOT NULL", sqlite: "\"surface\" IS NULL OR \"maj\" IS NOT NULL",
                postgres: "\"surface\" IS NULL OR \"maj\" IS NOT NULL", binds: []),
    WhereGolden(filter: "search(nom, \"ville\")", sqlite: "instr(lower(\"nom\"), lower(?)) > 0",
                postgres: "position(lower($1::text) in lower(\"nom\")) > 0", binds: [.text("ville")]),
    WhereGolden(filter: "\"lyon\"", sqlite: "(instr(lower(\"nom\"), lower(?)) > 0 OR instr(lower(\"prenom\"), lower(?)) > 0 OR instr(lower(\"code_insee\"), lower(?)) > 0)",
                postgres: "(position(lower($1::text) in lower(\"nom\")) > 0 OR position(lower($2::text) in lower(\"prenom\")) > 0 OR position(lower($3::text) in lower(\"code_insee\")) > 0)",
                binds: [.text("lyon"), .text("lyon"), .text("lyon")]),
    WhereGolden(filter: "startswith(nom, \"Vi\")", sqlite: "substr(\"nom\", 1, ?) = ?", postgres: "substr(\"nom\", 1, CAST($1 AS integer)) = $2",
                binds: [.integer(2), .text("Vi")]),
    WhereGolden(filter: "date_creation >= date'2024-01-01' and maj < '2024-06-30T12:00:00'",
                sqlite: "\"date_creation\" >= ? AND \"maj\" < ?", postgres: "\"date_creation\" >= $1 AND \"maj\" < $2",
                binds: [.text("2024-01-01"), .text("2024-06-30T12:00:00")]),
    WhereGolden(filter: "in_bbox(geo, 48.9, 2.2, 48.8, 2.4)",
                sqlite: "\"_geo_lat\" BETWEEN ? AND ? AND \"_geo_lon\" BETWEEN ? AND ?",
                postgres: "\"_geo_lat\" BETWEEN $1 AND $2 AND \"_geo_lon\" BETWEEN $3 AND $4",
                binds: [.real(48.8), .real(48.9), .real(2.2), .real(2.4)]),
    WhereGolden(filter: "`population` = 3 and `nom` = 'x'", sqlite: "\"population\" = ? AND \"nom\" = ?",
                postgres: "\"population\" = $1 AND \"nom\" = $2", binds: [.integer(3), .text("x")]),
    WhereGolden(filter: "nom = \"x'; DROP TABLE t; --\"", sqlite: "\"nom\" = ?", postgres: "\"nom\" = $1",
                binds: [.text("x'; DROP TABLE t; --")]),
    WhereGolden(filter: "nom = 'l\\'île' and prenom = \"é\\\"t\"", sqlite: "\"nom\" = ? AND \"prenom\" = ?",
                postgres: "\"nom\" = $1 AND \"prenom\" = $2", binds: [.text("l'île"), .text("é\"t")]),
    WhereGolden(filter: "year(date_creation) = 2024 and hour(maj) >= 8",
                sqlite: "CAST(substr(\"date_creation\", 1, 4) AS INTEGER) = ? AND CAST(substr(\"maj\", 12, 2) AS INTEGER) >= ?",
                postgres: "CAST(EXTRACT(YEAR FROM \"date_creation\"::date) AS integer) = $1 AND CAST(EXTRACT(HOUR FROM \"maj\"::timestamptz) AS integer) >= $2",
                binds: [.integer(2024), .integer(8)]),
    WhereGolden(filter: "ouvert = false and population = 1e3", sqlite: "\"ouvert\" = ? AND \"population\" = ?",
                postgres: "CAST(\"ouvert\" AS integer) = $1 AND \"population\" = $2", binds: [.integer(0), .real(1000)]),
]

@Test(arguments: whereGoldens)
func whereRendersForSQLite(_ g: WhereGolden) throws {
    let (sql, binds) = try whereClause(g.filter, .sqlite)
    #expect(sql == g.sqlite)
    #expect(binds == g.binds)
}

@Test(arguments: whereGoldens)
func whereRendersForPostgres(_ g: WhereGolden) throws {
    let (sql, binds) = try whereClause(g.filter, .postgres)
    #expect(sql == g.postgres)
    #expect(binds == g.binds)
}

@Test func withinDistanceBindsEverything() throws {
    for dialect in [SQLDialect.sqlite, .postgres] {
        let (sql, binds) = try whereClause("within_distance(geo, GEOM'POINT(2.35 48.85)', 1km)", dialect)
        #expect(sql.contains("\"_geo_lat\" BETWEEN") && sql.contains("\"_geo_lon\" -"))
        #expect(binds.count == 13)
        #expect(binds.last == .real(1_000_000))
        #expect(!sql.contains("2.35") && !sql.contains("48.85"))
    }
    let (_, b500) = try whereClause("within_distance(geo, geom'POINT(2.35 48.85)', 500m)", .sqlite)
    #expect(b500.last == .real(250_000))
}

@Test func pageQueryShapeAndDescription() throws {
    let r = try compiler.compile(RecordsRequest(filter: "population > 1000 and startswith(nom, \"Vi\")", orderBy: "population desc", limit: 20, offset: 40), dialect: .postgres)
    #expect(r.query.sql == "SELECT _row, \"nom\", \"prenom\", \"code_insee\", \"population\", \"surface\", \"ouvert\", \"date_creation\", \"maj\", \"geo\" FROM \"rev_1\" WHERE \"population\" > $1 AND substr(\"nom\", 1, CAST($2 AS integer)) = $3 ORDER BY \"population\" DESC NULLS LAST, _row LIMIT $4 OFFSET $5")
    #expect(r.query.binds == [.integer(1000), .integer(2), .text("Vi"), .integer(20), .integer(40)])
    #expect(r.query.description == "rows where population > 1000 and nom starts with \"Vi\", sorted by population descending, 20 at most after skipping 40")
    #expect(r.count.sql == "SELECT COUNT(*) FROM \"rev_1\" WHERE \"population\" > $1 AND substr(\"nom\", 1, CAST($2 AS integer)) = $3")
    #expect(r.count.binds == [.integer(1000), .integer(2), .text("Vi")])
    #expect(r.columns.first == "_row")
    #expect(!r.limitCapped)
}

@Test func mixedAndOrKeepsItsMeaning() throws {
    let (sql, binds) = try whereClause("nom = 'a' or population > 1 and not (ouvert = true or surface < 2)", .sqlite)
    #expect(sql == "\"nom\" = ? OR (\"population\" > ? AND NOT (\"ouvert\" = ? OR \"surface\" < ?))")
    #expect(binds == [.text("a"), .integer(1), .integer(1), .real(2)])
}

@Test func longFlatChainsStayShallow() throws {
    let terms = Array(repeating: "population = 1", count: 450)
    let filter = terms.joined(separator: " and ")
    #expect(filter.count <= QueryLimits.maxLength)
    let expression = try QueryParser.parseWhere(filter)
    guard case .and(let list) = expression else { Issue.record("not a flat and"); return }
    #expect(list.count == 450)
    let r = try compiler.compile(RecordsRequest(filter: terms.joined(separator: " or ")), dialect: .postgres)
    #expect(r.query.binds.count == 452 && r.query.sql.contains("$450"))
}
