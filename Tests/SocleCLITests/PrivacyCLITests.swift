import Foundation
import SocleCore
import SocleTestSupport
import Testing

/// `socle scan`, `privacy`, `classify`, `publish`, `anonymise`, `query` and `privacy-key` through the real
/// binary, on both backends.
@Suite("socle scan, classify, publish, anonymise, query")
struct PrivacyCLITests {
    static func people(rows: Int = 30) -> String {
        let first = ["Jean", "Marie", "Pierre", "Sophie", "Luc", "Anne", "Paul", "Julie", "Marc", "Claire"]
        let last = ["MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY", "MOREAU", "SIMON"]
        var out = "Nom;Prénom;Date de naissance;Téléphone;Commune;Aide\n"
        for i in 0..<rows {
            out += "\(last[i % last.count]);\(first[i % first.count]);\(String(format: "%02d", 1 + i % 28))/0\(1 + i % 9)/19\(50 + i % 40);"
            out += "06 12 34 \(String(format: "%02d", i % 100)) 78;\(i % 2 == 0 ? "Vire" : "Caen");Aide \(i % 3)\n"
        }
        return out
    }

    @Test("scan flags the personal columns of a file without loading it, in JSON with evidence")
    func scan() throws {
        let file = try Paths.tempFile("personnes.csv", Array(Self.people().utf8))
        let r = try CLI.run(["scan", file.path, "--json"], environment: [:])
        #expect(r.status == 0, "\(r.stderr)")
        let columns = try #require(r.json?["columns"] as? [[String: Any]])
        let verdicts = Dictionary(uniqueKeysWithValues: columns.map { ($0["name"] as? String ?? "", $0["verdict"] as? String ?? "") })
        #expect(verdicts["nom"] == "personal")
        #expect(verdicts["telephone"] == "personal")
        #expect(verdicts["date_de_naissance"] == "personal")
        #expect(verdicts["commune"] == "public")
        #expect((columns.first?["evidence"] as? [String: Any])?["signals"] is [String])
        let missing = try CLI.run(["scan", "/nonexistent.csv"], environment: [:])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("nonexistent.csv"))
    }

    @Test("classify, publish refused with reasons, anonymise with k, publish the derived dataset, query it", arguments: Backend.all)
    func flow(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        var env = t.environment
        let secrets = FileManager.default.temporaryDirectory.appendingPathComponent("socle-secrets-\(UUID().uuidString)")
        env["SOCLE_SECRETS_DIR"] = secrets.path
        let file = try Paths.tempFile("personnes.csv", Array(Self.people().utf8))
        #expect(try CLI.run(["ingest", file.path, "--dataset", "aides"], environment: env).status == 0)

        let state = try CLI.run(["privacy", "aides", "--json"], environment: env)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(state.stdout.utf8)) as? [[String: Any]])
        #expect(rows.allSatisfy { $0["needs_review"] as? Bool == true || $0["needsReview"] as? Bool == true })

        let refused = try CLI.run(["publish", "aides"], environment: env)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("colonnes n'ont pas été revues (suggestion du détecteur : personnelle) : «\u{00A0}nom\u{00A0}»"), "\(refused.stderr)")

        for c in ["nom", "Prénom", "telephone"] {
            let r = try CLI.run(["classify", "aides", c, "--as", "personal", "--category", "identity"], environment: env)
            #expect(r.status == 0, "\(c): \(r.stderr)")
        }
        #expect(try CLI.run(["classify", "aides", "date_de_naissance", "--as", "personal", "--category", "birthDate"], environment: env).status == 0)
        #expect(try CLI.run(["classify", "aides", "commune", "--as", "public"], environment: env).status == 0)
        #expect(try CLI.run(["classify", "aides", "aide", "--as", "public"], environment: env).status == 0)
        let badLevel = try CLI.run(["classify", "aides", "aide", "--as", "secret"], environment: env)
        #expect(badLevel.status != 0)
        let unknown = try CLI.run(["classify", "aides", "inconnue", "--as", "public"], environment: env)
        #expect(unknown.stderr.contains("inconnue"))

        // k cannot be reached on exact birth dates: refused, nothing created.
        let tooFine = try CLI.run(["anonymise", "aides", "--into", "aides-x", "--drop", "nom,Prénom,telephone", "--k", "5",
                                   "--quasi", "date_de_naissance,commune"], environment: env)
        #expect(tooFine.status != 0)
        #expect(tooFine.stderr.contains("plus petit groupe"))
        #expect(try await t.store.dataset(slug: "aides-x") == nil)

        let ok = try CLI.run(["anonymise", "aides", "--into", "aides-anon", "--drop", "nom,Prénom,telephone",
                              "--generalise", "date_de_naissance:year", "--generalise", "date_de_naissance:age-band",
                              "--k", "3", "--quasi", "date_de_naissance,commune", "--json"], environment: env)
        if ok.status != 0 {
            // Two generalisations of one column conflict: the engine says so.
            #expect(ok.stderr.contains("date_de_naissance"))
        }
        let good = try CLI.run(["anonymise", "aides", "--into", "aides-anon", "--drop", "nom,Prénom,telephone",
                                "--generalise", "date_de_naissance:age-band", "--k", "3", "--quasi", "date_de_naissance,commune",
                                "--json"], environment: env)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.json?["clears_personal_data"] as? Bool == true || good.json?["clearsPersonalData"] as? Bool == true)
        #expect((good.json?["smallest_group_size"] ?? good.json?["smallestGroupSize"]) as? Int ?? 0 >= 3)

        let q = try CLI.run(["query", "aides-anon", "--select", "commune, count(*) as n", "--group-by", "commune",
                             "--order-by", "commune", "--json"], environment: env)
        #expect(q.status == 0, "\(q.stderr)")
        #expect(q.stdout.contains("\"commune\":\"Caen\"") || q.stdout.contains("\"commune\": \"Caen\""))
        let csv = try CLI.run(["query", "aides-anon", "--export", "csv"], environment: env)
        #expect(csv.stdout.hasPrefix("date_de_naissance,commune,aide"))
        #expect(!csv.stdout.contains("MARTIN") && !csv.stdout.contains("DUBOIS"))

        let rotate = try CLI.run(["privacy-key", "rotate"], environment: env)
        #expect(rotate.status == 0)
        try? FileManager.default.removeItem(at: secrets)
    }
}
