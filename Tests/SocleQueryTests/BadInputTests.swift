import Testing
import SocleCore
@testable import SocleQuery

struct BadInput: Sendable, CustomStringConvertible {
    var request: RecordsRequest
    var code: String
    var position: Int?
    /// Extra arguments the error must carry.
    var args: [String: String] = [:]
    var description: String { "\(code): \(String(describing: request).prefix(120))" }
}

private func w(_ filter: String, _ code: String, _ position: Int?, _ args: [String: String] = [:]) -> BadInput {
    BadInput(request: RecordsRequest(filter: filter), code: code, position: position, args: args)
}

let badInputs: [BadInput] = [
    w("population >", "query.expected_value", 13, ["found": ""]),
    w("population > 1000 and", "query.expected_condition", 22),
    w("(population > 1", "query.expected_token", 16, ["token": ")"]),
    w("populaton > 3", "query.unknown_column", 1, ["suggestions": "population"]),
    w("nom = 'a' and prénom = \"x\"", "query.unknown_column", 15, ["name": "prénom", "suggestions": "prenom"]),
    w("`Popul` = 1", "query.unknown_column", 1, ["suggestions": "population"]),
    w("`nom\"; DROP TABLE t; --` = 1", "query.unknown_column", 1),
    w("foo(nom, \"x\")", "query.unknown_function", 1, ["name": "foo"]),
    w("population > \"abc\"", "query.type_mismatch", 12, ["column": "population", "type": "integer"]),
    w("ouvert = 'oui'", "query.type_mismatch", 8),
    w("geo = 'x'", "query.type_mismatch", 5),
    w("nom = null", "query.null_comparison", 5),
    w("search(population, \"x\")", "query.function_type", 8, ["function": "search"]),
    w("population like 'a%'", "query.function_type", 1, ["function": "like"]),
    w("within_distance(nom, geom'POINT(1 2)', 1km)", "query.function_type", 17, ["function": "within_distance"]),
    w("in_bbox(population, 1, 2, 3, 4)", "query.function_type", 9),
    w("within_distance(geo, geom'LINESTRING(1 2, 3 4)', 1km)", "query.invalid_geometry", 22),
    w("within_distance(geo, geom'POINT(1 2)', 1mi)", "query.invalid_distance", 41),
    w("within_distance(geo, 'POINT(1 2)', 1km)", "query.expected_token", 22, ["token": "geom'POINT(lon lat)'"]),
    w("in_bbox(geo, 1, 2, 'x', 4)", "query.expected_number", 20),
    w("date_creation > date'2024-13-01'", "query.invalid_date", 17),
    w("nom = \"abc", "query.unterminated_string", 7),
    w("`nom = 'x'", "query.unterminated_identifier", 1),
    w("nom = 3 # x", "query.unexpected_character", 9, ["character": "#"]),
    w("nom ! 3", "query.unexpected_character", 5),
    w("nom is x", "query.expected_token", 8, ["token": "null"]),
    w("nom 'x'", "query.expected_operator", 5),
    w("nom = 'a' 'b'", "query.expected_end", 11),
    w("nom = 'x' or 1=1", "query.expected_condition", 14),
    w("nom = 'x'; DROP TABLE t; --", "query.unexpected_character", 10),
    w("population > 1e999", "query.invalid_number", 14),
    w(String(repeating: "(", count: 10_000) + "nom = 'x'" + String(repeating: ")", count: 10_000), "query.too_long", 10_001, ["max": "10000", "length": "20009"]),
    w(String(repeating: "(", count: 4_990) + "nom = 'x'" + String(repeating: ")", count: 4_990), "query.too_deep", 65, ["max": "64"]),
    w(String(repeating: "not ", count: 2_000) + "nom = 'x'", "query.too_deep", 257),
    w("population in (" + Array(repeating: "1", count: 1_001).joined(separator: ",") + ")", "query.too_many_values", 2016, ["max": "1000"]),
    BadInput(request: RecordsRequest(select: "sum(nom)"), code: "query.function_type", position: 5),
    BadInput(request: RecordsRequest(select: "hour(date_creation)"), code: "query.function_type", position: 6),
    BadInput(request: RecordsRequest(select: "nom, count(*)"), code: "query.not_grouped", position: 1, args: ["column": "nom"]),
    BadInput(request: RecordsRequest(select: "median(population)"), code: "query.unknown_function", position: 1),
    BadInput(request: RecordsRequest(select: "nom, population as nom"), code: "query.duplicate_alias", position: 6),
    BadInput(request: RecordsRequest(select: "nom,"), code: "query.expected_column", position: 5),
    BadInput(request: RecordsRequest(groupBy: "count(*)"), code: "query.aggregate_not_allowed", position: 1),
    BadInput(request: RecordsRequest(orderBy: "popul desc"), code: "query.unknown_column", position: 1, args: ["suggestions": "population"]),
    BadInput(request: RecordsRequest(select: "count(*) as total", groupBy: "nom", orderBy: "totl"), code: "query.unknown_column", position: 1, args: ["suggestions": "total"]),
    BadInput(request: RecordsRequest(orderBy: "count(*)"), code: "query.aggregate_not_allowed", position: 1),
    BadInput(request: RecordsRequest(groupBy: "nom", orderBy: "population"), code: "query.not_grouped", position: 1),
    BadInput(request: RecordsRequest(orderBy: "nom sideways"), code: "query.expected_end", position: 5),
    BadInput(request: RecordsRequest(refine: ["population:beaucoup"]), code: "query.type_mismatch", position: 1),
    BadInput(request: RecordsRequest(refine: ["popul:3"]), code: "query.unknown_column", position: 1, args: ["suggestions": "population"]),
    BadInput(request: RecordsRequest(refine: ["geo:1,2"]), code: "query.function_type", position: 1),
    BadInput(request: RecordsRequest(exclude: ["date_creation:hier"]), code: "query.type_mismatch", position: 1),
    BadInput(request: RecordsRequest(refine: ["sans deux-points"]), code: "query.invalid_refine", position: nil),
    BadInput(request: RecordsRequest(refine: Array(repeating: "nom:a", count: 101)), code: "query.too_many_refinements", position: nil),
    w("`prénom` = 'x'", "query.unknown_column", 1, ["suggestions": "prenom"]),
    w("Nom = 'x'", "query.unknown_column", 1, ["suggestions": "nom"]),
    w("()", "query.expected_condition", 2),
    w("year(date_creation) = '2024'", "query.type_mismatch", 21, ["column": "year(date_creation)"]),
    w("hour(date_creation) = 3", "query.function_type", 6, ["function": "hour"]),
    w("month(nom) = 3", "query.function_type", 7),
    w("year(date_creation) in (2024)", "query.expected_operator", 21),
    w("search(nom, 3)", "query.expected_string", 13),
]

@Test(arguments: badInputs)
func badInputIsRefusedCleanly(_ bad: BadInput) {
    for dialect in [SQLDialect.sqlite, .postgres] {
        let error = failure(bad.request, dialect)
        #expect(error?.code == bad.code)
        #expect(error?.kind == .invalidInput)
        #expect(error?.args["position"] == bad.position.map(String.init))
        for (k, v) in bad.args { #expect(error?.args[k] == v, "argument \(k)") }
    }
}

@Test func bareSearchNeedsATextColumn() {
    let numbers = QueryCompiler(table: "t", schema: [ColumnSchema(name: "n", label: "n", type: .integer)])
    #expect(throws: SocleError(code: "query.no_text_columns", args: ["position": "1"])) {
        try numbers.compile(RecordsRequest(filter: "\"x\""), dialect: .sqlite)
    }
}

@Test func onlyTheFirstGeoColumnIsIndexed() throws {
    let two = QueryCompiler(table: "t", schema: [ColumnSchema(name: "a", label: "a", type: .geopoint),
                                                 ColumnSchema(name: "b", label: "b", type: .geopoint)])
    #expect(throws: SocleError(code: "query.geo_not_indexed", args: ["column": "b", "position": "9"])) {
        try two.compile(RecordsRequest(filter: "in_bbox(b, 1, 2, 3, 4)"), dialect: .sqlite)
    }
    _ = try two.compile(RecordsRequest(filter: "in_bbox(a, 1, 2, 3, 4)"), dialect: .sqlite)
}

@Test func hostileValuesNeverReachTheSQLText() throws {
    let hostile = ["x'; DROP TABLE t; --", "\" OR 1=1 --", "'); ATTACH DATABASE 'x' AS y; --", "é\u{0}\\"]
    for value in hostile {
        for dialect in [SQLDialect.sqlite, .postgres] {
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
            let r = try compiler.compile(RecordsRequest(filter: "nom = '\(escaped)' or search(prenom, '\(escaped)')"), dialect: dialect)
            #expect(!r.query.sql.contains("DROP") && !r.query.sql.contains("ATTACH") && !r.query.sql.contains("1=1"))
            #expect(r.query.binds.prefix(2) == [.text(value), .text(value)])
        }
    }
}
