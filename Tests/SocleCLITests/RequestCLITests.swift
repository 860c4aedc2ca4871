import Foundation
import SocleTestSupport
import Testing

/// `socle request …` as the DPO's operator runs it, on both backends: a letter recorded, the identity check,
/// transitions, the extension rule, the answer, the history, French messages for bad input.
@Suite("socle request")
struct RequestCLITests {
    static func daysAgo(_ n: Int) -> String {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/Paris")!
        let d = c.dateComponents([.year, .month, .day], from: Date().addingTimeInterval(-Double(n) * 86_400))
        return String(format: "%04d-%02d-%02d", d.year!, d.month!, d.day!)
    }

    @Test("create, list by due date, identity check, transition, extend (refused late), answer, show, --json", arguments: Backend.all)
    func requests(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let env = t.environment
        #expect(try CLI.run(["org", "create", "vire", "--name", "Vire", "--type", "commune"], environment: env).status == 0)

        let letter = try CLI.run(["request", "create", "--org", "vire", "--right", "access", "--requester", "Jeanne Courrier",
                                  "--contact", "jeanne@example.org", "--received", Self.daysAgo(40), "--channel", "post", "--json"], environment: env)
        #expect(letter.status == 0, "\(letter.stderr)")
        let request = try #require(letter.json?["request"] as? [String: Any])
        let id = try #require(request["id"] as? Int)
        #expect(request["state"] as? String == "awaitingIdentity")
        #expect((letter.json?["trackingToken"] as? String)?.count ?? 0 >= 40)

        // No identifier: it stays in the identity check, with the reason in French.
        let stuck = try CLI.run(["request", "transition", String(id), "toHandle"], environment: env)
        #expect(stuck.status != 0)
        #expect(stuck.stderr.contains("Rien ne permet encore d'identifier"), "\(stuck.stderr)")
        #expect(try CLI.run(["request", "identity", String(id), "--method", "Pièce d'identité reçue par courrier"], environment: env).status == 0)
        let moved = try CLI.run(["request", "transition", String(id), "toHandle"], environment: env)
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout.contains("À traiter") && moved.stdout.contains("En retard"), "\(moved.stdout)")

        // Late extension refused; a future reception refused; an impossible date refused.
        let late = try CLI.run(["request", "extend", String(id), "--notified", Self.daysAgo(0), "--reason", "Complexe"], environment: env)
        #expect(late.status != 0 && late.stderr.contains("premier mois"), "\(late.stderr)")
        let future = try CLI.run(["request", "create", "--org", "vire", "--right", "erasure", "--requester", "X", "--contact", "x@example.org",
                                  "--received", "2999-01-01"], environment: env)
        #expect(future.status != 0 && future.stderr.contains("futur"), "\(future.stderr)")
        let markup = try CLI.run(["request", "create", "--org", "vire", "--right", "erasure", "--requester", "X", "--contact", "x@example.org",
                                  "--message", "<script>x</script>"], environment: env)
        #expect(markup.status != 0 && markup.stderr.contains("balisage"), "\(markup.stderr)")
        let unknownRight = try CLI.run(["request", "create", "--org", "vire", "--right", "tout", "--requester", "X", "--contact", "x@example.org"],
                                       environment: env)
        #expect(unknownRight.status != 0 && unknownRight.stderr.contains("withdrawConsent"), "\(unknownRight.stderr)")

        let fresh = try CLI.run(["request", "create", "--org", "vire", "--right", "erasure", "--requester", "Noé Récent", "--contact", "noe@example.org",
                                 "--email", "noe@example.org"], environment: env)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(fresh.stdout.contains("/privacy-requests/track?t="))

        let list = try CLI.run(["request", "list"], environment: env)
        #expect(list.status == 0)
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.count == 3, "\(list.stdout)")
        #expect(lines[1].contains("Jeanne Courrier") && lines[2].contains("Noé Récent"), "the overdue one first: \(list.stdout)")
        let overdue = try CLI.run(["request", "list", "--reminder", "overdue", "--json"], environment: env)
        #expect((overdue.json?["requests"] as? [[String: Any]])?.map { $0["id"] as? Int } == [id])

        #expect(try CLI.run(["request", "event", String(id), "--kind", "package", "--summary", "Paquet d'accès produit"], environment: env).status == 0)
        let answered = try CLI.run(["request", "answer", String(id), "--text", "Copie envoyée.", "--channel", "post"], environment: env)
        #expect(answered.status == 0, "\(answered.stderr)")
        let shown = try CLI.run(["request", "show", String(id)], environment: env)
        #expect(shown.stdout.contains("Clôturée (répondue)") && shown.stdout.contains("Paquet d'accès produit") && shown.stdout.contains("Identité vérifiée"),
                "\(shown.stdout)")
        let json = try CLI.run(["request", "show", String(id), "--json"], environment: env)
        #expect(json.json?["state"] as? String == "answered")
        #expect(json.json?["trackingHash"] == nil)
    }
}
