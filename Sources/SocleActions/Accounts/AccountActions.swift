import Foundation
import SocleCore
import SocleStore

/// Organisations, services, users, roles, sessions and API tokens — with their authorisation rules
/// and audit entries.
public struct AccountActions: Sendable {
    let store: any SocleStore
    public let throttle: LoginThrottle
    /// Checks a password against a stored hash (bcrypt; tests count the calls).
    let passwordCheck: @Sendable (String, String) -> Bool
    /// How long a browser session lasts without a new login.
    public static let sessionLifetime: TimeInterval = 8 * 3600

    public init(store: any SocleStore, throttle: LoginThrottle = LoginThrottle(),
                passwordCheck: @escaping @Sendable (String, String) -> Bool = Secrets.verifyPassword) {
        self.store = store
        self.throttle = throttle
        self.passwordCheck = passwordCheck
    }

    var audit: AuditRecorder { AuditRecorder(store: store) }

    // MARK: organisations and services

    public func createOrganisation(slug: String, name: String, profile: OrganisationProfile,
                                   by principal: Principal) async throws -> Organisation {
        if case .system = principal {} else {
            // Creating an organisation is an instance-level act: the operator (CLI) or an admin of any organisation.
            guard case .user(let u) = principal, u.memberships.contains(where: { $0.role == .admin }) else {
                throw SocleError(.forbidden, code: "auth.forbidden")
            }
        }
        if let siren = profile.siren, !(siren.count == 9 && siren.allSatisfy(\.isNumber)) {
            throw SocleError(.invalidInput, code: "org.invalid_siren", args: ["siren": siren])
        }
        let org = try await store.createOrganisation(slug: slug, name: name)
        try await store.setOrganisationProfile(org.id, profile, name: nil)
        try await audit.record(principal, "organisation.create", "organisation", slug,
                               ["name": name, "kind": profile.kind.rawValue])
        return org
    }

    public func updateOrganisation(_ org: Organisation, name: String?, profile: OrganisationProfile,
                                   by principal: Principal) async throws {
        try require(principal, .manageOrganisation, org.id)
        try await store.setOrganisationProfile(org.id, profile, name: name)
        try await audit.record(principal, "organisation.update", "organisation", org.slug, ["kind": profile.kind.rawValue])
    }

    public func createService(in org: Organisation, slug: String, name: String, by principal: Principal) async throws -> Service {
        try require(principal, .manageOrganisation, org.id)
        try Slug.validate(slug)
        let s = try await store.createService(organisationId: org.id, slug: slug, name: name)
        try await audit.record(principal, "service.create", "service", "\(org.slug)/\(slug)", ["name": name])
        return s
    }

    // MARK: users

    public func createUser(email: String, name: String, password: String, organisation: Organisation, role: Role,
                           by principal: Principal) async throws -> User {
        try require(principal, .manageUsers, organisation.id)
        let existing = try await store.user(email: email)
        if existing == nil { try PasswordPolicy.check(password, email: email, name: name) }
        let user: User
        if let existing {
            user = existing
        } else {
            user = try await store.createUser(email: email, name: name, passwordHash: Secrets.hashPassword(password))
        }
        try await store.setMembership(userId: user.id, organisationId: organisation.id, role: role)
        try await audit.record(principal, existing == nil ? "user.create" : "user.role", "user", user.email,
                               ["organisation": organisation.slug, "role": role.rawValue])
        return try await store.user(id: user.id) ?? user
    }

    public func setRole(user: User, organisation: Organisation, role: Role?, by principal: Principal) async throws {
        try require(principal, .manageUsers, organisation.id)
        if let role {
            try await store.setMembership(userId: user.id, organisationId: organisation.id, role: role)
        } else {
            try await store.removeMembership(userId: user.id, organisationId: organisation.id)
        }
        try await audit.record(principal, "user.role", "user", user.email,
                               ["organisation": organisation.slug, "role": role?.rawValue ?? "none"])
    }

    /// May `principal` manage this account? An administrator of one of its organisations (or the operator).
    func requireManage(_ user: User, by principal: Principal) throws {
        if case .system = principal { return }
        guard user.memberships.contains(where: { Permissions.can(principal, .manageUsers, organisationId: $0.organisationId) }) else {
            throw SocleError(.forbidden, code: "auth.forbidden")
        }
    }

    /// Sets a new password (checked by the policy), or, when none is given, generates one that is shown once.
    /// Every session of the account is closed. Returns the password set.
    @discardableResult
    public func resetPassword(_ user: User, to password: String? = nil, by principal: Principal) async throws -> String {
        try requireManage(user, by: principal)
        let new = password ?? Self.generatedPassword()
        try PasswordPolicy.check(new, email: user.email, name: user.name)
        try await store.setPasswordHash(userId: user.id, Secrets.hashPassword(new))
        try await audit.record(principal, "user.password_reset", "user", user.email, ["generated": password == nil ? "true" : "false"])
        return new
    }

    /// Disables (or enables again) an account: it can no longer sign in, its sessions are closed and its
    /// tokens refused.
    public func setDisabled(_ user: User, _ disabled: Bool, by principal: Principal) async throws {
        try requireManage(user, by: principal)
        try await store.setDisabled(userId: user.id, disabled)
        try await audit.record(principal, disabled ? "user.disable" : "user.enable", "user", user.email)
    }

    /// Four groups of random letters and digits: easy to copy, about 95 bits.
    static func generatedPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var g = SystemRandomNumberGenerator()
        return (0 ..< 4).map { _ in String((0 ..< 4).map { _ in alphabet[Int.random(in: 0 ..< alphabet.count, using: &g)] }) }
            .joined(separator: "-")
    }

    // MARK: sessions

    /// Checks a password, with throttling per e-mail and per client address. Returns the user or throws
    /// `unauthorized` (same message whether the e-mail exists or not) or `tooLarge`-free `unavailable` when throttled.
    public func login(email: String, password: String, client: String) async throws -> User {
        let keys = ["email:" + email.lowercased(), "client:" + client]
        if let wait = throttle.retryAfter(keys: keys) {
            throw SocleError(.unauthorized, code: "auth.throttled", args: ["minutes": String(Int((wait / 60).rounded(.up)))])
        }
        // The same bcrypt work whether the account exists or not, so that the answer's time does not
        // tell which e-mail addresses have an account (issue 10, finding 8).
        let user = try await store.user(email: email)
        var hash: String?
        if let user { hash = try await store.passwordHash(userId: user.id) }
        let verified = passwordCheck(password, hash ?? Secrets.unknownAccountHash)
        guard let user, !user.disabled, hash != nil, verified, password.utf8.count <= PasswordPolicy.maximumBytes else {
            throttle.recordFailure(keys: keys)
            throw SocleError(.unauthorized, code: "auth.bad_credentials")
        }
        throttle.reset(keys: keys)
        return user
    }

    /// Opens a session; returns the cookie value (shown once to the browser) and the session.
    public func openSession(for user: User, now: Date = Date()) async throws -> (cookie: String, session: Session) {
        let cookie = Secrets.random()
        let session = Session(userId: user.id, csrfToken: Secrets.random(bytes: 24), createdAt: now,
                              expiresAt: now.addingTimeInterval(Self.sessionLifetime))
        try await store.createSession(idHash: Secrets.sha256(cookie), session: session)
        try await audit.record(.user(user), "session.open", "user", user.email)
        return (cookie, session)
    }

    /// The user and session behind a cookie value, or nil when unknown or expired.
    public func resumeSession(cookie: String, now: Date = Date()) async throws -> (User, Session)? {
        let key = Secrets.sha256(cookie)
        guard let s = try await store.session(idHash: key) else { return nil }
        guard s.expiresAt > now else {
            try await store.deleteSession(idHash: key)
            return nil
        }
        guard let u = try await store.user(id: s.userId), !u.disabled else { return nil }
        return (u, s)
    }

    /// Deletes sessions expired before `now` (they are refused anyway; this keeps the table small).
    public func purgeExpiredSessions(now: Date = Date()) async throws {
        try await store.deleteExpiredSessions(before: now)
    }

    public func closeSession(cookie: String) async throws {
        try await store.deleteSession(idHash: Secrets.sha256(cookie))
    }

    // MARK: tokens

    /// Creates a token for `user` in `organisation`; the secret is returned once and never stored.
    public func createToken(for user: User, organisation: Organisation, canWrite: Bool, datasets: [String]?,
                            expiresIn: TimeInterval?, by principal: Principal, now: Date = Date()) async throws -> (secret: String, token: APIToken) {
        if case .system = principal {} else {
            guard principal.userId == user.id else { throw SocleError(.forbidden, code: "auth.forbidden") }
            try require(principal, .createToken, organisation.id)
        }
        guard user.role(in: organisation.id) != nil else {
            throw SocleError(.invalidInput, code: "auth.not_member", args: ["email": user.email, "organisation": organisation.slug])
        }
        let secret = "socle_" + Secrets.random()
        let token = try await store.createToken(userId: user.id, organisationId: organisation.id,
                                                secretHash: Secrets.sha256(secret), prefix: String(secret.prefix(12)),
                                                canWrite: canWrite, datasets: datasets,
                                                expiresAt: expiresIn.map { now.addingTimeInterval($0) })
        try await audit.record(principal, "token.create", "token", String(token.id),
                               ["user": user.email, "organisation": organisation.slug, "write": String(canWrite)])
        return (secret, token)
    }

    /// The token and its owner for a bearer secret; `unauthorized` when unknown, expired or revoked.
    public func authenticate(bearer secret: String, now: Date = Date()) async throws -> (APIToken, User) {
        guard let token = try await store.token(secretHash: Secrets.sha256(secret)) else {
            throw SocleError(.unauthorized, code: "auth.token_unknown")
        }
        if token.revokedAt != nil { throw SocleError(.unauthorized, code: "auth.token_revoked") }
        if let e = token.expiresAt, e <= now { throw SocleError(.unauthorized, code: "auth.token_expired") }
        guard let user = try await store.user(id: token.userId), !user.disabled else {
            throw SocleError(.unauthorized, code: "auth.token_unknown")
        }
        try await store.touchToken(id: token.id, at: now)
        return (token, user)
    }

    public func revokeToken(id: Int64, by principal: Principal, now: Date = Date()) async throws {
        let all = try await store.tokens(userId: nil)
        guard let token = all.first(where: { $0.id == id }) else {
            throw SocleError(.notFound, code: "store.not_found.token", args: ["slug": String(id)])
        }
        let own = principal.userId == token.userId
        if case .system = principal {} else if !own {
            try require(principal, .manageUsers, token.organisationId)
        }
        try await store.revokeToken(id: id, at: now)
        try await audit.record(principal, "token.revoke", "token", String(id))
    }

    func require(_ principal: Principal, _ permission: Permission, _ organisationId: Int64) throws {
        guard Permissions.can(principal, permission, organisationId: organisationId) else {
            if case .anonymous = principal { throw SocleError(.unauthorized, code: "auth.required") }
            throw SocleError(.forbidden, code: "auth.forbidden")
        }
    }
}
