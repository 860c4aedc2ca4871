import Foundation
import SocleCore
import SocleStore
import SocleTestSupport
import Testing

/// `socle subject …` as the operator runs it, on both backends — and an erasure killed (`kill -9`) in the middle
/// of its transaction and between its commit and the compaction: never a half-erased person, never a value
/// left in the files.
@Suite("socle subject")
struct SubjectCLITests {
    static let people = """
    nom;prenom;date_de_naissance;courriel;telephone;nir
    MARTIN;Jeanne;12/03/1984;jeanne.martin@exemple.fr;06 12 34 56 78;284037512345678
    DURAND;Paul;01/07/1950;paul.durand@exemple.fr;07 98 76 54 32;150077512398765

    """

    @Test("search, package, erase; an erasure killed half-way changes nothing; killed after its commit, the next start compacts",
          arguments: Backend.all)
    func subject(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let env = t.environment
        #expect(try CLI.run(["org", "create", "ccas", "--name", "CCAS", "--type", "ccas"], environment: env).status == 0)
        let first = try Paths.tempFile("aides.csv", Array(Self.people.utf8))
        let second = try Paths.tempFile("cantine.csv", Array("eleve;courriel_parent;tel_parent\nLéo;jeanne.martin@exemple.fr;06 12 34 56 78\n".utf8))
        for (file, slug) in [(first, "aides"), (second, "cantine")] {
            let r = try CLI.run(["ingest", file.path, "--dataset", slug, "--org", "ccas"], environment: env)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let search = try CLI.run(["subject", "search", "--email", "JEANNE.MARTIN@exemple.fr", "--json"], environment: env)
        #expect(search.status == 0, "\(search.stderr)")
        let matches = try #require(search.json?["matches"] as? [[String: Any]])
        #expect(Set(matches.compactMap { $0["dataset"] as? String }) == ["aides", "cantine"])
        #expect(matches.allSatisfy { $0["revision"] as? Int == 1 && $0["row"] is Int && $0["column"] is String })
        let text = try CLI.run(["subject", "search", "--name", "jeanne martin", "--birth-date", "12/03/1984"], environment: env)
        #expect(text.stdout.contains("correspondance"), "\(text.stdout)")
        let refused = try CLI.run(["subject", "search", "--nir", "12"], environment: env)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("NIR"), "\(refused.stderr)")

        let zip = FileManager.default.temporaryDirectory.appendingPathComponent("package-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: zip) }
        let package = try CLI.run(["subject", "package", "--phone", "0612345678", "--output", zip.path], environment: env)
        #expect(package.status == 0, "\(package.stderr)")
        let bytes = try Data(contentsOf: zip)
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        #expect(bytes.range(of: Data("aides.csv".utf8)) != nil && bytes.range(of: Data("cantine.csv".utf8)) != nil)

        let created = try CLI.run(["request", "create", "--org", "ccas", "--right", "erasure", "--requester", "Jeanne Martin",
                                   "--contact", "jeanne.martin@exemple.fr", "--channel", "post", "--json"], environment: env)
        #expect(created.status == 0, "\(created.stderr)")
        let request = try #require((created.json?["request"] as? [String: Any])?["id"] as? Int)
        // Rectification first (the same request serves here): one column of one dataset, typed, in every revision.
        let badSet = try CLI.run(["subject", "rectify", "--email", "jeanne.martin@exemple.fr", "--request", String(request),
                                  "--dataset", "cantine", "--set", "tel_parent"], environment: env)
        #expect(badSet.status != 0)
        #expect(badSet.stderr.contains("colonne=valeur"), "\(badSet.stderr)")
        let rectified = try CLI.run(["subject", "rectify", "--email", "jeanne.martin@exemple.fr", "--request", String(request),
                                     "--dataset", "cantine", "--set", "eleve=Léon", "--json"], environment: env)
        #expect(rectified.status == 0, "\(rectified.stderr)")
        #expect(rectified.json?["rowsCorrected"] as? Int == 1 && rectified.json?["newRevision"] as? Int == 2, "\(rectified.stdout)")
        let afterRectification = try CLI.run(["subject", "search", "--email", "jeanne.martin@exemple.fr", "--json"], environment: env)
        let found = try #require(afterRectification.json?["matches"] as? [[String: Any]])
        #expect(found.count == matches.count + 1, "cantine's new revision holds her too: \(afterRectification.stdout)")
        let erase = ["subject", "erase", "--email", "jeanne.martin@exemple.fr", "--request", String(request), "--json"]
        #expect(try CLI.run(["subject", "erase", "--email", "jeanne.martin@exemple.fr"], environment: env).status != 0, "--request is required")

        // Killed after the first dataset, inside the transaction: nothing erased anywhere.
        var faulty = env
        faulty["SOCLE_FAULT"] = FaultPoint.eraseMidway
        let killed = try CLI.run(erase, environment: faulty)
        #expect(killed.status != 0)
        let still = try CLI.run(["subject", "search", "--email", "jeanne.martin@exemple.fr", "--json"], environment: env)
        #expect((still.json?["matches"] as? [Any])?.count == found.count, "a half-done erasure left traces: \(still.stdout)")
        let datasets = try CLI.run(["revisions", "aides", "--json"], environment: env)
        #expect(datasets.jsonArray?.count == 1, "no new revision: \(datasets.stdout.prefix(300))")

        // Killed after the commit, before the compaction: erased; the next start empties the log.
        faulty["SOCLE_FAULT"] = FaultPoint.afterEraseCommit
        let committed = try CLI.run(erase, environment: faulty)
        #expect(committed.status != 0)
        let gone = try CLI.run(["subject", "search", "--email", "jeanne.martin@exemple.fr", "--json"], environment: env)
        #expect((gone.json?["matches"] as? [Any])?.isEmpty == true, "\(gone.stdout)")
        #expect(try CLI.run(["subject", "compact"], environment: env).status == 0)
        if let dir = t.dataDirectory {
            for suffix in ["", "-wal"] {
                guard let raw = FileManager.default.contents(atPath: dir.appendingPathComponent("socle.sqlite" + suffix).path) else { continue }
                for probe in ["jeanne.martin@exemple.fr", "284037512345678", "06 12 34 56 78"] {
                    #expect(raw.range(of: Data(probe.utf8)) == nil, "\(probe) left in socle.sqlite\(suffix)")
                }
            }
        }
        // Paul is untouched.
        let paul = try CLI.run(["subject", "search", "--email", "paul.durand@exemple.fr", "--json"], environment: env)
        #expect((paul.json?["matches"] as? [Any])?.count == 2, "aides revisions 1 and 2: \(paul.stdout)")
    }
}
