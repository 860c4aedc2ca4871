import Foundation
import SocleCore
import SocleTestSupport
import Testing

/// Issue 13, item 1, as a user runs it: spreadsheets and CSV with title blocks load with the labels and
/// types a person would choose, without options; `--header-row` overrides; bad rows are refused.
@Suite("socle ingest: header row, title blocks and footers")
struct HeaderRowCLITests {
    static func columns(_ report: [String: Any]) -> [(label: String, type: String)] {
        ((report["columns"] as? [[String: Any]]) ?? []).map { ($0["label"] as? String ?? "", $0["type"] as? String ?? "") }
    }

    @Test("title block, group headers and footers, without options", arguments: Backend.all)
    func withoutOptions(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        for (n, file) in ["subventions_antibes.xlsx", "subventions_antibes.ods", "etat_subventions_finances.csv"].enumerated() {
            let r = try CLI.run(["ingest", Paths.fixture("headers/" + file).path, "--dataset", "subventions-\(n)", "--json"],
                                environment: t.environment)
            #expect(r.status == 0, "\(file): \(r.stderr)")
            let report = try #require(r.json)
            #expect(report["rows"] as? Int == 29, "\(file)")
            let cols = Self.columns(report)
            let types = Dictionary(cols.map { ($0.label, $0.type) }, uniquingKeysWith: { a, _ in a })
            if file.hasSuffix(".csv") {
                #expect(cols.map(\.label) == ["Bénéficiaire", "N° SIRET", "Date convention", "Objet", "Nature de l'aide", "Montant"])
                #expect(types["Date convention"] == "date")
                #expect(types["Montant"] == "number")
            } else {
                #expect(cols.map(\.label).first == "Nom de l'attribuant")
                #expect(types["Date de la convention"] == "date")
                #expect(types["Montant (€)"] == "number")
            }
            #expect(types["Objet"] == "text")
            let warnings = (report["warnings"] as? [String]) ?? []
            #expect(warnings.contains { $0.hasPrefix("En-tête lue à la ligne") }, "\(warnings)")
            #expect(warnings.contains { $0.contains("pied de tableau") }, "\(warnings)")
        }
        // The report in text form says it too.
        let text = try CLI.run(["ingest", Paths.fixture("headers/subventions_antibes.xlsx").path, "--dataset", "subventions-0"],
                               environment: t.environment)
        #expect(text.status == 0)
        #expect((text.stdout + text.stderr).contains("En-tête lue à la ligne 5"))
    }

    @Test("--header-row takes the given row; an empty or absent row is refused, nothing loaded", arguments: Backend.all)
    func forced(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let file = Paths.fixture("headers/subventions_antibes.ods").path
        let r = try CLI.run(["ingest", file, "--dataset", "groupes", "--header-row", "4", "--json"], environment: t.environment)
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(r.json)
        #expect(Self.columns(report).first?.label == "Informations relatives à l'attribuant")
        #expect(report["rows"] as? Int == 30)
        for (row, words) in [("3", "(3) est vide"), ("99", "n'existe pas"), ("0", "nombre entier")] {
            let bad = try CLI.run(["ingest", file, "--dataset", "refus", "--header-row", row], environment: t.environment)
            #expect(bad.status != 0)
            #expect(bad.stderr.contains(words), "\(bad.stderr)")
        }
        let list = try CLI.run(["datasets", "--json"], environment: t.environment)
        #expect(!list.stdout.contains("refus"))
    }
}
