import Foundation
@testable import SocleActions
@testable import SocleServer
import SocleCore
import SocleQuery
import Testing

/// The pure parts of the compatibility layer: CKAN DataStore parameters to ODSQL, `fq` clauses,
/// the catalog's LIKE, facet names, JSON writing.
@Suite("Compatibility translations")
struct CompatTranslationTests {
    static let columns = [
        ColumnSchema(name: "nom", label: "Nom", type: .text), ColumnSchema(name: "code", label: "Code", type: .code),
        ColumnSchema(name: "places", label: "Places", type: .integer), ColumnSchema(name: "surface", label: "", type: .number),
        ColumnSchema(name: "ouvert", label: "", type: .boolean), ColumnSchema(name: "jour", label: "", type: .date),
        ColumnSchema(name: "point", label: "", type: .geopoint),
    ]
    let query = CKANDatastoreQuery(columns: Self.columns, resource: "r")

    @Test("filters become bound ODSQL literals of the column's type; the compiler accepts them")
    func filters() throws {
        let t = try query.translate(filters: .object([("nom", .string("a\"b\\c' or 1=1")), ("places", .array([.int(1), .string("2")])),
                                                      ("ouvert", .bool(true)), ("jour", .null), ("code", .int(14762))]),
                                    q: nil, fields: nil, sort: nil, distinct: false)
        #expect(t.request.filter == "`nom` = \"a\\\"b\\\\c' or 1=1\" and `places` in (1, 2) and `ouvert` = true and `jour` is null and `code` = \"14762\"")
        // The text survives the compiler as one bound value, never as SQL.
        let compiled = try QueryCompiler(table: "t", schema: Self.columns).compile(t.request, dialect: .sqlite)
        #expect(compiled.query.binds.contains(.text("a\"b\\c' or 1=1")))
        #expect(!compiled.query.sql.contains("or 1=1"))
        #expect(t.fields == ["_id"] + Self.columns.map(\.name))
    }

    @Test("q, fields, sort and distinct")
    func shapes() throws {
        let t = try query.translate(filters: nil, q: .string("vélo"), fields: ["_id", "nom", "places"], sort: "places desc, \"nom\", _id", distinct: false)
        #expect(t.request.filter == "\"vélo\"")
        #expect(t.request.select == "`nom`, `places`")
        #expect(t.request.orderBy == "`places` desc, `nom` asc")
        #expect(t.fields == ["_id", "nom", "places"])
        let d = try query.translate(filters: nil, q: .object([("nom", .string("x"))]), fields: ["code"], sort: nil, distinct: true)
        #expect(d.request.groupBy == "`code`")
        #expect(d.request.filter == "search(`nom`, \"x\")")
        #expect(d.fields == ["code"])
    }

    @Test("bad names, values and sorts are refused with the parameter named", arguments: [
        ("filters", CompatJSON.object([("nom`) or (1", .string("x"))])),
        ("filters", .object([("places", .string("1 or 1"))])),
        ("filters", .object([("surface", .string("nan"))])),
        ("filters", .object([("ouvert", .string("vrai"))])),
        ("filters", .object([("jour", .string("2024-13"))])),
        ("filters", .object([("point", .string("1,2"))])),
        ("filters", .object([("nom", .array([]))])),
        ("filters", .object([("nom", .object([]))])),
        ("filters", .array([])),
    ])
    func refusals(_ name: String, _ value: CompatJSON) throws {
        #expect(throws: SocleError.self) { try query.translate(filters: value, q: nil, fields: nil, sort: nil, distinct: false) }
    }

    @Test("sort refusals")
    func sorts() throws {
        for bad in ["nom; drop table x", "_id desc", "inconnu", "nom sideways"] {
            #expect(throws: SocleError.self, "\(bad)") { try query.orderBy(bad, distinct: false) }
        }
        #expect(try query.orderBy("_id", distinct: false) == nil)
    }

    @Test("fq clauses: fields, quotes, negation, AND")
    func clauses() throws {
        let c = try CKANPackageSearch.clauses("organization:ville AND tags:\"services publics\" -license_id:odc-odbl")
        #expect(c == [.init(field: "organization", value: "ville", negated: false),
                      .init(field: "tags", value: "services publics", negated: false),
                      .init(field: "license_id", value: "odc-odbl", negated: true)])
        #expect(throws: SocleError.self) { try CKANPackageSearch.clauses("password:x") }
        #expect(throws: SocleError.self) { try CKANPackageSearch.clauses("tags:\"open") }
        #expect(throws: SocleError.self) { try CKANPackageSearch.clauses("justtext") }
    }

    @Test("catalog LIKE, facet names, JSON text")
    func small() {
        #expect(MetadataFilter<Int>.like("comptages velo", "%velo"))
        #expect(MetadataFilter<Int>.like("abc", "a_c"))
        #expect(!MetadataFilter<Int>.like("abc", "a_"))
        #expect(MetadataFilter<Int>.like("", "%"))
        #expect(ODSController.facetName("facet(name=\"categorie\", sort=\"count\")") == "categorie")
        #expect(ODSController.facetName(" nom ") == "nom")
        #expect(ODSController.facetName("") == nil)
        let json = CompatJSON.object([("a\"b", .string("x\ny")), ("n", .cell(.number(2))), ("l", .array([.null, .bool(true)]))])
        #expect(String(decoding: json.bytes, as: UTF8.self) == "{\"a\\\"b\":\"x\\ny\",\"n\":2,\"l\":[null,true]}")
        #expect(CompatJSON.parse("{\"b\": 1, \"a\": [true, 1.5, \"x\"]}") == .object([("a", .array([.bool(true), .double(1.5), .string("x")])), ("b", .int(1))]))
        #expect(CompatJSON.parse("{") == nil)
        #expect(CKANDatastore.delimited("a,b", ",") == "\"a,b\"")
        #expect(CKANDatastore.delimited("a\tb\nc", "\t") == "a b c")
        #expect(ODSDatasetView.value(.text("48.5,-1.25"), type: .geopoint) == .object([("lon", .double(-1.25)), ("lat", .double(48.5))]))
        #expect(ODSDatasetView.value(.text("{\"type\":\"Point\"]"), type: .geometry) == .cell(.text("{\"type\":\"Point\"]")))
    }
}
