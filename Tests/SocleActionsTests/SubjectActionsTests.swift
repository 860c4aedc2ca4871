import Foundation
import SocleActions
import SocleCore
import SocleIngest
import SocleStore
import SocleTestSupport
import Testing

/// Data subjects across every dataset (issue 12, item 3) through `platform.subjects`, on both backends: the
/// keyed-hash index built at load, search by each identifier in its usual spellings, older revisions, scope and
/// permissions, reclassification, the access package, and the erasure (new revision, older revisions, metadata,
/// audit, and — on SQLite — the database files themselves).
@Suite("Subject search and erasure")
struct SubjectActionsTests {
    static let people = """
    nom;prenom;date_de_naissance;courriel;telephone;nir;immatriculation;montant
    MARTIN;Jeanne;12/03/1984;Jeanne.Martin@exemple.fr;06 12 34 56 78;284037512345678;AB-123-CD;120,50
    DURAND;Paul;01/07/1950;paul.durand@exemple.fr;07 98 76 54 32;150077512398765;ZZ-999-ZZ;80,00
    PETIT;Louise;23/11/1999;louise.petit@exemple.fr;01 44 55 66 77;299117512311122;GH-456-JK;42,00

    """

    struct World: Sendable {
        let t: TestStore
        let platform: Platform
        let secrets: URL
        let ville: Organisation
        let ccas: Organisation
        let dpo: Principal
        let agent: Principal
        let otherDPO: Principal
        var subjects: SubjectActions { platform.subjects }

        static func make(_ backend: Backend) async throws -> World {
            ActionStrings.register()
            let t = try await TestStore.make(backend)
            let secrets = FileManager.default.temporaryDirectory.appendingPathComponent("socle-subjects-\(UUID().uuidString)")
            let platform = Platform(store: t.store, secretsDirectory: secrets)
            let system = Principal.system("test")
            let ville = try await platform.accounts.createOrganisation(slug: "ville", name: "Ville", profile: OrganisationProfile(), by: system)
            let ccas = try await platform.accounts.createOrganisation(slug: "ccas", name: "CCAS", profile: OrganisationProfile(), by: system)
            let autre = try await platform.accounts.createOrganisation(slug: "autre", name: "Autre", profile: OrganisationProfile(), by: system)
            let hash = Secrets.hashPassword("mot-de-passe", cost: 4)
            func person(_ email: String, _ roles: [(Organisation, Role)]) async throws -> Principal {
                let u = try await t.store.createUser(email: email, name: email, passwordHash: hash)
                for (o, r) in roles { try await t.store.setMembership(userId: u.id, organisationId: o.id, role: r) }
                return .user(try #require(try await t.store.user(id: u.id)))
            }
            return World(t: t, platform: platform, secrets: secrets, ville: ville, ccas: ccas,
                         dpo: try await person("dpo@mutualise.test", [(ville, .dpo), (ccas, .dpo)]),
                         agent: try await person("agent@ville.test", [(ville, .agent)]),
                         otherDPO: try await person("dpo@autre.test", [(autre, .dpo)]))
        }

        func close() async {
            await t.close()
            try? FileManager.default.removeItem(at: secrets)
        }

        /// Loads `csv` as a new revision of `slug` in `org`, through the platform's indexer (as every surface does).
        @discardableResult
        func load(_ slug: String, _ csv: String, in org: Organisation) async throws -> Dataset {
            if try await t.store.dataset(slug: slug) == nil {
                _ = try await platform.catalog.declare(slug: slug, title: "Jeu \(slug)", organisation: org, metadata: DatasetMetadata(),
                                                       by: .system("test"))
            }
            let file = try Paths.tempFile("\(slug).csv", Array(csv.utf8))
            defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
            return try await load(slug, file: file)
        }

        func load(_ slug: String, file: URL) async throws -> Dataset {
            _ = try await IngestAction(store: t.store, subjects: platform.subjectIndexer)
                .run(IngestRequest(file: file, datasetSlug: slug, options: ReaderOptions(displayName: file.lastPathComponent)))
            return try #require(try await t.store.dataset(slug: slug))
        }

        /// An erasure request recorded by the DPO (by letter), with the person's e-mail.
        func request(in org: Organisation, email: String = "jeanne.martin@exemple.fr") async throws -> Int64 {
            try await platform.requests.create(RequestInput(right: .erasure, requester: "Jeanne Martin", contact: email,
                                                            identifiers: SubjectIdentifiers(email: email), channel: .post),
                                               organisation: org.slug, by: dpo).0.id
        }
    }

    @Test("each identifier is found in its usual spellings; the index holds no identifier", arguments: Backend.all)
    func spellings(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        try await w.load("aides", Self.people, in: w.ccas)
        let cases: [(SubjectQuery, String)] = [
            (SubjectQuery(email: "  JEANNE.martin@Exemple.FR "), "courriel"),
            (SubjectQuery(phone: "+33 6 12 34 56 78"), "telephone"),
            (SubjectQuery(phone: "0612345678"), "telephone"),
            (SubjectQuery(phone: "0033 (0)6.12.34.56.78"), "telephone"),
            (SubjectQuery(nir: "2 84 03 75 123 456"), "nir"),
            (SubjectQuery(nir: "2840375123456 78"), "nir"),
            (SubjectQuery(plate: "ab 123 cd"), "immatriculation"),
            (SubjectQuery(name: "Jeanne Martin", birthDate: "1984-03-12"), "nom"),
            (SubjectQuery(name: "martin JEANNE", birthDate: "12/03/1984"), "nom"),
        ]
        for (query, column) in cases {
            let r = try await w.subjects.search(query, by: w.dpo)
            let hit = r.matches.contains { (m: SubjectMatch) -> Bool in m.dataset == "aides" && m.row == 1 && m.column == column }
            #expect(hit, "\(query) → \(r.matches)")
            #expect(!r.matches.contains { $0.row != 1 }, "\(query) found someone else: \(r.matches)")
        }
        // Someone absent, and the right name on the wrong birth date: nothing.
        #expect(try await w.subjects.search(SubjectQuery(email: "personne@exemple.fr"), by: w.dpo).matches.isEmpty)
        #expect(try await w.subjects.search(SubjectQuery(name: "Jeanne Martin", birthDate: "13/03/1984"), by: w.dpo).matches.isEmpty)

        // The index is keyed hashes: no e-mail, phone, NIR or plate in it, in any spelling.
        if let path = w.t.dataDirectory?.appendingPathComponent("socle.sqlite").path {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            for probe in ["jeanne.martin@exemple.fr", "0612345678", "2840375123456", "AB123CD"] {
                #expect(bytes.range(of: Data(probe.utf8)) == nil, "\(probe) stored in a normalised form")
            }
        }
    }

    @Test("a real file (RNE, deputies): name with birth date, accents and word order ignored", arguments: Backend.all)
    func realFile(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        _ = try await w.platform.catalog.declare(slug: "deputes", title: "Députés", organisation: w.ville, metadata: DatasetMetadata(),
                                                 by: .system("test"))
        let fixture = Paths.fixture("real_csv/rne_elus/elus-deputes-dep.csv")
        try await w.load("deputes", file: fixture)
        let r = try await w.subjects.search(SubjectQuery(name: "Romain Daubie", birthDate: "1980-05-05"), by: w.dpo)
        #expect(r.matches.count >= 1)
        #expect(Set(r.matches.map(\.row)).count == 1, "one deputy: \(r.matches)")
        let dataset = try #require(try await w.t.store.dataset(slug: "deputes"))
        let revision = try #require(try await w.t.store.revision(datasetId: dataset.id, number: 1))
        let rows = try await w.t.store.storedRows(of: revision, ids: [r.matches[0].row])
        #expect(rows.first?.cells.contains(.text("DAUBIÉ")) == true)
    }

    @Test("every revision is searched; only the DPO's organisations; agents and strangers refused; bad identifiers located",
          arguments: Backend.all)
    func scope(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        try await w.load("aides", Self.people, in: w.ccas)
        try await w.load("aides", Self.people + "NOUVEAU;Zoé;01/01/2001;zoe@exemple.fr;06 00 00 00 01;201017512300011;AA-000-AA;1\n", in: w.ccas)
        try await w.load("cantine", "eleve;courriel_parent\nLéo;jeanne.martin@exemple.fr\n", in: w.ville)
        let r = try await w.subjects.search(SubjectQuery(email: "jeanne.martin@exemple.fr"), by: w.dpo)
        #expect(Set(r.matches.map { "\($0.dataset)#\($0.revision)" }) == ["aides#1", "aides#2", "cantine#1"], "\(r.matches)")
        #expect(r.revisionsSearched >= 3)

        let e1 = await Self.refusal { _ = try await w.subjects.search(SubjectQuery(email: "jeanne.martin@exemple.fr"), by: w.agent) }
        #expect(e1?.code == "subject.forbidden")
        let e2 = await Self.refusal { _ = try await w.subjects.search(SubjectQuery(email: "jeanne.martin@exemple.fr"), by: .anonymous) }
        #expect(e2?.kind == .unauthorized)
        // A DPO of another organisation searches only there: nothing, and no hint of the others' data.
        #expect(try await w.subjects.search(SubjectQuery(email: "jeanne.martin@exemple.fr"), by: w.otherDPO).matches.isEmpty)

        let bad = await Self.refusal { _ = try await w.subjects.search(SubjectQuery(email: "jeanne at exemple"), by: w.dpo) }
        #expect(bad?.code == "subject.invalid.email")
        #expect(bad?.location?.column == "email")
        let none = await Self.refusal { _ = try await w.subjects.search(SubjectQuery(), by: w.dpo) }
        #expect(none?.code == "subject.no_identifier")
        let alone = await Self.refusal { _ = try await w.subjects.search(SubjectQuery(name: "Jeanne Martin"), by: w.dpo) }
        #expect(alone?.code == "subject.name_needs_birth_date")
        let impossible = await Self.refusal { _ = try await w.subjects.search(SubjectQuery(name: "J M", birthDate: "31/02/1984"), by: w.dpo) }
        #expect(impossible?.code == "subject.invalid.birthDate")
    }

    @Test("a column classified later is indexed at the next search; a column reviewed public is not searched", arguments: Backend.all)
    func reclassification(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        // "contact" says nothing to the detector by its name; the values do, or the DPO does.
        let d = try await w.load("contacts", "ref;contact\nA1;x@exemple.fr\nA2;y@exemple.fr\n", in: w.ville)
        _ = try await w.platform.privacy.classify(d, column: "contact", as: .personal, category: .email, by: w.dpo)
        let r = try await w.subjects.search(SubjectQuery(email: "y@exemple.fr"), by: w.dpo)
        #expect(r.matches.map(\.row) == [2])
        _ = try await w.platform.privacy.classify(d, column: "contact", as: .public, category: nil, by: w.dpo)
        let after = try await w.subjects.search(SubjectQuery(email: "y@exemple.fr"), by: w.dpo)
        #expect(after.revisionsIndexed >= 1)
        #expect(after.matches.isEmpty)
    }

    @Test("the access package holds every match with the activities that use the dataset", arguments: Backend.all)
    func package(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        try await w.load("aides", Self.people, in: w.ccas)
        var activity = RegisterActionsTests.complete("Aides facultatives", categories: [.identity, .email])
        activity.recipients = [Recipient(kind: .internalService, name: "Service social")]
        let a = try await w.platform.register.createActivity(activity, organisation: "ccas", by: w.dpo)
        _ = try await w.platform.register.setLinks(a.id, add: [(dataset: "aides", column: "courriel")], by: w.dpo)
        let request = try await w.request(in: w.ccas)
        let p = try await w.subjects.package(SubjectQuery(email: "paul.durand@exemple.fr"), request: request, by: w.dpo, language: .french)
        #expect(p.fileName == "acces-donnees-demande-\(request).zip")
        #expect(p.matches == 1)
        let text = String(decoding: p.bytes, as: UTF8.self)
        #expect(text.contains("donnees.json") && text.contains("aides.csv") && text.contains("LISEZMOI.txt"))
        #expect(text.contains("paul.durand@exemple.fr") && text.contains("Service social") && text.contains("Aides facultatives"))
        #expect(!text.contains("jeanne.martin"), "another person's row leaked into the package")
        let audit = try await w.t.store.auditEntries(afterSeq: 0, limit: 1_000, actor: nil, action: nil, objectType: nil)
        #expect(audit.contains { $0.action == "subject.package" && $0.objectId == String(request) && !$0.details.contains("paul.durand") })
    }

    @Test("erasure: a new revision without the person, older revisions rewritten, metadata scrubbed, audited; nobody else touched",
          arguments: Backend.all)
    func erasure(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let aides = try await w.load("aides", Self.people, in: w.ccas)
        try await w.load("aides", Self.people, in: w.ccas)
        try await w.load("cantine", "eleve;courriel_parent\nLéo;jeanne.martin@exemple.fr\nLina;louise.petit@exemple.fr\n", in: w.ville)
        let query = SubjectQuery(email: "Jeanne.Martin@exemple.fr")

        // An erasure answers a recorded request of the DPO's organisations.
        let unknown = await Self.refusal { _ = try await w.subjects.erase(query, request: 999_999, by: w.dpo) }
        #expect(unknown?.code == "subject.unknown_request")
        let request = try await w.request(in: w.ccas)
        let agentTry = await Self.refusal { _ = try await w.subjects.erase(query, request: request, by: w.agent) }
        #expect(agentTry?.code == "subject.unknown_request")
        #expect(try await w.subjects.search(query, by: w.dpo).matches.count >= 3, "nothing changed by the refusals")

        let report = try await w.subjects.erase(query, request: request, by: w.dpo)
        // The request's history says what was done, without the values.
        let history = try await w.platform.requests.get(request, w.dpo).body.events
        #expect(history.contains { $0.kind == "subject.erase" && $0.summary.contains("3 enregistrement(s)") }, "\(history)")
        // …and it no longer holds her identifiers or contact in clear (they would keep her in the files).
        let answered = try await w.platform.requests.get(request, w.dpo).body
        #expect(answered.identifiers.email == "j***@e***.fr" && answered.contact == "j***@e***.fr", "\(answered.identifiers) \(answered.contact)")
        #expect(report.rowsRemoved == 3)
        #expect(Set(report.datasets.map(\.dataset)) == ["aides", "cantine"])
        #expect(report.datasets.first { $0.dataset == "aides" }?.newRevision == 3)
        #expect(report.datasets.first { $0.dataset == "aides" }?.revisionsTouched == [1, 2])
        #expect(report.compacted)
        #expect(try await w.subjects.search(query, by: w.dpo).matches.isEmpty)
        // The others are still there, in every revision, and still found.
        let revisions = try await w.t.store.revisions(datasetId: aides.id)
        #expect(revisions.map(\.rowCount) == [2, 2, 2])
        #expect(try await w.t.store.dataset(slug: "aides")?.currentRevision == 3)
        #expect(try await w.subjects.search(SubjectQuery(email: "paul.durand@exemple.fr"), by: w.dpo).matches.count == 3)
        #expect(try await w.subjects.search(SubjectQuery(email: "louise.petit@exemple.fr"), by: w.dpo).matches.count == 5, "aides 1–3 and cantine 1–2")
        let current = try #require(revisions.last)
        let rows = try await w.t.store.storedRows(of: current, ids: [1, 2, 3])
        #expect(rows.map(\.row) == [2, 3], "row numbers are kept")
        // The type evidence no longer quotes her values.
        for r in revisions {
            let quoted = r.columns.flatMap { $0.evidence.samples + $0.evidence.counterExamples }
            #expect(!quoted.contains { $0.lowercased().contains("jeanne.martin") || $0 == "06 12 34 56 78" }, "revision \(r.number): \(quoted)")
        }
        let audit = try await w.t.store.auditEntries(afterSeq: 0, limit: 1_000, actor: nil, action: nil, objectType: nil)
        let entry = try #require(audit.last { $0.action == "subject.erase" })
        #expect(entry.objectId == String(request))
        let details = try JSONDecoder().decode([String: String].self, from: Data(entry.details.utf8))
        #expect(details["rows"] == "3")
        #expect(details["sha256"] == report.sha256)
        #expect(!entry.details.contains("jeanne.martin"))

        // SQLite: no erased value left anywhere in the database files (free pages, WAL included).
        if let dir = w.t.dataDirectory {
            for suffix in ["", "-wal"] {
                let path = dir.appendingPathComponent("socle.sqlite" + suffix).path
                guard let bytes = FileManager.default.contents(atPath: path) else { continue }
                for probe in ["jeanne.martin@exemple.fr", "Jeanne.Martin@exemple.fr", "284037512345678", "06 12 34 56 78", "AB-123-CD"] {
                    #expect(bytes.range(of: Data(probe.utf8)) == nil, "\(probe) still in socle.sqlite\(suffix)")
                }
                #expect(bytes.range(of: Data("paul.durand@exemple.fr".utf8)) != nil || suffix == "-wal", "the probe can fail")
            }
        }
        // A second erasure finds nothing, changes nothing, and says so.
        let again = try await w.subjects.erase(query, request: request, by: w.dpo)
        #expect(again.rowsRemoved == 0)
        #expect(try await w.t.store.revisions(datasetId: aides.id).count == 3)
    }

    @Test("a pseudonymised derivative: its rows are found under the person's pseudonym and erased with hers", arguments: Backend.all)
    func pseudonymisedDerivative(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let aides = try await w.load("aides", Self.people, in: w.ccas)
        let system = Principal.system("test")
        // The DPO's review: the e-mail is an identifier (as the scan suggests); the copy keeps it as a keyed hash.
        for c in try await w.platform.privacy.statuses(aides)?.1 ?? [] {
            _ = try await w.platform.privacy.classify(aides, column: c.name, as: c.suggestion?.verdict ?? .public, category: nil, by: system)
        }
        _ = try await w.platform.privacy.anonymise(AnonymiseRequest(
            source: "aides", into: "aides-pseudo", drop: ["nom", "prenom", "date_de_naissance", "telephone", "nir", "immatriculation"],
            pseudonymise: ["courriel"]), by: system, language: .french)
        let derived = try #require(try await w.t.store.dataset(slug: "aides-pseudo"))
        let query = SubjectQuery(email: "jeanne.martin@exemple.fr")

        let found = try await w.subjects.search(query, by: w.dpo).matches
        let inDerived = found.filter { $0.dataset == "aides-pseudo" }
        #expect(inDerived.count == 1 && inDerived.first?.column == "courriel" && inDerived.first?.row == 1, "\(found)")
        // Another person's pseudonym is not hers.
        let paul = try await w.subjects.search(SubjectQuery(email: "paul.durand@exemple.fr"), by: w.dpo).matches
        #expect(paul.filter { $0.dataset == "aides-pseudo" }.map(\.row) == [2])

        let request = try await w.request(in: w.ccas)
        let report = try await w.subjects.erase(query, request: request, by: w.dpo)
        #expect(Set(report.datasets.map(\.dataset)) == ["aides", "aides-pseudo"])
        #expect(try await w.subjects.search(query, by: w.dpo).matches.isEmpty)
        let current = try #require(try await w.t.store.revisions(datasetId: derived.id).last)
        #expect(current.rowCount == 2)
        #expect(try await w.t.store.storedRows(of: current, ids: [1, 2, 3]).map(\.row) == [2, 3])
        #expect(try await w.subjects.search(SubjectQuery(email: "paul.durand@exemple.fr"), by: w.dpo).matches
            .contains { $0.dataset == "aides-pseudo" })
    }

    @Test("an erasure prepared before a new load is refused whole: the new revision would keep the person", arguments: Backend.all)
    func raceWithLoad(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let d = try await w.load("aides", Self.people, in: w.ccas)
        // What an erasure prepared against revision 1 sends, arriving after revision 2 was loaded.
        try await w.load("aides", Self.people, in: w.ccas)
        let stale = RowErasure(targets: [RowErasure.Target(datasetId: d.id, datasetSlug: "aides", rows: [1: [1]], newRevision: nil,
                                                           scrub: [], expectedCurrent: 1)], audit: [])
        do {
            _ = try await w.t.store.eraseRows(stale)
            Issue.record("a stale erasure went through")
        } catch let e as SocleError {
            #expect(e.code == "subject.dataset_changed")
            #expect(e.message(.french).contains("Relancez"))
        }
        #expect(try await w.t.store.revisions(datasetId: d.id).map(\.rowCount) == [3, 3], "nothing removed")
    }

    static func refusal(_ body: () async throws -> Void, sourceLocation: Testing.SourceLocation = #_sourceLocation) async -> SocleError? {
        await RegisterActionsTests.refusal(body, sourceLocation: sourceLocation)
    }
}
