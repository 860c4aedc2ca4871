import Foundation
import SocleActions
import SocleCore
import SocleIngest
import SocleStore
import SocleTestSupport
import Testing

/// The GDPR register of processing activities (issue 12) through `platform.register`, on both backends:
/// drafts and completeness, who reads and who changes, archive and the public register, duplication by a
/// shared DPO, validation of durations, dates and references, links to classified columns, audit.
@Suite("Register actions")
struct RegisterActionsTests {
    /// Three organisations; a DPO shared by "ville" and "bourg" who is only an agent in "autre"; an agent of
    /// "ville"; the administrator of "autre".
    struct World: Sendable {
        let t: TestStore
        let platform: Platform
        let secrets: URL
        let ville: Organisation
        let bourg: Organisation
        let autre: Organisation
        let dpoUser: User
        let dpo: Principal
        let agent: Principal
        let outsider: Principal

        var register: RegisterActions { platform.register }

        static func make(_ backend: Backend) async throws -> World {
            ActionStrings.register()
            let t = try await TestStore.make(backend)
            let secrets = FileManager.default.temporaryDirectory.appendingPathComponent("socle-register-\(UUID().uuidString)")
            let platform = Platform(store: t.store, secretsDirectory: secrets)
            let system = Principal.system("test")
            let ville = try await platform.accounts.createOrganisation(slug: "ville", name: "Ville de Test", profile: OrganisationProfile(), by: system)
            let bourg = try await platform.accounts.createOrganisation(slug: "bourg", name: "Bourg voisin", profile: OrganisationProfile(), by: system)
            let autre = try await platform.accounts.createOrganisation(slug: "autre", name: "Autre commune", profile: OrganisationProfile(), by: system)
            let hash = Secrets.hashPassword("mot-de-passe", cost: 4)
            func person(_ email: String, _ name: String, _ roles: [(Organisation, Role)]) async throws -> User {
                let u = try await t.store.createUser(email: email, name: name, passwordHash: hash)
                for (o, r) in roles { try await t.store.setMembership(userId: u.id, organisationId: o.id, role: r) }
                return try #require(try await t.store.user(id: u.id))
            }
            let dpo = try await person("dpo@mutualise.test", "Claire Délégué", [(ville, .dpo), (bourg, .dpo), (autre, .agent)])
            let agent = try await person("agent@ville.test", "Paul Agent", [(ville, .agent)])
            let outsider = try await person("admin@autre.test", "Ana Admin", [(autre, .admin)])
            return World(t: t, platform: platform, secrets: secrets, ville: ville, bourg: bourg, autre: autre, dpoUser: dpo,
                         dpo: .user(dpo), agent: .user(agent), outsider: .user(outsider))
        }

        func close() async {
            await t.close()
            try? FileManager.default.removeItem(at: secrets)
        }

        /// Declares `slug` in `org` and loads `file` into it.
        @discardableResult
        func load(_ slug: String, file: URL, in org: Organisation) async throws -> Dataset {
            _ = try await platform.catalog.declare(slug: slug, title: "Jeu \(slug)", organisation: org, metadata: DatasetMetadata(),
                                                   by: .system("test"))
            _ = try await IngestAction(store: t.store).run(IngestRequest(file: file, datasetSlug: slug,
                                                                         options: ReaderOptions(displayName: file.lastPathComponent)))
            return try #require(try await t.store.dataset(slug: slug))
        }

        func load(_ slug: String, csv: String, in org: Organisation) async throws -> Dataset {
            let file = try Paths.tempFile("\(slug).csv", Array(csv.utf8))
            defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
            return try await load(slug, file: file, in: org)
        }
    }

    /// Every field the register requires, filled in.
    static func complete(_ name: String, categories: [DataCategory] = [.identity, .email]) -> ProcessingActivity {
        ProcessingActivity(
            name: name, purpose: "Gérer les inscriptions aux activités sportives municipales.", status: .complete,
            controller: RegisterContact(name: "Le maire", contact: "mairie@ville.test"), isPublic: true,
            legalBases: [.publicTask], collection: [.webForm], people: [.residents, .minors], categories: categories,
            recipients: [Recipient(kind: .internalService, name: "Service des sports")],
            retention: [RetentionRule(category: nil, duration: "P2Y", startEvent: "fin de l'inscription")],
            security: [.accessControl, .backup])
    }

    /// Runs `body` and returns the `SocleError` it threw (recording an issue when it threw none or another error).
    static func refusal(_ body: () async throws -> Void, sourceLocation: Testing.SourceLocation = #_sourceLocation) async -> SocleError? {
        do {
            try await body()
            Issue.record("expected a refusal", sourceLocation: sourceLocation)
        } catch let e as SocleError {
            return e
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    @Test("a draft needs only a name; 'complete' is refused while fields are missing, with their French names; completeness grows",
          arguments: Backend.all)
    func draftsAndCompleteness(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let draft = try await w.register.createActivity(ProcessingActivity(name: "  Inscriptions sportives  ", purpose: ""),
                                                        organisation: "ville", by: w.dpo)
        #expect(draft.body.name == "Inscriptions sportives", "text is trimmed")
        #expect(draft.body.status == .draft)
        #expect(draft.organisation.slug == "ville")
        #expect(draft.archived == false)
        #expect(draft.body.completeness == 10)
        #expect(draft.body.missing == ["purpose", "controller", "legalBases", "collection", "people", "categories", "recipients",
                                       "retention", "security"])

        // Asking for "complete" on an incomplete record: refused, and the message names what is missing.
        var asked = draft.body
        asked.purpose = "Gérer les inscriptions."
        asked.status = .complete
        let e = await Self.refusal { _ = try await w.register.updateActivity(draft.id, asked, by: w.dpo) }
        #expect(e?.code == "register.incomplete")
        #expect(e?.kind == .invalidInput)
        let french = e?.message(.french) ?? ""
        #expect(french.contains("Responsable de traitement"), "\(french)")
        #expect(french.contains("Base légale") && french.contains("Durées de conservation"), "\(french)")
        #expect(!french.contains("Finalité"), "the purpose was given: \(french)")
        #expect(!french.contains("register.field"), "every key is rendered: \(french)")
        // Creating as complete is refused the same way, and the purpose is then named.
        let e2 = await Self.refusal {
            _ = try await w.register.createActivity(ProcessingActivity(name: "Autre", purpose: " ", status: .complete),
                                                    organisation: "ville", by: w.dpo)
        }
        #expect(e2?.code == "register.incomplete")
        #expect(e2?.message(.french).contains("Finalité") == true, "\(e2?.message(.french) ?? "")")
        #expect(e2?.message(.english).contains("Purpose") == true)
        // Nothing was stored by the refusals.
        let unchanged = try await w.register.activity(draft.id, w.dpo)
        #expect(unchanged.body.status == .draft && unchanged.body.purpose.isEmpty)
        #expect(try await w.register.activities(w.dpo).count == 1)

        // The score follows what is filled in.
        var partial = draft.body
        partial.purpose = "Gérer les inscriptions."
        partial.legalBases = [.publicTask, .publicTask]
        let p = try await w.register.updateActivity(draft.id, partial, by: w.dpo)
        #expect(p.body.legalBases == [.publicTask], "duplicates are removed")
        #expect(p.body.completeness == 30)
        // A legitimate interest needs its justification: one more field counts.
        partial.legalBases = [.legitimateInterest]
        let li = try await w.register.updateActivity(draft.id, partial, by: w.dpo)
        #expect(li.body.missing.contains("legitimateInterest"))
        #expect(li.body.completeness == Int((3.0 / 11.0 * 100).rounded()))

        // Everything filled in: accepted as complete, 100 %.
        let done = try await w.register.updateActivity(draft.id, Self.complete("Inscriptions sportives"), by: w.dpo)
        #expect(done.body.status == .complete)
        #expect(done.body.missing.isEmpty)
        #expect(done.body.completeness == 100)
        #expect(done.updatedAt >= draft.updatedAt)
        #expect(done.createdAt == draft.createdAt)
        // "checked" follows the same rule.
        var checked = done.body
        checked.status = .checked
        checked.security = [.other]
        let e3 = await Self.refusal { _ = try await w.register.updateActivity(draft.id, checked, by: w.dpo) }
        #expect(e3?.code == "register.incomplete")
        #expect(e3?.message(.french).contains("Précision des autres mesures de sécurité") == true)
        checked.otherSecurity = "Armoire fermée à clé"
        #expect(try await w.register.updateActivity(draft.id, checked, by: w.dpo).body.status == .checked)
    }

    @Test("an agent reads the register but cannot change it; another organisation's member gets not-found", arguments: Backend.all)
    func whoReadsAndWrites(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let a = try await w.register.createActivity(Self.complete("État civil"), organisation: "ville", by: w.dpo)
        let p = try await w.register.createProcessor(Processor(name: "Hébergeur"), organisation: "ville", by: w.dpo)

        // The agent of "ville" reads.
        #expect(try await w.register.activities(w.agent).map(\.id) == [a.id])
        #expect(try await w.register.activity(a.id, w.agent).body.name == "État civil")
        #expect(try await w.register.processor(p.id, w.agent).body.name == "Hébergeur")
        #expect(try await w.register.organisations(w.agent).map(\.slug) == ["ville"])
        #expect(try await w.register.organisations(w.agent, .editRegister).isEmpty)
        #expect(Set(try await w.register.organisations(w.dpo, .editRegister).map(\.slug)) == ["ville", "bourg"])
        // …and may not create, change, archive or link.
        for attempt in [
            { _ = try await w.register.createActivity(ProcessingActivity(name: "X", purpose: ""), organisation: "ville", by: w.agent) },
            { _ = try await w.register.updateActivity(a.id, Self.complete("Y"), by: w.agent) },
            { _ = try await w.register.archiveActivity(a.id, by: w.agent) },
            { _ = try await w.register.setLinks(a.id, add: [], by: w.agent) },
            { _ = try await w.register.createProcessor(Processor(name: "Z"), organisation: "ville", by: w.agent) },
            { _ = try await w.register.createMeasure(ProtectiveMeasure(title: "Former", type: .training), organisation: "ville", by: w.agent) },
        ] as [() async throws -> Void] {
            let e = await Self.refusal(attempt)
            #expect(e?.kind == .forbidden && e?.code == "auth.forbidden", "\(String(describing: e))")
        }
        #expect(try await w.register.activity(a.id, w.agent).body.name == "État civil", "unchanged")

        // The administrator of "autre" does not see it: the id answers not-found, like an unknown one.
        let hidden = await Self.refusal { _ = try await w.register.activity(a.id, w.outsider) }
        let unknown = await Self.refusal { _ = try await w.register.activity(a.id + 1_000, w.outsider) }
        #expect(hidden?.kind == .notFound && hidden?.code == "register.not_found")
        #expect(hidden?.code == unknown?.code && hidden?.kind == unknown?.kind)
        let hiddenEdit = await Self.refusal { _ = try await w.register.updateActivity(a.id, Self.complete("Volé"), by: w.outsider) }
        #expect(hiddenEdit?.kind == .notFound)
        let hiddenProcessor = await Self.refusal { _ = try await w.register.processor(p.id, w.outsider) }
        #expect(hiddenProcessor?.kind == .notFound)
        #expect(try await w.register.activities(w.outsider).isEmpty)
        let e = await Self.refusal { _ = try await w.register.activities(w.outsider, organisation: "ville") }
        #expect(e?.kind == .forbidden)
        // A record of another kind under the same id space is not an activity.
        let asActivity = await Self.refusal { _ = try await w.register.activity(p.id, w.dpo) }
        #expect(asActivity?.code == "register.not_found")
        // Nobody signed in reads nothing.
        #expect(try await w.register.activities(.anonymous).isEmpty)
        let anon = await Self.refusal {
            _ = try await w.register.createActivity(ProcessingActivity(name: "X", purpose: ""), organisation: "ville", by: .anonymous)
        }
        #expect(anon?.kind == .unauthorized)
    }

    @Test("archived activities leave the list (unless asked) and the public register; drafts and private ones are never public",
          arguments: Backend.all)
    func archiveAndPublicRegister(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let shown = try await w.register.createActivity(Self.complete("Cantine scolaire"), organisation: "ville", by: w.dpo)
        var draftBody = ProcessingActivity(name: "Brouillon public", purpose: "")
        draftBody.isPublic = true
        let draft = try await w.register.createActivity(draftBody, organisation: "ville", by: w.dpo)
        var privateBody = Self.complete("Vidéoprotection")
        privateBody.isPublic = false
        let hidden = try await w.register.createActivity(privateBody, organisation: "ville", by: w.dpo)
        let elsewhere = try await w.register.createActivity(Self.complete("Listes électorales"), organisation: "bourg", by: w.dpo)

        #expect(try await w.register.publicActivities().map(\.id) == [shown.id, elsewhere.id])
        #expect(try await w.register.publicActivities(organisation: "ville").map(\.id) == [shown.id])
        #expect(try await w.register.publicActivities(organisation: "bourg").map(\.id) == [elsewhere.id])
        let unknown = await Self.refusal { _ = try await w.register.publicActivities(organisation: "nulle-part") }
        #expect(unknown?.kind == .notFound && unknown?.code == "register.unknown_organisation")

        let archived = try await w.register.archiveActivity(shown.id, by: w.dpo)
        #expect(archived.archived)
        #expect(archived.body == shown.body, "archiving keeps the fields")
        #expect(try await w.register.activities(w.dpo, organisation: "ville").map(\.id) == [draft.id, hidden.id])
        #expect(try await w.register.activities(w.dpo, organisation: "ville", includeArchived: true).map(\.id)
                == [shown.id, draft.id, hidden.id])
        #expect(try await w.register.activities(w.agent).map(\.id) == [draft.id, hidden.id])
        #expect(try await w.register.publicActivities().map(\.id) == [elsewhere.id])
        // Still readable by id.
        #expect(try await w.register.activity(shown.id, w.agent).archived)

        let restored = try await w.register.archiveActivity(shown.id, archived: false, by: w.dpo)
        #expect(!restored.archived)
        #expect(try await w.register.publicActivities(organisation: "ville").map(\.id) == [shown.id])
        #expect(try await w.register.activities(w.dpo, organisation: "ville").count == 3)
    }

    @Test("a shared DPO duplicates an activity into another organisation as a draft; not where they are not DPO",
          arguments: Backend.all)
    func duplicate(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let service = try await w.platform.accounts.createService(in: w.ville, slug: "sports", name: "Sports", by: .system("test"))
        let processor = try await w.register.createProcessor(Processor(name: "Éditeur du logiciel", contractClauses: true),
                                                             organisation: "ville", by: w.dpo)
        var body = Self.complete("Inscriptions sportives")
        body.processors = [processor.id]
        body.service = service.slug
        let source = try await w.register.createActivity(body, organisation: "ville", by: w.dpo)
        #expect(source.body.processors == [processor.id])
        #expect(source.body.service == "sports")

        let copies = try await w.register.duplicateActivity(source.id, into: ["bourg"], by: w.dpo)
        let copy = try #require(copies.first)
        #expect(copies.count == 1)
        #expect(copy.id != source.id)
        #expect(copy.organisation.slug == "bourg")
        #expect(copy.body.status == .draft)
        #expect(copy.body.template == "ville/\(source.id)")
        #expect(copy.body.links.isEmpty && copy.body.processors.isEmpty && copy.body.service == nil)
        #expect(copy.body.name == source.body.name && copy.body.purpose == source.body.purpose)
        #expect(copy.body.categories == source.body.categories && copy.body.retention == source.body.retention)
        #expect(try await w.register.activities(w.dpo, organisation: "bourg").map(\.id) == [copy.id])
        // The source is untouched; the template survives an edit of the copy.
        #expect(try await w.register.activity(source.id, w.dpo).body == source.body)
        var edited = copy.body
        edited.template = nil
        edited.purpose = "Adapté au bourg."
        #expect(try await w.register.updateActivity(copy.id, edited, by: w.dpo).body.template == "ville/\(source.id)")

        // Into an organisation where the DPO is only an agent: refused, and nothing is created anywhere.
        let e = await Self.refusal { _ = try await w.register.duplicateActivity(source.id, into: ["bourg", "autre"], by: w.dpo) }
        #expect(e?.kind == .forbidden)
        #expect(try await w.register.activities(w.dpo, organisation: "autre").isEmpty)
        #expect(try await w.register.activities(w.dpo, organisation: "bourg").count == 1)
        // No target, or an unknown one.
        #expect(await Self.refusal { _ = try await w.register.duplicateActivity(source.id, into: [], by: w.dpo) }?.kind == .invalidInput)
        #expect(await Self.refusal { _ = try await w.register.duplicateActivity(source.id, into: ["inconnue"], by: w.dpo) }?.kind == .notFound)
        // An agent of "ville" reads the source but keeps no register to copy into.
        #expect(await Self.refusal { _ = try await w.register.duplicateActivity(source.id, into: ["ville"], by: w.agent) }?.kind == .forbidden)
    }

    @Test("bad durations, impossible dates and other organisations' references are refused", arguments: Backend.all)
    func validation(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        var body = Self.complete("Aides sociales")
        body.retention = [RetentionRule(category: .identity, duration: "5 ans", startEvent: "clôture du dossier")]
        let e = await Self.refusal { _ = try await w.register.createActivity(body, organisation: "ville", by: w.dpo) }
        #expect(e?.code == "register.bad_duration")
        #expect(e?.message(.french).contains("5 ans") == true)
        #expect(e?.message(.french).contains("P5Y") == true, "the message shows how to write it")
        for bad in ["P", "5Y", "P5", "PY", "P1M2Y", "P5Y5Y", "P1H"] {
            body.retention[0].duration = bad
            #expect(await Self.refusal { _ = try await w.register.createActivity(body, organisation: "ville", by: w.dpo) }?.code
                    == "register.bad_duration", "\(bad)")
        }
        for good in ["P5Y", "P1Y6M", "P30D", "P2W", "p10y"] {
            body.retention[0].duration = good
            _ = try await w.register.createActivity(body, organisation: "ville", by: w.dpo)
        }
        body.retention[0].duration = "P5Y"
        body.estimatedPeople = -3
        #expect(await Self.refusal { _ = try await w.register.createActivity(body, organisation: "ville", by: w.dpo) }?.code == "register.bad_number")
        body.estimatedPeople = 1_200
        body.name = "Nom\u{0}caché"
        #expect(await Self.refusal { _ = try await w.register.createActivity(body, organisation: "ville", by: w.dpo) }?.code
                == "register.control_character")
        body.name = String(repeating: "x", count: 201)
        #expect(await Self.refusal { _ = try await w.register.createActivity(body, organisation: "ville", by: w.dpo) }?.code == "register.too_long")
        body.name = "Aides sociales"
        body.service = "inconnu"
        #expect(await Self.refusal { _ = try await w.register.createActivity(body, organisation: "ville", by: w.dpo) }?.code
                == "register.unknown_service")
        body.service = nil

        // A processor of another organisation (or no processor at all) is refused.
        let theirs = try await w.register.createProcessor(Processor(name: "Prestataire du bourg"), organisation: "bourg", by: w.dpo)
        let ours = try await w.register.createProcessor(Processor(name: "Prestataire de la ville"), organisation: "ville", by: w.dpo)
        body.processors = [ours.id, theirs.id]
        let p = await Self.refusal { _ = try await w.register.createActivity(body, organisation: "ville", by: w.dpo) }
        #expect(p?.code == "register.unknown_processor")
        #expect(p?.args["id"] == String(theirs.id))
        body.processors = [ours.id, ours.id]
        let a = try await w.register.createActivity(body, organisation: "ville", by: w.dpo)
        #expect(a.body.processors == [ours.id])
        body.processors = [a.id]
        #expect(await Self.refusal { _ = try await w.register.createActivity(body, organisation: "ville", by: w.dpo) }?.code
                == "register.unknown_processor", "an activity is not a processor")

        // Measures: an impossible due date, a real leap day, an activity of another organisation.
        var m = ProtectiveMeasure(title: "Chiffrer les sauvegardes", type: .technical, due: "2027-02-30", activities: [a.id])
        let d = await Self.refusal { _ = try await w.register.createMeasure(m, organisation: "ville", by: w.dpo) }
        #expect(d?.code == "register.bad_date")
        #expect(d?.message(.french).contains("2027-02-30") == true)
        for bad in ["2027-13-01", "2027-00-10", "27-01-01", "2027-1-5", "31/01/2027", "2027-04-31"] {
            m.due = bad
            #expect(await Self.refusal { _ = try await w.register.createMeasure(m, organisation: "ville", by: w.dpo) }?.code
                    == "register.bad_date", "\(bad)")
        }
        m.due = "2028-02-29"
        let measure = try await w.register.createMeasure(m, organisation: "ville", by: w.dpo)
        #expect(measure.body.due == "2028-02-29")
        #expect(measure.body.status == .planned && measure.body.priority == .normal)
        #expect(await Self.refusal { _ = try await w.register.createMeasure(m, organisation: "bourg", by: w.dpo) }?.code
                == "register.unknown_activity")
        m.due = "  "
        #expect(try await w.register.updateMeasure(measure.id, m, by: w.dpo).body.due == nil)
        #expect(try await w.register.measures(w.agent).map(\.id) == [measure.id])

        // Processors: the open contract checks, an update, archiving.
        #expect(ours.body.openChecks == ["contractClauses", "securityChecked", "keepsRegister"])
        let checkedProcessor = try await w.register.updateProcessor(ours.id, Processor(name: "Prestataire de la ville", contractClauses: true,
                                                                                      securityChecked: true, keepsRegister: true), by: w.dpo)
        #expect(checkedProcessor.body.openChecks.isEmpty)
        _ = try await w.register.updateProcessor(ours.id, checkedProcessor.body, archived: true, by: w.dpo)
        #expect(try await w.register.processors(w.dpo, organisation: "ville").isEmpty)
        #expect(try await w.register.processors(w.dpo, organisation: "ville", includeArchived: true).count == 1)
        #expect(await Self.refusal { _ = try await w.register.createProcessor(Processor(name: " "), organisation: "ville", by: w.dpo) }?.code
                == "server.field_required")
    }

    @Test("links: classified columns are proposed, confirmed by name, shown with rows and exposure, found from the dataset",
          arguments: Backend.all)
    func links(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let privacy = w.platform.privacy
        var inscriptions = try await w.load("inscriptions", csv: """
            activite;courriel;age
            Judo;a.martin@exemple.fr;12
            Tennis;b.durand@exemple.fr;34
            Natation;c.petit@exemple.fr;9
            """, in: w.ville)
        for c in ["activite", "age"] { _ = try await privacy.classify(inscriptions, column: c, as: .public, category: nil, by: w.dpo) }
        _ = try await privacy.classify(inscriptions, column: "courriel", as: .personal, category: .email, by: w.dpo)
        // A real file: the French national register of elected representatives (deputies), birth dates reviewed as personal.
        let deputes = try await w.load("deputes", file: Paths.fixture("real_csv/rne_elus/elus-deputes-dep.csv"), in: w.ville)
        let birth = try #require(try await privacy.statuses(deputes)?.columns.first { $0.label == "Date de naissance" })
        _ = try await privacy.classify(deputes, column: birth.label, as: .personal, category: .birthDate, by: w.dpo)
        // Same category in another organisation: never proposed to "ville".
        let ailleurs = try await w.load("contacts-bourg", csv: "nom;mel\nA;a@bourg.fr\nB;b@bourg.fr\n", in: w.bourg)
        _ = try await privacy.classify(ailleurs, column: "mel", as: .personal, category: .email, by: w.dpo)

        var body = Self.complete("Inscriptions sportives", categories: [.email, .birthDate])
        body.isPublic = true
        let a = try await w.register.createActivity(body, organisation: "ville", by: w.dpo)
        let proposals = try await w.register.proposals(a.id, w.dpo)
        #expect(Set(proposals.map { "\($0.dataset).\($0.column)" }) == ["inscriptions.courriel", "deputes.\(birth.name)"])
        #expect(proposals.first { $0.column == "courriel" }?.category == .email)
        #expect(proposals.first { $0.dataset == "deputes" }?.label == "Date de naissance")
        // An activity without those categories gets no proposal; the agent reads proposals too.
        let other = try await w.register.createActivity(Self.complete("Paie", categories: [.bankDetails]), organisation: "ville", by: w.dpo)
        #expect(try await w.register.proposals(other.id, w.dpo).isEmpty)
        #expect(try await w.register.proposals(a.id, w.agent).count == 2)

        // Confirming links: who confirmed them is recorded by name.
        let linked = try await w.register.setLinks(a.id, add: [("inscriptions", "courriel"), ("deputes", "Date de naissance")], by: w.dpo)
        #expect(linked.body.links.count == 2)
        let link = try #require(linked.body.links.first { $0.column == "courriel" })
        #expect(link.dataset == "inscriptions")
        #expect(link.confirmedBy == "Claire Délégué")
        #expect(link.confirmedAt != nil)
        #expect(linked.body.links.contains { $0.dataset == "deputes" && $0.column == birth.name }, "a label is stored as the column's name")
        #expect(try await w.register.proposals(a.id, w.dpo).isEmpty, "linked columns are no longer proposed")
        // Adding the same link again changes nothing.
        #expect(try await w.register.setLinks(a.id, add: [("inscriptions", "courriel")], by: w.dpo).body.links.count == 2)
        // Unknown column, another organisation's dataset, unknown dataset.
        let col = await Self.refusal { _ = try await w.register.setLinks(a.id, add: [("inscriptions", "telephone")], by: w.dpo) }
        #expect(col?.code == "register.unknown_column")
        #expect(col?.message(.french).contains("courriel") == true, "the known columns are listed")
        #expect(await Self.refusal { _ = try await w.register.setLinks(a.id, add: [("contacts-bourg", "mel")], by: w.dpo) }?.code
                == "register.unknown_dataset")
        #expect(await Self.refusal { _ = try await w.register.setLinks(a.id, add: [("nulle-part", "x")], by: w.dpo) }?.code
                == "register.unknown_dataset")

        // What the activity page shows: rows, level, and nothing readable by the public.
        var datasets = try await w.register.linkedDatasets(try await w.register.activity(a.id, w.agent))
        #expect(datasets.map(\.slug) == ["deputes", "inscriptions"])
        let rne = try #require(datasets.first)
        #expect(rne.rows == 575)
        let ins = try #require(datasets.last)
        #expect(ins.rows == 3)
        #expect(ins.title == "Jeu inscriptions")
        #expect(ins.publishedRevision == nil)
        let column = try #require(ins.columns.first)
        #expect(column.name == "courriel" && column.level == .personal && column.category == .email)
        #expect(column.publiclyVisible == false)
        #expect(datasets.allSatisfy { $0.exposed.isEmpty })

        // The dataset's page finds the activity; a reader of another organisation finds nothing.
        let serving = try await w.register.activitiesServing(inscriptions, w.agent)
        #expect(serving.map(\.activity.id) == [a.id])
        #expect(serving.first?.columns == ["courriel"])
        #expect(try await w.register.activitiesServing(inscriptions, w.outsider).isEmpty)
        #expect(try await w.register.activitiesServing(ailleurs, w.dpo).isEmpty)

        // A PUT that sends the links back keeps who confirmed them.
        var resent = try await w.register.activity(a.id, w.dpo).body
        resent.purpose = "Inscriptions et relances."
        for i in resent.links.indices { resent.links[i].confirmedBy = "quelqu'un d'autre" }
        let kept = try await w.register.updateActivity(a.id, resent, by: w.dpo)
        #expect(kept.body.links.allSatisfy { $0.confirmedBy == "Claire Délégué" })

        // The warning case: the column is reclassified public and the dataset published — the personal data is exposed.
        _ = try await privacy.classify(inscriptions, column: "courriel", as: .public, category: nil, by: w.dpo)
        try await w.platform.catalog.update(inscriptions, title: "Jeu inscriptions", metadata: DatasetMetadata(
            description: "Inscriptions.", licence: .etalab2, accessLevel: .public, classification: .public), by: w.dpo)
        inscriptions = try #require(try await w.t.store.dataset(slug: "inscriptions"))
        try await w.platform.catalog.publish(inscriptions, by: w.dpo)
        datasets = try await w.register.linkedDatasets(try await w.register.activity(a.id, w.dpo))
        let exposed = try #require(datasets.first { $0.slug == "inscriptions" })
        #expect(exposed.exposed == ["courriel"])
        #expect(exposed.publishedRevision == 1)
        #expect(exposed.columns.first?.level == .public)
        #expect(datasets.first { $0.slug == "deputes" }?.exposed.isEmpty == true)

        // Removing a link; a duplicate never takes the links along.
        let removed = try await w.register.setLinks(a.id, add: [], remove: [("deputes", birth.name)], by: w.dpo)
        #expect(removed.body.links.map(\.column) == ["courriel"])
        let copy = try #require(try await w.register.duplicateActivity(a.id, into: ["bourg"], by: w.dpo).first)
        #expect(copy.body.links.isEmpty)
        #expect(try await w.register.linkedDatasets(copy).isEmpty)
        // An archived activity no longer serves the dataset.
        _ = try await w.register.archiveActivity(a.id, by: w.dpo)
        #expect(try await w.register.activitiesServing(inscriptions, w.dpo).isEmpty)
    }

    static func details(_ e: AuditEntry) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(e.details.utf8))) ?? [:]
    }

    @Test("every change to the register is audited, in the same transaction, with the record's id", arguments: Backend.all)
    func audit(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let a = try await w.register.createActivity(ProcessingActivity(name: "Brouillon", purpose: ""), organisation: "ville", by: w.dpo)
        _ = try await w.register.updateActivity(a.id, Self.complete("Complet"), by: w.dpo)
        _ = try await w.register.archiveActivity(a.id, by: w.dpo)
        _ = try await w.register.archiveActivity(a.id, archived: false, by: w.dpo)
        let copy = try #require(try await w.register.duplicateActivity(a.id, into: ["bourg"], by: w.dpo).first)
        let p = try await w.register.createProcessor(Processor(name: "Hébergeur"), organisation: "ville", by: w.dpo)
        _ = try await w.register.updateProcessor(p.id, Processor(name: "Hébergeur", contractClauses: true), by: w.dpo)
        let m = try await w.register.createMeasure(ProtectiveMeasure(title: "Former les agents", type: .training), organisation: "ville", by: w.dpo)
        _ = try await w.register.updateMeasure(m.id, ProtectiveMeasure(title: "Former les agents", type: .training, status: .done), by: w.dpo)
        // Refused changes write nothing.
        _ = await Self.refusal { _ = try await w.register.createActivity(ProcessingActivity(name: "X", purpose: "", status: .complete),
                                                                         organisation: "ville", by: w.dpo) }
        _ = await Self.refusal { _ = try await w.register.updateActivity(a.id, Self.complete("Agent"), by: w.agent) }

        let entries = try await w.platform.directory.auditEntries(by: w.dpo, actor: nil, action: nil, objectType: nil)
            .filter { $0.action.hasPrefix("register.") }
        let expected: [(String, String, Int64, String)] = [
            ("register.activity.create", "register.activity", a.id, "ville"),
            ("register.activity.update", "register.activity", a.id, "ville"),
            ("register.activity.archive", "register.activity", a.id, "ville"),
            ("register.activity.restore", "register.activity", a.id, "ville"),
            ("register.activity.duplicate", "register.activity", copy.id, "bourg"),
            ("register.processor.create", "register.processor", p.id, "ville"),
            ("register.processor.update", "register.processor", p.id, "ville"),
            ("register.measure.create", "register.measure", m.id, "ville"),
            ("register.measure.update", "register.measure", m.id, "ville"),
        ]
        #expect(entries.count == expected.count, "\(entries.map(\.action))")
        for (entry, (action, type, id, org)) in zip(entries, expected) {
            #expect(entry.action == action)
            #expect(entry.objectType == type, "\(action)")
            #expect(entry.objectId == String(id), "\(action)")
            #expect(entry.actor == "user:\(w.dpoUser.id)", "\(action)")
            #expect(Self.details(entry)["organisation"] == org, "\(action)")
        }
        #expect(entries.first { $0.action == "register.activity.duplicate" }.map(Self.details)?["from"] == String(a.id))
        // Filtering by action works through the directory too, and the chain still verifies.
        let creates = try await w.platform.directory.auditEntries(by: w.dpo, actor: nil, action: "register.activity.create", objectType: nil)
        #expect(creates.map(\.objectId) == [String(a.id)])
        #expect(try await w.platform.directory.auditChainIntact(by: w.dpo))
        // The log is the DPO's to read, not the agent's.
        await #expect(throws: SocleError.self) {
            _ = try await w.platform.directory.auditEntries(by: w.agent, actor: nil, action: nil, objectType: nil)
        }
    }
}
