import Foundation
import SocleCore
import Testing

/// The permission rules as a table: principal × permission → allowed.
@Suite("Permissions")
struct PermissionsTests {
    static let org: Int64 = 1
    static let other: Int64 = 2
    static func user(_ role: Role?, in org: Int64 = org) -> User {
        User(id: 10, email: "x@y.fr", name: "X", memberships: role.map { [Membership(organisationId: org, role: $0)] } ?? [])
    }
    static func token(_ role: Role, write: Bool, datasets: [String]? = nil, expired: Bool = false, revoked: Bool = false) -> Principal {
        let now = Date()
        let t = APIToken(id: 1, userId: 10, organisationId: org, prefix: "socle_x", canWrite: write, datasets: datasets,
                         createdAt: now, expiresAt: expired ? now.addingTimeInterval(-1) : nil,
                         revokedAt: revoked ? now : nil, lastUsedAt: nil)
        return .token(t, user(role))
    }

    struct Row: Sendable, CustomStringConvertible {
        var name: String
        var principal: Principal
        /// Expected answer for each permission, in `Permission.allCases` order:
        /// readPrivate, edit, upload, publish, inventory, manageOrg, manageUsers, createToken, readAudit,
        /// readRegister, editRegister
        var expected: [Bool]
        var description: String { name }
    }

    static let rows: [Row] = [
        Row(name: "anonymous", principal: .anonymous, expected: [false, false, false, false, false, false, false, false, false, false, false]),
        Row(name: "agent", principal: .user(user(.agent)), expected: [true, true, true, false, true, false, false, true, false, true, false]),
        Row(name: "steward", principal: .user(user(.steward)), expected: [true, true, true, true, true, false, false, true, false, true, false]),
        Row(name: "dpo", principal: .user(user(.dpo)), expected: [true, true, true, true, true, false, false, true, true, true, true]),
        Row(name: "admin", principal: .user(user(.admin)), expected: [true, true, true, true, true, true, true, true, true, true, true]),
        Row(name: "admin of another organisation", principal: .user(user(.admin, in: other)),
            expected: [false, false, false, false, false, false, false, false, false, false, false]),
        Row(name: "read token of an admin", principal: token(.admin, write: false),
            expected: [true, false, false, false, true, false, false, false, true, true, false]),
        Row(name: "write token of a steward", principal: token(.steward, write: true),
            expected: [true, true, true, true, true, false, false, false, false, true, false]),
        Row(name: "write token of an agent", principal: token(.agent, write: true),
            expected: [true, true, true, false, true, false, false, false, false, true, false]),
        Row(name: "expired token", principal: token(.admin, write: true, expired: true),
            expected: [false, false, false, false, false, false, false, false, false, false, false]),
        Row(name: "revoked token", principal: token(.admin, write: true, revoked: true),
            expected: [false, false, false, false, false, false, false, false, false, false, false]),
        Row(name: "system", principal: .system("cli"), expected: [true, true, true, true, true, true, true, true, true, true, true]),
    ]

    @Test("each principal gets exactly its permissions", arguments: rows)
    func table(row: Row) {
        #expect(row.expected.count == Permission.allCases.count, "one expectation per permission")
        for (p, expected) in zip(Permission.allCases, row.expected) {
            #expect(Permissions.can(row.principal, p, organisationId: Self.org, datasetSlug: "budget") == expected,
                    "\(row.name) / \(p.rawValue)")
        }
    }

    @Test("a token limited to some datasets reaches only those")
    func datasetScopedToken() {
        let p = Self.token(.steward, write: true, datasets: ["budget"])
        #expect(Permissions.can(p, .uploadData, organisationId: Self.org, datasetSlug: "budget"))
        #expect(!Permissions.can(p, .uploadData, organisationId: Self.org, datasetSlug: "etat-civil"))
        #expect(!Permissions.can(p, .editDataset, organisationId: Self.org, datasetSlug: nil))
    }

    @Test("a disabled user can do nothing")
    func disabled() {
        var u = Self.user(.admin)
        u.disabled = true
        for p in Permission.allCases { #expect(!Permissions.can(.user(u), p, organisationId: Self.org)) }
    }

    @Test("public reading needs both publication and public access")
    func publicRead() {
        var m = DatasetMetadata(accessLevel: .public, status: .published)
        #expect(Permissions.canReadPublicly(m))
        m.accessLevel = .restricted
        #expect(!Permissions.canReadPublicly(m))
        m = DatasetMetadata(accessLevel: .public, status: .loaded)
        #expect(!Permissions.canReadPublicly(m))
    }

    @Test("open-data obligation: at least 3,500 inhabitants and 50 agents")
    func obligation() {
        #expect(OrganisationProfile(population: 3_500, agents: 50).openDataObligation == true)
        #expect(OrganisationProfile(population: 3_499, agents: 400).openDataObligation == false)
        #expect(OrganisationProfile(population: 90_000, agents: 49).openDataObligation == false)
        #expect(OrganisationProfile(population: nil, agents: 80).openDataObligation == nil)
    }
}
