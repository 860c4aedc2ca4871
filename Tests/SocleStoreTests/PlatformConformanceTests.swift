import Foundation
import SocleCore
import SocleStore
import SocleTestSupport
import Testing

/// The platform stores (accounts, metadata) on every backend: same inputs, same answers, same errors.
@Suite("Platform conformance")
struct PlatformConformanceTests {
    typealias P = PlatformTest

    // MARK: organisations and services

    @Test("organisation profile: defaults, update, rename, clear", arguments: Backend.all)
    func profile(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let org = try await t.store.createOrganisation(slug: "vire", name: "Vire")
        #expect(try await t.store.organisationProfile(org.id) == OrganisationProfile())
        try await t.store.setOrganisationProfile(org.id, OrganisationProfile(kind: .ccas, siren: " 261 400 178 ", population: 17_000,
                                                                            agents: 60), name: "CCAS de Vire")
        let p = try await t.store.organisationProfile(org.id)
        #expect(p == OrganisationProfile(kind: .ccas, siren: "261400178", population: 17_000, agents: 60))
        #expect(p.openDataObligation == true)
        #expect(try await t.store.organisation(slug: "vire")?.name == "CCAS de Vire")
        // nil name keeps the name; nil fields clear.
        try await t.store.setOrganisationProfile(org.id, OrganisationProfile(kind: .epci), name: nil)
        #expect(try await t.store.organisationProfile(org.id) == OrganisationProfile(kind: .epci))
        #expect(try await t.store.organisation(slug: "vire")?.name == "CCAS de Vire")
    }

    static let badProfiles: [(OrganisationProfile, String?, String)] = [
        (OrganisationProfile(siren: "12345678"), nil, "store.invalid_siren"),
        (OrganisationProfile(siren: "1234567890"), nil, "store.invalid_siren"),
        (OrganisationProfile(siren: "21750001A"), nil, "store.invalid_siren"),
        (OrganisationProfile(siren: "２１７５０００１６"), nil, "store.invalid_siren"),
        (OrganisationProfile(population: -1), nil, "store.invalid_population"),
        (OrganisationProfile(agents: -3), nil, "store.invalid_agents"),
        (OrganisationProfile(), "   ", "store.name_required"),
    ]

    @Test("organisation profile: bad input is refused and nothing changes", arguments: Backend.all)
    func badProfile(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let org = try await t.store.createOrganisation(slug: "vire", name: "Vire")
        for (profile, name, code) in Self.badProfiles {
            await P.expectError(.invalidInput, code) { try await t.store.setOrganisationProfile(org.id, profile, name: name) }
        }
        #expect(try await t.store.organisationProfile(org.id) == OrganisationProfile())
        #expect(try await t.store.organisation(slug: "vire")?.name == "Vire")
        await P.expectError(.notFound, "store.not_found.organisation", args: ["slug": "999999"]) {
            _ = try await t.store.organisationProfile(999_999)
        }
        await P.expectError(.notFound, "store.not_found.organisation") {
            try await t.store.setOrganisationProfile(999_999, OrganisationProfile(), name: nil)
        }
    }

    @Test("services: create, list per organisation, conflict, invalid slug, unknown organisation", arguments: Backend.all)
    func services(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let vire = try await t.store.createOrganisation(slug: "vire", name: "Vire")
        let ccas = try await t.store.createOrganisation(slug: "ccas-vire", name: "CCAS")
        let urba = try await t.store.createService(organisationId: vire.id, slug: "urbanisme", name: "  Urbanisme ")
        #expect(urba.name == "Urbanisme")
        _ = try await t.store.createService(organisationId: vire.id, slug: "finances", name: "Finances")
        _ = try await t.store.createService(organisationId: ccas.id, slug: "urbanisme", name: "Urbanisme du CCAS")
        let list = try await t.store.services(organisationId: vire.id)
        #expect(list.map(\.slug) == ["finances", "urbanisme"])
        #expect(list[1] == urba)
        #expect(try await t.store.services(organisationId: ccas.id).count == 1)
        #expect(try await t.store.services(organisationId: 999_999).isEmpty)
        await P.expectError(.conflict, "store.conflict.service", args: ["slug": "urbanisme"]) {
            _ = try await t.store.createService(organisationId: vire.id, slug: "urbanisme", name: "Autre")
        }
        await P.expectError(.invalidInput, "slug.invalid") {
            _ = try await t.store.createService(organisationId: vire.id, slug: "Urbanisme!", name: "X")
        }
        await P.expectError(.invalidInput, "store.name_required") {
            _ = try await t.store.createService(organisationId: vire.id, slug: "vide", name: " ")
        }
        await P.expectError(.notFound, "store.not_found.organisation") {
            _ = try await t.store.createService(organisationId: 999_999, slug: "ecoles", name: "Écoles")
        }
        #expect(try await t.store.services(organisationId: vire.id).count == 2)
    }

    // MARK: users and memberships

    static let emails: [(String, String?)] = [
        ("  Alice.Martin@Vire.FR ", "alice.martin@vire.fr"),
        ("dpo+ccas@territoire.example.org", "dpo+ccas@territoire.example.org"),
        ("ab@vire.fr", "ab@vire.fr"),
        ("a.z@vire.fr", "a.z@vire.fr"),
        ("pas-une-adresse", nil),
        ("@vire.fr", nil),
        ("alice@", nil),
        ("alice@vire", nil),
        ("alice@@vire.fr", nil),
        ("a b@vire.fr", nil),
        ("alice@vire..fr", nil),
        ("alice@.vire.fr", nil),
        ("", nil),
    ]

    @Test("users: e-mails are trimmed and lowercased; malformed ones are refused", arguments: Backend.all)
    func emails(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        for (input, stored) in Self.emails {
            if let stored {
                let u = try await t.store.createUser(email: input, name: "X", passwordHash: "$2b$hash")
                #expect(u.email == stored)
                #expect(try await t.store.user(email: input.uppercased())?.id == u.id)
            } else {
                await P.expectError(.invalidInput, "store.invalid_email", args: ["email": input]) {
                    _ = try await t.store.createUser(email: input, name: "X", passwordHash: "$2b$hash")
                }
            }
        }
        // Listed in byte order on both backends, whatever the database's collation.
        let listed = try await t.store.users().map(\.email)
        #expect(listed == Self.emails.compactMap(\.1).sorted())
    }

    @Test("users: create, find, conflict, password hash, memberships upserted and removed", arguments: Backend.all)
    func users(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let vire = try await t.store.createOrganisation(slug: "vire", name: "Vire")
        let ccas = try await t.store.createOrganisation(slug: "ccas-vire", name: "CCAS")
        let alice = try await t.store.createUser(email: "Alice@Vire.fr", name: " Alice ", passwordHash: "$2b$12$alice")
        #expect(alice == User(id: alice.id, email: "alice@vire.fr", name: "Alice", memberships: []))
        let bob = try await t.store.createUser(email: "bob@vire.fr", name: "Bob", passwordHash: "$2b$12$bob")
        await P.expectError(.conflict, "store.conflict.user", args: ["slug": "alice@vire.fr"]) {
            _ = try await t.store.createUser(email: " ALICE@vire.fr", name: "Autre", passwordHash: "x")
        }
        #expect(try await t.store.passwordHash(userId: alice.id) == "$2b$12$alice")
        #expect(try await t.store.passwordHash(userId: 999_999) == nil)
        #expect(try await t.store.user(id: 999_999) == nil)
        #expect(try await t.store.user(email: "personne@vire.fr") == nil)

        try await t.store.setMembership(userId: alice.id, organisationId: vire.id, role: .agent)
        try await t.store.setMembership(userId: alice.id, organisationId: vire.id, role: .admin)
        try await t.store.setMembership(userId: alice.id, organisationId: ccas.id, role: .dpo)
        try await t.store.setMembership(userId: bob.id, organisationId: ccas.id, role: .steward)
        let a = try #require(try await t.store.user(id: alice.id))
        #expect(a.memberships == [Membership(organisationId: vire.id, role: .admin), Membership(organisationId: ccas.id, role: .dpo)])
        #expect(a.role(in: ccas.id) == .dpo)
        #expect(try await t.store.user(email: "bob@vire.fr")?.memberships == [Membership(organisationId: ccas.id, role: .steward)])
        let all = try await t.store.users()
        #expect(all.map(\.email) == ["alice@vire.fr", "bob@vire.fr"])
        #expect(all[0].memberships.count == 2)

        try await t.store.removeMembership(userId: alice.id, organisationId: vire.id)
        try await t.store.removeMembership(userId: alice.id, organisationId: vire.id)  // idempotent
        #expect(try await t.store.user(id: alice.id)?.memberships == [Membership(organisationId: ccas.id, role: .dpo)])

        await P.expectError(.notFound, "store.not_found.user", args: ["slug": "999999"]) {
            try await t.store.setMembership(userId: 999_999, organisationId: vire.id, role: .agent)
        }
        await P.expectError(.notFound, "store.not_found.organisation") {
            try await t.store.setMembership(userId: alice.id, organisationId: 999_999, role: .agent)
        }
        // Every role round-trips through its stored raw value.
        for role in Role.allCases {
            try await t.store.setMembership(userId: bob.id, organisationId: vire.id, role: role)
            #expect(try await t.store.user(id: bob.id)?.role(in: vire.id) == role)
        }
    }

    // MARK: tokens and sessions

    @Test("tokens: create, find by hash, list, revoke once, touch, errors", arguments: Backend.all)
    func tokens(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let vire = try await t.store.createOrganisation(slug: "vire", name: "Vire")
        let alice = try await t.store.createUser(email: "alice@vire.fr", name: "Alice", passwordHash: "h")
        let bob = try await t.store.createUser(email: "bob@vire.fr", name: "Bob", passwordHash: "h")
        let expires = P.t0.addingTimeInterval(30 * 86_400)
        let scoped = try await t.store.createToken(userId: alice.id, organisationId: vire.id, secretHash: P.hash(1), prefix: "sk_1",
                                                   canWrite: true, datasets: ["budget", "écoles"], expiresAt: expires)
        let open = try await t.store.createToken(userId: bob.id, organisationId: vire.id, secretHash: P.hash(2), prefix: "sk_2",
                                                 canWrite: false, datasets: nil, expiresAt: nil)
        #expect(P.close(scoped.createdAt, Date(), within: 60))
        let found = try #require(try await t.store.token(secretHash: P.hash(1)))
        #expect(found.id == scoped.id && found.userId == alice.id && found.organisationId == vire.id)
        #expect(found.prefix == "sk_1" && found.canWrite && found.datasets == ["budget", "écoles"])
        #expect(found.expiresAt == expires && found.revokedAt == nil && found.lastUsedAt == nil)
        #expect(P.close(found.createdAt, scoped.createdAt))
        let other = try #require(try await t.store.token(secretHash: P.hash(2)))
        #expect(other.datasets == nil && !other.canWrite && other.expiresAt == nil)
        #expect(try await t.store.token(secretHash: P.hash(3)) == nil)
        #expect(try await t.store.tokens(userId: nil).map(\.id) == [scoped.id, open.id])
        #expect(try await t.store.tokens(userId: bob.id).map(\.id) == [open.id])

        try await t.store.touchToken(id: scoped.id, at: P.t0)
        try await t.store.revokeToken(id: scoped.id, at: P.t0.addingTimeInterval(10))
        try await t.store.revokeToken(id: scoped.id, at: P.t0.addingTimeInterval(99))  // the first time stays
        let revoked = try #require(try await t.store.token(secretHash: P.hash(1)))
        #expect(revoked.lastUsedAt == P.t0)
        #expect(revoked.revokedAt == P.t0.addingTimeInterval(10))
        #expect(!revoked.isValid(at: P.t0.addingTimeInterval(20)))

        for id in [Int64(999_999)] {
            await P.expectError(.notFound, "store.not_found.token", args: ["slug": "999999"]) { try await t.store.revokeToken(id: id, at: P.t0) }
            await P.expectError(.notFound, "store.not_found.token") { try await t.store.touchToken(id: id, at: P.t0) }
        }
        await P.expectError(.conflict, "store.conflict.token") {
            _ = try await t.store.createToken(userId: alice.id, organisationId: vire.id, secretHash: P.hash(2), prefix: "sk_x",
                                              canWrite: false, datasets: nil, expiresAt: nil)
        }
        await P.expectError(.internalError, "store.invalid_hash") {
            _ = try await t.store.createToken(userId: alice.id, organisationId: vire.id, secretHash: "secret-in-clear", prefix: "s",
                                              canWrite: false, datasets: nil, expiresAt: nil)
        }
        await P.expectError(.notFound, "store.not_found.user") {
            _ = try await t.store.createToken(userId: 999_999, organisationId: vire.id, secretHash: P.hash(4), prefix: "s",
                                              canWrite: false, datasets: nil, expiresAt: nil)
        }
        await P.expectError(.notFound, "store.not_found.organisation") {
            _ = try await t.store.createToken(userId: alice.id, organisationId: 999_999, secretHash: P.hash(5), prefix: "s",
                                              canWrite: false, datasets: nil, expiresAt: nil)
        }
        #expect(try await t.store.tokens(userId: nil).count == 2)
    }

    @Test("sessions: create, read by id hash, delete, purge the expired ones", arguments: Backend.all)
    func sessions(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let alice = try await t.store.createUser(email: "alice@vire.fr", name: "Alice", passwordHash: "h")
        let old = Session(userId: alice.id, csrfToken: "csrf-old", createdAt: P.t0, expiresAt: P.t0.addingTimeInterval(3_600))
        let live = Session(userId: alice.id, csrfToken: "csrf-live", createdAt: P.t0, expiresAt: P.t0.addingTimeInterval(86_400))
        let third = Session(userId: alice.id, csrfToken: "csrf-3", createdAt: P.t0, expiresAt: P.t0.addingTimeInterval(86_400))
        try await t.store.createSession(idHash: P.hash(1), session: old)
        try await t.store.createSession(idHash: P.hash(2), session: live)
        try await t.store.createSession(idHash: P.hash(3), session: third)
        #expect(try await t.store.session(idHash: P.hash(1)) == old)
        #expect(try await t.store.session(idHash: P.hash(9)) == nil)
        try await t.store.deleteExpiredSessions(before: P.t0.addingTimeInterval(7_200))
        #expect(try await t.store.session(idHash: P.hash(1)) == nil)
        #expect(try await t.store.session(idHash: P.hash(2)) == live)
        try await t.store.deleteSession(idHash: P.hash(2))
        try await t.store.deleteSession(idHash: P.hash(2))  // idempotent
        #expect(try await t.store.session(idHash: P.hash(2)) == nil)
        #expect(try await t.store.session(idHash: P.hash(3)) == third)
        await P.expectError(.notFound, "store.not_found.user") {
            try await t.store.createSession(idHash: P.hash(4), session: Session(userId: 999_999, csrfToken: "c", createdAt: P.t0,
                                                                                expiresAt: P.t0))
        }
    }

    // MARK: catalog metadata

    static let fullMetadata = DatasetMetadata(
        description: "Budget primitif <script>alert(1)</script> « voté »", keywords: ["budget", "finances"], themes: ["GOVE", "ECON"],
        ownerServiceId: nil, steward: "alice@vire.fr", contactPoint: "finances@vire.fr", licence: .etalab2, frequency: "ANNUAL",
        spatial: ["14762"], temporalStart: "2024-01-01", temporalEnd: "2024-12-31",
        conformsTo: "https://schema.data.gouv.fr/scdl/budget/", origin: .internal, sourceSystem: "Ciril Finances",
        accessLevel: .public, classification: .public, status: .declared, volume: "1 200 lignes", processingActivity: "Budget")

    @Test("datasets: declared, loaded, published, unpublished, archived — status is derived", arguments: Backend.all)
    func lifecycle(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let vire = try await t.store.createOrganisation(slug: "vire", name: "Vire")
        let finances = try await t.store.createService(organisationId: vire.id, slug: "finances", name: "Finances")
        var m = Self.fullMetadata
        m.ownerServiceId = finances.id
        let d = try await t.store.declareDataset(slug: "budget", title: " Budget 2024 ", organisationId: vire.id, metadata: m)
        #expect(d.slug == "budget" && d.title == "Budget 2024" && d.organisationId == vire.id && d.currentRevision == nil)
        let read = try #require(try await t.store.dataset(slug: "budget"))
        #expect(read.id == d.id && read.title == d.title && read.currentRevision == nil && P.close(read.createdAt, d.createdAt))
        #expect(try await t.store.metadata(datasetId: d.id) == m)
        #expect(try await t.store.publishedRevision(datasetId: d.id) == nil)
        await P.expectError(.notFound, "store.not_found.revision", args: ["slug": "1"]) {
            try await t.store.setPublished(datasetId: d.id, revision: 1)
        }

        _ = try await P.load(t, slug: "budget")
        #expect(try await t.store.metadata(datasetId: d.id).status == .loaded)
        #expect(try await t.store.dataset(slug: "budget")?.currentRevision == 1)
        try await t.store.setPublished(datasetId: d.id, revision: 1)
        #expect(try await t.store.publishedRevision(datasetId: d.id) == 1)
        #expect(try await t.store.metadata(datasetId: d.id).status == .published)
        // A new load does not move the published revision: publishing is an explicit act.
        _ = try await P.load(t, slug: "budget", rows: ["c"])
        #expect(try await t.store.publishedRevision(datasetId: d.id) == 1)
        await P.expectError(.notFound, "store.not_found.revision", args: ["slug": "7"]) {
            try await t.store.setPublished(datasetId: d.id, revision: 7)
        }
        try await t.store.setPublished(datasetId: d.id, revision: nil)
        #expect(try await t.store.metadata(datasetId: d.id).status == .loaded)

        // The stored status only matters when it is `archived`.
        var edited = m
        edited.description = "Nouveau"
        edited.status = .published
        try await t.store.updateDataset(datasetId: d.id, title: "Budget primitif 2024", metadata: edited)
        #expect(try await t.store.dataset(slug: "budget")?.title == "Budget primitif 2024")
        let back = try await t.store.metadata(datasetId: d.id)
        #expect(back.description == "Nouveau" && back.status == .loaded)
        edited.status = .archived
        try await t.store.setPublished(datasetId: d.id, revision: 2)
        try await t.store.updateDataset(datasetId: d.id, title: "Budget primitif 2024", metadata: edited)
        #expect(try await t.store.metadata(datasetId: d.id).status == .archived)
        #expect(try await t.store.publishedRevision(datasetId: d.id) == 2)
    }

    @Test("datasets: conflicts, invalid slugs, empty titles, foreign services and unknown ids", arguments: Backend.all)
    func datasetErrors(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let vire = try await t.store.createOrganisation(slug: "vire", name: "Vire")
        let ccas = try await t.store.createOrganisation(slug: "ccas-vire", name: "CCAS")
        let social = try await t.store.createService(organisationId: ccas.id, slug: "social", name: "Action sociale")
        let d = try await t.store.declareDataset(slug: "budget", title: "Budget", organisationId: vire.id, metadata: DatasetMetadata())
        await P.expectError(.conflict, "store.conflict.dataset", args: ["slug": "budget"]) {
            _ = try await t.store.declareDataset(slug: "budget", title: "Autre", organisationId: ccas.id, metadata: DatasetMetadata())
        }
        await P.expectError(.invalidInput, "slug.invalid") {
            _ = try await t.store.declareDataset(slug: "Budget 2024", title: "B", organisationId: vire.id, metadata: DatasetMetadata())
        }
        await P.expectError(.invalidInput, "store.name_required") {
            _ = try await t.store.declareDataset(slug: "vide", title: "  ", organisationId: vire.id, metadata: DatasetMetadata())
        }
        await P.expectError(.notFound, "store.not_found.organisation") {
            _ = try await t.store.declareDataset(slug: "orphelin", title: "O", organisationId: 999_999, metadata: DatasetMetadata())
        }
        let foreign = DatasetMetadata(ownerServiceId: social.id)
        await P.expectError(.notFound, "store.not_found.service", args: ["slug": String(social.id)]) {
            _ = try await t.store.declareDataset(slug: "aides", title: "Aides", organisationId: vire.id, metadata: foreign)
        }
        await P.expectError(.notFound, "store.not_found.service") {
            try await t.store.updateDataset(datasetId: d.id, title: "Budget", metadata: foreign)
        }
        _ = try await t.store.declareDataset(slug: "aides", title: "Aides", organisationId: ccas.id, metadata: foreign)
        for call in [
            { _ = try await t.store.metadata(datasetId: 999_999) },
            { try await t.store.updateDataset(datasetId: 999_999, title: "X", metadata: DatasetMetadata()) },
            { try await t.store.setPublished(datasetId: 999_999, revision: nil) },
            { _ = try await t.store.publishedRevision(datasetId: 999_999) },
        ] as [@Sendable () async throws -> Void] {
            await P.expectError(.notFound, "store.not_found.dataset", args: ["slug": "999999"], call)
        }
        #expect(try await t.store.datasets().map(\.slug) == ["aides", "budget"])
        #expect(try await t.store.metadata(datasetId: d.id) == DatasetMetadata())
    }

    @Test("datasets created by a plain load read back default metadata with status loaded", arguments: Backend.all)
    func loadedWithoutDeclaration(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        _ = try await P.load(t, slug: "communes")
        let d = try #require(try await t.store.dataset(slug: "communes"))
        var expected = DatasetMetadata()
        expected.status = .loaded
        #expect(try await t.store.metadata(datasetId: d.id) == expected)
        // Older or partial JSON keeps what it has and takes defaults for the rest.
        try await P.rawExecute(t, "UPDATE datasets SET metadata_json = '{\"description\":\"Ancienne\",\"licence\":\"odbl\"}' WHERE id = \(d.id)")
        let m = try await t.store.metadata(datasetId: d.id)
        #expect(m.description == "Ancienne" && m.licence == .odbl && m.keywords == [] && m.status == .loaded)
    }
}
