import Foundation
import SocleActions
import SocleCore
import SocleStore
import SocleTestSupport
import Testing

/// The breach register (issue 12, item 4) through `platform.register.breaches`: the 72-hour clock's maths,
/// instants as the register reads them, drafts and closing, impossible dates, links, who reads and who
/// records, the audit of every change — on both backends.
@Suite("Breach actions")
struct BreachActionsTests {
    typealias World = RegisterActionsTests.World
    static let hour: TimeInterval = 3600
    /// A fixed "now" for the clock: 2026-12-07 12:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_796_644_800)

    static func refusal(_ body: () async throws -> Void, sourceLocation: Testing.SourceLocation = #_sourceLocation) async -> SocleError? {
        await RegisterActionsTests.refusal(body, sourceLocation: sourceLocation)
    }

    /// A breach with every field the register asks for, aware `hoursAgo` hours before `now`.
    static func complete(_ title: String, hoursAgo: Double = 20) -> DataBreach {
        let aware = now.addingTimeInterval(-hoursAgo * hour)
        return DataBreach(title: title, occurredAt: aware.addingTimeInterval(-2 * hour), awareAt: aware, natures: [.confidentiality],
                          origin: .internalAccidental, cause: .misdirectedMail, description: "Courriel au mauvais destinataire.",
                          categories: [.identity, .nir], people: [.residents], peopleCount: 120, recordsCount: 120,
                          consequences: "Divulgation du NIR.", risk: .risk, measures: "Demande de suppression au destinataire.",
                          peopleNotInformedReason: "Risque non élevé.")
    }

    // MARK: the clock, without a store

    @Test("the clock: time left, overdue, notified in time or late, not required, unknown; in words, French first")
    func clock() {
        ActionStrings.register()
        var b = Self.complete("A")
        b.awareAt = Self.now.addingTimeInterval(-(30 * Self.hour + 48 * 60))  // 30 h 48 min ago: 41 h 12 min left
        var c = BreachClock(b, now: Self.now)
        #expect(c.state == .running)
        #expect(c.deadline == b.awareAt!.addingTimeInterval(72 * Self.hour))
        #expect(c.hoursLeft == 41.2)
        #expect(!c.overdue)
        #expect(c.text(.french) == "41 h 12 min restantes pour notifier la CNIL", "\(c.text(.french))")
        #expect(c.text(.english) == "41 h 12 min left to notify the CNIL")

        b.awareAt = Self.now.addingTimeInterval(-77 * Self.hour)  // five hours late
        c = BreachClock(b, now: Self.now)
        #expect(c.state == .overdue && c.overdue)
        #expect(c.hoursLeft == -5)
        #expect(c.text(.french).hasPrefix("En retard de 5 h"), "\(c.text(.french))")

        // Exactly at the deadline: still in time.
        b.awareAt = Self.now.addingTimeInterval(-72 * Self.hour)
        #expect(BreachClock(b, now: Self.now).state == .running)

        // Notified: the clock stops, in time or late, whatever "now" is.
        let aware = Self.now.addingTimeInterval(-200 * Self.hour)
        b.awareAt = aware
        b.notification = BreachNotification(at: aware.addingTimeInterval(71 * Self.hour), reference: "R")
        c = BreachClock(b, now: Self.now)
        #expect(c.state == .notifiedInTime && !c.overdue)
        #expect(c.text(.french) == "Notifiée à la CNIL dans les 72 heures")
        b.notification = BreachNotification(at: aware.addingTimeInterval(75 * Self.hour + 30 * 60))
        c = BreachClock(b, now: Self.now)
        #expect(c.state == .notifiedLate && !c.overdue)
        #expect(c.text(.french) == "Notifiée à la CNIL avec 3 h 30 min de retard", "\(c.text(.french))")

        // Not notified with a reason: no clock; without awareness: no clock either.
        b.notification = nil
        b.notNotifiedReason = "Données chiffrées."
        #expect(BreachClock(b, now: Self.now).state == .notRequired)
        b.awareAt = nil
        c = BreachClock(b, now: Self.now)
        #expect(c.state == .unknown && c.deadline == nil && c.hoursLeft == nil)

        #expect(BreachClock.duration(59, .french) == "0 min")
        #expect(BreachClock.duration(3 * 3600 + 5 * 60, .french) == "3 h 05 min")
        #expect(BreachClock.duration(5 * 3600, .french) == "5 h")
        #expect(BreachClock.duration(100 * 3600, .french) == "4 j 4 h")
        #expect(BreachClock.duration(100 * 3600, .english) == "4 d 4 h")
    }

    @Test("instants: ISO 8601 with an offset, Paris time without one, a day; impossible days and words refused")
    func instants() throws {
        let utc = try #require(BreachTime.parse("2026-12-07T13:30:00Z"))
        #expect(BreachTime.text(utc) == "2026-12-07T13:30:00Z")
        // Paris is UTC+1 in December, UTC+2 in July.
        #expect(BreachTime.parse("2026-12-07T14:30") == utc)
        #expect(BreachTime.parse("2026-12-07 14:30") == utc)
        #expect(BreachTime.parse("2026-12-07T14:30:00+01:00") == utc)
        #expect(BreachTime.parse("2026-12-07T13:30:00.250Z") != nil)
        #expect(BreachTime.parse("2026-07-01T12:00").map(BreachTime.text) == "2026-07-01T10:00:00Z")
        #expect(BreachTime.parse("2026-12-07").map(BreachTime.text) == "2026-12-06T23:00:00Z")
        for bad in ["2026-02-30T10:00", "2026-13-01", "hier", "07/12/2026 14:30", "2026-12-07T25:00", "2026-12-07T14:30+1", ""] {
            #expect(BreachTime.parse(bad) == nil, "\(bad)")
        }
    }

    @Test("JSON: a text that is not a date is refused naming the field; unknown list values name the allowed ones")
    func decoding() throws {
        ActionStrings.register()
        func refusal(_ json: String) -> SocleError? {
            do { _ = try JSONInput.decode(DataBreach.self, from: Data(json.utf8), source: "t.json"); return nil } catch { return error as? SocleError }
        }
        let notADate = refusal(#"{"title": "X", "aware_at": "mardi dernier"}"#)
        #expect(notADate?.code == "breach.bad_datetime")
        #expect(notADate?.message(.french).contains("awareAt") == true && notADate?.message(.french).contains("mardi dernier") == true,
                "\(String(describing: notADate?.message(.french)))")
        #expect(refusal(#"{"title": "X", "occurred_at": 12}"#)?.code == "breach.bad_datetime")
        let nature = refusal(#"{"title": "X", "natures": ["secret"]}"#)
        #expect(nature?.code == "register.bad_value" && nature?.message(.french).contains("confidentiality") == true)
        let ok = try JSONInput.decode(DataBreach.self, from: Data(#"{"title": "X", "aware_at": "2026-12-07T14:30", "people_count": 3}"#.utf8), source: "t")
        #expect(ok.awareAt == BreachTime.parse("2026-12-07T13:30:00Z") && ok.peopleCount == 3 && ok.status == .open)
        // The stored form reads back the same.
        let again = try JSONDecoder().decode(DataBreach.self, from: JSONEncoder().encode(Self.complete("Y")))
        #expect(again == Self.complete("Y"))
    }

    // MARK: the register, on both backends

    @Test("a draft needs only a title and is listed as incomplete; closing is refused while fields are missing", arguments: Backend.all)
    func drafts(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let b = w.register.breaches
        let draft = try await b.create(DataBreach(title: "Clé USB perdue"), organisation: "ville", by: w.dpo, now: Self.now)
        #expect(draft.body.status == .open)
        #expect(draft.body.missing.contains("awareAt") && draft.body.missing.contains("notification") && !draft.body.missing.contains("title"))
        #expect(BreachDocument(draft, now: Self.now).clock == .unknown)
        let noTitle = await Self.refusal { _ = try await b.create(DataBreach(title: "  "), organisation: "ville", by: w.dpo, now: Self.now) }
        #expect(noTitle?.code == "server.field_required")
        var closing = DataBreach(title: "Clé USB perdue", status: .closed)
        let incomplete = await Self.refusal { _ = try await b.update(draft.id, closing, by: w.dpo, now: Self.now) }
        #expect(incomplete?.code == "breach.incomplete")
        let text = incomplete?.message(.french) ?? ""
        #expect(text.contains("date de prise de connaissance") && text.contains("notification à la CNIL"), "\(text)")
        closing = Self.complete("Clé USB perdue")
        closing.status = .closed
        closing.notNotifiedReason = "Clé chiffrée."
        let closed = try await b.update(draft.id, closing, by: w.dpo, now: Self.now)
        #expect(closed.body.status == .closed && closed.body.missing.isEmpty)

        // Open before closed, the most urgent first.
        let later = try await b.create(Self.complete("Connue il y a 2 h", hoursAgo: 2), organisation: "ville", by: w.dpo, now: Self.now)
        let urgent = try await b.create(Self.complete("Connue il y a 70 h", hoursAgo: 70), organisation: "ville", by: w.dpo, now: Self.now)
        let list = try await b.list(w.dpo, now: Self.now).map(\.id)
        #expect(list == [urgent.id, later.id, draft.id], "\(list)")
    }

    @Test("impossible dates are refused with a message: awareness before occurrence or in the future, notification before awareness",
          arguments: Backend.all)
    func impossibleDates(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let b = w.register.breaches
        func refused(_ breach: DataBreach) async -> SocleError? {
            await Self.refusal { _ = try await b.create(breach, organisation: "ville", by: w.dpo, now: Self.now) }
        }
        var x = Self.complete("X")
        x.occurredAt = x.awareAt!.addingTimeInterval(Self.hour)
        let before = await refused(x)
        #expect(before?.code == "breach.aware_before_occurred")
        #expect(before?.message(.french).contains("précède la date de survenance") == true, "\(String(describing: before?.message(.french)))")

        x = Self.complete("X")
        x.awareAt = Self.now.addingTimeInterval(2 * Self.hour)
        x.occurredAt = nil
        let future = await refused(x)
        #expect(future?.code == "breach.in_future" && future?.args["field"] == "awareAt")
        #expect(future?.message(.french).contains("La date de prise de connaissance") == true, "\(String(describing: future?.message(.french)))")

        x = Self.complete("X")
        x.notification = BreachNotification(at: x.awareAt!.addingTimeInterval(-Self.hour))
        let early = await refused(x)
        #expect(early?.code == "breach.before_awareness" && early?.args["field"] == "notificationAt")
        #expect(early?.message(.french).contains("date de notification à la CNIL") == true)

        x = Self.complete("X")
        x.complementary = [BreachNotification(at: Self.now)]
        #expect(await refused(x)?.code == "breach.complementary_without_initial")

        x = Self.complete("X")
        x.peopleInformedAt = x.awareAt!.addingTimeInterval(-60)
        x.peopleInformedMeans = "Courrier"
        #expect(await refused(x)?.code == "breach.before_awareness")

        var noAwareness = DataBreach(title: "Y")
        noAwareness.notification = BreachNotification(at: Self.now)
        #expect(await refused(noAwareness)?.code == "breach.needs_awareness")
        #expect(try await b.list(w.dpo).isEmpty, "nothing saved")
    }

    @Test("notification steps and the people's information are recorded, checked and audited; the clock follows", arguments: Backend.all)
    func steps(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let b = w.register.breaches
        var body = Self.complete("Rançongiciel", hoursAgo: 77)
        body.peopleNotInformedReason = nil
        let e = try await b.create(body, organisation: "ville", by: w.dpo, now: Self.now)
        #expect(BreachDocument(e, now: Self.now).overdue)
        #expect(BreachDocument(e, now: Self.now).hoursLeft == -5)

        let aware = e.body.awareAt!
        let early = await Self.refusal { _ = try await b.notify(e.id, BreachNotification(at: aware.addingTimeInterval(-60)), by: w.dpo, now: Self.now) }
        #expect(early?.code == "breach.before_awareness")
        let notified = try await b.notify(e.id, BreachNotification(at: Self.now.addingTimeInterval(-Self.hour), reference: "CNIL-42"),
                                          by: w.dpo, now: Self.now)
        let doc = BreachDocument(notified, now: Self.now, language: .french)
        #expect(doc.clock == .notifiedLate && !doc.overdue)
        #expect(doc.clockText == "Notifiée à la CNIL avec 4 h de retard", "\(doc.clockText)")
        let twice = await Self.refusal { _ = try await b.notify(e.id, BreachNotification(at: Self.now), by: w.dpo, now: Self.now) }
        #expect(twice?.code == "breach.already_notified")
        let before = await Self.refusal {
            _ = try await b.notify(e.id, BreachNotification(at: Self.now.addingTimeInterval(-2 * Self.hour)), complementary: true, by: w.dpo, now: Self.now)
        }
        #expect(before?.code == "breach.complementary_before_initial")
        let complemented = try await b.notify(e.id, BreachNotification(at: Self.now, note: "Périmètre confirmé"), complementary: true,
                                              by: w.dpo, now: Self.now)
        #expect(complemented.body.complementary.count == 1)
        let noMeans = await Self.refusal { _ = try await b.inform(e.id, at: Self.now, means: nil, by: w.dpo, now: Self.now) }
        #expect(noMeans?.code == "server.field_required")
        let informed = try await b.inform(e.id, at: Self.now, means: "Courrier individuel", by: w.dpo, now: Self.now)
        #expect(informed.body.missing.isEmpty, "\(informed.body.missing)")
        // A PUT that does not mention the steps keeps them.
        let put = #"{"title": "Rançongiciel (mairie)", "status": "open", "aware_at": "\#(BreachTime.text(aware))"}"#
        let kept = try await b.update(e.id, json: Data(put.utf8), source: "t", by: w.dpo, now: Self.now)
        #expect(kept.body.title == "Rançongiciel (mairie)" && kept.body.natures.isEmpty, "a PUT replaces the fields")
        #expect(kept.body.notification?.reference == "CNIL-42" && kept.body.complementary.count == 1 && kept.body.peopleInformedMeans == "Courrier individuel")

        // Another breach: not notified, with the reason.
        let other = try await b.create(Self.complete("Erreur d'affichage", hoursAgo: 3), organisation: "ville", by: w.dpo, now: Self.now)
        let skipped = try await b.notNotified(other.id, reason: "Aucune donnée lisible.", by: w.dpo, now: Self.now)
        #expect(BreachClock(skipped.body, now: Self.now).state == .notRequired)

        let actions = try await w.platform.directory.auditEntries(by: w.dpo, actor: nil, action: nil, objectType: "register.breach").map(\.action)
        #expect(actions.filter { $0 == "register.breach.create" }.count == 2, "\(actions)")
        #expect(actions.filter { $0 == "register.breach.notify" }.count == 3, "\(actions)")
        #expect(actions.filter { $0 == "register.breach.inform" }.count == 1, "\(actions)")
        #expect(actions.filter { $0 == "register.breach.update" }.count == 1, "\(actions)")
        let entry = try #require(try await w.platform.directory.auditEntries(by: w.dpo, actor: nil, action: "register.breach.inform", objectType: nil).first)
        #expect(entry.objectId == String(e.id) && entry.actor == "user:\(w.dpoUser.id)")
        #expect(try await w.platform.directory.auditChainIntact(by: w.dpo))
    }

    @Test("links: activities, processors and datasets of the same organisation only; unknown ones refused with a located message",
          arguments: Backend.all)
    func links(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let b = w.register.breaches
        let a = try await w.register.createActivity(RegisterActionsTests.complete("Cantine"), organisation: "ville", by: w.dpo)
        let elsewhere = try await w.register.createActivity(RegisterActionsTests.complete("Ailleurs"), organisation: "bourg", by: w.dpo)
        let p = try await w.register.createProcessor(Processor(name: "Hébergeur"), organisation: "ville", by: w.dpo)
        try await w.load("eleves", csv: "nom;classe\nMartin;CP\n", in: w.ville)
        try await w.load("voisins", csv: "nom\nDupont\n", in: w.bourg)

        var x = Self.complete("Fuite")
        x.activities = [a.id, a.id]
        x.processors = [p.id]
        x.datasets = ["eleves"]
        let e = try await b.create(x, organisation: "ville", by: w.dpo, now: Self.now)
        #expect(e.body.activities == [a.id] && e.body.processors == [p.id] && e.body.datasets == ["eleves"])

        x.activities = [elsewhere.id]
        let other = await Self.refusal { _ = try await b.create(x, organisation: "ville", by: w.dpo, now: Self.now) }
        #expect(other?.code == "register.unknown_activity" && other?.message(.french).contains("Ville de Test") == true)
        x.activities = []
        x.processors = [a.id]
        #expect(await Self.refusal { _ = try await b.create(x, organisation: "ville", by: w.dpo, now: Self.now) }?.code == "register.unknown_processor")
        x.processors = []
        x.datasets = ["voisins"]
        let foreign = await Self.refusal { _ = try await b.create(x, organisation: "ville", by: w.dpo, now: Self.now) }
        #expect(foreign?.code == "breach.unknown_dataset")
        let message = foreign?.message(.french) ?? ""
        #expect(message.contains("voisins") && message.contains("eleves"), "the message lists the organisation's datasets: \(message)")

        // The dataset's page: members of its organisation see the breach; others see nothing.
        let eleves = try #require(try await w.t.store.dataset(slug: "eleves"))
        #expect(try await b.touching(eleves, w.agent).map(\.id) == [e.id])
        #expect(try await b.touching(eleves, w.dpo).map(\.id) == [e.id])
        #expect(try await b.touching(eleves, w.outsider).isEmpty)
        #expect(try await b.touching(eleves, .anonymous).isEmpty)
    }

    @Test("an agent reads breaches but cannot record them; another organisation's member gets not-found", arguments: Backend.all)
    func whoReadsAndWrites(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let b = w.register.breaches
        let e = try await b.create(Self.complete("Fuite"), organisation: "ville", by: w.dpo, now: Self.now)
        #expect(try await b.list(w.agent).map(\.id) == [e.id])
        #expect(try await b.breach(e.id, w.agent).body.title == "Fuite")
        for attempt in [
            { _ = try await b.create(DataBreach(title: "X"), organisation: "ville", by: w.agent) },
            { _ = try await b.update(e.id, DataBreach(title: "Y"), by: w.agent) },
            { _ = try await b.notify(e.id, BreachNotification(at: Date()), by: w.agent) },
            { _ = try await b.inform(e.id, at: nil, means: nil, notInformedReason: "Non", by: w.agent) },
        ] as [() async throws -> Void] {
            let refusal = await Self.refusal(attempt)
            #expect(refusal?.kind == .forbidden, "\(String(describing: refusal))")
        }
        let hidden = await Self.refusal { _ = try await b.breach(e.id, w.outsider) }
        #expect(hidden?.kind == .notFound)
        #expect(try await b.list(w.outsider).isEmpty)
        // A breach id is not an activity id.
        #expect(await Self.refusal { _ = try await w.register.activity(e.id, w.dpo) }?.kind == .notFound)
    }
}
