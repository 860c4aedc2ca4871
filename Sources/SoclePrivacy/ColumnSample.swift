import SocleCore

/// What the detector sees of one column: its header, type, a sample of values and its neighbours.
public struct ColumnSample: Sendable {
    public var name: String
    public var label: String
    public var type: ColumnType
    /// Up to about 10,000 values, nulls included.
    public var values: [String?]
    /// The labels of the other columns of the same table.
    public var neighbourLabels: [String]
    /// Row count and distinct count of the whole column, when known.
    public var totalCount: Int?
    public var distinctCount: Int?

    public init(name: String, label: String, type: ColumnType = .text, values: [String?],
                neighbourLabels: [String] = [], totalCount: Int? = nil, distinctCount: Int? = nil) {
        self.name = name
        self.label = label
        self.type = type
        self.values = values
        self.neighbourLabels = neighbourLabels
        self.totalCount = totalCount
        self.distinctCount = distinctCount
    }

    /// Builds a sample from a column schema.
    public init(schema: ColumnSchema, values: [String?], neighbourLabels: [String] = [],
                totalCount: Int? = nil, distinctCount: Int? = nil) {
        self.init(name: schema.name, label: schema.label, type: schema.type, values: values,
                  neighbourLabels: neighbourLabels, totalCount: totalCount, distinctCount: distinctCount)
    }
}
