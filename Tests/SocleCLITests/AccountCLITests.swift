import Foundation
import SocleActions
import SocleCore
import SocleTestSupport
import Testing

/// `socle org/user/token/audit` as an operator runs them, on both backends.
@Suite("socle org, user, token, audit")
struct AccountCLITests {
    @Test("create an organisation, a user and a token; revoke it; the audit chain verifies", arguments: Backend.all)
    func accounts(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let env = t.environment
        let org = try CLI.run(["org", "create", "vire", "--name", "Vire Normandie", "--type", "commune", "--siren", "200061159",
                               "--population", "17000", "--agents", "350", "--json"], environment: env)
        #expect(org.status == 0, "\(org.stderr)")
        #expect(org.json?["openDataObligation"] as? String == "true")
        let ccas = try CLI.run(["org", "create", "ccas-vire", "--name", "CCAS de Vire", "--type", "ccas", "--population", "17000",
                                "--agents", "20"], environment: env)
        #expect(ccas.status == 0)
        #expect(ccas.stdout.contains("« ccas-vire »"))
        let badType = try CLI.run(["org", "create", "x-y", "--name", "X", "--type", "mairie"], environment: env)
        #expect(badType.status != 0)
        let badSiren = try CLI.run(["org", "create", "xy", "--name", "X", "--type", "commune", "--siren", "12"], environment: env)
        #expect(badSiren.status != 0)
        #expect(badSiren.stderr.contains("9 chiffres"))

        let user = try CLI.run(["user", "create", "dpo@vire.fr", "--org", "vire", "--role", "dpo", "--password-stdin"],
                               environment: env, stdin: Data("un mot de passe solide\n".utf8))
        #expect(user.status == 0, "\(user.stderr)")
        // The same person becomes DPO of the CCAS too (a shared DPO).
        let shared = try CLI.run(["user", "create", "dpo@vire.fr", "--org", "ccas-vire", "--role", "dpo", "--password-stdin"],
                                 environment: env, stdin: Data("un mot de passe solide\n".utf8))
        #expect(shared.status == 0, "\(shared.stderr)")
        let u = try #require(try await t.store.user(email: "dpo@vire.fr"))
        #expect(u.memberships.count == 2)
        let short = try CLI.run(["user", "create", "a@vire.fr", "--org", "vire", "--role", "agent", "--password-stdin"],
                                environment: env, stdin: Data("court\n".utf8))
        #expect(short.status != 0)

        let token = try CLI.run(["token", "create", "dpo@vire.fr", "--org", "vire", "--write", "--expires", "30d", "--json"],
                                environment: env)
        #expect(token.status == 0, "\(token.stderr)")
        let secret = try #require(token.json?["token"] as? String)
        #expect(secret.hasPrefix("socle_"))
        let stored = try await t.store.tokens(userId: u.id)
        #expect(stored.count == 1)
        #expect(!stored[0].prefix.isEmpty && secret.hasPrefix(stored[0].prefix))
        let ambiguous = try CLI.run(["token", "create", "dpo@vire.fr"], environment: env)
        #expect(ambiguous.status != 0)
        #expect(ambiguous.stderr.contains("--org"))

        let revoke = try CLI.run(["token", "revoke", String(stored[0].id)], environment: env)
        #expect(revoke.status == 0, "\(revoke.stderr)")
        #expect(try await t.store.tokens(userId: u.id).first?.revokedAt != nil)

        let verify = try CLI.run(["audit", "verify", "--json"], environment: env)
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.json?["intact"] as? Bool == true)
        #expect((verify.json?["entries"] as? Int ?? 0) >= 6)
        let list = try CLI.run(["audit", "list", "--action", "token.revoke", "--json"], environment: env)
        #expect(list.jsonArray?.count == 1)
    }

    @Test("audit verify names the first entry edited or removed (SQLite file edited behind Socle's back)")
    func tamperedAudit() async throws {
        let t = try await TestStore.make(.sqlite)
        defer { Task { await t.close() } }
        for i in 0..<4 {
            _ = try CLI.run(["org", "create", "org-\(i)", "--name", "Org \(i)", "--type", "commune"], environment: t.environment)
        }
        #expect(try CLI.run(["audit", "verify"], environment: t.environment).status == 0)
        let db = try #require(t.dataDirectory).appendingPathComponent("socle.sqlite").path
        try Shell.sqlite(db, "UPDATE audit_log SET details = '{\"name\":\"Autre\"}' WHERE seq = 2")
        let edited = try CLI.run(["audit", "verify"], environment: t.environment)
        #expect(edited.status == 1)
        #expect(edited.stderr.contains("n° 2"), "\(edited.stderr)")
        // Put it back as it was, then remove an entry.
        let t2 = try await TestStore.make(.sqlite)
        defer { Task { await t2.close() } }
        for i in 0..<4 {
            _ = try CLI.run(["org", "create", "org-\(i)", "--name", "Org \(i)", "--type", "commune"], environment: t2.environment)
        }
        let db2 = try #require(t2.dataDirectory).appendingPathComponent("socle.sqlite").path
        try Shell.sqlite(db2, "DELETE FROM audit_log WHERE seq = 3")
        let removed = try CLI.run(["audit", "verify", "--json"], environment: t2.environment)
        #expect(removed.status == 1)
        #expect(removed.json?["firstBrokenEntry"] as? Int == 3)
        #expect(removed.json?["reason"] as? String == "missing")
    }
}

/// Runs sqlite3 on a database file (to tamper with it in tests, as an attacker with file access would).
enum Shell {
    static func sqlite(_ path: String, _ sql: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [path, sql]
        try p.run()
        p.waitUntilExit()
        if p.terminationStatus != 0 { throw SocleError(.internalError, code: "test.sqlite3_failed") }
    }
}

@Suite("socle inventory")
struct InventoryCLITests {
    @Test("import a first inventory from a spreadsheet, then show coverage; a bad row writes nothing", arguments: Backend.all)
    func importAndShow(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let env = t.environment
        #expect(try CLI.run(["org", "create", "vire", "--name", "Vire", "--type", "commune"], environment: env).status == 0)
        let bad = try Paths.tempFile("inventaire.csv", Array("""
            Titre;Origine;Classification
            Registre du cimetière;interne;personnelle
            Comptages vélo;martien;publique
            """.utf8))
        let refused = try CLI.run(["inventory", "import", bad.path, "--org", "vire"], environment: env)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("inventaire.csv, ligne 3"), "\(refused.stderr)")
        #expect(try await t.store.datasets().isEmpty, "a refused import declares nothing")
        let good = try Paths.tempFile("inventaire.csv", Array("""
            Titre;Origine;Classification;Responsable;Logiciel
            Registre du cimetière;interne;personnelle;;Logiciel funéraire
            Comptages vélo;capteur;publique;Service mobilité;
            """.utf8))
        let ok = try CLI.run(["inventory", "import", good.path, "--org", "vire", "--json"], environment: env)
        #expect(ok.status == 0, "\(ok.stderr)")
        let show = try CLI.run(["inventory", "--json"], environment: env)
        let rows = try #require((try? JSONSerialization.jsonObject(with: Data(show.stdout.utf8))) as? [[String: Any]])
        let vire = try #require(rows.first { $0["organisation"] as? String == "vire" && $0["service"] == nil })
        #expect(vire["known"] as? Int == 2)
        #expect(vire["loaded"] as? Int == 0)
        #expect(vire["withClassification"] as? Int == 2)
        let human = try CLI.run(["inventory"], environment: env)
        #expect(human.stdout.contains("à compléter"))
    }
}

/// Issue 11, found by a new user: a demo whose passwords were lost can be recovered from the command line.
@Suite("socle user list, reset-password, disable, enable")
struct UserRecoveryCLITests {
    @Test("accounts are listed, a password reset (generated or given) works at once and closes sessions, a disabled account cannot sign in", arguments: Backend.all)
    func recovery(_ backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        #expect(try CLI.run(["org", "create", "vire", "--name", "Vire", "--type", "commune"], environment: t.environment).status == 0)
        let created = try CLI.run(["user", "create", "dpo@vire.fr", "--org", "vire", "--role", "dpo", "--password-stdin"],
                                  environment: t.environment, stdin: Data("un mot de passe oublié\n".utf8))
        #expect(created.status == 0, "\(created.stderr)")
        let list = try CLI.run(["user", "list", "--json"], environment: t.environment)
        let rows = try #require(list.jsonArray)
        #expect(rows.first?["email"] as? String == "dpo@vire.fr")
        #expect((rows.first?["roles"] as? [String: String])?["vire"] == "dpo")

        let accounts = AccountActions(store: t.store)
        let user = try #require(try await t.store.user(email: "dpo@vire.fr"))
        let (cookie, _) = try await accounts.openSession(for: user)
        let reset = try CLI.run(["user", "reset-password", "dpo@vire.fr", "--json"], environment: t.environment)
        #expect(reset.status == 0, "\(reset.stderr)")
        let generated = try #require(reset.json?["password"] as? String)
        _ = try await accounts.login(email: "dpo@vire.fr", password: generated, client: "t1")
        #expect(try await accounts.resumeSession(cookie: cookie) == nil, "the old session survived the reset")
        await #expect(throws: SocleError.self) { _ = try await accounts.login(email: "dpo@vire.fr", password: "un mot de passe oublié", client: "t2") }
        // A given password goes through the policy.
        let weak = try CLI.run(["user", "reset-password", "dpo@vire.fr", "--password-stdin"], environment: t.environment, stdin: Data("motdepasse\n".utf8))
        #expect(weak.status != 0 && weak.stderr.contains("trop courant"), "\(weak.stderr)")
        let given = try CLI.run(["user", "reset-password", "dpo@vire.fr", "--password-stdin"], environment: t.environment,
                                stdin: Data("une phrase de passe retrouvée\n".utf8))
        #expect(given.status == 0, "\(given.stderr)")
        _ = try await accounts.login(email: "dpo@vire.fr", password: "une phrase de passe retrouvée", client: "t3")

        #expect(try CLI.run(["user", "disable", "dpo@vire.fr"], environment: t.environment).status == 0)
        await #expect(throws: SocleError.self) { _ = try await accounts.login(email: "dpo@vire.fr", password: "une phrase de passe retrouvée", client: "t4") }
        #expect(try CLI.run(["user", "list"], environment: t.environment).stdout.contains("désactivé"))
        #expect(try CLI.run(["user", "enable", "dpo@vire.fr"], environment: t.environment).status == 0)
        _ = try await accounts.login(email: "dpo@vire.fr", password: "une phrase de passe retrouvée", client: "t5")
        let unknown = try CLI.run(["user", "disable", "personne@vire.fr"], environment: t.environment)
        #expect(unknown.status != 0)
        let audit = try await t.store.auditEntries(afterSeq: 0, limit: 100, actor: nil, action: nil, objectType: "user").map(\.action)
        #expect(audit.contains("user.password_reset") && audit.contains("user.disable") && audit.contains("user.enable"))
    }
}
