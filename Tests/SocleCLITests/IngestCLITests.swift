import Foundation
import SocleCore
import SocleTestSupport
import Testing

/// End-to-end tests of `socle` as a user runs it, on both backends.
@Suite("socle ingest / datasets / revisions / show")
struct IngestCLITests {
    static let laposte = "real_csv/laposte/laposte_hexasmal.csv"

    /// Issue 11, point 5: the CLI writes rows with the same JSON writer as the API (QueryAPITests.oneJSONRule).
    @Test("socle show and socle query write a whole decimal as 3, like the API and the exports", arguments: Backend.all)
    func oneJSONRule(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let file = try Paths.tempFile("mesures.csv", Array("code;jour;montant;nombre\n01001;2024-03-01;3;12\n01002;2024-03-02;2,5;\n".utf8))
        let r = try CLI.run(["ingest", file.path, "--dataset", "mesures", "--org", "ville", "--create-org"], environment: t.environment)
        #expect(r.status == 0, "\(r.stderr)")
        let expected = [#""code":"01001""#, #""jour":"2024-03-01""#, #""montant":3"#, #""nombre":12"#, #""nombre":null"#, #""montant":2.5"#]
        for args in [["show", "mesures", "--json"], ["query", "mesures", "--json"]] {
            let out = try CLI.run(args, environment: t.environment)
            #expect(out.status == 0, "\(out.stderr)")
            let text = out.stdout.replacingOccurrences(of: " ", with: "")
            for piece in expected { #expect(text.contains(piece), "\(args[0]) lacks \(piece): \(out.stdout)") }
            #expect(!text.contains(#""montant":3.0"#))
        }
    }

    @Test("ingest a real French CSV, then list, inspect and show it", arguments: Backend.all)
    func ingestAndInspect(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let file = Paths.fixture("real_csv/elections/presidentielle2022_resultats-par-niveau-dpt-t1_extrait.csv")
        let r = try CLI.run(["ingest", file.path, "--dataset", "presidentielle-2022", "--org", "prefecture", "--create-org",
                             "--title", "Présidentielle 2022", "--json"], environment: t.environment)
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(r.json)
        #expect(report["dataset"] as? String == "presidentielle-2022")
        #expect(report["revision"] as? Int == 1)
        #expect(report["rows"] as? Int == 107)
        #expect(report["encoding"] as? String == "utf-8-bom")
        #expect(report["delimiter"] as? String == ";")
        let columns = try #require(report["columns"] as? [[String: Any]])
        #expect(!columns.isEmpty)
        for c in columns {
            #expect(c["name"] is String)
            #expect(c["label"] is String)
            #expect(ColumnType(rawValue: c["type"] as? String ?? "") != nil)
        }
        #expect(report["warnings"] is [Any])

        let list = try CLI.run(["datasets", "--json"], environment: t.environment)
        #expect(list.status == 0)
        let datasets = try #require(list.jsonArray)
        #expect(datasets.count == 1)
        #expect(datasets.first?["title"] as? String == "Présidentielle 2022")
        #expect(datasets.first?["organisation"] as? String == "prefecture")

        let show = try CLI.run(["show", "presidentielle-2022", "--limit", "5", "--json"], environment: t.environment)
        #expect(show.status == 0, "\(show.stderr)")
        let page = try #require(show.json)
        #expect(page["total"] as? Int == 107)
        #expect((page["rows"] as? [[String: Any]])?.count == 5)

        let human = try CLI.run(["show", "presidentielle-2022", "--limit", "2"], environment: t.environment)
        #expect(human.status == 0)
        #expect(human.stdout.contains("2 lignes affichées sur 107"))
    }

    @Test("codes keep their leading zeros and a second load becomes revision 2", arguments: Backend.all)
    func revisionsAndCodes(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let file = Paths.fixture(Self.laposte)
        let first = try CLI.run(["ingest", file.path, "--dataset", "codes-postaux", "--json"], environment: t.environment)
        #expect(first.status == 0, "\(first.stderr)")
        let columns = try #require(first.json?["columns"] as? [[String: Any]])
        let types = Dictionary(uniqueKeysWithValues: columns.map { ($0["label"] as? String ?? "", $0["type"] as? String ?? "") })
        #expect(types["Code_commune_INSEE"] == "code")
        #expect(types["Code_postal"] == "code")
        #expect(types["coordonnees_gps"] == "geopoint")
        let second = try CLI.run(["ingest", file.path, "--dataset", "codes-postaux", "--json"], environment: t.environment)
        #expect(second.json?["revision"] as? Int == 2)

        let revs = try CLI.run(["revisions", "codes-postaux", "--json"], environment: t.environment)
        let list = try #require(revs.jsonArray)
        #expect(list.map { $0["number"] as? Int } == [1, 2])
        #expect(list.map { $0["current"] as? Bool } == [false, true])
        #expect(list.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
        #expect(list.allSatisfy { $0["rows"] as? Int == 39_192 })

        let show = try CLI.run(["show", "codes-postaux", "--revision", "1", "--limit", "1", "--json"], environment: t.environment)
        let row = try #require((show.json?["rows"] as? [[String: Any]])?.first)
        let code = try #require(row.first { $0.key.contains("insee") }?.value as? String)
        #expect(code.count == 5, "INSEE code \(code) lost a leading zero")
    }

    @Test("a header-only file is a valid 0-row load; a 5 MB field loads", arguments: Backend.all)
    func edgeFiles(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let header = try Paths.tempFile("vide.csv", Array("code_insee;nom;population\n".utf8))
        let r = try CLI.run(["ingest", header.path, "--dataset", "vide", "--json"], environment: t.environment)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.json?["rows"] as? Int == 0)
        #expect((r.json?["columns"] as? [Any])?.count == 3)

        let big = String(repeating: "é", count: 2_621_440) // 5 MiB of UTF-8
        let file = try Paths.tempFile("gros.csv", Array("id;texte\n1;\"\(big)\"\n2;court\n".utf8))
        let g = try CLI.run(["ingest", file.path, "--dataset", "gros", "--json"], environment: t.environment)
        #expect(g.status == 0, "\(g.stderr)")
        #expect(g.json?["rows"] as? Int == 2)
        let show = try CLI.run(["show", "gros", "--json"], environment: t.environment)
        let rows = try #require(show.json?["rows"] as? [[String: Any]])
        #expect((rows.first?["texte"] as? String)?.count == big.count)
    }

    @Test("unknown dataset and revision are clear errors", arguments: Backend.all)
    func unknownDataset(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let r = try CLI.run(["show", "absent"], environment: t.environment)
        #expect(r.status != 0)
        #expect(r.stderr.contains("« absent » n'existe pas"))
        let bad = try CLI.run(["ingest", Paths.fixture(Self.laposte).path, "--dataset", "Pas Un Slug"], environment: t.environment)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("n'est pas valide"))
    }
}

@Suite("socle ingest speaks French")
struct IngestReportLanguageTests {
    @Test("the human report renders notes and warnings from the catalogs, never raw keys")
    func humanReport() async throws {
        let t = try await TestStore.make(.sqlite)
        defer { Task { await t.close() } }
        let file = Paths.fixture("real_csv/insee_cog/commune2021_excel-mangled.csv")
        let r = try CLI.run(["ingest", file.path, "--dataset", "cog-2021"], environment: t.environment)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("les zéros en tête semblent avoir été supprimés"))
        #expect(r.stdout.contains("Attention : Colonne « COM »"))
        for key in ["inference.", "csv.warning", "json.warning"] { #expect(!r.stdout.contains(key), "raw key \(key) in: \(r.stdout)") }
        let en = try CLI.run(["ingest", file.path, "--dataset", "cog-2021", "--json"],
                             environment: t.environment.merging(["SOCLE_LANG": "en"]) { $1 })
        let warnings = try #require(en.json?["warnings"] as? [String])
        #expect(warnings.contains { $0.contains("leading zeros seem to have been stripped") })
    }
}

/// Issue 11, found by a new user: `--org` no longer creates an organisation by mistake, nor adds a revision to
/// another organisation's dataset.
@Suite("socle ingest: catalog rules for --org")
struct IngestOrganisationRulesTests {
    @Test("an unknown organisation is refused with the list; --create-org creates it; another organisation's dataset is refused", arguments: Backend.all)
    func organisationRules(_ backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let file = try Paths.tempFile("communes.csv", Array("code;nom\n14762;Vire\n".utf8))
        let org = try CLI.run(["org", "create", "saint-aubin", "--name", "Saint-Aubin", "--type", "commune"], environment: t.environment)
        #expect(org.status == 0, "\(org.stderr)")
        let unknown = try CLI.run(["ingest", file.path, "--dataset", "communes", "--org", "vire"], environment: t.environment)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("« vire » n'existe pas") && unknown.stderr.contains("saint-aubin") && unknown.stderr.contains("--create-org"),
                "\(unknown.stderr)")
        #expect(try await t.store.organisation(slug: "vire") == nil)
        #expect(try await t.store.dataset(slug: "communes") == nil)
        let created = try CLI.run(["ingest", file.path, "--dataset", "communes", "--org", "vire", "--create-org"], environment: t.environment)
        #expect(created.status == 0, "\(created.stderr)")
        let other = try CLI.run(["ingest", file.path, "--dataset", "communes", "--org", "saint-aubin"], environment: t.environment)
        #expect(other.status != 0)
        #expect(other.stderr.contains("appartient à l'organisation « vire »"), "\(other.stderr)")
        let d = try #require(try await t.store.dataset(slug: "communes"))
        #expect(try await t.store.revisions(datasetId: d.id).count == 1)
        // Without --org, or with its own organisation, a new revision is added.
        #expect(try CLI.run(["ingest", file.path, "--dataset", "communes"], environment: t.environment).status == 0)
        #expect(try CLI.run(["ingest", file.path, "--dataset", "communes", "--org", "vire"], environment: t.environment).status == 0)
        #expect(try await t.store.revisions(datasetId: d.id).count == 3)
    }
}
