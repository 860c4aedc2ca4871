import Foundation
import SocleCore

// Page models of the administration pages and the audit log.
// (Shared types are in PageModels.swift.)

/// An organisation row of `/admin/organisations`.
public struct AdminOrganisationRow: Sendable {
    public var slug: String
    public var name: String
    public var profile: OrganisationProfile
    public var serviceCount: Int
    public var userCount: Int
    public init(slug: String, name: String, profile: OrganisationProfile, serviceCount: Int = 0, userCount: Int = 0) {
        self.slug = slug
        self.name = name
        self.profile = profile
        self.serviceCount = serviceCount
        self.userCount = userCount
    }
}

/// `/admin/organisations`: list + create form (POST there: `slug`, `name`, `kind`, `siren`,
/// `population`, `agents`).
public struct AdminOrganisationsPage: PageModel {
    public var organisations: [AdminOrganisationRow]
    /// Values to refill the form with after a refusal, by field name.
    public var form: [String: String]
    /// Localised messages by field name.
    public var errors: [String: String]
    public init(organisations: [AdminOrganisationRow], form: [String: String] = [:], errors: [String: String] = [:]) {
        self.organisations = organisations
        self.form = form
        self.errors = errors
    }
}

/// An organisation and its services, for `/admin/services`.
public struct AdminServiceGroup: Sendable {
    public var organisationSlug: String
    public var organisationName: String
    public var services: [ServiceSummary]
    public init(organisationSlug: String, organisationName: String, services: [ServiceSummary]) {
        self.organisationSlug = organisationSlug
        self.organisationName = organisationName
        self.services = services
    }
}

/// `/admin/services`: services per organisation + create form (POST there: `organisation`, `slug`, `name`).
public struct AdminServicesPage: PageModel {
    public var groups: [AdminServiceGroup]
    /// Organisations the viewer administers (value: slug).
    public var organisations: [Choice]
    public var form: [String: String]
    public var errors: [String: String]
    public init(groups: [AdminServiceGroup], organisations: [Choice], form: [String: String] = [:],
                errors: [String: String] = [:]) {
        self.groups = groups
        self.organisations = organisations
        self.form = form
        self.errors = errors
    }
}

/// A user's role in one organisation, by name.
public struct MembershipRow: Sendable {
    public var organisationName: String
    public var role: Role
    public init(organisationName: String, role: Role) {
        self.organisationName = organisationName
        self.role = role
    }
}

/// A user row of `/admin/users`.
public struct UserRow: Sendable {
    public var email: String
    public var name: String
    public var memberships: [MembershipRow]
    public var disabled: Bool
    public init(email: String, name: String, memberships: [MembershipRow], disabled: Bool = false) {
        self.email = email
        self.name = name
        self.memberships = memberships
        self.disabled = disabled
    }
}

/// `/admin/users`: list + create form (POST there: `email`, `name`, `organisation`, `role`, `password`).
/// Posting an existing e-mail with another organisation adds a role (a shared DPO).
public struct AdminUsersPage: PageModel {
    public var users: [UserRow]
    public var organisations: [Choice]
    public var form: [String: String]
    public var errors: [String: String]
    public init(users: [UserRow], organisations: [Choice], form: [String: String] = [:], errors: [String: String] = [:]) {
        self.users = users
        self.organisations = organisations
        self.form = form
        self.errors = errors
    }
}

/// A token row of `/admin/tokens` (never the secret).
public struct TokenRow: Sendable {
    public var id: Int64
    public var prefix: String
    public var userEmail: String
    public var organisationName: String
    public var canWrite: Bool
    /// nil: every dataset of the organisation.
    public var datasets: [String]?
    public var createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?
    public var lastUsedAt: Date?
    public init(id: Int64, prefix: String, userEmail: String, organisationName: String, canWrite: Bool,
                datasets: [String]? = nil, createdAt: Date, expiresAt: Date? = nil, revokedAt: Date? = nil,
                lastUsedAt: Date? = nil) {
        self.id = id
        self.prefix = prefix
        self.userEmail = userEmail
        self.organisationName = organisationName
        self.canWrite = canWrite
        self.datasets = datasets
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }
}

/// `/admin/tokens`: the viewer's tokens (all of them for an admin), revoke buttons (POST
/// `/admin/tokens/{id}/revoke`), create form (POST `/admin/tokens`: `organisation`, `write` = "on",
/// `expiresDays`, `datasets` comma-separated). `newToken` is shown once, right after creation.
public struct AdminTokensPage: PageModel {
    public var tokens: [TokenRow]
    public var organisations: [Choice]
    public var newToken: String?
    public var form: [String: String]
    public var errors: [String: String]
    public init(tokens: [TokenRow], organisations: [Choice], newToken: String? = nil, form: [String: String] = [:],
                errors: [String: String] = [:]) {
        self.tokens = tokens
        self.organisations = organisations
        self.newToken = newToken
        self.form = form
        self.errors = errors
    }
}

/// `/admin/audit?actor=…&action=…&objectType=…&page=…`: the hash-chained log, filtered.
public struct AuditPage: PageModel {
    public var entries: [AuditEntry]
    public var actor: String
    public var action: String
    public var objectType: String
    public var paging: Paging
    /// Readable names for actors ("user:12" → "dpo@vire.fr"), when known.
    public var actorNames: [String: String]
    /// Result of the last chain check, when the server ran one (true: intact).
    public var chainIntact: Bool?
    /// The sentence filters (see `AuditFilter` in SocleActions): action family, organisation, dataset, dates (yyyy-mm-dd).
    public var family = "", organisation = "", dataset = "", from = "", to = ""
    /// Choices of the filters: organisations (slug, name), families present in the log.
    public var organisations: [(slug: String, name: String)] = []
    public var families: [String] = []
    /// People's display names and the titles of the datasets the entries name.
    public var people: [String: String] = [:]
    public var datasetTitles: [String: String] = [:]
    /// A filter's value refused (e.g. a malformed date), with its message.
    public var filterErrors: [String: String] = [:]
    public init(entries: [AuditEntry], actor: String = "", action: String = "", objectType: String = "",
                paging: Paging, actorNames: [String: String] = [:], chainIntact: Bool? = nil) {
        self.entries = entries
        self.actor = actor
        self.action = action
        self.objectType = objectType
        self.paging = paging
        self.actorNames = actorNames
        self.chainIntact = chainIntact
    }
}
