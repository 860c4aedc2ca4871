import Foundation

/// Where a data source comes from.
public enum DataOrigin: String, Codable, Sendable, CaseIterable {
    case `internal`, partner, sensor, external
}

/// Who may see a dataset.
public enum AccessLevel: String, Codable, Sendable, CaseIterable {
    case `public`, `internal`, restricted
}

/// What the data is, from the GDPR's point of view.
public enum Classification: String, Codable, Sendable, CaseIterable {
    case `public`, `internal`, personal, sensitive
}

/// Where a source stands in its life: declared in the inventory, loaded, published, archived.
public enum DatasetStatus: String, Codable, Sendable, CaseIterable {
    case declared, loaded, published, archived
}

/// The two licences allowed for public data without homologation, or none for internal data.
public enum Licence: String, Codable, Sendable, CaseIterable {
    case etalab2 = "etalab-2.0"
    case odbl = "odbl"
    case none = "none"

    public var url: String? {
        switch self {
        case .etalab2: return "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
        case .odbl: return "https://opendatacommons.org/licenses/odbl/1-0/"
        case .none: return nil
        }
    }
}

/// The dataset's description, aligned with DCAT-AP: what a catalog and the inventory show.
public struct DatasetMetadata: Codable, Sendable, Equatable {
    public var description: String
    public var keywords: [String]
    /// EU data-theme codes (AGRI, ECON, EDUC, ENER, ENVI, GOVE, HEAL, INTR, JUST, REGI, SOCI, TECH, TRAN).
    public var themes: [String]
    public var ownerServiceId: Int64?
    /// The data steward (a person's name or e-mail).
    public var steward: String?
    /// Contact point e-mail (vCard in DCAT).
    public var contactPoint: String?
    public var licence: Licence
    /// EU frequency code (DAILY, WEEKLY, MONTHLY, ANNUAL, IRREG, CONT, NEVER, UNKNOWN…).
    public var frequency: String?
    /// INSEE codes of the territory covered.
    public var spatial: [String]
    public var temporalStart: String?
    public var temporalEnd: String?
    /// URL of the schema the data conforms to (schema.data.gouv.fr).
    public var conformsTo: String?
    public var origin: DataOrigin
    /// The software or system holding the source.
    public var sourceSystem: String?
    public var accessLevel: AccessLevel
    public var classification: Classification?
    public var status: DatasetStatus
    /// Free text estimate of the volume, for declared sources ("12 000 lignes", "2 Go").
    public var volume: String?
    /// Processing activity (GDPR register) the source is linked to, by name, until the register exists.
    public var processingActivity: String?

    public init(description: String = "", keywords: [String] = [], themes: [String] = [], ownerServiceId: Int64? = nil,
                steward: String? = nil, contactPoint: String? = nil, licence: Licence = .none, frequency: String? = nil,
                spatial: [String] = [], temporalStart: String? = nil, temporalEnd: String? = nil,
                conformsTo: String? = nil, origin: DataOrigin = .internal, sourceSystem: String? = nil,
                accessLevel: AccessLevel = .internal, classification: Classification? = nil,
                status: DatasetStatus = .declared, volume: String? = nil, processingActivity: String? = nil) {
        self.description = description
        self.keywords = keywords
        self.themes = themes
        self.ownerServiceId = ownerServiceId
        self.steward = steward
        self.contactPoint = contactPoint
        self.licence = licence
        self.frequency = frequency
        self.spatial = spatial
        self.temporalStart = temporalStart
        self.temporalEnd = temporalEnd
        self.conformsTo = conformsTo
        self.origin = origin
        self.sourceSystem = sourceSystem
        self.accessLevel = accessLevel
        self.classification = classification
        self.status = status
        self.volume = volume
        self.processingActivity = processingActivity
    }

    /// What anonymous readers see: internal fields removed — the steward may be a person's name
    /// (personal data) and the processing-activity link belongs to the internal GDPR register.
    public var publicView: DatasetMetadata {
        var m = self
        m.steward = nil
        m.processingActivity = nil
        return m
    }

    /// EU data themes (publications office vocabulary), for forms and validation.
    public static let euThemes = ["AGRI", "ECON", "EDUC", "ENER", "ENVI", "GOVE", "HEAL", "INTR", "JUST", "OP_DATPRO",
                                  "REGI", "SOCI", "TECH", "TRAN"]
    /// EU frequency codes used by data.gouv.fr and DCAT-AP.
    public static let euFrequencies = ["CONT", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "BIANNUAL",
                                       "ANNUAL", "IRREG", "NEVER", "UNKNOWN"]
}
