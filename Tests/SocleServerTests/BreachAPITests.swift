import Foundation
import HTTPTypes
import HummingbirdTesting
import SocleActions
import SocleCore
@testable import SocleServer
import SocleTestSupport
import Testing

/// The breach register through the real router, on both backends: `/api/v1/register/breaches…` (the clock
/// in the JSON, the steps, bad input, who may do what, the OpenAPI document), and the pages (the list with
/// its clock, the form and its errors, the steps, the dataset page showing the breach to its members only).
@Suite("Breach API and pages")
struct BreachAPITests {
    static let breaches = "/api/v1/register/breaches"

    static func iso(hoursAgo: Double) -> String { BreachTime.text(Date().addingTimeInterval(-hoursAgo * 3600)) }

    /// A breach the authority learnt of `hoursAgo` hours ago, nothing notified yet.
    static func body(_ title: String, hoursAgo: Double, datasets: [String] = []) -> [String: Any] {
        ["title": title, "occurred_at": iso(hoursAgo: hoursAgo + 2), "aware_at": iso(hoursAgo: hoursAgo), "natures": ["confidentiality"],
         "origin": "externalMalicious", "cause": "phishing", "categories": ["identity", "nir"], "people": ["agents"], "people_count": 40,
         "consequences": "Usurpation d'identité possible.", "risk": "risk", "measures": "Mots de passe changés.", "datasets": datasets]
    }

    static func create(_ client: any TestClientProtocol, _ f: ServerFixture, _ body: [String: Any],
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> Int {
        let r = try await client.json("\(breaches)?organisation=ville", .post, headers: f.headers(.dpo, csrf: true), body)
        #expect(r.status == .created, "\(r.text.prefix(400))", sourceLocation: sourceLocation)
        return try #require(r.json["id"] as? Int, sourceLocation: sourceLocation)
    }

    @Test("the OpenAPI document describes every breach route and its schemas")
    func documented() throws {
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.bytes)) as? [String: Any])
        let paths = try #require(doc["paths"] as? [String: [String: Any]])
        for (path, method) in [(Self.breaches, "get"), (Self.breaches, "post"), ("\(Self.breaches)/{id}", "get"), ("\(Self.breaches)/{id}", "put"),
                               ("\(Self.breaches)/{id}/notifications", "post"), ("\(Self.breaches)/{id}/not-notified", "post"),
                               ("\(Self.breaches)/{id}/information", "post")] {
            #expect(paths[path]?[method] != nil, "\(method) \(path) undocumented")
        }
        #expect(RegisterAPITests.departures(["id": 1, "hours_left": "x", "breach": ["title": "X", "risk": "huge"]], from: "BreachRecord").count >= 3)
    }

    @Test("POST, GET, list: the clock in the JSON (deadline, hours_left, overdue), open and most urgent first; steps; PUT keeps them",
          arguments: Backend.all)
    func clockInJSON(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let dpo = f.headers(.dpo, csrf: true)
            let fresh = try await Self.create(client, f, Self.body("Hameçonnage", hoursAgo: 30.5))
            let late = try await Self.create(client, f, Self.body("Rançongiciel", hoursAgo: 77))
            let one = try await client.json("\(Self.breaches)/\(fresh)", headers: f.headers(.agent))
            #expect(one.status == .ok)
            RegisterAPITests.conforms(one, "BreachRecord")
            #expect(one.json["clock"] as? String == "running")
            #expect(one.json["overdue"] as? Bool == false)
            let hours = try #require(one.json["hours_left"] as? Double)
            #expect(hours > 41.3 && hours <= 41.5, "\(hours)")
            #expect((one.json["clock_text"] as? String)?.hasPrefix("41 h 2") == true, "\(one.json["clock_text"] ?? "")")
            #expect(one.json["deadline"] is String)
            #expect(one.json["nir"] as? Bool == true && one.json["sensitive"] as? Bool == true)
            #expect((one.json["breach"] as? [String: Any])?["aware_at"] is String)

            let list = try await client.json(Self.breaches, headers: f.headers(.agent))
            RegisterAPITests.conforms(list, "BreachList")
            let items = try #require(list.json["breaches"] as? [[String: Any]])
            #expect(items.map { $0["id"] as? Int } == [late, fresh], "the late one first")
            #expect(items.first?["overdue"] as? Bool == true)
            #expect((items.first?["clock_text"] as? String)?.hasPrefix("En retard de 5 h") == true, "\(items.first?["clock_text"] ?? "")")
            #expect((items.first?["hours_left"] as? Double).map { $0 <= -5 && $0 > -5.2 } == true)

            // Steps: the initial notification, a complementary one, the people's information.
            let early = try await client.json("\(Self.breaches)/\(late)/notifications", .post, headers: dpo,
                                              ["at": Self.iso(hoursAgo: 80), "reference": "X"])
            #expect(early.status == .badRequest && early.errorCode == "breach.before_awareness", "\(early.text.prefix(300))")
            let notified = try await client.json("\(Self.breaches)/\(late)/notifications", .post, headers: dpo,
                                                 ["at": Self.iso(hoursAgo: 1), "reference": "CNIL-2026-42"])
            #expect(notified.status == .ok, "\(notified.text.prefix(300))")
            RegisterAPITests.conforms(notified, "BreachRecord")
            #expect(notified.json["clock"] as? String == "notifiedLate" && notified.json["overdue"] as? Bool == false)
            let complementary = try await client.json("\(Self.breaches)/\(late)/notifications", .post, headers: dpo,
                                                      ["at": Self.iso(hoursAgo: 0.5), "note": "Périmètre confirmé", "complementary": true])
            #expect(complementary.status == .ok)
            let informed = try await client.json("\(Self.breaches)/\(late)/information", .post, headers: dpo,
                                                 ["at": Self.iso(hoursAgo: 0.2), "means": "Courriel à chaque agent"])
            #expect(informed.status == .ok)
            #expect(informed.json["complete"] as? Bool == true, "\(informed.json["missing"] ?? "")")
            let skipped = try await client.json("\(Self.breaches)/\(fresh)/not-notified", .post, headers: dpo, ["reason": "Comptes désactivés à temps."])
            #expect(skipped.json["clock"] as? String == "notRequired")

            // A PUT that does not mention the steps keeps them, and closes the breach now that it is complete.
            var put = Self.body("Rançongiciel", hoursAgo: 77)
            put["status"] = "closed"
            put["aware_at"] = (informed.json["breach"] as? [String: Any])?["aware_at"]
            put["occurred_at"] = (informed.json["breach"] as? [String: Any])?["occurred_at"]
            let closed = try await client.json("\(Self.breaches)/\(late)", .put, headers: dpo, put)
            #expect(closed.status == .ok, "\(closed.text.prefix(300))")
            let record = closed.json["breach"] as? [String: Any] ?? [:]
            #expect(record["status"] as? String == "closed")
            #expect((record["notification"] as? [String: Any])?["reference"] as? String == "CNIL-2026-42")
            #expect((record["complementary"] as? [Any])?.count == 1)
            let after = try await client.json(Self.breaches, headers: f.headers(.agent))
            #expect((after.json["breaches"] as? [[String: Any]])?.last?["id"] as? Int == late, "closed ones last")
        }
    }

    @Test("bad input: impossible dates, not a date, unknown links, unknown values, closing a draft; 400 with a French message",
          arguments: Backend.all)
    func badInput(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("agents", csv: "nom;service\nMartin;RH\n")
            let dpo = f.headers(.dpo, csrf: true)
            func post(_ body: [String: Any]) async throws -> TestResponse {
                try await client.json("\(Self.breaches)?organisation=ville", .post, headers: dpo, body)
            }
            var before = Self.body("X", hoursAgo: 5)
            before["occurred_at"] = Self.iso(hoursAgo: 1)
            let r1 = try await post(before)
            #expect(r1.status == .badRequest && r1.errorCode == "breach.aware_before_occurred")
            RegisterAPITests.conforms(r1, "Error")
            var future = Self.body("X", hoursAgo: -3)
            future["occurred_at"] = NSNull()
            let r2 = try await post(future)
            #expect(r2.errorCode == "breach.in_future" && r2.errorMessage?.contains("futur") == true, "\(r2.text.prefix(300))")
            let r3 = try await post(["title": "X", "aware_at": "la semaine dernière"])
            #expect(r3.status == .badRequest && r3.errorCode == "breach.bad_datetime")
            #expect(r3.errorMessage?.contains("la semaine dernière") == true, "\(r3.text.prefix(300))")
            let r4 = try await post(["title": "X", "aware_at": "2026-02-30T10:00"])
            #expect(r4.errorCode == "breach.bad_datetime")
            let r5 = try await post(Self.body("X", hoursAgo: 5, datasets: ["nulle-part"]))
            #expect(r5.errorCode == "breach.unknown_dataset" && r5.errorMessage?.contains("agents") == true, "\(r5.text.prefix(300))")
            var act = Self.body("X", hoursAgo: 5)
            act["activities"] = [9_999]
            #expect(try await post(act).errorCode == "register.unknown_activity")
            let r6 = try await post(["title": "X", "origin": "martiens"])
            #expect(r6.errorCode == "register.bad_value" && r6.errorMessage?.contains("externalMalicious") == true)
            let r7 = try await post(["title": "X", "status": "closed"])
            #expect(r7.errorCode == "breach.incomplete")
            let r8 = try await post(["aware_at": Self.iso(hoursAgo: 1)])
            #expect(r8.status == .badRequest, "a title is required, even for a draft")
            // A draft is accepted and says what it lacks.
            let draft = try await post(["title": "Signalement à qualifier"])
            #expect(draft.status == .created)
            #expect(draft.json["complete"] as? Bool == false)
            #expect((draft.json["missing"] as? [String])?.contains("awareAt") == true)
            #expect(draft.json["clock"] as? String == "unknown")
            let list = try await client.json(Self.breaches, headers: f.headers(.dpo))
            #expect((list.json["breaches"] as? [Any])?.count == 1, "nothing saved on a refusal")
        }
    }

    @Test("who may: 401 without credentials; agents and read tokens read; only the DPO and admins write; other organisations see nothing",
          arguments: Backend.all)
    func permissions(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let id = try await Self.create(client, f, Self.body("Fuite", hoursAgo: 3))
            #expect(try await client.json(Self.breaches).status == .unauthorized)
            #expect(try await client.json("\(Self.breaches)/\(id)").status == .unauthorized)
            for who in [Who.agent, .steward, .tokenRead, .admin] {
                #expect(try await client.json("\(Self.breaches)/\(id)", headers: f.headers(who)).status == .ok, "\(who)")
            }
            for who in [Who.agent, .steward, .tokenWrite] {
                let create = try await client.json("\(Self.breaches)?organisation=ville", .post, headers: f.headers(who, csrf: true), ["title": "X"])
                #expect(create.status == .forbidden, "\(who): \(create.status)")
                let notify = try await client.json("\(Self.breaches)/\(id)/notifications", .post, headers: f.headers(who, csrf: true),
                                                   ["at": Self.iso(hoursAgo: 1)])
                #expect(notify.status == .forbidden, "\(who): \(notify.status)")
            }
            let admin = try await client.json("\(Self.breaches)/\(id)/information", .post, headers: f.headers(.admin, csrf: true),
                                              ["not_informed_reason": "Risque non élevé."])
            #expect(admin.status == .ok)
            #expect(try await client.json("\(Self.breaches)/\(id)", headers: f.headers(.otherAdmin)).status == .notFound)
            let other = try await client.json(Self.breaches, headers: f.headers(.otherAdmin))
            #expect((other.json["breaches"] as? [Any])?.isEmpty == true)
            #expect(try await client.json("\(Self.breaches)?organisation=ville", .post, headers: f.headers(.otherAdmin, csrf: true),
                                          ["title": "X"]).status == .forbidden)
        }
    }

    // MARK: pages

    @Test("pages: the list with the clock (overdue in words and style), the breach, the form and its errors, the steps",
          arguments: Backend.all)
    func pages(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let late = try await Self.create(client, f, Self.body("Rançongiciel à la mairie", hoursAgo: 77))
            let fresh = try await Self.create(client, f, Self.body("Courriel mal adressé", hoursAgo: 30.5))
            let dpo = f.headers(.dpo)
            let list = try await client.execute(uri: "/register/breaches", method: .get, headers: f.headers(.agent))
            #expect(list.status == .ok)
            #expect(list.text.contains("En retard de 5 h"), "overdue in words")
            #expect(list.text.contains("breach-clock-overdue") && list.text.contains("class=\"breach-overdue\""), "and a visible style")
            #expect(list.text.contains("41 h 2"), "time left")
            #expect(list.text.contains("restantes pour notifier la CNIL"))
            #expect(list.text.range(of: "Rançongiciel")!.lowerBound < list.text.range(of: "Courriel mal adressé")!.lowerBound, "most urgent first")
            #expect(list.text.contains("/static/breach-clock.js"))
            #expect(!list.text.contains("⟦"), "no missing catalog key")
            #expect(!list.text.contains("/register/breaches/new"), "an agent cannot record")
            #expect(try await client.execute(uri: "/register/breaches/new", method: .get, headers: f.headers(.agent)).status == .forbidden)

            // The register links to the breaches.
            let register = try await client.execute(uri: "/register", method: .get, headers: dpo)
            #expect(register.text.contains("href=\"/register/breaches\""))

            let page = try await client.execute(uri: "/register/breaches/\(fresh)", method: .get, headers: dpo)
            #expect(page.status == .ok)
            #expect(page.text.contains("data-deadline=") && page.text.contains("data-overdue=\"En retard de {time}"), "the script has its words")
            #expect(page.text.contains("Enregistrer la notification initiale"))
            #expect(page.text.contains("Usurpation d"))
            #expect(!page.text.contains("⟦"))

            // The form: an impossible date comes back at its field, what was typed is kept; nothing is saved.
            let form = try await client.execute(uri: "/register/breaches/new", method: .get, headers: dpo)
            #expect(form.status == .ok && form.text.contains("type=\"datetime-local\"") && !form.text.contains("⟦"))
            let bad = try await client.form("/register/breaches/new", headers: dpo, [
                ("_csrf", f.csrf(.dpo)), ("organisation", "ville"), ("title", "Vol de portable"),
                ("occurredAt", BreachPagesController.local(Date().addingTimeInterval(-2 * 86_400))),
                ("awareAt", BreachPagesController.local(Date().addingTimeInterval(-3 * 86_400)))])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("id=\"breach-awareAt-error\""), "\(bad.text.prefix(0))")
            #expect(bad.text.contains("précède la date de survenance"))
            #expect(bad.text.contains("value=\"Vol de portable\""))
            let notADate = try await client.form("/register/breaches/new", headers: dpo, [
                ("_csrf", f.csrf(.dpo)), ("organisation", "ville"), ("title", "Vol"), ("awareAt", "hier soir")])
            #expect(notADate.status == .badRequest && notADate.text.contains("hier soir") && notADate.text.contains("breach-awareAt-error"))
            let created = try await client.form("/register/breaches/new", headers: dpo, [
                ("_csrf", f.csrf(.dpo)), ("organisation", "ville"), ("title", "Vol de portable"),
                ("awareAt", BreachPagesController.local(Date().addingTimeInterval(-3 * 86_400))),
                ("natures", "confidentiality"), ("natures", "availability"), ("cause", "stolenDevice")])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            let shown = try await client.execute(uri: location, method: .get, headers: dpo)
            #expect(shown.text.contains("Vol de portable") && shown.text.contains("Fiche incomplète"), "a draft, listed as incomplete")

            // The steps from the page: a notification before awareness is refused with the message; a good one is recorded.
            let early = try await client.form("/register/breaches/\(late)/notify", headers: dpo, [("_csrf", f.csrf(.dpo)), ("at", "2020-01-01T10:00")])
            #expect(early.status == .badRequest && early.text.contains("précède la prise de connaissance"))
            let now = BreachPagesController.local(Date().addingTimeInterval(-600))
            let notified = try await client.form("/register/breaches/\(late)/notify", headers: dpo,
                                                 [("_csrf", f.csrf(.dpo)), ("at", now), ("reference", "CNIL-77")])
            #expect(notified.status == .seeOther)
            let after = try await client.execute(uri: "/register/breaches/\(late)", method: .get, headers: dpo)
            #expect(after.text.contains("CNIL-77") && after.text.contains("Notifiée à la CNIL avec"))
            #expect(after.text.contains("Enregistrer une notification complémentaire"))
            let informed = try await client.form("/register/breaches/\(late)/inform", headers: dpo,
                                                 [("_csrf", f.csrf(.dpo)), ("notInformedReason", "Données chiffrées")])
            #expect(informed.status == .seeOther)
            // An agent may not record a step.
            let agent = try await client.form("/register/breaches/\(fresh)/not-notified", headers: f.headers(.agent),
                                              [("_csrf", f.csrf(.agent)), ("reason", "X")])
            #expect(agent.status == .forbidden)
        }
    }

    @Test("the dataset page shows the breach that touched it to the members of its organisation, never to others", arguments: Backend.all)
    func datasetPage(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("listes", csv: ServerFixture.csv, publish: true)
            let id = try await Self.create(client, f, Self.body("Liste publiée par erreur", hoursAgo: 4, datasets: ["listes"]))
            for who in [Who.agent, .dpo, .steward] {
                let page = try await client.execute(uri: "/datasets/listes", method: .get, headers: f.headers(who))
                #expect(page.status == .ok)
                #expect(page.text.contains("href=\"/register/breaches/\(id)\""), "\(who) sees the breach")
                #expect(page.text.contains("Violation de données touchant ce jeu"), "\(who)")
                #expect(page.text.contains("restantes pour notifier la CNIL"), "\(who)")
            }
            for who in [Who.anonymous, .otherAdmin] {
                let page = try await client.execute(uri: "/datasets/listes", method: .get, headers: f.headers(who))
                #expect(page.status == .ok, "\(who): the dataset is public")
                #expect(!page.text.contains("/register/breaches"), "\(who) sees nothing of the breach")
                #expect(!page.text.contains("Liste publiée par erreur"), "\(who)")
            }
        }
    }
}
