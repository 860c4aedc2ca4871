import Foundation
import SocleCore
import SocleTestSupport
import Testing

/// `socle backup` and `socle restore` as an operator runs them, on both backends: a full round trip compared
/// table by table, and every refusal leaving the target untouched.
@Suite("socle backup and restore")
struct BackupCLITests {
    @Test("a store with real content is backed up, restored into a fresh place, and every table is equal row by row",
          arguments: Backend.all)
    func roundTrip(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let work = try Self.workDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let source = Self.withSecrets(t.environment, work.appendingPathComponent("secrets-source"), backend)
        try Self.fill(source)

        let dest = work.appendingPathComponent("sauvegarde")
        let backup = try CLI.run(["backup", dest.path, "--with-secrets", "--json"], environment: source)
        #expect(backup.status == 0, "\(backup.stderr)")
        let summary = try #require(backup.json)
        #expect(summary["backend"] as? String == backend.rawValue)
        #expect(summary["secretsIncluded"] as? Bool == true)
        // The pseudonymisation key, the audit chain's key and checkpoints (issue 10, finding 9), and the subject
        // index's key (issue 12: without it a restored index would have to be rebuilt).
        let secretFiles = summary["secretsFiles"] as? [String] ?? []
        #expect(secretFiles.count == 4 && secretFiles.contains("audit.key") && secretFiles.contains("pseudonymisation.key")
                && secretFiles.contains("subject-index.key") && secretFiles.contains { $0.hasPrefix("audit-checkpoints") }, "\(secretFiles)")
        let manifest = try Self.manifest(dest)
        #expect((manifest["tables"] as? [[String: Any]])?.contains { $0["name"] as? String == "audit_log" } == true)
        #expect(Self.mode(dest) == 0o700)
        #expect(Self.mode(dest.appendingPathComponent("secrets")) == 0o700)
        for file in ["manifest.json", backend == .sqlite ? "socle.sqlite" : "socle.pgdump", "secrets/pseudonymisation.key"] {
            #expect(Self.mode(dest.appendingPathComponent(file)) == 0o600, "\(file)")
        }
        if backend == .sqlite {
            #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dest.path)) == ["manifest.json", "socle.sqlite", "secrets"],
                    "one self-contained database file, no -wal beside it")
        }

        let target = try Self.freshTarget(backend, like: t, work: work)
        defer { target.scratch?.drop() }
        let restore = try CLI.run(["restore", dest.path, "--json"], environment: target.environment)
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect((restore.json?["migrationsApplied"] as? [String]) == [])

        let before = try Self.tables(backend, t.environment)
        let after = try Self.tables(backend, target.environment)
        #expect(before.keys.sorted() == after.keys.sorted())
        for name in before.keys.sorted() {
            #expect(before[name] == after[name], "table \(name) differs after restore")
        }
        // The comparison covered real content, revision tables included.
        #expect(before["revisions"]?.count == 3)
        #expect(before.keys.filter { $0.hasPrefix("rev_") }.count == 3)
        #expect((before["dataset_documents"]?.count ?? 0) >= 3)
        #expect((before["audit_log"]?.count ?? 0) >= 6)
        #expect(before["api_tokens"]?.count == 1)
        #expect(before.values.reduce(0) { $0 + $1.count } > 150)

        let sourceKey = FileManager.default.contents(atPath: Self.secretsDirectory(source).appendingPathComponent("pseudonymisation.key").path)
        let restoredKey = FileManager.default.contents(atPath: Self.secretsDirectory(target.environment).appendingPathComponent("pseudonymisation.key").path)
        #expect(sourceKey != nil && sourceKey == restoredKey)

        // The restored store is a working store: the chain verifies, reads agree, ids continue.
        let verify = try CLI.run(["audit", "verify", "--json"], environment: target.environment)
        #expect(verify.json?["intact"] as? Bool == true, "\(verify.stderr)")
        let shownBefore = try CLI.run(["show", "adresses", "--revision", "1", "--json"], environment: t.environment)
        let shownAfter = try CLI.run(["show", "adresses", "--revision", "1", "--json"], environment: target.environment)
        #expect(shownAfter.status == 0 && shownBefore.stdout == shownAfter.stdout)
        let org = try CLI.run(["org", "create", "nouvelle", "--name", "Nouvelle", "--type", "commune"], environment: target.environment)
        #expect(org.status == 0, "\(org.stderr)")
    }

    @Test("restore refuses a missing, corrupt, foreign, newer or altered backup and a non-empty target, changing nothing",
          arguments: Backend.all)
    func refusals(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let work = try Self.workDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let source = Self.withSecrets(t.environment, work.appendingPathComponent("secrets-source"), backend)
        #expect(try CLI.run(["org", "create", "vire", "--name", "Vire", "--type", "commune"], environment: source).status == 0)
        #expect(try CLI.run(["ingest", Paths.fixture("real_csv/ban_bal_validateur/sample.csv").path, "--dataset", "adresses",
                             "--org", "vire"], environment: source).status == 0)
        let dest = work.appendingPathComponent("sauvegarde")
        let backup = try CLI.run(["backup", dest.path], environment: source)
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stderr.contains("ne sont PAS dans cette sauvegarde"), "secrets left out are said so: \(backup.stderr)")
        #expect(try Self.manifest(dest)["secrets"].flatMap { ($0 as? [String: Any])?["included"] as? Bool } == false)
        let again = try CLI.run(["backup", dest.path], environment: source)
        #expect(again.status != 0)
        #expect(again.stderr.contains("n'est pas un répertoire vide"), "\(again.stderr)")

        let target = try Self.freshTarget(backend, like: t, work: work)
        defer { target.scratch?.drop() }
        let databaseFile = backend == .sqlite ? "socle.sqlite" : "socle.pgdump"
        let cases: [(String, (URL) throws -> Void, String)] = [
            ("no manifest", { try FileManager.default.removeItem(at: $0.appendingPathComponent("manifest.json")) },
             "manifest.json est absent"),
            ("corrupt manifest", { try Data("{\"format\": 1, \"backend\": ".utf8).write(to: $0.appendingPathComponent("manifest.json")) },
             "illisible ou incomplet"),
            ("unknown format", { try Self.editManifest($0) { $0["format"] = 2 } }, "Format de sauvegarde 2 inconnu"),
            ("other backend", { try Self.editManifest($0) { $0["backend"] = backend == .sqlite ? "postgres" : "sqlite" } },
             "Cette sauvegarde vient d'une base"),
            ("newer schema", { try Self.editManifest($0) { $0["migrations"] = ($0["migrations"] as? [String] ?? []) + ["9999-avenir"] } },
             "version plus récente de Socle (migrations inconnues : 9999-avenir)"),
            ("altered database", { dir in
                let url = dir.appendingPathComponent(databaseFile)
                var bytes = try Data(contentsOf: url)
                bytes[bytes.count / 2] ^= 0xFF
                try bytes.write(to: url)
            }, "ne correspond pas au manifeste"),
        ]
        for (name, damage, message) in cases {
            let copy = work.appendingPathComponent("copie-\(UUID().uuidString)")
            try FileManager.default.copyItem(at: dest, to: copy)
            try damage(copy)
            let r = try CLI.run(["restore", copy.path], environment: target.environment)
            #expect(r.status == 1, "\(name)")
            #expect(r.stderr.contains(message), "\(name): \(r.stderr)")
            #expect(r.stderr.contains("Rien n'a été modifié"), "\(name): \(r.stderr)")
            #expect(try Self.isEmpty(backend, target.environment), "\(name): the target was changed")
        }

        // A target that already holds a store is refused, then replaced with --force.
        #expect(try CLI.run(["org", "create", "autre", "--name", "Autre", "--type", "commune"], environment: source).status == 0)
        let refused = try CLI.run(["restore", dest.path], environment: source)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("contient déjà une base Socle"), "\(refused.stderr)")
        #expect(try await t.store.organisation(slug: "autre") != nil, "nothing changed")
        if backend == .sqlite {
            // The test's open store stands for a running server: even --force does not pull the file from under it.
            let inUse = try CLI.run(["restore", dest.path, "--force"], environment: source)
            #expect(inUse.status == 1)
            #expect(inUse.stderr.contains("ouverte par un autre processus"), "\(inUse.stderr)")
            #expect(try await t.store.organisation(slug: "autre") != nil, "nothing changed")
        }
        // A stopped server: the test's own connections are closed before the forced restore.
        try await t.store.close()
        let forced = try CLI.run(["restore", dest.path, "--force"], environment: source)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stderr.contains("ne contient pas les secrets"), "\(forced.stderr)")
        let orgs = try CLI.run(["org", "list", "--json"], environment: source)
        #expect(orgs.jsonArray?.compactMap { $0["slug"] as? String } == ["vire"], "the backup's content replaced the store")
    }

    // MARK: helpers

    /// Organisations, accounts, a token, three loads (one dataset twice), a column review, a pseudonymisation key.
    static func fill(_ env: [String: String]) throws {
        func run(_ args: [String], stdin: String? = nil) throws {
            let r = try CLI.run(args, environment: env, stdin: stdin.map { Data($0.utf8) })
            #expect(r.status == 0, "socle \(args.joined(separator: " ")): \(r.stderr)")
        }
        try run(["org", "create", "vire", "--name", "Vire Normandie", "--type", "commune", "--siren", "200061159",
                 "--population", "17000", "--agents", "350"])
        try run(["org", "create", "ccas-vire", "--name", "CCAS de Vire", "--type", "ccas"])
        try run(["user", "create", "dpo@vire.fr", "--org", "vire", "--role", "dpo", "--password-stdin"], stdin: "un mot de passe solide\n")
        try run(["user", "create", "agent@vire.fr", "--org", "ccas-vire", "--role", "agent", "--password-stdin"], stdin: "un autre mot de passe\n")
        try run(["token", "create", "dpo@vire.fr", "--org", "vire", "--write"])
        try run(["ingest", Paths.fixture("real_csv/ban_bal_validateur/sample.ansi.csv").path, "--dataset", "adresses", "--org", "vire"])
        try run(["ingest", Paths.fixture("real_csv/ban_bal_validateur/sample.csv").path, "--dataset", "adresses", "--org", "vire"])
        try run(["ingest", Paths.fixture("geojson/france-geojson/communes-90-territoire-de-belfort.geojson").path,
                 "--dataset", "communes-belfort", "--org", "vire"])
        try run(["classify", "adresses", "voie_nom", "--as", "public"])
        try run(["privacy-key", "rotate"])
    }

    struct Target {
        var environment: [String: String]
        var scratch: ScratchDatabase?
    }

    /// An empty place to restore into: a new data directory, or a new database with the source's schema name.
    static func freshTarget(_ backend: Backend, like t: TestStore, work: URL) throws -> Target {
        switch backend {
        case .sqlite:
            return Target(environment: ["SOCLE_DATA_DIR": work.appendingPathComponent("restauration").path,
                                        "SOCLE_DATABASE_URL": "", "SOCLE_SECRETS_DIR": ""], scratch: nil)
        case .postgres:
            let url = try #require(t.environment["SOCLE_DATABASE_URL"])
            let scratch = try ScratchDatabase.create(schema: ScratchDatabase.schema(of: url))
            return Target(environment: ["SOCLE_DATABASE_URL": scratch.url,
                                        "SOCLE_SECRETS_DIR": work.appendingPathComponent("secrets-target").path], scratch: scratch)
        }
    }

    /// PostgreSQL has no data directory: its secrets go where `SOCLE_SECRETS_DIR` says.
    static func withSecrets(_ env: [String: String], _ dir: URL, _ backend: Backend) -> [String: String] {
        var env = env
        env["SOCLE_SECRETS_DIR"] = backend == .postgres ? dir.path : ""
        return env
    }

    static func secretsDirectory(_ env: [String: String]) -> URL {
        if let d = env["SOCLE_SECRETS_DIR"], !d.isEmpty { return URL(fileURLWithPath: d) }
        return URL(fileURLWithPath: env["SOCLE_DATA_DIR"] ?? "./socle-data").appendingPathComponent("secrets")
    }

    static func tables(_ backend: Backend, _ env: [String: String]) throws -> TableDump.Tables {
        switch backend {
        case .sqlite:
            return try TableDump.sqlite(URL(fileURLWithPath: env["SOCLE_DATA_DIR"]!).appendingPathComponent("socle.sqlite").path)
        case .postgres:
            let url = env["SOCLE_DATABASE_URL"]!
            return try TableDump.postgres(url: url, schema: ScratchDatabase.schema(of: url))
        }
    }

    static func isEmpty(_ backend: Backend, _ env: [String: String]) throws -> Bool {
        switch backend {
        case .sqlite:
            let dir = URL(fileURLWithPath: env["SOCLE_DATA_DIR"]!)
            return !FileManager.default.fileExists(atPath: dir.appendingPathComponent("socle.sqlite").path)
                && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("secrets").path)
        case .postgres:
            return try tables(backend, env).isEmpty
        }
    }

    static func workDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("socle-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func manifest(_ dir: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: dir.appendingPathComponent("manifest.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func editManifest(_ dir: URL, _ edit: (inout [String: Any]) -> Void) throws {
        var m = try manifest(dir)
        edit(&m)
        try JSONSerialization.data(withJSONObject: m).write(to: dir.appendingPathComponent("manifest.json"))
    }

    static func mode(_ url: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}
