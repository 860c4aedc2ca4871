import SocleCore
import SocleQuery
import Testing

/// The index a filter would use: equality columns first, then one range column.
@Test(arguments: [
    ("code_insee = '14762' and date_creation >= date'2024-01-01'", ["code_insee", "date_creation"]),
    ("population > 10", ["population"]),
    ("nom = 'Vire' and prenom in ('a', 'b')", ["nom", "prenom", "_row"]),
    // Pages in load order: PostgreSQL needs `_row` in the index to avoid a sort (SQLite has it implicitly).
    ("code_insee = '14762'", ["code_insee", "_row"]),
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
    #expect(c.indexHint == ["nom"])
}
