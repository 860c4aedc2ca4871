import Foundation

/// The kinds of organisation that share a Socle instance.
public enum OrganisationKind: String, Codable, Sendable, CaseIterable {
    case commune, ccas, cias, epci, syndicat, departement, region, partner
}

/// The registration details of an organisation, and the open-data obligation they imply.
public struct OrganisationProfile: Codable, Sendable, Equatable {
    public var kind: OrganisationKind
    public var siren: String?
    public var population: Int?
    public var agents: Int?

    public init(kind: OrganisationKind = .commune, siren: String? = nil, population: Int? = nil, agents: Int? = nil) {
        self.kind = kind
        self.siren = siren
        self.population = population
        self.agents = agents
    }

    /// Open data by default (CRPA L312-1-1): at least 3,500 inhabitants and at least 50 agents.
    /// Unknown figures mean the obligation cannot be established (nil).
    public var openDataObligation: Bool? {
        guard let p = population, let a = agents else { return nil }
        return p >= 3_500 && a >= 50
    }
}

/// A service (department) of an organisation: urbanisme, finances, écoles…
public struct Service: Codable, Sendable, Equatable {
    public var id: Int64
    public var organisationId: Int64
    public var slug: String
    public var name: String
    public init(id: Int64, organisationId: Int64, slug: String, name: String) {
        self.id = id
        self.organisationId = organisationId
        self.slug = slug
        self.name = name
    }
}

/// What a person may do in one organisation. One person may hold roles in several organisations.
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    case agent, steward, dpo, admin

    private var rank: Int {
        switch self {
        case .agent: return 0
        case .steward: return 1
        case .dpo: return 2
        case .admin: return 3
        }
    }
    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }
}

/// A user's role in one organisation.
public struct Membership: Codable, Sendable, Equatable, Hashable {
    public var organisationId: Int64
    public var role: Role
    public init(organisationId: Int64, role: Role) {
        self.organisationId = organisationId
        self.role = role
    }
}

/// A person with an account.
public struct User: Codable, Sendable, Equatable {
    public var id: Int64
    public var email: String
    public var name: String
    public var memberships: [Membership]
    public var disabled: Bool
    public init(id: Int64, email: String, name: String, memberships: [Membership], disabled: Bool = false) {
        self.id = id
        self.email = email
        self.name = name
        self.memberships = memberships
        self.disabled = disabled
    }

    public func role(in organisationId: Int64) -> Role? {
        memberships.first { $0.organisationId == organisationId }?.role
    }
}

/// An API token: shown once, stored as a SHA-256 hash, scoped to one organisation, read or write,
/// optionally to a list of datasets, with an expiry and a revocation time.
public struct APIToken: Codable, Sendable, Equatable {
    public var id: Int64
    public var userId: Int64
    public var organisationId: Int64
    /// The first characters of the token, to recognise it in listings.
    public var prefix: String
    public var canWrite: Bool
    /// Dataset slugs the token is limited to; nil = every dataset of the organisation.
    public var datasets: [String]?
    public var createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?
    public var lastUsedAt: Date?

    public init(id: Int64, userId: Int64, organisationId: Int64, prefix: String, canWrite: Bool,
                datasets: [String]?, createdAt: Date, expiresAt: Date?, revokedAt: Date?, lastUsedAt: Date?) {
        self.id = id
        self.userId = userId
        self.organisationId = organisationId
        self.prefix = prefix
        self.canWrite = canWrite
        self.datasets = datasets
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }

    public func isValid(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { $0 > now } ?? true)
    }
}

/// A browser session: the cookie value is random; the store keeps only its hash.
public struct Session: Codable, Sendable, Equatable {
    public var userId: Int64
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date
    public init(userId: Int64, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.userId = userId
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
