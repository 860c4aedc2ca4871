import Foundation
import SocleTestSupport
import Testing

/// `socle register proof …`, `socle register import` and `socle register export --format xlsx`, on both backends.
@Suite("socle register files")
struct RegisterFileCLITests {
    @Test("import a Madis export (dry run, then for real), export the CNIL spreadsheet, add, list, get and delete a proof",
          arguments: Backend.all)
    func files(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let env = t.environment
        #expect(try CLI.run(["org", "create", "ville", "--name", "Ville de Saint-Aubin", "--type", "commune"], environment: env).status == 0)
        let madis = Paths.fixture("register/madis-export.csv").path

        let dry = try CLI.run(["register", "import", madis, "--organisation", "ville", "--dry-run"], environment: env)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Essai : 3 activité(s)") && dry.stdout.contains("Restauration scolaire"), "\(dry.stdout)")
        let none = try CLI.run(["register", "list", "--json"], environment: env)
        #expect(none.jsonArray?.isEmpty == true, "\(none.stdout)")
        let imported = try CLI.run(["register", "import", madis, "--organisation", "ville", "--json"], environment: env)
        #expect(imported.status == 0, "\(imported.stderr)")
        let items = try #require(imported.json?["activities"] as? [[String: Any]])
        #expect(items.count == 3 && items.allSatisfy { $0["id"] is Int })
        let activity = try #require(items.first?["id"] as? Int)

        let wrong = try Paths.tempFile("autre.csv", Array("Intitulé;Finalités\nA;B\n".utf8))
        let refused = try CLI.run(["register", "import", wrong.path, "--organisation", "ville"], environment: env)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("Colonnes obligatoires manquantes : Nom ; Base légale ; Catégorie de données"), "\(refused.stderr)")
        #expect(refused.stderr.contains("Colonnes inconnues : Intitulé"), "\(refused.stderr)")

        let out = FileManager.default.temporaryDirectory.appendingPathComponent("registre-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: out) }
        let export = try CLI.run(["register", "export", "--format", "xlsx", "--output", out.path], environment: env)
        #expect(export.status == 0, "\(export.stderr)")
        let bytes = try [UInt8](Data(contentsOf: out))
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))

        let pdf = try Paths.tempFile("délibération.pdf", Array("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".utf8))
        let added = try CLI.run(["register", "proof", "add", pdf.path, "--org", "ville", "--title", "Délibération RGPD", "--type", "deliberation",
                                 "--date", "2024-06-12", "--activity", String(activity), "--json"], environment: env)
        #expect(added.status == 0, "\(added.stderr)")
        let proof = try #require(added.json?["id"] as? Int)
        #expect((added.json?["record"] as? [String: Any])?["fileKind"] as? String == "pdf")
        let listed = try CLI.run(["register", "proof", "list", "--record", String(activity)], environment: env)
        #expect(listed.stdout.contains("Délibération RGPD"), "\(listed.stdout)")
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("copie-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: copy) }
        let got = try CLI.run(["register", "proof", "get", String(proof), "--output", copy.path], environment: env)
        #expect(got.status == 0, "\(got.stderr)")
        #expect(try Data(contentsOf: copy) == Data(contentsOf: pdf))
        let badType = try CLI.run(["register", "proof", "add", pdf.path, "--org", "ville", "--title", "X", "--type", "facture"], environment: env)
        #expect(badType.status != 0 && badType.stderr.contains("deliberation"), "\(badType.stderr)")
        let exe = try Paths.tempFile("outil.pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00])
        let notPDF = try CLI.run(["register", "proof", "add", exe.path, "--org", "ville", "--title", "Outil"], environment: env)
        #expect(notPDF.status != 0 && notPDF.stderr.contains("Type de fichier non accepté"), "\(notPDF.stderr)")
        #expect(try CLI.run(["register", "proof", "delete", String(proof)], environment: env).status == 0)
        let after = try CLI.run(["register", "proof", "show", String(proof)], environment: env)
        #expect(after.status != 0)
    }
}
