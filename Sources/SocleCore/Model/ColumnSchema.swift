/// One column of a revision: its safe SQL name, the label found in the file, its type and why.
public struct ColumnSchema: Codable, Sendable, Equatable {
    /// Safe, unique, non-empty identifier (`[a-z_][a-z0-9_]*`), used in SQL and APIs.
    public var name: String
    /// The header exactly as written in the source file (may be empty or contain newlines).
    public var label: String
    public var type: ColumnType
    /// Type-specific parsing details the converter needs (e.g. date order), decided at inference.
    public var format: ColumnFormat
    public var evidence: TypeEvidence

    public init(name: String, label: String, type: ColumnType,
                format: ColumnFormat = ColumnFormat(), evidence: TypeEvidence = TypeEvidence()) {
        self.name = name
        self.label = label
        self.type = type
        self.format = format
        self.evidence = evidence
    }

    /// A column Socle added (the geopoint made from a latitude and a longitude column), not one of the file's.
    public var isDerived: Bool { format.latitudeColumn != nil }
}

/// Parsing details decided once per column by the whole-file inference.
public struct ColumnFormat: Codable, Sendable, Equatable {
    /// For dates: true when day comes before month (dd/mm/yyyy), the French convention.
    public var dayFirst: Bool?
    /// For numbers: the decimal separator seen ("," or ".").
    public var decimalSeparator: String?
    /// For booleans: true for a checkbox column (only `x` and empty cells), where empty means false.
    public var emptyIsFalse: Bool?
    /// For geopoints built from a pair of columns: the names of the lat and lon source columns.
    public var latitudeColumn: String?
    public var longitudeColumn: String?
    /// What the values mean (`SemanticFormat` raw value, e.g. "siret"), when one format fits the column.
    public var semantic: String?
    /// For numbers written with a unit: the unit ("EUR", "%"), dropped from the stored values.
    public var unit: String?
    /// For codes exported as floats (`21860194600000.0`): the `.0` is dropped when storing.
    public var dropsDecimalZero: Bool?
    /// The dataset's own "no value" markers this revision was loaded with (on top of the built-in
    /// list); the next load of the dataset reuses them unless it is given its own.
    public var nullMarkers: [String]?

    public init(dayFirst: Bool? = nil, decimalSeparator: String? = nil, emptyIsFalse: Bool? = nil,
                latitudeColumn: String? = nil, longitudeColumn: String? = nil) {
        self.dayFirst = dayFirst
        self.emptyIsFalse = emptyIsFalse
        self.decimalSeparator = decimalSeparator
        self.latitudeColumn = latitudeColumn
        self.longitudeColumn = longitudeColumn
    }
}

/// What the inference saw in a column: how many values matched each type, nulls, counter-examples.
public struct TypeEvidence: Codable, Sendable, Equatable {
    /// Non-null values seen.
    public var values: Int
    public var nulls: Int
    /// For each candidate type, how many non-null values matched it.
    public var matches: [String: Int]
    /// A few values that did not match the next-best type (why a column fell back), truncated.
    public var counterExamples: [String]
    /// Up to 3 sample values as found in the file.
    public var samples: [String]
    /// Notes for the report (catalog keys), e.g. the day-first decision and the value that decided it.
    public var notes: [Notice]

    public init(values: Int = 0, nulls: Int = 0, matches: [String: Int] = [:],
                counterExamples: [String] = [], samples: [String] = [], notes: [Notice] = []) {
        self.values = values
        self.nulls = nulls
        self.matches = matches
        self.counterExamples = counterExamples
        self.samples = samples
        self.notes = notes
    }
}
