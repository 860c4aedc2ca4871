import SocleCore

/// One verification of the result; the dataset is cleared only when every check passed.
public struct AnonymisationCheck: Codable, Sendable, Equatable {
    /// What was verified.
    public enum Kind: String, Codable, Sendable {
        /// A personal or sensitive column was dropped, generalised, aggregated or protected by k-anonymity.
        case personalColumn
        /// The column had a verdict given or confirmed by the classification.
        case classification
        /// k-anonymity over the quasi-identifiers (or the aggregation's k) was reached.
        case kAnonymity
        /// Every column that looks like a quasi-identifier is among the checked quasi-identifiers.
        case quasiIdentifiers
        /// A generalised point does not keep its exact latitude/longitude source columns.
        case geoSources
    }

    public var kind: Kind
    /// The column concerned, when the check is about one column.
    public var column: String?
    public var passed: Bool
    /// The sentence to show (catalog key `anonymisation.check.*` with arguments).
    public var notice: Notice

    public init(kind: Kind, column: String? = nil, passed: Bool, notice: Notice) {
        self.kind = kind
        self.column = column
        self.passed = passed
        self.notice = notice
    }
}
