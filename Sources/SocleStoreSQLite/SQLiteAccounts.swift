import Foundation
import GRDB
import SocleCore
import SocleStore

/// `AccountStore` on SQLite: organisation profiles, services, users, memberships, tokens, sessions.
extension SQLiteStore {
    // MARK: organisations and services

    public func organisationProfile(_ organisationId: Int64) async throws -> OrganisationProfile {
        try await reading { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT kind, siren, population, agents FROM organisations WHERE id = ?",
                                             arguments: [organisationId]) else {
                throw StoreError.notFound("organisation", String(organisationId))
            }
            return OrganisationProfile(kind: OrganisationKind(rawValue: row["kind"]) ?? .commune, siren: row["siren"],
                                       population: row["population"], agents: row["agents"])
        }
    }

    public func setOrganisationProfile(_ organisationId: Int64, _ profile: OrganisationProfile, name: String?) async throws {
        let p = try PlatformRules.validated(profile)
        let newName = try name.map(PlatformRules.requiredName)
        try await writing { db in
            try db.execute(sql: """
                UPDATE organisations SET kind = ?, siren = ?, population = ?, agents = ?, name = COALESCE(?, name) WHERE id = ?
                """, arguments: [p.kind.rawValue, p.siren, p.population, p.agents, newName, organisationId])
            if db.changesCount == 0 { throw StoreError.notFound("organisation", String(organisationId)) }
        }
    }

    public func services(organisationId: Int64) async throws -> [Service] {
        try await reading { db in
            try Row.fetchAll(db, sql: "SELECT id, organisation_id, slug, name FROM services WHERE organisation_id = ? ORDER BY slug",
                             arguments: [organisationId]).map {
                Service(id: $0["id"], organisationId: $0["organisation_id"], slug: $0["slug"], name: $0["name"])
            }
        }
    }

    public func createService(organisationId: Int64, slug: String, name: String) async throws -> Service {
        try Slug.validate(slug)
        let clean = try PlatformRules.requiredName(name)
        return try await writing { db in
            try Self.requireOrganisation(db, organisationId)
            do {
                try db.execute(sql: "INSERT INTO services (organisation_id, slug, name) VALUES (?, ?, ?)",
                               arguments: [organisationId, slug, clean])
            } catch let error where Self.isUniqueViolation(error) {
                throw StoreError.conflict("service", slug)
            }
            return Service(id: db.lastInsertedRowID, organisationId: organisationId, slug: slug, name: clean)
        }
    }

    // MARK: users and memberships

    public func createUser(email: String, name: String, passwordHash: String) async throws -> User {
        let e = try PlatformRules.normalisedEmail(email)
        let clean = name.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await writing { db in
            do {
                try db.execute(sql: "INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, ?, ?)",
                               arguments: [e, clean, passwordHash, StoreSupport.isoString(Date())])
            } catch let error where Self.isUniqueViolation(error) {
                throw StoreError.conflict("user", e)
            }
            return User(id: db.lastInsertedRowID, email: e, name: clean, memberships: [])
        }
    }

    public func user(id: Int64) async throws -> User? {
        try await reading { db in try Self.fetchUsers(db, "WHERE id = ?", [id]).first }
    }

    public func user(email: String) async throws -> User? {
        let e = PlatformRules.lookupEmail(email)
        return try await reading { db in try Self.fetchUsers(db, "WHERE email = ?", [e]).first }
    }

    public func users() async throws -> [User] {
        try await reading { db in try Self.fetchUsers(db, "ORDER BY email", []) }
    }

    /// Users with their memberships (ordered by organisation id), in two queries.
    static func fetchUsers(_ db: Database, _ clause: String, _ arguments: StatementArguments) throws -> [User] {
        var users = try Row.fetchAll(db, sql: "SELECT id, email, name, disabled FROM users \(clause)", arguments: arguments).map {
            User(id: $0["id"], email: $0["email"], name: $0["name"], memberships: [], disabled: ($0["disabled"] as Int64) != 0)
        }
        guard !users.isEmpty else { return [] }
        // Ids are integers read from the database, so inlining them is safe.
        let ids = users.map { String($0.id) }.joined(separator: ",")
        var byUser: [Int64: [Membership]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT user_id, organisation_id, role FROM memberships WHERE user_id IN (\(ids)) ORDER BY organisation_id
            """) {
            guard let role = Role(rawValue: row["role"]) else { continue }
            byUser[row["user_id"], default: []].append(Membership(organisationId: row["organisation_id"], role: role))
        }
        for i in users.indices { users[i].memberships = byUser[users[i].id] ?? [] }
        return users
    }

    public func passwordHash(userId: Int64) async throws -> String? {
        try await reading { db in
            try String.fetchOne(db, sql: "SELECT password_hash FROM users WHERE id = ?", arguments: [userId])
        }
    }

    public func setPasswordHash(userId: Int64, _ hash: String) async throws {
        try await writing { db in
            try Self.requireUser(db, userId)
            try db.execute(sql: "UPDATE users SET password_hash = ? WHERE id = ?", arguments: [hash, userId])
            try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [userId])
        }
    }

    public func setDisabled(userId: Int64, _ disabled: Bool) async throws {
        try await writing { db in
            try Self.requireUser(db, userId)
            try db.execute(sql: "UPDATE users SET disabled = ? WHERE id = ?", arguments: [disabled ? 1 : 0, userId])
            if disabled { try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [userId]) }
        }
    }

    public func setMembership(userId: Int64, organisationId: Int64, role: Role) async throws {
        try await writing { db in
            try Self.requireUser(db, userId)
            try Self.requireOrganisation(db, organisationId)
            try db.execute(sql: """
                INSERT INTO memberships (user_id, organisation_id, role) VALUES (?, ?, ?)
                ON CONFLICT (user_id, organisation_id) DO UPDATE SET role = excluded.role
                """, arguments: [userId, organisationId, role.rawValue])
        }
    }

    public func removeMembership(userId: Int64, organisationId: Int64) async throws {
        try await writing { db in
            try db.execute(sql: "DELETE FROM memberships WHERE user_id = ? AND organisation_id = ?",
                           arguments: [userId, organisationId])
        }
    }

    // MARK: API tokens

    static let tokenColumns = """
        id, user_id, organisation_id, prefix, can_write, datasets_json, created_at, expires_at, revoked_at, last_used_at
        """

    public func createToken(userId: Int64, organisationId: Int64, secretHash: String, prefix: String, canWrite: Bool,
                            datasets: [String]?, expiresAt: Date?) async throws -> APIToken {
        try PlatformRules.validateHash(secretHash)
        let now = Date()
        return try await writing { db in
            try Self.requireUser(db, userId)
            try Self.requireOrganisation(db, organisationId)
            do {
                try db.execute(sql: """
                    INSERT INTO api_tokens (user_id, organisation_id, secret_hash, prefix, can_write, datasets_json, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [userId, organisationId, secretHash, prefix, canWrite ? 1 : 0,
                                     datasets.map(StoreSupport.encodeJSON), StoreSupport.isoString(now), Self.iso(expiresAt)])
            } catch let error where Self.isUniqueViolation(error) {
                throw StoreError.conflict("token", prefix)
            }
            return APIToken(id: db.lastInsertedRowID, userId: userId, organisationId: organisationId, prefix: prefix,
                            canWrite: canWrite, datasets: datasets, createdAt: now, expiresAt: expiresAt,
                            revokedAt: nil, lastUsedAt: nil)
        }
    }

    public func token(secretHash: String) async throws -> APIToken? {
        try await reading { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.tokenColumns) FROM api_tokens WHERE secret_hash = ?",
                             arguments: [secretHash]).map(Self.token)
        }
    }

    public func tokens(userId: Int64?) async throws -> [APIToken] {
        try await reading { db in
            let rows = if let userId {
                try Row.fetchAll(db, sql: "SELECT \(Self.tokenColumns) FROM api_tokens WHERE user_id = ? ORDER BY id",
                                 arguments: [userId])
            } else {
                try Row.fetchAll(db, sql: "SELECT \(Self.tokenColumns) FROM api_tokens ORDER BY id")
            }
            return try rows.map(Self.token)
        }
    }

    static func token(_ row: Row) throws -> APIToken {
        let datasets: String? = row["datasets_json"]
        return APIToken(id: row["id"], userId: row["user_id"], organisationId: row["organisation_id"], prefix: row["prefix"],
                        canWrite: (row["can_write"] as Int64) != 0,
                        datasets: try datasets.map { try StoreSupport.decodeJSON([String].self, $0) },
                        createdAt: date(row["created_at"]) ?? Date(timeIntervalSince1970: 0),
                        expiresAt: date(row["expires_at"]), revokedAt: date(row["revoked_at"]),
                        lastUsedAt: date(row["last_used_at"]))
    }

    public func revokeToken(id: Int64, at: Date) async throws {
        try await writing { db in
            // The first revocation time is the one that counts.
            try db.execute(sql: "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?",
                           arguments: [StoreSupport.isoString(at), id])
            if db.changesCount == 0 { throw StoreError.notFound("token", String(id)) }
        }
    }

    public func touchToken(id: Int64, at: Date) async throws {
        try await writing { db in
            try db.execute(sql: "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", arguments: [StoreSupport.isoString(at), id])
            if db.changesCount == 0 { throw StoreError.notFound("token", String(id)) }
        }
    }

    // MARK: sessions

    public func createSession(idHash: String, session: Session) async throws {
        try PlatformRules.validateHash(idHash)
        try await writing { db in
            try Self.requireUser(db, session.userId)
            try db.execute(sql: "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [idHash, session.userId, session.csrfToken, StoreSupport.isoString(session.createdAt),
                                       StoreSupport.isoString(session.expiresAt)])
        }
    }

    public func session(idHash: String) async throws -> Session? {
        try await reading { db in
            try Row.fetchOne(db, sql: "SELECT user_id, csrf_token, created_at, expires_at FROM sessions WHERE id_hash = ?",
                             arguments: [idHash]).map {
                Session(userId: $0["user_id"], csrfToken: $0["csrf_token"],
                        createdAt: Self.date($0["created_at"]) ?? Date(timeIntervalSince1970: 0),
                        expiresAt: Self.date($0["expires_at"]) ?? Date(timeIntervalSince1970: 0))
            }
        }
    }

    public func deleteSession(idHash: String) async throws {
        try await writing { db in try db.execute(sql: "DELETE FROM sessions WHERE id_hash = ?", arguments: [idHash]) }
    }

    public func deleteExpiredSessions(before: Date) async throws {
        // Fixed-width UTC ISO 8601 text sorts like the instants it names.
        try await writing { db in
            try db.execute(sql: "DELETE FROM sessions WHERE expires_at <= ?", arguments: [StoreSupport.isoString(before)])
        }
    }
}
