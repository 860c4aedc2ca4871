/// A category of personal data, following the register's list (CNIL / Madis model, GDPR.md §1).
public enum DataCategory: String, Codable, Sendable, CaseIterable {
    case civilStatus, identity, familySituation, filiation, postalAddress, phone, email, bankDetails
    case financialSituation, assets, taxSituation, income, ipAddress, connectionData, location, cafNumber
    case health, nir, identityDocument, photo, tradeUnion, politicalOpinion, religiousBelief
    case ethnicOrigin, sexLife, offences, licensePlate, birthDate

    /// True for the special categories (art. 9), the NIR and offences/convictions.
    public var isSensitive: Bool {
        switch self {
        case .health, .nir, .tradeUnion, .politicalOpinion, .religiousBelief, .ethnicOrigin, .sexLife, .offences:
            return true
        default:
            return false
        }
    }

    /// The catalog key of the category's display name.
    public var catalogKey: String { "privacy.category.\(rawValue)" }
}
