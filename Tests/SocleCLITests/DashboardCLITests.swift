import Foundation
import SocleActions
import SocleCore
import SocleStore
import SocleTestSupport
import Testing

/// `socle register dashboard` and `socle register notify` as the operator runs them, on both backends.
@Suite("socle register dashboard")
struct DashboardCLITests {
    @Test("the dashboard in words and in JSON; notify stores each event once", arguments: Backend.all)
    func dashboard(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let env = t.environment
        #expect(try CLI.run(["org", "create", "ville", "--name", "Ville de Test", "--type", "commune"], environment: env).status == 0)
        let org = try #require(try await t.store.organisation(slug: "ville"))
        let dpo = try await t.store.createUser(email: "dpo@ville.test", name: "Claire", passwordHash: Secrets.hashPassword("x", cost: 4))
        try await t.store.setMembership(userId: dpo.id, organisationId: org.id, role: .dpo)
        let platform = Platform(store: t.store, secretsDirectory: FileManager.default.temporaryDirectory.appendingPathComponent("socle-cli-\(UUID().uuidString)"))
        let (request, _) = try await platform.requests.submit(RequestInput(right: .erasure, requester: "Jean Martin", contact: "jean@example.org"),
                                                              organisation: "ville", client: "192.0.2.1")
        _ = try await platform.register.createActivity(ProcessingActivity(name: "Cantine scolaire", purpose: ""), organisation: "ville",
                                                       by: .system("test"))

        let json = try CLI.run(["register", "dashboard", "--json"], environment: env)
        #expect(json.status == 0, "\(json.stderr)")
        let requests = try #require(json.json?["requests"] as? [[String: Any]])
        #expect(requests.first?["id"] as? Int == Int(request.id) && requests.first?["right"] as? String == "erasure")
        #expect((json.json?["incomplete_activities"] as? [[String: Any]])?.first?["name"] as? String == "Cantine scolaire")

        let text = try CLI.run(["register", "dashboard"], environment: env)
        #expect(text.status == 0)
        #expect(text.stdout.contains("Demandes ouvertes (1)") && text.stdout.contains("Cantine scolaire"), "\(text.stdout)")

        let notify = try CLI.run(["register", "notify", "--json"], environment: env)
        #expect(notify.status == 0, "\(notify.stderr)")
        #expect(notify.json?["stored"] as? Int == 1)
        #expect(try CLI.run(["register", "notify", "--json"], environment: env).json?["stored"] as? Int == 0)
        let person = try #require(try await t.store.user(id: dpo.id))
        let kinds = try await platform.notifications.list(.user(person), language: .french).map(\.kind)
        #expect(kinds == ["request_new"])
    }
}
