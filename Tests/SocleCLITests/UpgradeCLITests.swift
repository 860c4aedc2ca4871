import Foundation
import SocleActions
import SocleCore
import SocleStore
import SocleStorePostgres
import SocleStoreSQLite
import SocleTestSupport
import Testing

/// A database made by the previous release (`Tests/Fixtures/upgrade/`, see its README) is opened by this
/// code: every migration added since runs on it, and what that release showed is still there, unchanged.
/// A new migration is exercised here on real older data without touching this test.
@Suite("upgrade from the previous release")
struct UpgradeCLITests {
    @Test("the previous release's database opens, every migration is applied, and its content is intact",
          arguments: Backend.all)
    func upgrade(backend: Backend) async throws {
        let expected = try Expected.load()
        #expect(Array(Migrations.all.map(\.id).prefix(expected.migrations.count)) == expected.migrations,
                "released migrations are never edited or reordered")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("socle-upgrade-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }

        let store: any SocleStore
        var env: [String: String]
        var scratch: ScratchDatabase?
        switch backend {
        case .sqlite:
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Paths.fixture("upgrade/sqlite/socle.sqlite"),
                                             to: work.appendingPathComponent("socle.sqlite"))
            let s = try SQLiteStore(dataDirectory: work)
            #expect(try await s.appliedMigrations() == Migrations.all.map(\.id))
            store = s
            env = ["SOCLE_DATA_DIR": work.path, "SOCLE_DATABASE_URL": ""]
        case .postgres:
            let db = try ScratchDatabase.create(schema: expected.postgresSchema)
            scratch = db
            _ = try TableDump.psql(ScratchDatabase.clientURL(db.url), "", file: Paths.fixture("upgrade/postgres/socle.sql").path)
            let s = try await PostgresStore(url: db.url)
            #expect(try await s.appliedMigrations() == Migrations.all.map(\.id).sorted())
            store = s
            env = ["SOCLE_DATABASE_URL": db.url, "SOCLE_SECRETS_DIR": work.appendingPathComponent("secrets").path]
        }
        defer {
            Task { try? await store.close() }
            scratch?.drop()
        }

        // Datasets, every revision with the same rows as the previous release showed.
        #expect(try await store.datasets().map(\.slug) == expected.datasets.map(\.slug))
        for d in expected.datasets {
            let dataset = try #require(try await store.dataset(slug: d.slug))
            #expect(dataset.currentRevision == d.revisions.map(\.number).max())
            for r in d.revisions {
                let revision = try #require(try await store.revision(datasetId: dataset.id, number: r.number))
                #expect(revision.rowCount == Int64(r.rows.count), "\(d.slug) r\(r.number)")
                let shown = try CLI.run(["show", d.slug, "--revision", String(r.number), "--limit", "10000", "--json"], environment: env)
                #expect(shown.status == 0, "\(shown.stderr)")
                let rows = try #require(shown.json?["rows"] as? [Any])
                #expect(try Self.canonical(rows) == Self.canonical(r.rows), "rows of \(d.slug) revision \(r.number)")
            }
        }
        // Accounts: memberships kept, and the passwords set then still open a session.
        let accounts = AccountActions(store: store)
        for u in expected.users {
            let user = try #require(try await store.user(email: u.email))
            #expect(user.memberships.count == u.memberships)
            _ = try await accounts.login(email: u.email, password: u.password, client: "upgrade-test")
        }
        // The audit chain written by the previous release still verifies, and the upgraded store takes new loads.
        let verify = try CLI.run(["audit", "verify", "--json"], environment: env)
        #expect(verify.json?["intact"] as? Bool == true, "\(verify.stdout) \(verify.stderr)")
        #expect((verify.json?["entries"] as? Int ?? 0) >= expected.auditEntries)
        let load = try CLI.run(["ingest", Paths.fixture("real_csv/ban_bal_validateur/sample.csv").path, "--dataset", "adresses",
                                "--org", "vire", "--json"], environment: env)
        #expect(load.status == 0, "\(load.stderr)")
    }

    static func canonical(_ rows: [Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: rows, options: [.sortedKeys]), as: UTF8.self)
    }

    /// `Tests/Fixtures/upgrade/expected.json`: what the previous release showed of the fixture's content.
    struct Expected {
        struct Revision { var number: Int; var rows: [Any] }
        struct DatasetRows { var slug: String; var revisions: [Revision] }
        struct Account { var email: String; var password: String; var memberships: Int }
        var migrations: [String]
        var postgresSchema: String
        var datasets: [DatasetRows]
        var users: [Account]
        var auditEntries: Int

        static func load() throws -> Expected {
            let data = try Data(contentsOf: Paths.fixture("upgrade/expected.json"))
            let o = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let datasets = (o["datasets"] as? [[String: Any]] ?? []).map { d in
                DatasetRows(slug: d["slug"] as? String ?? "", revisions: (d["revisions"] as? [[String: Any]] ?? []).map {
                    Revision(number: $0["number"] as? Int ?? 0, rows: $0["rows"] as? [Any] ?? [])
                })
            }
            let users = (o["users"] as? [[String: Any]] ?? []).map {
                Account(email: $0["email"] as? String ?? "", password: $0["password"] as? String ?? "",
                        memberships: $0["memberships"] as? Int ?? 0)
            }
            return Expected(migrations: o["migrations"] as? [String] ?? [], postgresSchema: o["postgresSchema"] as? String ?? "",
                            datasets: datasets, users: users, auditEntries: o["auditEntries"] as? Int ?? 0)
        }
    }
}
