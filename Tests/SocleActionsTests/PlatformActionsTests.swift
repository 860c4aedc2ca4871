import Foundation
import SocleActions
import SocleCore
import SocleIngest
import SocleStore
import SocleTestSupport
import Testing

/// Use cases end to end on both backends: demo territory, publication rules, uploads through the job
/// runner, inventory, sessions and tokens, audit chain.
@Suite("Platform actions")
struct PlatformActionsTests {
    @Test("the demo territory is created, audited, and its personal dataset cannot be published", arguments: Backend.all)
    func demo(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let demo = DemoTerritory(store: t.store)
        #expect(try await demo.isEmpty())
        let creds = try await demo.create()
        #expect(creds.count == 4)
        #expect(Set(creds.map(\.email)).count == 4)
        let orgs = try await t.store.organisations()
        #expect(orgs.map(\.slug).sorted() == ["cc-bocage", "ccas-saint-aubin", "saint-aubin"])
        let published = try #require(try await t.store.dataset(slug: "equipements-publics"))
        #expect(try await t.store.metadata(datasetId: published.id).status == .published)
        let shapes = try #require(try await t.store.dataset(slug: "quartiers"))
        let rev = try #require(try await t.store.revision(datasetId: shapes.id, number: 1))
        #expect(rev.columns.contains { $0.type == .geometry })
        let personal = try #require(try await t.store.dataset(slug: "beneficiaires-aides"))
        let blockers = try await CatalogActions(store: t.store).publicationBlockers(personal)
        #expect(blockers.contains { $0.code == "publish.blocked.personal" })
        await #expect(throws: PublicationRefusal.self) {
            try await CatalogActions(store: t.store).publish(personal, by: .system("test"))
        }
        let declared = try #require(try await t.store.dataset(slug: "etat-civil"))
        #expect(declared.currentRevision == nil)
        #expect(try await t.store.metadata(datasetId: declared.id).status == .declared)
        // A shared DPO: one person, a role in all three organisations.
        let dpo = try #require(try await t.store.user(email: "dpo@saint-aubin.demo"))
        #expect(dpo.memberships.count == 3 && dpo.memberships.allSatisfy { $0.role == .dpo })
        // Passwords work and are stored hashed.
        let admin = try #require(creds.first { $0.email.hasPrefix("admin") })
        let user = try await AccountActions(store: t.store).login(email: admin.email, password: admin.password, client: "test")
        #expect(try await t.store.passwordHash(userId: user.id) != admin.password)
        let (entries, broken) = try await AuditRecorder(store: t.store).verify()
        #expect(broken == nil)
        #expect(entries > 20)
    }

    @Test("inventory coverage per organisation and service, with what is missing", arguments: Backend.all)
    func inventory(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        _ = try await DemoTerritory(store: t.store).create()
        let rows = try await InventoryActions(store: t.store).dashboard(for: .system("test"))
        let commune = try #require(rows.first { $0.organisation == "saint-aubin" && $0.service == nil })
        // Six of the catalog's, and the retention demo's canteen enrolments and agents who left (`DemoRetention`).
        #expect(commune.known == 8)
        #expect(commune.loaded == 5)
        #expect(commune.published == 2)
        #expect(commune.missing.contains { $0.dataset == "cimetiere" && $0.lacks.contains("classification") })
        let agent = try #require(try await t.store.user(email: "agent@saint-aubin.demo"))
        let visible = try await InventoryActions(store: t.store).dashboard(for: .user(agent))
        #expect(Set(visible.map(\.organisation)) == ["saint-aubin"])
        #expect(try await InventoryActions(store: t.store).dashboard(for: .anonymous).isEmpty)
    }

    @Test("an upload queued as a job is ingested by the runner; a bad file fails with the reader's message", arguments: Backend.all)
    func uploadJob(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        _ = try await DemoTerritory(store: t.store).create()
        let agent = try #require(try await t.store.user(email: "agent@saint-aubin.demo"))
        let budget = try #require(try await t.store.dataset(slug: "budget-primitif-2026"))
        let file = try Paths.tempFile("budget.csv", Array("exercice;chapitre;montant\n2027;011;1 234,50\n2027;012;99,00\n".utf8))
        let uploads = UploadActions(store: t.store)
        let target = try await uploads.authorize(datasetSlug: budget.slug, by: .user(agent))
        let (job, _) = try await uploads.enqueue(target, stagedFile: file, fileName: "budget.csv", options: UploadOptions(),
                                                 by: .user(agent))
        #expect(job.status == .queued)
        // The upload woke the runner's service.
        var signals = uploads.wake.signals.makeAsyncIterator()
        #expect(await signals.next() != nil)
        let runner = JobRunner(store: t.store)
        #expect(try await runner.runOnce())
        let done = try #require(try await t.store.job(id: job.id))
        #expect(done.status == .succeeded, "\(String(describing: done.error))")
        #expect(done.progress == 1)
        #expect(try await t.store.dataset(slug: "budget-primitif-2026")?.currentRevision == 2)
        #expect(!FileManager.default.fileExists(atPath: file.path), "the staged file is removed")

        let bad = try Paths.tempFile("casse.csv", Array("a;b\n1;\"jamais fermé\n".utf8))
        let (failing, _) = try await uploads.enqueue(target, stagedFile: bad, fileName: "casse.csv", options: UploadOptions(),
                                                     by: .user(agent))
        #expect(try await runner.runOnce())
        let failed = try #require(try await t.store.job(id: failing.id))
        #expect(failed.status == .failed)
        #expect(failed.error?.location?.file == "casse.csv")
        #expect(failed.error?.location?.line == 2)
        #expect(try await t.store.dataset(slug: "budget-primitif-2026")?.currentRevision == 2)
        #expect(try await runner.runOnce() == false)

        // Another organisation's agent may not upload here.
        let other = try await t.store.createUser(email: "x@cc-bocage.demo", name: "X", passwordHash: Secrets.hashPassword("x", cost: 4))
        let epci = try #require(try await t.store.organisation(slug: "cc-bocage"))
        try await t.store.setMembership(userId: other.id, organisationId: epci.id, role: .admin)
        let outsider = try #require(try await t.store.user(id: other.id))
        let f3 = try Paths.tempFile("b.csv", Array("a\n1\n".utf8))
        await #expect(throws: SocleError.self) {
            _ = try await uploads.authorize(datasetSlug: budget.slug, by: .user(outsider))
        }
        await #expect(throws: SocleError.self) {
            _ = try await uploads.authorize(newSourceTitle: "Relevés", organisationSlug: "saint-aubin", by: .user(outsider))
        }
        // Options are read by name; an unknown choice is refused with the list.
        #expect(try UploadOptions { ["encoding": "latin1", "on_ragged": "pad", "sheet": ""][$0] }
                == UploadOptions(encoding: "latin1", onRagged: .pad))
        #expect(throws: SocleError.self) { try UploadOptions { $0 == "on_ragged" ? "ignorer" : nil } }
    }

    @Test("jobs cut by a crash are failed at the next start", arguments: Backend.all)
    func interruptedJobs(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        _ = try await t.store.createJob(kind: JobRunner.ingestKind, datasetSlug: "x", payload: "{}", createdBy: nil)
        _ = try await t.store.claimNextJob(at: Date())
        #expect(try await JobRunner(store: t.store).recoverInterrupted() == 1)
        let job = try #require(try await t.store.jobs(status: nil, limit: 10).first)
        #expect(job.status == .failed)
        #expect(job.error?.code == "job.interrupted")
    }

    @Test("sessions, throttled logins and tokens", arguments: Backend.all)
    func sessionsAndTokens(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let accounts = AccountActions(store: t.store, throttle: LoginThrottle(limit: 3, window: 60))
        let org = try await accounts.createOrganisation(slug: "vire", name: "Vire", profile: OrganisationProfile(), by: .system("t"))
        let user = try await accounts.createUser(email: "Agent@Vire.fr", name: "A", password: "correct horse battery",
                                                 organisation: org, role: .agent, by: .system("t"))
        #expect(user.email == "agent@vire.fr")
        for _ in 0..<3 {
            await #expect(throws: SocleError.self) { _ = try await accounts.login(email: "agent@vire.fr", password: "faux", client: "1.2.3.4") }
        }
        do {
            _ = try await accounts.login(email: "agent@vire.fr", password: "correct horse battery", client: "1.2.3.4")
            Issue.record("a throttled login succeeded")
        } catch let e as SocleError {
            #expect(e.code == "auth.throttled")
        }
        // The e-mail is throttled whatever the client address.
        await #expect(throws: SocleError.self) {
            _ = try await accounts.login(email: "agent@vire.fr", password: "correct horse battery", client: "5.6.7.8")
        }
        let (cookie, session) = try await accounts.openSession(for: user)
        let resumed = try #require(try await accounts.resumeSession(cookie: cookie))
        #expect(resumed.0.id == user.id && resumed.1.csrfToken == session.csrfToken)
        #expect(try await accounts.resumeSession(cookie: cookie + "x") == nil)
        try await accounts.closeSession(cookie: cookie)
        #expect(try await accounts.resumeSession(cookie: cookie) == nil)

        let (secret, token) = try await accounts.createToken(for: user, organisation: org, canWrite: false, datasets: nil,
                                                             expiresIn: 3600, by: .user(user))
        let (found, owner) = try await accounts.authenticate(bearer: secret)
        #expect(found.id == token.id && owner.id == user.id)
        await #expect(throws: SocleError.self) { _ = try await accounts.authenticate(bearer: secret, now: Date().addingTimeInterval(7200)) }
        try await accounts.revokeToken(id: token.id, by: .user(user))
        do {
            _ = try await accounts.authenticate(bearer: secret)
            Issue.record("a revoked token authenticated")
        } catch let e as SocleError {
            #expect(e.code == "auth.token_revoked")
        }
    }
}
