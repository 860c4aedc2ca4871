import Foundation
import SocleCore
import SocleQuery
import Testing

@Suite("Core values")
struct CoreTests {
    @Test("slugs: valid and invalid", arguments: [
        ("budget-2024", true), ("ab", true), ("a", false), ("Budget", false), ("é-t-é", false),
        ("-x", false), ("x-", false), ("a b", false), (String(repeating: "a", count: 65), false), ("rev_1", false),
    ])
    func slugs(slug: String, valid: Bool) {
        #expect(((try? Slug.validate(slug)) != nil) == valid)
    }

    @Test("errors render French first with their location")
    func errorMessages() {
        let e = SocleError(.notFound, code: "store.not_found.dataset", args: ["slug": "budget"],
                           location: SourceLocation(file: "x.csv", line: 12, column: "Montant"))
        #expect(e.message(.french) == "x.csv, ligne 12, colonne « Montant » : Le jeu de données « budget » n'existe pas, ou n'est pas public.")
        // Issue 11: a surface may word it its own way (the command line names a command; the portal does not);
        // without a variant for that surface, the common text is used.
        Catalog.shared.register(entries: ["store.not_found.dataset@cli": ["fr": "Le jeu de données « {slug} » n'existe pas. La commande « socle datasets » liste ceux qui existent."]])
        #expect(e.message(.french, surface: .cli).hasSuffix("La commande « socle datasets » liste ceux qui existent."))
        #expect(e.message(.french, surface: .web) == e.message(.french))
        #expect(e.message(.english).hasPrefix("x.csv, line 12, column \"Montant\" : The dataset \"budget\""))
        // An unknown key still says something useful rather than nothing.
        #expect(SocleError(code: "no.such.key", args: ["a": "1"]).message(.french) == "no.such.key (a=1)")
    }

    @Test("table layout appends the geo helpers after the first geographic column")
    func layout() {
        let plain = TableLayout(schema: [ColumnSchema(name: "a", label: "A", type: .integer)])
        #expect(plain.columns.map(\.name) == ["a"])
        #expect(!plain.hasGeoHelpers)
        let geo = TableLayout(schema: [ColumnSchema(name: "a", label: "A", type: .boolean),
                                       ColumnSchema(name: "p", label: "P", type: .geopoint)])
        #expect(geo.columns.map(\.name) == ["a", "p", "_geo_lon", "_geo_lat"])
        #expect(!geo.hasBoundingBox)
        let shape = TableLayout(schema: [ColumnSchema(name: "g", label: "G", type: .geometry),
                                         ColumnSchema(name: "p", label: "P", type: .geopoint)])
        #expect(shape.columns.map(\.name) == ["g", "p", "_geo_lon", "_geo_lat", "_geo_xmin", "_geo_ymin", "_geo_xmax", "_geo_ymax"])
        #expect(shape.geoSourceIndex == 0)
        #expect(geo.geoSourceIndex == 1)
        #expect(geo.columns[0].storage == .integer)
    }

    @Test("text vectors keep values back to back")
    func textVector() {
        var t = TextVector()
        t.append("été")
        t.appendNull()
        t.append("")
        t.append(utf8: Array("x;y".utf8))
        #expect(t.count == 4)
        #expect(t.string(at: 0) == "été")
        #expect(t.string(at: 1) == nil)
        #expect(t.string(at: 2) == "")
        #expect(t.string(at: 3) == "x;y")
    }
}
