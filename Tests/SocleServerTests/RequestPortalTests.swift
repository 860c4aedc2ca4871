import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SocleActions
import SocleCore
@testable import SocleServer
import SocleTestSupport
import Testing

/// Data-subject requests through the real router, on both backends: the public form (CSRF, honeypot, markup,
/// size, rate limit, same answer whoever the person is), the tracking page, the DPO's pages and the API with
/// its permissions.
@Suite("Request pages and API")
struct RequestPortalTests {
    static func form(_ extra: [(String, String)] = [], organisation: String = "ville") -> [(String, String)] {
        [("_csrf", ServerFixture.anonymousCSRF), ("organisation", organisation), ("right", "access"), ("requester", "Jean Martin"),
         ("contact", "jean.martin@example.org"), ("message", "Je souhaite une copie de mes données.")] + extra
    }

    /// The anonymous visitor's headers, from one client address (behind the local proxy).
    static func visitor(_ f: ServerFixture, _ address: String) -> HTTPFields {
        f.headers(.anonymous, [HTTPField.Name("X-Forwarded-For")!: address])
    }

    static func trackingLink(_ html: String) -> String? {
        guard let r = html.range(of: "href=\"/privacy-requests/track?t=") else { return nil }
        let rest = html[r.upperBound...]
        return "/privacy-requests/track?t=" + rest.prefix { $0 != "\"" }
    }

    @Test("a citizen sends the form without an account, gets a private link, and reads the status then the answer", arguments: Backend.all)
    func publicFlow(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            // The footer links to the form next to the public register; the form lists the organisations and the rights.
            let home = try await client.execute(uri: "/register/public", method: .get)
            #expect(home.text.contains("href=\"/privacy-requests/new\""))
            let page = try await client.execute(uri: "/privacy-requests/new", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("value=\"ville\"") && page.text.contains("Autre commune") && page.text.contains("Retrait du consentement"))
            #expect(page.text.contains("name=\"_csrf\"") && page.text.contains("name=\"website\""))
            #expect(page.setCookie("socle_csrf") != nil, "an anonymous visitor gets the double-submit cookie")

            // Without the CSRF token: refused, nothing recorded.
            let forged = try await client.form("/privacy-requests/new", headers: Self.visitor(f, "203.0.113.5"),
                                               Self.form().filter { $0.0 != "_csrf" })
            #expect(forged.status == .forbidden)

            let sent = try await client.form("/privacy-requests/new", headers: Self.visitor(f, "203.0.113.5"),
                                             Self.form([("id_email", "jean.martin@example.org")]))
            #expect(sent.status == .created)
            let link = try #require(Self.trackingLink(sent.text))
            #expect(sent.text.contains("Ville de Test") && sent.text.contains("Accès"))
            let platform = Platform(store: f.store, secretsDirectory: f.configuration.secretsDirectory, sharedGrants: false)
            let dpo = Principal.user(f.users[.dpo]!)
            let list = try await platform.requests.list(dpo)
            #expect(list.count == 1)
            let id = try #require(list.first?.id)
            #expect(list.first?.body.state == .toHandle)

            let tracked = try await client.execute(uri: link, method: .get)
            #expect(tracked.status == .ok)
            #expect(tracked.text.contains("À traiter") && tracked.text.contains(list[0].body.due))
            #expect(!tracked.text.contains("jean.martin@example.org"), "the tracking page shows no identifier")
            // A wrong token and an unknown one: the same 404.
            let wrongToken = String(link.dropFirst("/privacy-requests/track?t=".count).dropLast(2)) + "zz"
            let unknownToken = Secrets.random(bytes: 32)
            let wrong = try await client.execute(uri: "/privacy-requests/track?t=" + wrongToken, method: .get, headers: f.headers(.anonymous))
            let unknown = try await client.execute(uri: "/privacy-requests/track?t=" + unknownToken, method: .get, headers: f.headers(.anonymous))
            #expect(wrong.status == .notFound && unknown.status == .notFound)
            // The pages differ only by the code they echo in their own links (language switch, sign-in).
            #expect(wrong.text.replacingOccurrences(of: wrongToken, with: "T") == unknown.text.replacingOccurrences(of: unknownToken, with: "T"))
            #expect(wrong.text.contains("Aucune demande ne correspond"))
            let asked = try await client.execute(uri: "/privacy-requests/track", method: .get)
            #expect(asked.status == .ok && asked.text.contains("name=\"t\""))

            // The DPO answers; the requester reads it, with no trace of the handling.
            _ = try await platform.requests.recordEvent(id, kind: "search", summary: "Recherche : 2 correspondances", by: dpo)
            _ = try await platform.requests.answer(id, text: "Vous trouverez vos données en pièce jointe.", date: RequestCalendar.today(),
                                                   channel: .email, by: dpo)
            let answered = try await client.execute(uri: link, method: .get)
            #expect(answered.text.contains("Vous trouverez vos données en pièce jointe.") && answered.text.contains("Clôturée (répondue)"))
            #expect(!answered.text.contains("correspondances"))

            // The same through the JSON API.
            let token = String(link.dropFirst("/privacy-requests/track?t=".count))
            let json = try await client.execute(uri: "/api/v1/privacy-requests/track?t=" + token, method: .get)
            #expect(json.status == .ok && json.json["state"] as? String == "answered")
            #expect(RegisterAPITests.departures(json.json, from: "TrackedRequest").isEmpty, "\(RegisterAPITests.departures(json.json, from: "TrackedRequest"))")
            #expect(try await client.execute(uri: "/api/v1/privacy-requests/track?t=nope", method: .get).status == .notFound)
        }
    }

    @Test("the form refuses markup, oversize and bad fields at their field; a robot filling the hidden field records nothing",
          arguments: Backend.all)
    func publicBadInput(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let h = Self.visitor(f, "203.0.113.9")
            let markup = try await client.form("/privacy-requests/new", headers: h,
                                               Self.form().filter { $0.0 != "message" } + [("message", "<script>alert('x')</script>")])
            #expect(markup.status == .badRequest)
            #expect(markup.text.contains("id=\"req-message-error\"") && markup.text.contains("balisage HTML"))
            #expect(!markup.text.contains("<script>alert"), "what was typed comes back escaped")
            #expect(markup.text.contains("value=\"Jean Martin\""), "the rest is kept")
            let badMail = try await client.form("/privacy-requests/new", headers: h, Self.form([("id_email", "pas-une-adresse")]))
            #expect(badMail.status == .badRequest && badMail.text.contains("id=\"req-id_email-error\""))
            let noRight = try await client.form("/privacy-requests/new", headers: h, Self.form().filter { $0.0 != "right" })
            #expect(noRight.status == .badRequest && noRight.text.contains("id=\"req-right-error\""))
            let nowhere = try await client.form("/privacy-requests/new", headers: h, Self.form(organisation: "nulle-part"))
            #expect(nowhere.status == .badRequest && nowhere.text.contains("id=\"req-organisation-error\""))
            let huge = try await client.form("/privacy-requests/new", headers: h,
                                             Self.form().filter { $0.0 != "message" } + [("message", String(repeating: "a", count: 20_000))])
            #expect(huge.status == .contentTooLarge)
            let robot = try await client.form("/privacy-requests/new", headers: Self.visitor(f, "198.51.100.1"),
                                              Self.form([("website", "http://spam.example")]))
            #expect(robot.status == .ok && Self.trackingLink(robot.text) != nil)
            let platform = Platform(store: f.store, secretsDirectory: f.configuration.secretsDirectory, sharedGrants: false)
            #expect(try await platform.requests.list(.user(f.users[.dpo]!)).isEmpty, "nothing was recorded")
        }
    }

    @Test("the form is rate-limited per client address (429), another address still gets through; JSON submit too", arguments: Backend.all)
    func rateLimit(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            for i in 0..<10 {
                let r = try await client.form("/privacy-requests/new", headers: Self.visitor(f, "203.0.113.77"), Self.form())
                #expect(r.status == .created, "submission \(i)")
            }
            let eleventh = try await client.form("/privacy-requests/new", headers: Self.visitor(f, "203.0.113.77"), Self.form())
            #expect(eleventh.status == .tooManyRequests)
            #expect(eleventh.text.contains("Trop de demandes"))
            let json = try await client.json("/api/v1/privacy-requests", .post, headers: Self.visitor(f, "203.0.113.77"),
                                             ["organisation": "ville", "right": "erasure", "requester": "X", "contact": "x@example.org"])
            #expect(json.status == .tooManyRequests && json.errorCode == "request.throttled")
            let other = try await client.json("/api/v1/privacy-requests", .post, headers: Self.visitor(f, "198.51.100.20"),
                                              ["organisation": "ville", "right": "erasure", "requester": "X", "contact": "x@example.org"])
            #expect(other.status == .created)
            #expect((other.json["tracking_token"] as? String)?.count ?? 0 >= 40)
            #expect(RegisterAPITests.departures(other.json, from: "PublicRequestSent").isEmpty)
        }
    }

    @Test("the answer to the form never tells whether the person is in the data", arguments: Backend.all)
    func noExistenceLeak(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("aides", csv: "nom,courriel\nMartin,jean.martin@example.org\n")
            func send(_ email: String, _ address: String) async throws -> [String: Any] {
                let r = try await client.json("/api/v1/privacy-requests", .post, headers: Self.visitor(f, address),
                                              ["organisation": "ville", "right": "access", "requester": "Jean Martin", "contact": email,
                                               "identifiers": ["email": email]])
                #expect(r.status == .created)
                var j = r.json
                j["tracking_token"] = nil
                j["tracking_url"] = nil
                return j
            }
            let present = try await send("jean.martin@example.org", "203.0.113.30")
            let absent = try await send("personne@nulle-part.example", "203.0.113.31")
            #expect(NSDictionary(dictionary: present).isEqual(to: absent), "\(present) vs \(absent)")
        }
    }

    @Test("the DPO's pages: the list by due date with reminders, a request with its clock, transitions, extension rule, answer",
          arguments: Backend.all)
    func dpoPages(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let platform = Platform(store: f.store, secretsDirectory: f.configuration.secretsDirectory, sharedGrants: false)
            let dpoPrincipal = Principal.user(f.users[.dpo]!)
            func daysAgo(_ n: Int) -> String { RequestCalendar.today(Date().addingTimeInterval(-Double(n) * 86_400)) }
            let (late, _) = try await platform.requests.create(
                RequestInput(right: .erasure, requester: "Léa Retard", contact: "lea@example.org", identifiers: SubjectIdentifiers(phone: "06 11 22 33 44"),
                             received: daysAgo(40), channel: .post), organisation: "ville", by: dpoPrincipal)
            let dpo = f.headers(.dpo)
            let list = try await client.execute(uri: "/register/requests", method: .get, headers: dpo)
            #expect(list.status == .ok)
            #expect(list.text.contains("Léa Retard") && list.text.contains("en retard"))
            #expect(try await client.execute(uri: "/register", method: .get, headers: dpo).text.contains("href=\"/register/requests\""))

            // A letter recorded through the form, without identifiers: it waits in the identity check; the tracking link is shown once.
            let created = try await client.form("/register/requests/new", headers: dpo,
                                                [("_csrf", f.csrf(.dpo)), ("organisation", "ville"), ("right", "access"), ("requester", "Paul Courrier"),
                                                 ("contact", "paul@example.org"), ("received", daysAgo(3)), ("channel", "post")])
            #expect(created.status == .created)
            #expect(created.text.contains("/privacy-requests/track?t="))
            #expect(created.text.contains("En attente de confirmation d&#39;identité") || created.text.contains("En attente de confirmation d'identité"))
            #expect(!created.text.contains("href=\"/register/subjects?request="), "no search without an identifier")
            let id = try #require(try await platform.requests.list(dpoPrincipal).first { $0.body.requester == "Paul Courrier" }?.id)
            let refused = try await client.form("/register/requests/\(id)/transition", headers: dpo, [("_csrf", f.csrf(.dpo)), ("state", "toHandle")])
            #expect(refused.status == .badRequest && refused.text.contains("id=\"tr-state-error\""))
            let ids = try await client.form("/register/requests/\(id)/identifiers", headers: dpo, [("_csrf", f.csrf(.dpo)), ("id_email", "paul@example.org")])
            #expect(ids.status == .seeOther)
            let moved = try await client.form("/register/requests/\(id)/transition", headers: dpo, [("_csrf", f.csrf(.dpo)), ("state", "toHandle")])
            #expect(moved.status == .seeOther)
            let page = try await client.execute(uri: "/register/requests/\(id)", method: .get, headers: dpo)
            #expect(page.text.contains("href=\"/register/subjects?request=\(id)\""), "the lead's subject section links to the search")
            #expect(page.text.contains("Identifiants mis à jour") && page.text.contains("Dpo"), "the history names who did what")
            let note = try await client.form("/register/requests/\(id)/note", headers: dpo, [("_csrf", f.csrf(.dpo)), ("summary", "Appel de la personne : accord")])
            #expect(note.status == .seeOther)
            let blankNote = try await client.form("/register/requests/\(id)/note", headers: dpo, [("_csrf", f.csrf(.dpo)), ("summary", " ")])
            #expect(blankNote.status == .badRequest && blankNote.text.contains("id=\"nt-summary-error\""))
            #expect(try await client.execute(uri: "/register/requests/\(id)", method: .get, headers: dpo).text.contains("Appel de la personne : accord"))

            // The extension of a request received 40 days ago is refused with the deadline; the answer closes.
            let ext = try await client.form("/register/requests/\(late.id)/extend", headers: dpo,
                                            [("_csrf", f.csrf(.dpo)), ("notified", RequestCalendar.today()), ("reason", "Complexe")])
            #expect(ext.status == .badRequest && ext.text.contains("premier mois"))
            let badAnswer = try await client.form("/register/requests/\(late.id)/answer", headers: dpo,
                                                  [("_csrf", f.csrf(.dpo)), ("text", "Effacé."), ("date", daysAgo(41)), ("channel", "email")])
            #expect(badAnswer.status == .badRequest && badAnswer.text.contains("antérieure à la réception"))
            let answer = try await client.form("/register/requests/\(late.id)/answer", headers: dpo,
                                               [("_csrf", f.csrf(.dpo)), ("text", "Vos données ont été effacées."), ("date", daysAgo(0)), ("channel", "email")])
            #expect(answer.status == .seeOther)
            let closed = try await client.execute(uri: "/register/requests/\(late.id)", method: .get, headers: dpo)
            #expect(closed.text.contains("Vos données ont été effacées.") && !closed.text.contains("action=\"/register/requests/\(late.id)/answer\""))

            // An agent does not read the requests; another organisation's admin does not see them.
            #expect(try await client.execute(uri: "/register/requests", method: .get, headers: f.headers(.agent)).status == .forbidden)
            #expect(try await client.execute(uri: "/register/requests/\(id)", method: .get, headers: f.headers(.otherAdmin)).status == .notFound)
            #expect(try await client.execute(uri: "/register/requests", method: .get).status != .ok, "signed-in only")
        }
    }

    @Test("the API: who may do what, the documented shapes, reminders, events for the subject tools", arguments: Backend.all)
    func api(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let base = "/api/v1/register/requests"
            let body: [String: Any] = ["right": "portability", "requester": "Ana Porta", "contact": "ana@example.org",
                                       "identifiers": ["email": "ana@example.org", "plate": "AB-123-CD"], "channel": "email"]
            #expect(try await client.json("\(base)?organisation=ville", .post, headers: f.headers(.anonymous), body).status == .unauthorized)
            #expect(try await client.json("\(base)?organisation=ville", .post, headers: f.headers(.agent, csrf: true), body).status == .forbidden)
            #expect(try await client.json("\(base)?organisation=ville", .post, headers: f.headers(.otherAdmin, csrf: true), body).status == .forbidden)
            #expect(try await client.json("\(base)?organisation=ville", .post, headers: f.headers(.dpo), body).status == .forbidden,
                    "a session write needs X-CSRF-Token")
            let created = try await client.json("\(base)?organisation=ville", .post, headers: f.headers(.dpo, csrf: true), body)
            #expect(created.status == .created, "\(created.text.prefix(300))")
            let request = try #require(created.json["request"] as? [String: Any])
            let id = try #require(request["id"] as? Int)
            #expect(request["state"] as? String == "toHandle" && request["usable_identifiers"] as? [String] == ["email", "plate"])
            #expect(request["tracking_hash"] == nil && !created.text.contains("trackingHash"))
            #expect(RegisterAPITests.departures(request, from: "SubjectRequest").isEmpty, "\(RegisterAPITests.departures(request, from: "SubjectRequest"))")

            let future = try await client.json("\(base)?organisation=ville", .post, headers: f.headers(.dpo, csrf: true),
                                               body.merging(["received": "2999-01-01"]) { _, b in b })
            #expect(future.status == .badRequest && future.errorCode == "request.date_future")
            let badRight = try await client.json("\(base)?organisation=ville", .post, headers: f.headers(.dpo, csrf: true),
                                                 body.merging(["right": "everything"]) { _, b in b })
            #expect(badRight.status == .badRequest)

            let admin = f.headers(.admin, csrf: true)
            #expect(try await client.execute(uri: "\(base)/\(id)", method: .get, headers: f.headers(.agent)).status == .forbidden)
            #expect(try await client.execute(uri: "\(base)/\(id)", method: .get, headers: f.headers(.otherAdmin)).status == .notFound)
            let event = try await client.json("\(base)/\(id)/events", .post, headers: admin, ["kind": "search", "summary": "Recherche : 0 correspondance"])
            #expect(event.status == .created)
            #expect((event.json["events"] as? [[String: Any]])?.last?["summary"] as? String == "Recherche : 0 correspondance")
            let bad = try await client.json("\(base)/\(id)/transition", .post, headers: admin, ["state": "answered"])
            #expect(bad.status == .badRequest && bad.errorCode == "request.answer_needed")
            let ext = try await client.json("\(base)/\(id)/extend", .post, headers: admin, ["notified": RequestCalendar.today(), "reason": "Volume"])
            #expect(ext.status == .ok && (ext.json["extension"] as? [String: Any])?["reason"] as? String == "Volume")
            let answered = try await client.json("\(base)/\(id)/answer", .post, headers: admin,
                                                 ["text": "Archive jointe.", "date": RequestCalendar.today(), "channel": "email"])
            #expect(answered.status == .ok && answered.json["state"] as? String == "answered")
            #expect(RegisterAPITests.departures(answered.json, from: "SubjectRequest").isEmpty)

            let listed = try await client.execute(uri: base, method: .get, headers: f.headers(.dpo))
            #expect((listed.json["requests"] as? [[String: Any]])?.count == 1)
            #expect(try await client.execute(uri: base, method: .get, headers: f.headers(.agent)).json["requests"] as? [Any] != nil)
            #expect((try await client.execute(uri: "\(base)?reminder=overdue", method: .get, headers: f.headers(.dpo)).json["requests"] as? [Any])?.isEmpty == true)
            #expect(try await client.execute(uri: "\(base)?reminder=tomorrow", method: .get, headers: f.headers(.dpo)).status == .badRequest)
            // An empty value is not "no filter": it is refused like any value outside the list (schemathesis found it).
            #expect(try await client.execute(uri: "\(base)?reminder=", method: .get, headers: f.headers(.dpo)).status == .badRequest)
            // A read-only token reads, cannot change.
            let token = f.headers(.tokenRead)
            #expect(try await client.execute(uri: base, method: .get, headers: token).status == .ok)
        }
    }

    @Test("every request route is in the OpenAPI document")
    func documented() throws {
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.bytes)) as? [String: Any])
        let paths = try #require(doc["paths"] as? [String: [String: Any]])
        let base = "/api/v1/register/requests"
        let routes: [(String, String)] = [
            (base, "get"), (base, "post"), ("\(base)/{id}", "get"), ("\(base)/{id}/transition", "post"), ("\(base)/{id}/extend", "post"),
            ("\(base)/{id}/answer", "post"), ("\(base)/{id}/identity", "post"), ("\(base)/{id}/identifiers", "put"),
            ("\(base)/{id}/events", "post"), ("/api/v1/privacy-requests", "post"), ("/api/v1/privacy-requests/track", "get"),
        ]
        for (path, method) in routes { #expect(paths[path]?[method] != nil, "\(method) \(path) undocumented") }
    }
}
