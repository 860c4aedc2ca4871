/// The logical type Socle gives a column after looking at the whole file.
public enum ColumnType: String, Codable, Sendable, CaseIterable {
    case integer, number, boolean, date, datetime, code, geopoint, geometry, text

    /// How values of this type are held in a revision table.
    public var storage: StorageClass {
        switch self {
        case .integer, .boolean: return .integer
        case .number: return .real
        case .date, .datetime, .code, .geopoint, .geometry, .text: return .text
        }
    }

    /// True for the types that carry a position on a map.
    public var isGeographic: Bool { self == .geopoint || self == .geometry }
}

/// Physical storage of a column, common to both backends.
public enum StorageClass: String, Codable, Sendable {
    case integer, real, text
}
