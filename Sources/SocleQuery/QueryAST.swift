/// A field as written in a query, with where it was written.
public struct FieldRef: Sendable, Equatable {
    public var name: String
    public var position: Int

    public init(name: String, position: Int) {
        self.name = name
        self.position = position
    }
}

/// A literal value as written in a query.
public enum QueryLiteral: Sendable, Equatable {
    case integer(Int64)
    case real(Double)
    case string(String)
    case boolean(Bool)
    case null
    /// A `date'…'` literal, already checked to be ISO 8601.
    case date(String)

    /// The literal as it would be written in ODSQL (for descriptions).
    var display: String {
        switch self {
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .string(let s): return "\"\(s)\""
        case .boolean(let b): return b ? "true" : "false"
        case .null: return "null"
        case .date(let d): return "date'\(d)'"
        }
    }
}

/// A comparison operator of the where-language (`<>` is read as `!=`).
public enum ComparisonOperator: String, Sendable {
    case equal = "=", notEqual = "!=", less = "<", greater = ">", lessOrEqual = "<=", greaterOrEqual = ">="
}

/// The parsed (unchecked) form of a `where` expression.
///
/// `and`/`or` chains are flat lists, so the tree is only as deep as the parentheses and `not`s (bounded).
public indirect enum QueryExpression: Sendable, Equatable {
    case and([QueryExpression])
    case or([QueryExpression])
    case not(QueryExpression)
    case compare(FieldRef, ComparisonOperator, QueryLiteral, position: Int)
    case inList(FieldRef, [QueryLiteral], negated: Bool, position: Int)
    case like(FieldRef, String, negated: Bool, position: Int)
    case isNull(FieldRef, negated: Bool)
    /// `search(field, "text")`, or a bare `"text"` over every text column when the field is nil.
    case search(FieldRef?, String, position: Int)
    case startsWith(FieldRef, String)
    /// Distance in metres around a point given as longitude, latitude.
    case withinDistance(FieldRef, lon: Double, lat: Double, meters: Double)
    case inBBox(FieldRef, lat1: Double, lon1: Double, lat2: Double, lon2: Double)
    /// A date part compared with a number: `year(date_creation) = 2024`.
    case comparePart(SelectFunction, FieldRef, ComparisonOperator, QueryLiteral, position: Int)
    /// A facet refinement (`refine=field:value`) or exclusion: equality, or a prefix for dates (`2024`, `2024-03`).
    case refine(FieldRef, String, negated: Bool)
}

/// A function usable in `select`, `group_by` and `order_by`.
public enum SelectFunction: String, Sendable, CaseIterable {
    case count, sum, avg, min, max, year, month, day, hour

    var isAggregate: Bool { [.count, .sum, .avg, .min, .max].contains(self) }
}

/// One term of a `select`, `group_by` or `order_by` list.
public struct SelectItem: Sendable, Equatable {
    /// A plain field, or a function applied to a field (nil field for `count(*)`).
    public enum Value: Sendable, Equatable {
        case field(FieldRef)
        case function(SelectFunction, FieldRef?, position: Int)
    }

    public var value: Value
    public var alias: String?
    /// For `order_by` terms only.
    public var descending: Bool = false
    public var position: Int
}
