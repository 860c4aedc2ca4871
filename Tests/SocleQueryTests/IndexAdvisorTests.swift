import SocleCore
import SocleQuery
import Testing

/// The index a filter would use: equality columns first, then one range column.
@Test(arguments: [
    ("code_insee = '14762' and date_creation >= date'2024-01-01'", ["code_insee", "date_creation"]),
    ("population > 10", ["population"]),
    ("nom = 'Vire' and prenom in ('a', 'b')", ["nom", "prenom", "_row"]),
    // Pages in load order: PostgreSQL needs `_row` in the index to avoid a sort (SQLite has it implicitly);
    // a code column's load-time index already ends with it.
    ("nom = 'Vire'", ["nom", "_row"]),
    ("code_insee = '14762'", nil),
    ("population > 10 or nom = 'a'", nil),
    ("nom != 'x'", nil),
    ("\"gare\"", nil),
] as [(String, [String]?)])
func indexAdvice(_ filter: String, _ expected: [String]?) throws {
    let compiled = try compiler.compile(RecordsRequest(filter: filter), dialect: .sqlite)
    #expect(compiled.indexHint == expected, "\(filter)")
}

@Test func groupedQueriesDoNotAskForRowOrder() throws {
    let c = try compiler.compile(
        RecordsRequest(select: "count(*) as n", filter: "nom = 'a'", groupBy: "prenom"), dialect: .postgres)
    #expect(c.indexHint == ["nom", "prenom"])
}

/// An aggregate's index covers the columns it reads, so the index alone answers it (no table lookups for
/// rows spread over the whole table); geometries and more than three extra columns are left out.
@Test(arguments: [
    ("sum(population) as p", "year(date_creation)", ["code_insee", "date_creation", "population"]),
    ("count(*) as n", nil, ["code_insee", "date_creation"]),
    ("avg(surface) as s, max(population) as m", "nom", ["code_insee", "date_creation", "nom", "population", "surface"]),
    ("count(geo) as g", nil, ["code_insee", "date_creation"]),
    ("sum(population) as p, sum(surface) as s, max(maj) as m", "nom, prenom", ["code_insee", "date_creation"]),
] as [(String, String?, [String])])
func coveringAggregates(_ select: String, _ groupBy: String?, _ expected: [String]) throws {
    let c = try compiler.compile(RecordsRequest(select: select, filter: "code_insee = '14' and date_creation >= date'2024-01-01'",
                                                groupBy: groupBy), dialect: .sqlite)
    #expect(c.indexHint == expected, "\(select) / \(groupBy ?? "")")
}
