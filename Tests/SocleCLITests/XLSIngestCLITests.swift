import Foundation
import SocleCore
import SocleTestSupport
import Testing

/// `socle ingest` on Excel 97–2003 workbooks (issue 13, item 5), on both backends.
@Suite("socle ingest reads .xls")
struct XLSIngestCLITests {
    static let workbook = Paths.fixture("xls/classeur-collectivite.xls")

    @Test("a real .xls loads with its types, dates and sheets", arguments: Backend.all)
    func loads(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let r = try CLI.run(["ingest", Self.workbook.path, "--dataset", "deputes", "--json"], environment: t.environment)
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(r.json)
        #expect(report["format"] as? String == "xls")
        #expect(report["rows"] as? Int == 575)
        let columns = try #require(report["columns"] as? [[String: Any]])
        let types = Dictionary(uniqueKeysWithValues: columns.map { ($0["name"] as? String ?? "", $0["type"] as? String ?? "") })
        #expect(types["code_du_departement"] == "code")
        #expect(types["date_de_naissance"] == "date")
        #expect(types["date_de_debut_du_mandat"] == "date")
        #expect(types["nom_de_l_elu"] == "text")
        let shown = try CLI.run(["show", "deputes", "--limit", "2", "--json"], environment: t.environment)
        #expect(shown.status == 0, "\(shown.stderr)")
        let text = shown.stdout.replacingOccurrences(of: " ", with: "")
        for piece in [#""code_du_departement":"01""#, #""date_de_naissance":"1962-11-25""#, #""nom_de_l_elu":"DAUBIÉ""#] {
            #expect(text.contains(piece), "\(piece) missing: \(shown.stdout)")
        }

        let calc = try CLI.run(["ingest", Self.workbook.path, "--dataset", "calculs", "--sheet", "Calculs", "--json"],
                               environment: t.environment)
        #expect(calc.status == 0, "\(calc.stderr)")
        let c = try #require(calc.json)
        #expect(c["rows"] as? Int == 5)
        let calcTypes = Dictionary(uniqueKeysWithValues: (c["columns"] as? [[String: Any]] ?? []).map {
            ($0["name"] as? String ?? "", $0["type"] as? String ?? "")
        })
        #expect(calcTypes["montant"] == "number")
        #expect(calcTypes["horodatage"] == "datetime")
        #expect(calcTypes["ok"] == "boolean")
        let warnings = try #require(c["warnings"] as? [String])
        #expect(warnings.contains { $0.contains("#DIV/0!") && $0.contains("D3") }, "\(warnings)")
    }

    @Test("a protected, cut or disguised .xls is refused, located, and nothing is written", arguments: Backend.all)
    func refused(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let cut = try Paths.tempFile("coupe.xls", Array(try Data(contentsOf: Self.workbook).prefix(300_000)))
        let html = Paths.fixture("xls/export-html.xls")
        let cases: [(URL, [String])] = [
            (Paths.fixture("xls/classeur-protege.xls"), ["classeur-protege.xls", "mot de passe"]),
            (cut, ["coupe.xls"]),
            (html, ["export-html.xls", "page web", ".xlsx"]),
        ]
        for (file, expect) in cases {
            let r = try CLI.run(["ingest", file.path, "--dataset", "refuse"], environment: t.environment)
            #expect(r.status != 0)
            #expect(r.stderr.hasPrefix("socle : erreur : "), "\(r.stderr)")
            for s in expect { #expect(r.stderr.contains(s), "«\(s)» missing from: \(r.stderr)") }
        }
        #expect(try await t.store.dataset(slug: "refuse") == nil)
    }
}
