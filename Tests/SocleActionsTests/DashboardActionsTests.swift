import Foundation
import SocleActions
import SocleCore
import SocleStore
import SocleTestSupport
import Testing

/// The DPO's dashboard and the notifications (issue 12, item 6) through `platform.dashboard` and
/// `platform.notifications`, on both backends: each section fed by a real situation (a draft, a required DPIA,
/// requests due soon and overdue, breaches inside and past their 72 hours, unreviewed and unlinked personal
/// columns, a retention run), who sees what, and one notification per event and person.
@Suite("Dashboard and notifications")
struct DashboardActionsTests {
    typealias World = RegisterActionsTests.World
    static let hour: TimeInterval = 3600
    /// 2026-12-07 12:00 UTC.
    static let now = BreachActionsTests.now

    struct Situation {
        var draft: ActivityEntry
        var dpia: ActivityEntry
        var soon: RequestEntry
        var late: RequestEntry
        var running: BreachEntry
        var closing: BreachEntry
        var overdue: BreachEntry
        var notified: BreachEntry
    }

    /// Everything a DPO of "ville" and "bourg" must act on, and a few things they need not.
    static func situation(_ w: World) async throws -> Situation {
        let privacy = w.platform.privacy
        // "inscriptions" (ville): e-mails nobody reviewed. "contacts" (bourg): reviewed, personal, linked to no activity.
        _ = try await w.load("inscriptions", csv: "activite;courriel;age\nJudo;a.martin@exemple.fr;12\nTennis;b.durand@exemple.fr;34\nNatation;c.petit@exemple.fr;9\n",
                             in: w.ville)
        let contacts = try await w.load("contacts", csv: "ville;mel\nVire;a@bourg.fr\nCaen;b@bourg.fr\nBayeux;c@bourg.fr\n", in: w.bourg)
        _ = try await privacy.classify(contacts, column: "ville", as: .public, category: nil, by: w.dpo)
        _ = try await privacy.classify(contacts, column: "mel", as: .personal, category: .email, by: w.dpo)

        let draft = try await w.register.createActivity(ProcessingActivity(name: "Vidéoprotection", purpose: ""), organisation: "ville", by: w.dpo)
        var social = RegisterActionsTests.complete("Aide sociale facultative")
        social.dpia = DPIAScreening(requiredCases: [.socialSupport])
        // A retention rule with no date column: the run cannot apply it.
        social.retention = [RetentionRule(category: nil, duration: "P2Y", startEvent: "Fin de l'aide")]
        let dpia = try await w.register.createActivity(social, organisation: "bourg", by: w.dpo)

        let requests = w.platform.requests
        let (soon, _) = try await requests.create(RequestInput(right: .access, requester: "Jeanne Martin", contact: "jeanne@exemple.fr",
                                                               received: "2026-11-10", channel: .email),
                                                  organisation: "ville", by: w.dpo, now: now)
        let (late, _) = try await requests.create(RequestInput(right: .erasure, requester: "Marc Petit", contact: "marc@exemple.fr",
                                                               received: "2026-10-01", channel: .email),
                                                  organisation: "bourg", by: w.dpo, now: now)

        let breaches = w.register.breaches
        let running = try await breaches.create(BreachActionsTests.complete("Courriel mal adressé", hoursAgo: 20), organisation: "ville", by: w.dpo, now: now)
        let closing = try await breaches.create(BreachActionsTests.complete("Clé USB perdue", hoursAgo: 65), organisation: "ville", by: w.dpo, now: now)
        let overdue = try await breaches.create(BreachActionsTests.complete("Dossier volé", hoursAgo: 80), organisation: "bourg", by: w.dpo, now: now)
        var done = BreachActionsTests.complete("Notifiée", hoursAgo: 30)
        done.notification = BreachNotification(at: now.addingTimeInterval(-hour), reference: "CNIL-1")
        let notified = try await breaches.create(done, organisation: "ville", by: w.dpo, now: now)
        _ = try await w.platform.retention.run(w.dpo, dryRun: false, trigger: "cli", now: now)
        return Situation(draft: draft, dpia: dpia, soon: soon, late: late, running: running, closing: closing, overdue: overdue, notified: notified)
    }

    @Test("each section is fed by its situation, with the page where the DPO acts; agents are refused, others see only their own",
          arguments: Backend.all)
    func sections(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let s = try await Self.situation(w)
        let b = try await w.platform.dashboard.dashboard(w.dpo, now: Self.now)
        #expect(b.organisations.map(\.slug).sorted() == ["bourg", "ville"], "agent in autre: not a register the DPO keeps")

        let draft = try #require(b.incompleteActivities.first { $0.id == s.draft.id })
        #expect(draft.draft && draft.missing.contains("controller") && draft.href == "/register/activities/\(s.draft.id)")
        #expect(!b.incompleteActivities.contains { $0.id == s.dpia.id }, "a complete activity is not listed")

        #expect(b.missingDpias.map(\.id) == [s.dpia.id])
        #expect(b.missingDpias.first?.status == "notStarted")

        #expect(b.requests.map(\.id) == [s.late.id, s.soon.id], "by legal due date")
        let late = try #require(b.requests.first)
        #expect(late.overdue && !late.dueSoon && late.due == "2026-11-01" && late.organisation == "bourg")
        let soon = try #require(b.requests.last)
        #expect(soon.dueSoon && !soon.overdue && soon.daysLeft == 3 && soon.href == "/register/requests/\(s.soon.id)")

        #expect(Set(b.breaches.map(\.id)) == [s.running.id, s.closing.id, s.overdue.id], "the notified breach's clock stopped")
        let overdue = try #require(b.breaches.first { $0.id == s.overdue.id })
        #expect(overdue.overdue && overdue.hoursLeft == -8 && overdue.href == "/register/breaches/\(s.overdue.id)")
        #expect(b.breaches.first { $0.id == s.closing.id }?.hoursLeft == 7)

        let unreviewed = try #require(b.unreviewedDatasets.first { $0.slug == "inscriptions" })
        #expect(unreviewed.columns.contains("courriel") && unreviewed.href == "/datasets/inscriptions/privacy")
        #expect(!b.unreviewedDatasets.contains { $0.slug == "contacts" }, "every column of contacts was reviewed")
        let unlinked = try #require(b.unlinkedDatasets.first { $0.slug == "contacts" })
        #expect(unlinked.columns == ["mel"], "the reviewed public column is not personal")

        #expect(b.retentionRuns.count == 1)
        #expect(b.retentionRuns.first?.organisation == "bourg" && b.retentionRuns.first?.dryRun == false)

        // Acting empties the sections: the DPIA done, the column linked.
        var social = s.dpia.body
        social.dpia?.status = .done
        _ = try await w.register.updateActivity(s.dpia.id, social, by: w.dpo)
        _ = try await w.register.setLinks(s.dpia.id, add: [("contacts", "mel")], by: w.dpo)
        let after = try await w.platform.dashboard.dashboard(w.dpo, now: Self.now)
        #expect(after.missingDpias.isEmpty)
        #expect(!after.unlinkedDatasets.contains { $0.slug == "contacts" })

        let refused = await RegisterActionsTests.refusal { _ = try await w.platform.dashboard.dashboard(w.agent, now: Self.now) }
        #expect(refused?.kind == .forbidden)
        let other = try await w.platform.dashboard.dashboard(w.outsider, now: Self.now)
        #expect(other.organisations.map(\.slug) == ["autre"])
        #expect(other.requests.isEmpty && other.breaches.isEmpty && other.incompleteActivities.isEmpty && other.unlinkedDatasets.isEmpty)
    }

    @Test("a sweep notifies each event once per person who keeps the register; read one, read all; nobody else's",
          arguments: Backend.all)
    func notifications(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let s = try await Self.situation(w)
        let n = w.platform.notifications
        let stored = try await n.sweep(now: Self.now)
        let list = try await n.list(w.dpo, language: .french)
        #expect(list.count == stored)
        let kinds = list.map(\.kind)
        #expect(kinds.filter { $0 == "request_new" }.count == 2)
        #expect(kinds.filter { $0 == "request_due_soon" }.count == 1 && kinds.filter { $0 == "request_overdue" }.count == 1)
        #expect(kinds.filter { $0 == "breach_new" }.count == 4, "every open breach, the notified one too")
        #expect(kinds.filter { $0 == "breach_deadline" }.count == 1 && kinds.filter { $0 == "breach_overdue" }.count == 1)
        #expect(kinds.contains("column_review"))
        let new = try #require(list.first { $0.kind == "request_new" && $0.href == "/register/requests/\(s.soon.id)" })
        #expect(new.text == "Nouvelle demande d'exercice de droits n° \(s.soon.id) (Accès) pour Ville de Test, à traiter avant le 2026-12-10.",
                "\(new.text)")
        #expect(!new.read)
        let english = try await n.list(w.dpo, language: .english)
        #expect(english.contains { $0.text.hasPrefix("New data-subject request no. \(s.soon.id)") })

        #expect(try await n.sweep(now: Self.now) == 0, "one notification per event and person")
        #expect(try await n.sweep(now: Self.now.addingTimeInterval(60)) == 0)
        #expect(try await n.list(w.agent, language: .french).isEmpty, "an agent keeps no register")
        #expect(try await n.list(w.outsider, language: .french).isEmpty, "another organisation's events")

        #expect(n.unreadCount(w.dpo) == list.count)
        #expect(try await n.markRead(w.outsider, id: new.id) == 0, "someone else's notification is left alone")
        #expect(try await n.markRead(w.dpo, id: new.id) == 1)
        #expect(n.unreadCount(w.dpo) == list.count - 1)
        #expect(try await n.list(w.dpo, language: .french).first { $0.id == new.id }?.read == true)
        #expect(try await n.markRead(w.dpo, id: nil) == list.count - 1)
        #expect(n.unreadCount(w.dpo) == 0)
        let anonymous = await RegisterActionsTests.refusal { _ = try await n.list(.anonymous, language: .french) }
        #expect(anonymous?.kind == .unauthorized)

        // A later event: one more notification, for the DPO only.
        _ = try await w.register.breaches.create(BreachActionsTests.complete("Nouvelle fuite", hoursAgo: 1), organisation: "bourg", by: w.dpo, now: Self.now)
        #expect(try await n.sweep(now: Self.now) == 1)
        #expect(n.unreadCount(w.dpo) == 1)
    }
}
