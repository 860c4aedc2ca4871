import Foundation

/// Who is acting, as the permission rules see it.
public enum Principal: Sendable, Equatable {
    case anonymous
    /// A signed-in person (browser session or CLI run as that person).
    case user(User)
    /// An API token and the person it belongs to.
    case token(APIToken, User)
    /// The command line run by the machine's operator, or a background job: trusted.
    case system(String)

    /// The actor string written in the audit log.
    public var auditName: String {
        switch self {
        case .anonymous: return "anonymous"
        case .user(let u): return "user:\(u.id)"
        case .token(let t, _): return "token:\(t.id)"
        case .system(let name): return "system:\(name)"
        }
    }

    public var userId: Int64? {
        switch self {
        case .user(let u): return u.id
        case .token(_, let u): return u.id
        default: return nil
        }
    }

    /// A signed-in person (directly or through one of their tokens), as opposed to nobody or the system.
    public var isPerson: Bool {
        switch self {
        case .user, .token: return true
        case .anonymous, .system: return false
        }
    }
}

/// Everything a principal may try to do. The rules for all of them live in `Permissions.can`.
public enum Permission: String, Sendable, CaseIterable {
    /// See a dataset that is not published publicly (metadata, rows, revisions).
    case readPrivateDataset
    /// Declare a new source or edit a dataset's metadata.
    case editDataset
    /// Upload a new revision.
    case uploadData
    /// Publish or unpublish.
    case publishDataset
    /// See the inventory dashboard of the organisation.
    case readInventory
    /// Change the organisation's profile and services.
    case manageOrganisation
    /// Create users and give roles in the organisation.
    case manageUsers
    /// Create API tokens for oneself in the organisation.
    case createToken
    /// Read the audit log of the organisation.
    case readAudit
    /// Read the organisation's GDPR register (processing activities, processors, measures).
    case readRegister
    /// Create, edit, duplicate and archive the register's records and confirm their links to datasets.
    case editRegister
}

/// The permission rules of Socle, as pure functions, decided in one place.
///
/// Roles are per organisation and ordered agent < steward < dpo < admin:
/// - agent: reads the organisation's private datasets and inventory, declares sources, edits metadata, uploads;
/// - steward: + publishes and unpublishes;
/// - dpo: + reads the audit log (the DPO checks who read and changed what) and keeps the GDPR register
///   (every member reads it);
/// - admin: + manages the organisation's profile, services and users.
/// Every member may create API tokens for themselves. A token never exceeds its owner's role, is limited
/// to its organisation and, when it lists datasets, to those; a read-only token only reads.
public enum Permissions {
    public static func minimumRole(_ p: Permission) -> Role {
        switch p {
        case .readPrivateDataset, .editDataset, .uploadData, .readInventory, .createToken, .readRegister: return .agent
        case .publishDataset: return .steward
        case .readAudit, .editRegister: return .dpo
        case .manageOrganisation, .manageUsers: return .admin
        }
    }

    static func writes(_ p: Permission) -> Bool {
        switch p {
        case .readPrivateDataset, .readInventory, .readAudit, .readRegister: return false
        default: return true
        }
    }

    /// Whether `principal` may do `permission` in `organisationId` (on `datasetSlug` when given).
    public static func can(_ principal: Principal, _ permission: Permission, organisationId: Int64,
                           datasetSlug: String? = nil, now: Date = Date()) -> Bool {
        switch principal {
        case .anonymous:
            return false
        case .system:
            return true
        case .user(let user):
            guard !user.disabled, let role = user.role(in: organisationId) else { return false }
            return role >= minimumRole(permission)
        case .token(let token, let user):
            guard token.isValid(at: now), token.organisationId == organisationId, !user.disabled,
                  let role = user.role(in: organisationId), role >= minimumRole(permission) else { return false }
            if writes(permission) && !token.canWrite { return false }
            // Tokens never manage people or organisations, nor mint other tokens.
            if [.manageUsers, .manageOrganisation, .createToken].contains(permission) { return false }
            if let list = token.datasets {
                guard let slug = datasetSlug else { return false }
                return list.contains(slug)
            }
            return true
        }
    }

    /// Anyone may read a dataset that is published with public access.
    public static func canReadPublicly(_ metadata: DatasetMetadata) -> Bool {
        metadata.status == .published && metadata.accessLevel == .public
    }
}
