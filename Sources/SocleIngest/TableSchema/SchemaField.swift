import Foundation

/// The logical types of the Table Schema specification (frictionless), as schema.data.gouv.fr uses them.
public enum FieldType: String, Codable, Sendable, CaseIterable {
    case string, number, integer, boolean, object, array, date, time, datetime, year, yearmonth
    case duration, geopoint, geojson, any
}

/// A constraint value as the schema wrote it: a JSON string is read with the field's own lexical rules,
/// a JSON number or boolean is taken as is.
public enum ConstraintValue: Sendable, Equatable, CustomStringConvertible {
    case string(String)
    /// The JSON number's lexical form (`0.01`, `180`).
    case number(String)
    case boolean(Bool)

    public var description: String {
        switch self {
        case .string(let s), .number(let s): return s
        case .boolean(let b): return b ? "true" : "false"
        }
    }
}

/// The constraints a Table Schema field may declare.
public struct FieldConstraints: Sendable, Equatable {
    public var required = false
    public var unique = false
    /// Whole-value regular expression (the spec's XML Schema semantics: implicitly anchored).
    public var pattern: String?
    public var enumValues: [ConstraintValue]?
    public var minimum: ConstraintValue?
    public var maximum: ConstraintValue?
    public var exclusiveMinimum: ConstraintValue?
    public var exclusiveMaximum: ConstraintValue?
    public var minLength: Int?
    public var maxLength: Int?

    public init() {}
}

/// One field (column) of a Table Schema.
public struct SchemaField: Sendable, Equatable {
    public var name: String
    public var title: String?
    public var type: FieldType
    /// `default` unless the schema says otherwise (`email`, `uri`, `%d/%m/%Y`, `array`, `any`…).
    public var format: String
    public var constraints: FieldConstraints
    /// Boolean lexical values (defaults from the spec).
    public var trueValues: [String]
    public var falseValues: [String]
    /// Number lexical options.
    public var decimalChar: String
    public var groupChar: String
    public var bareNumber: Bool
    /// For `array` fields (Table Schema v2 `arrayItem`): the type and enum each item must match.
    public var arrayItemType: FieldType?
    public var arrayItemEnum: [ConstraintValue]?
    /// Field-level missing values (Table Schema v2); nil means the schema-level list applies.
    public var missingValues: [String]?

    public static let defaultTrueValues = ["true", "True", "TRUE", "1"]
    public static let defaultFalseValues = ["false", "False", "FALSE", "0"]

    public init(name: String, type: FieldType = .string, format: String = "default",
                constraints: FieldConstraints = FieldConstraints()) {
        self.name = name
        self.type = type
        self.format = format
        self.constraints = constraints
        self.trueValues = SchemaField.defaultTrueValues
        self.falseValues = SchemaField.defaultFalseValues
        self.decimalChar = "."
        self.groupChar = ""
        self.bareNumber = true
    }
}
