import Foundation
import PostgresNIO
import SocleCore
import SocleStore

/// `AccountStore` on PostgreSQL: organisation profiles, services, users, memberships, tokens, sessions.
extension PostgresStore {
    // MARK: organisations and services

    public func organisationProfile(_ organisationId: Int64) async throws -> OrganisationProfile {
        try await connection { conn in
            let rows = try await self.all(conn, "SELECT kind, siren, population, agents FROM organisations WHERE id = \(organisationId)") {
                try $0.decode((String, String?, Int32?, Int32?).self)
            }
            guard let (kind, siren, population, agents) = rows.first else {
                throw StoreError.notFound("organisation", String(organisationId))
            }
            return OrganisationProfile(kind: OrganisationKind(rawValue: kind) ?? .commune, siren: siren,
                                       population: population.map(Int.init), agents: agents.map(Int.init))
        }
    }

    public func setOrganisationProfile(_ organisationId: Int64, _ profile: OrganisationProfile, name: String?) async throws {
        let p = try PlatformRules.validated(profile)
        let newName = try name.map(PlatformRules.requiredName)
        let population = p.population.map { Int32($0) }, agents = p.agents.map { Int32($0) }
        try await connection { conn in
            let n = try await self.run(conn, """
                UPDATE organisations SET kind = \(p.kind.rawValue), siren = \(p.siren), population = \(population),
                    agents = \(agents), name = COALESCE(\(newName), name)
                WHERE id = \(organisationId) RETURNING 1
                """)
            if n == 0 { throw StoreError.notFound("organisation", String(organisationId)) }
        }
    }

    public func services(organisationId: Int64) async throws -> [Service] {
        try await connection { conn in
            try await self.all(conn, "SELECT id, organisation_id, slug, name FROM services WHERE organisation_id = \(organisationId) ORDER BY slug COLLATE \"C\"") {
                let (id, org, slug, name) = try $0.decode((Int64, Int64, String, String).self)
                return Service(id: id, organisationId: org, slug: slug, name: name)
            }
        }
    }

    public func createService(organisationId: Int64, slug: String, name: String) async throws -> Service {
        try Slug.validate(slug)
        let clean = try PlatformRules.requiredName(name)
        return try await transaction { conn in
            try await self.requireOrganisation(conn, organisationId)
            let ids = try await self.insertingUnique(conflict: ("service", slug)) {
                try await self.all(conn, """
                    INSERT INTO services (organisation_id, slug, name) VALUES (\(organisationId), \(slug), \(clean)) RETURNING id
                    """) { try $0.decode(Int64.self) }
            }
            return Service(id: try Self.first(ids), organisationId: organisationId, slug: slug, name: clean)
        }
    }

    /// Runs an insert, turning a unique violation into `conflict` for the given object.
    func insertingUnique<T>(conflict: (String, String), _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error where Self.isUniqueViolation(error) {
            throw StoreError.conflict(conflict.0, conflict.1)
        }
    }

    static func first<T>(_ values: [T]) throws -> T {
        guard let v = values.first else { throw SocleError(.internalError, code: "store.insert_failed") }
        return v
    }

    // MARK: users and memberships

    public func createUser(email: String, name: String, passwordHash: String) async throws -> User {
        let e = try PlatformRules.normalisedEmail(email)
        let clean = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let now = Date()
        return try await connection { conn in
            let ids = try await self.insertingUnique(conflict: ("user", e)) {
                try await self.all(conn, """
                    INSERT INTO users (email, name, password_hash, created_at) VALUES (\(e), \(clean), \(passwordHash), \(now)) RETURNING id
                    """) { try $0.decode(Int64.self) }
            }
            return User(id: try Self.first(ids), email: e, name: clean, memberships: [])
        }
    }

    public func user(id: Int64) async throws -> User? {
        try await connection { conn in try await self.fetchUsers(conn, "SELECT id, email, name, disabled FROM users WHERE id = \(id)").first }
    }

    public func user(email: String) async throws -> User? {
        let e = PlatformRules.lookupEmail(email)
        return try await connection { conn in
            try await self.fetchUsers(conn, "SELECT id, email, name, disabled FROM users WHERE email = \(e)").first
        }
    }

    public func users() async throws -> [User] {
        try await connection { conn in try await self.fetchUsers(conn, "SELECT id, email, name, disabled FROM users ORDER BY email COLLATE \"C\"") }
    }

    /// Users with their memberships (ordered by organisation id), in two queries.
    func fetchUsers(_ conn: PostgresConnection, _ query: PostgresQuery) async throws -> [User] {
        var users = try await all(conn, query) {
            let (id, email, name, disabled) = try $0.decode((Int64, String, String, Bool).self)
            return User(id: id, email: email, name: name, memberships: [], disabled: disabled)
        }
        guard !users.isEmpty else { return [] }
        let ids = users.map(\.id)
        var byUser: [Int64: [Membership]] = [:]
        let rows = try await all(conn, """
            SELECT user_id, organisation_id, role FROM memberships WHERE user_id = ANY(\(ids)) ORDER BY organisation_id
            """) { try $0.decode((Int64, Int64, String).self) }
        for (user, org, role) in rows {
            guard let r = Role(rawValue: role) else { continue }
            byUser[user, default: []].append(Membership(organisationId: org, role: r))
        }
        for i in users.indices { users[i].memberships = byUser[users[i].id] ?? [] }
        return users
    }

    public func passwordHash(userId: Int64) async throws -> String? {
        try await connection { conn in
            try await self.all(conn, "SELECT password_hash FROM users WHERE id = \(userId)") { try $0.decode(String.self) }.first
        }
    }

    public func setPasswordHash(userId: Int64, _ hash: String) async throws {
        try await transaction { conn in
            try await self.requireUser(conn, userId)
            try await self.run(conn, "UPDATE users SET password_hash = \(hash) WHERE id = \(userId)")
            try await self.run(conn, "DELETE FROM sessions WHERE user_id = \(userId)")
        }
    }

    public func setDisabled(userId: Int64, _ disabled: Bool) async throws {
        try await transaction { conn in
            try await self.requireUser(conn, userId)
            try await self.run(conn, "UPDATE users SET disabled = \(disabled) WHERE id = \(userId)")
            if disabled { try await self.run(conn, "DELETE FROM sessions WHERE user_id = \(userId)") }
        }
    }

    public func setMembership(userId: Int64, organisationId: Int64, role: Role) async throws {
        try await transaction { conn in
            try await self.requireUser(conn, userId)
            try await self.requireOrganisation(conn, organisationId)
            try await self.run(conn, """
                INSERT INTO memberships (user_id, organisation_id, role) VALUES (\(userId), \(organisationId), \(role.rawValue))
                ON CONFLICT (user_id, organisation_id) DO UPDATE SET role = excluded.role
                """)
        }
    }

    public func removeMembership(userId: Int64, organisationId: Int64) async throws {
        try await connection { conn in
            try await self.run(conn, "DELETE FROM memberships WHERE user_id = \(userId) AND organisation_id = \(organisationId)")
        }
    }

    // MARK: API tokens

    static let tokenSelect = """
        SELECT id, user_id, organisation_id, prefix, can_write, datasets_json, created_at, expires_at, revoked_at, last_used_at
        FROM api_tokens
        """

    public func createToken(userId: Int64, organisationId: Int64, secretHash: String, prefix: String, canWrite: Bool,
                            datasets: [String]?, expiresAt: Date?) async throws -> APIToken {
        try PlatformRules.validateHash(secretHash)
        let now = Date()
        let json = datasets.map(StoreSupport.encodeJSON)
        return try await transaction { conn in
            try await self.requireUser(conn, userId)
            try await self.requireOrganisation(conn, organisationId)
            let ids = try await self.insertingUnique(conflict: ("token", prefix)) {
                try await self.all(conn, """
                    INSERT INTO api_tokens (user_id, organisation_id, secret_hash, prefix, can_write, datasets_json, created_at, expires_at)
                    VALUES (\(userId), \(organisationId), \(secretHash), \(prefix), \(canWrite), \(json), \(now), \(expiresAt))
                    RETURNING id
                    """) { try $0.decode(Int64.self) }
            }
            return APIToken(id: try Self.first(ids), userId: userId, organisationId: organisationId, prefix: prefix,
                            canWrite: canWrite, datasets: datasets, createdAt: now, expiresAt: expiresAt,
                            revokedAt: nil, lastUsedAt: nil)
        }
    }

    public func token(secretHash: String) async throws -> APIToken? {
        try await connection { conn in
            try await self.all(conn, PostgresQuery(unsafeSQL: Self.tokenSelect + " WHERE secret_hash = $1",
                                                   binds: Self.binds(secretHash)), Self.token).first
        }
    }

    public func tokens(userId: Int64?) async throws -> [APIToken] {
        try await connection { conn in
            let q = if let userId {
                PostgresQuery(unsafeSQL: Self.tokenSelect + " WHERE user_id = $1 ORDER BY id", binds: Self.binds(userId))
            } else {
                PostgresQuery(unsafeSQL: Self.tokenSelect + " ORDER BY id")
            }
            return try await self.all(conn, q, Self.token)
        }
    }

    static func token(_ row: PostgresRow) throws -> APIToken {
        let (id, user, org, prefix, canWrite, json, created, expires, revoked, used) =
            try row.decode((Int64, Int64, Int64, String, Bool, String?, Date, Date?, Date?, Date?).self)
        return APIToken(id: id, userId: user, organisationId: org, prefix: prefix, canWrite: canWrite,
                        datasets: try json.map { try StoreSupport.decodeJSON([String].self, $0) },
                        createdAt: created, expiresAt: expires, revokedAt: revoked, lastUsedAt: used)
    }

    public func revokeToken(id: Int64, at: Date) async throws {
        try await connection { conn in
            // The first revocation time is the one that counts.
            let n = try await self.run(conn, "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, \(at)) WHERE id = \(id) RETURNING 1")
            if n == 0 { throw StoreError.notFound("token", String(id)) }
        }
    }

    public func touchToken(id: Int64, at: Date) async throws {
        try await connection { conn in
            let n = try await self.run(conn, "UPDATE api_tokens SET last_used_at = \(at) WHERE id = \(id) RETURNING 1")
            if n == 0 { throw StoreError.notFound("token", String(id)) }
        }
    }

    // MARK: sessions

    public func createSession(idHash: String, session: Session) async throws {
        try PlatformRules.validateHash(idHash)
        try await transaction { conn in
            try await self.requireUser(conn, session.userId)
            try await self.run(conn, """
                INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at)
                VALUES (\(idHash), \(session.userId), \(session.csrfToken), \(session.createdAt), \(session.expiresAt))
                """)
        }
    }

    public func session(idHash: String) async throws -> Session? {
        try await connection { conn in
            try await self.all(conn, "SELECT user_id, csrf_token, created_at, expires_at FROM sessions WHERE id_hash = \(idHash)") {
                let (user, csrf, created, expires) = try $0.decode((Int64, String, Date, Date).self)
                return Session(userId: user, csrfToken: csrf, createdAt: created, expiresAt: expires)
            }.first
        }
    }

    public func deleteSession(idHash: String) async throws {
        try await connection { conn in try await self.run(conn, "DELETE FROM sessions WHERE id_hash = \(idHash)") }
    }

    public func deleteExpiredSessions(before: Date) async throws {
        try await connection { conn in try await self.run(conn, "DELETE FROM sessions WHERE expires_at <= \(before)") }
    }
}
