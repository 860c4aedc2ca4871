import Foundation
import SocleActions
import SocleCore
import SocleStore
import SocleTestSupport
import Testing

/// Data-subject requests (issue 12, item 3) through `platform.requests`, on both backends: the legal due date
/// and its extension, the states and their rules, the identity check, the private tracking link, abuse
/// protection of the public form, who may handle them, the history and the audit.
@Suite("Request actions")
struct RequestActionsTests {
    typealias World = RegisterActionsTests.World

    static func refusal(_ body: () async throws -> Void, sourceLocation: Testing.SourceLocation = #_sourceLocation) async -> SocleError? {
        await RegisterActionsTests.refusal(body, sourceLocation: sourceLocation)
    }

    static func daysAgo(_ n: Int) -> String { RequestCalendar.today(Date().addingTimeInterval(-Double(n) * 86_400)) }

    static let known = SubjectIdentifiers(email: "jean.martin@example.org")

    static func input(_ right: SubjectRight = .access, identifiers: SubjectIdentifiers = known, message: String = "Je veux une copie.",
                      received: String? = nil) -> RequestInput {
        RequestInput(right: right, requester: "Jean Martin", contact: "jean.martin@example.org", identifiers: identifiers, message: message,
                     received: received, channel: .post)
    }

    // MARK: the clock

    @Test("due date: receipt + 1 calendar month clamped to the month's end; + 3 months once extended", arguments: [
        ("2027-01-15", "2027-02-15", "2027-04-15"),
        ("2027-01-31", "2027-02-28", "2027-04-30"),
        ("2028-01-31", "2028-02-29", "2028-04-30"),
        ("2027-03-31", "2027-04-30", "2027-06-30"),
        ("2027-08-31", "2027-09-30", "2027-11-30"),
        ("2027-11-30", "2027-12-30", "2028-02-29"),
        ("2027-12-31", "2028-01-31", "2028-03-31"),
        ("2100-01-31", "2100-02-28", "2100-04-30"),
    ])
    func dueDates(_ c: (String, String, String)) {
        var r = SubjectRequest(right: .access, requester: "X", contact: "x@example.org", received: c.0)
        #expect(r.due == c.1)
        #expect(r.initialDue == c.1)
        r.extended = RequestExtension(notified: c.0, reason: "complexe")
        #expect(r.due == c.2)
        #expect(r.initialDue == c.1, "the first month does not move")
    }

    @Test("days left, due soon (7 days or less) and overdue, closed requests never flagged")
    func reminders() {
        #expect(RequestCalendar.days(from: "2027-02-27", to: "2027-03-01") == 2)
        #expect(RequestCalendar.days(from: "2028-02-27", to: "2028-03-01") == 3)
        #expect(RequestCalendar.days(from: "2027-01-01", to: "2026-12-31") == -1)
        var r = SubjectRequest(right: .access, requester: "X", contact: "x@example.org", received: "2027-01-10")
        #expect(r.due == "2027-02-10")
        #expect(!r.isDueSoon(today: "2027-02-02") && !r.isOverdue(today: "2027-02-02"))
        #expect(r.isDueSoon(today: "2027-02-03"))
        #expect(r.isDueSoon(today: "2027-02-10") && !r.isOverdue(today: "2027-02-10"), "the due date itself is still in time")
        #expect(r.isOverdue(today: "2027-02-11") && !r.isDueSoon(today: "2027-02-11"))
        #expect(r.daysLeft(today: "2027-02-11") == -1)
        r.state = .answered
        #expect(!r.isOverdue(today: "2027-03-11") && !r.isDueSoon(today: "2027-02-05"))
    }

    // MARK: the public side

    @Test("the public form: a private tracking link (only its hash stored) shows status, due date and answer; a wrong token is the same not-found",
          arguments: Backend.all)
    func tracking(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let requests = w.platform.requests
        let (e, token) = try await requests.submit(Self.input(), organisation: "ville", client: "203.0.113.1")
        #expect(e.body.state == .toHandle)
        #expect(e.body.channel == .publicForm, "the public cannot choose another channel")
        #expect(e.body.received == RequestCalendar.today(), "the clock starts the day it is sent")
        #expect(token.count >= 40)
        #expect(e.body.trackingHash == Secrets.sha256(token))
        let stored = try #require(try await w.t.store.registerRecord(id: e.id))
        #expect(!stored.body.contains(token), "the token itself is never stored")

        let seen = try await requests.track(token: token)
        #expect(seen.organisation == "Ville de Test" && seen.state == .toHandle && seen.due == e.body.due && seen.answer == nil)

        // A wrong token, an unknown one and a truncated one get the very same refusal.
        var codes: Set<String> = []
        for bad in [String(token.dropLast()) + (token.last == "A" ? "B" : "A"), Secrets.random(bytes: 32), String(token.prefix(10)), ""] {
            let refusal = await Self.refusal { _ = try await requests.track(token: bad) }
            #expect(refusal?.kind == .notFound)
            codes.insert(refusal?.code ?? "")
        }
        #expect(codes == ["request.unknown_tracking"])

        // Once answered, the requester reads the answer — and nothing of the handling.
        _ = try await requests.recordEvent(e.id, kind: "search", summary: "Recherche : 3 correspondances", by: w.dpo)
        _ = try await requests.answer(e.id, text: "Voici vos données.", date: RequestCalendar.today(), channel: .email, by: w.dpo)
        let answered = try await requests.track(token: token)
        #expect(answered.state == .answered && answered.answer?.text == "Voici vos données." && answered.answer?.channel == .email)
        let json = String(decoding: try JSONEncoder().encode(answered), as: UTF8.self)
        #expect(!json.contains("correspondances") && !json.contains("jean.martin"), "\(json)")
    }

    @Test("the public form is throttled per client address (and another address still gets through)", arguments: Backend.all)
    func throttled(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let requests = RequestActions(register: w.platform.register, throttle: LoginThrottle(limit: 2, window: 3600))
        _ = try await requests.submit(Self.input(), organisation: "ville", client: "203.0.113.7")
        // A refused submission counts too: abuse is not only valid requests.
        _ = await Self.refusal { _ = try await requests.submit(Self.input(message: "<b>x</b>"), organisation: "ville", client: "203.0.113.7") }
        let refusal = await Self.refusal { _ = try await requests.submit(Self.input(), organisation: "ville", client: "203.0.113.7") }
        #expect(refusal?.kind == .unavailable && refusal?.code == "request.throttled")
        #expect(refusal?.message(.french).contains("60 min") == true, "\(refusal?.message(.french) ?? "")")
        _ = try await requests.submit(Self.input(), organisation: "ville", client: "198.51.100.2")
        // An hour later the address may send again.
        _ = try await requests.submit(Self.input(), organisation: "ville", client: "203.0.113.7", now: Date().addingTimeInterval(3601))
        #expect(try await requests.list(w.dpo).count == 3)
    }

    @Test("markup, over-long fields, bad addresses, unknown organisations and impossible dates are refused with the field named",
          arguments: Backend.all)
    func badInput(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let requests = w.platform.requests
        func refused(_ input: RequestInput, org: String = "ville", public: Bool = true) async -> SocleError? {
            await Self.refusal {
                if `public` { _ = try await requests.submit(input, organisation: org, client: UUID().uuidString) }
                else { _ = try await requests.create(input, organisation: org, by: w.dpo) }
            }
        }
        for markup in ["<script>alert(1)</script>", "Bonjour <a href=x>ici</a>", "<!-- x -->", "&lt;b&gt;", "</p>", "&#60;img&#62;"] {
            let e = await refused(Self.input(message: markup))
            #expect(e?.code == "request.markup" && e?.args["field"] == "message", "\(markup)")
        }
        var nameMarkup = Self.input()
        nameMarkup.requester = "<img src=x onerror=alert(1)>"
        #expect(await refused(nameMarkup)?.args["field"] == "requester")
        // Plain text with comparison signs or an ampersand is fine.
        _ = try await requests.submit(Self.input(message: "Si 3 < 5 et 7 > 2, Martin & fils : OK ; R&D"), organisation: "ville", client: "a")

        #expect(await refused(Self.input(message: String(repeating: "é", count: 5_001)))?.code == "register.too_long")
        var longName = Self.input()
        longName.requester = String(repeating: "a", count: 201)
        #expect(await refused(longName)?.args["field"] == "requester")
        var badMail = Self.input()
        badMail.contact = "pas une adresse"
        #expect(await refused(badMail)?.code == "request.bad_email")
        var noContact = Self.input()
        noContact.contact = "  "
        #expect(await refused(noContact)?.code == "server.field_required")
        #expect(await refused(Self.input(identifiers: SubjectIdentifiers(nir: "12345")))?.code == "request.bad_nir")
        #expect(await refused(Self.input(identifiers: SubjectIdentifiers(phone: "appelez-moi")))?.code == "request.bad_phone")
        #expect(await refused(Self.input(identifiers: SubjectIdentifiers(name: "Jean Martin", birthDate: "1980-02-30")))?.code == "register.bad_date")
        #expect(await refused(Self.input(identifiers: SubjectIdentifiers(name: "Jean Martin", birthDate: "2999-01-01")))?.code == "request.date_future")
        let unknown = await refused(Self.input(), org: "nulle-part")
        #expect(unknown?.code == "request.unknown_organisation" && unknown?.args["field"] == "organisation")
        // A DPO records a letter: received in the future or on an impossible day is refused.
        let future = await refused(Self.input(received: "2999-01-01"), public: false)
        #expect(future?.code == "request.date_future")
        #expect(future?.message(.french).contains("futur") == true)
        #expect(await refused(Self.input(received: "2027-02-30"), public: false)?.code == "register.bad_date")
        // Nothing refused was saved.
        #expect(try await requests.list(w.dpo).count == 1)
    }

    // MARK: the DPO's side

    @Test("states: allowed moves only, a refusal needs its reason, the answer closes; answer dates checked", arguments: Backend.all)
    func transitions(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let requests = w.platform.requests
        let (e, _) = try await requests.create(Self.input(received: Self.daysAgo(5)), organisation: "ville", by: w.dpo)
        #expect(e.body.state == .toHandle)
        // Closing without an answer is not a state change.
        #expect(await Self.refusal { _ = try await requests.transition(e.id, to: .answered, by: w.dpo) }?.code == "request.answer_needed")
        _ = try await requests.transition(e.id, to: .awaitingService, note: "Transmise à l'état civil", by: w.dpo)
        _ = try await requests.transition(e.id, to: .awaitingClarification, by: w.dpo)
        let back = try await requests.transition(e.id, to: .toHandle, by: w.dpo)
        #expect(back.body.state == .toHandle)
        // The answer: never before receipt, never in the future, not empty.
        let early = await Self.refusal { _ = try await requests.answer(e.id, text: "Réponse", date: Self.daysAgo(6), channel: .email, by: w.dpo) }
        #expect(early?.code == "request.before_receipt")
        #expect(early?.message(.french).contains("antérieure à la réception") == true)
        #expect(await Self.refusal { _ = try await requests.answer(e.id, text: "Réponse", date: "2999-01-01", channel: .email, by: w.dpo) }?.code
                == "request.date_future")
        #expect(await Self.refusal { _ = try await requests.answer(e.id, text: " ", date: Self.daysAgo(1), channel: .email, by: w.dpo) }?.code
                == "server.field_required")
        let done = try await requests.answer(e.id, text: "Vos données sont jointes.", date: Self.daysAgo(1), channel: .post, by: w.dpo)
        #expect(done.body.state == .answered && done.body.answer == RequestAnswer(text: "Vos données sont jointes.", date: Self.daysAgo(1), channel: .post))
        // Closed is closed.
        let closed = await Self.refusal { _ = try await requests.transition(e.id, to: .toHandle, by: w.dpo) }
        #expect(closed?.code == "request.bad_transition")
        #expect(closed?.message(.french).contains("Clôturée (répondue)") == true, "\(closed?.message(.french) ?? "")")

        let (other, _) = try await requests.create(Self.input(.erasure), organisation: "ville", by: w.dpo)
        #expect(await Self.refusal { _ = try await requests.transition(other.id, to: .refused, by: w.dpo) }?.code == "server.field_required")
        let refused = try await requests.transition(other.id, to: .refused, reason: "Obligation légale de conservation (état civil).", by: w.dpo)
        #expect(refused.body.state == .refused && refused.body.refusal == "Obligation légale de conservation (état civil).")
        #expect(await Self.refusal { _ = try await requests.answer(other.id, text: "x", date: Self.daysAgo(0), channel: .email, by: w.dpo) }?.code
                == "request.closed")
        // The history tells each step in words.
        let history = try await requests.get(e.id, w.dpo).body.events.map { $0.text(.french) }
        #expect(history.first == "Demande reçue (Courrier)")
        #expect(history.contains("État : En attente d'un service — Transmise à l'état civil"))
        #expect(history.last == "Réponse envoyée le \(Self.daysAgo(1))")
    }

    @Test("a request nobody can identify stays in the identity check until an identifier or a recorded check", arguments: Backend.all)
    func identityCheck(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let requests = w.platform.requests
        // A name without a birth date does not identify anyone.
        let (e, _) = try await requests.submit(Self.input(identifiers: SubjectIdentifiers(name: "Jean Martin")), organisation: "ville", client: "c")
        #expect(e.body.state == .awaitingIdentity)
        for target in [RequestState.toHandle, .awaitingClarification] {
            #expect(await Self.refusal { _ = try await requests.transition(e.id, to: target, by: w.dpo) }?.code == "request.identity_needed")
        }
        #expect(await Self.refusal { _ = try await requests.answer(e.id, text: "x", date: Self.daysAgo(0), channel: .email, by: w.dpo) }?.code
                == "request.identity_needed")
        // A recorded check lets it go on.
        let checked = try await requests.confirmIdentity(e.id, method: "Pièce d'identité présentée à l'accueil", by: w.dpo)
        #expect(checked.body.identityCheck?.by == "Claire Délégué")
        #expect(try await requests.transition(e.id, to: .toHandle, by: w.dpo).body.state == .toHandle)

        // Identifiers added later do too; removing them all sends an unchecked request back to the check.
        let (f, _) = try await requests.submit(Self.input(identifiers: SubjectIdentifiers()), organisation: "ville", client: "c")
        #expect(f.body.state == .awaitingIdentity)
        _ = try await requests.setIdentifiers(f.id, SubjectIdentifiers(name: "Jean Martin", birthDate: "1980-02-29"), by: w.dpo)
        #expect(try await requests.identifiers(f.id, w.dpo).usable == ["nameAndBirthDate"])
        #expect(try await requests.get(f.id, w.dpo).body.events.last?.text(.french) == "Identifiants mis à jour : nom et date de naissance")
        _ = try await requests.transition(f.id, to: .toHandle, by: w.dpo)
        let emptied = try await requests.setIdentifiers(f.id, SubjectIdentifiers(), by: w.dpo)
        #expect(emptied.body.state == .awaitingIdentity)
        // It may always be refused.
        #expect(try await requests.transition(emptied.id, to: .refused, reason: "Identité non établie après relance.", by: w.dpo).body.state == .refused)
    }

    @Test("extension by two months only when notified within the first month, once", arguments: Backend.all)
    func extensionRule(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let requests = w.platform.requests
        let (late, _) = try await requests.create(Self.input(received: Self.daysAgo(45)), organisation: "ville", by: w.dpo)
        let refusal = await Self.refusal { _ = try await requests.extend(late.id, notified: Self.daysAgo(0), reason: "Complexe", by: w.dpo) }
        #expect(refusal?.code == "request.extension_late")
        #expect(refusal?.message(.french).contains("premier mois") == true)
        // Notified on time (even if recorded late): accepted.
        let ok = try await requests.extend(late.id, notified: Self.daysAgo(20), reason: "Recherches dans les archives papier", by: w.dpo)
        #expect(ok.body.due == RequestCalendar.addMonths(Self.daysAgo(45), 3))
        #expect(!ok.body.isOverdue(today: RequestCalendar.today()))
        #expect(await Self.refusal { _ = try await requests.extend(late.id, notified: Self.daysAgo(1), reason: "Encore", by: w.dpo) }?.code
                == "request.already_extended")

        let (fresh, _) = try await requests.create(Self.input(received: Self.daysAgo(3)), organisation: "ville", by: w.dpo)
        #expect(await Self.refusal { _ = try await requests.extend(fresh.id, notified: Self.daysAgo(4), reason: "x", by: w.dpo) }?.code
                == "request.before_receipt")
        #expect(await Self.refusal { _ = try await requests.extend(fresh.id, notified: "2999-01-01", reason: "x", by: w.dpo) }?.code
                == "request.date_future")
        #expect(await Self.refusal { _ = try await requests.extend(fresh.id, notified: Self.daysAgo(0), reason: "", by: w.dpo) }?.code
                == "server.field_required")
    }

    @Test("the list is ordered by due date; dueSoon and overdue; only the DPO (and admins) of the organisation read requests",
          arguments: Backend.all)
    func listAndPermissions(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let requests = w.platform.requests
        let (recent, _) = try await requests.create(Self.input(received: Self.daysAgo(1)), organisation: "ville", by: w.dpo)
        let (overdue, _) = try await requests.create(Self.input(received: Self.daysAgo(40)), organisation: "ville", by: w.dpo)
        let (soon, _) = try await requests.create(Self.input(received: Self.daysAgo(26)), organisation: "bourg", by: w.dpo)
        let (answered, _) = try await requests.create(Self.input(received: Self.daysAgo(50)), organisation: "ville", by: w.dpo)
        _ = try await requests.answer(answered.id, text: "Fait.", date: Self.daysAgo(45), channel: .email, by: w.dpo)
        #expect(try await requests.list(w.dpo).map(\.id) == [overdue.id, soon.id, recent.id, answered.id])
        #expect(try await requests.list(w.dpo, organisation: "bourg").map(\.id) == [soon.id])
        #expect(try await requests.overdue(w.dpo).map(\.id) == [overdue.id])
        #expect(try await requests.dueSoon(w.dpo).map(\.id) == [soon.id])

        // The agent of "ville" reads the register but not the requests; another organisation does not see them at all.
        #expect(try await requests.list(w.agent).isEmpty)
        #expect(await Self.refusal { _ = try await requests.get(recent.id, w.agent) }?.kind == .forbidden)
        #expect(await Self.refusal { _ = try await requests.get(recent.id, w.outsider) }?.kind == .notFound)
        #expect(await Self.refusal { _ = try await requests.recordEvent(recent.id, kind: "note", summary: "x", by: w.agent) }?.kind == .forbidden)
        #expect(await Self.refusal { _ = try await requests.create(Self.input(), organisation: "ville", by: w.agent) }?.kind == .forbidden)
        #expect(await Self.refusal { _ = try await requests.get(recent.id, .anonymous) }?.kind == .notFound)
        // A request never shows in the activities.
        #expect(try await w.register.activities(w.dpo).isEmpty)
    }

    @Test("recordEvent (the subject search, the package, the erasure) goes to the history and the audit log", arguments: Backend.all)
    func eventsAndAudit(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let requests = w.platform.requests
        let (e, _) = try await requests.submit(Self.input(), organisation: "ville", client: "c")
        let after = try await requests.recordEvent(e.id, kind: "search", summary: "Recherche : 4 correspondances dans 2 jeux", by: w.dpo)
        #expect(after.body.events.last?.kind == "search")
        #expect(after.body.events.last?.text(.french) == "Recherche : 4 correspondances dans 2 jeux")
        #expect(after.body.events.last?.actor == "Claire Délégué")
        #expect(await Self.refusal { _ = try await requests.recordEvent(e.id, kind: "Rm -rf", summary: "x", by: w.dpo) }?.code == "request.bad_event_kind")
        #expect(await Self.refusal { _ = try await requests.recordEvent(e.id, kind: "note", summary: "<b>x</b>", by: w.dpo) }?.code == "request.markup")
        _ = try await requests.transition(e.id, to: .awaitingService, by: w.dpo)
        _ = try await requests.extend(e.id, notified: RequestCalendar.today(), reason: "Plusieurs services", by: w.dpo)
        _ = try await requests.answer(e.id, text: "Réponse", date: RequestCalendar.today(), channel: .email, by: w.dpo)

        let entries = try await w.platform.directory.auditEntries(by: w.dpo, actor: nil, action: nil, objectType: "register.request")
        #expect(entries.map(\.action) == ["request.submit", "request.event", "request.transition", "request.extend", "request.answer"])
        #expect(entries.allSatisfy { $0.objectId == String(e.id) })
        #expect(entries.first?.actor == "anonymous")
        #expect(entries.dropFirst().allSatisfy { $0.actor == "user:\(w.dpoUser.id)" })
        #expect(!entries.contains { $0.details.contains("jean.martin") }, "the audit log does not copy the requester's identity")
        #expect(try await w.platform.directory.auditChainIntact(by: w.dpo))
    }

    @Test("the demo: a new access request from a CCAS beneficiary (an e-mail the CCAS holds), one in the identity check, one answered",
          arguments: Backend.all)
    func demo(_ backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        _ = try await DemoTerritory(store: t.store).create()
        let dpoUser = try #require(try await t.store.user(email: "dpo@saint-aubin.demo"))
        let secrets = FileManager.default.temporaryDirectory.appendingPathComponent("socle-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: secrets) }
        let requests = Platform(store: t.store, secretsDirectory: secrets).requests
        let list = try await requests.list(.user(dpoUser))
        #expect(list.count == 3)
        let access = try #require(list.first { $0.body.right == .access })
        #expect(access.body.state == .toHandle && access.organisation.slug == "ccas-saint-aubin")
        let email = try #require(access.body.identifiers.email)
        let dataset = try #require(try await t.store.dataset(slug: "beneficiaires-aides"))
        let current = try #require(dataset.currentRevision)
        let revision = try #require(try await t.store.revision(datasetId: dataset.id, number: current))
        let rows = try await t.store.readRows(revision, limit: 1_000, offset: 0)
        let column = try #require(revision.columns.firstIndex { $0.name == "courriel" })
        #expect(rows.rows.contains { "\($0[column])".contains(email) }, "the demo's citizen is in the CCAS's data: \(email)")
        #expect(list.contains { $0.body.state == .awaitingIdentity && $0.body.identifiers.isEmpty })
        #expect(list.contains { $0.body.state == .answered && $0.body.answer != nil })
        // The agent of the commune sees none of them.
        let agent = try #require(try await t.store.user(email: "agent@saint-aubin.demo"))
        #expect(try await requests.list(.user(agent)).isEmpty)
    }
}
