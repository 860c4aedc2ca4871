/// The k-anonymity verification: the groups over the quasi-identifiers before and after suppression.
public struct KAnonymityReport: Codable, Sendable, Equatable {
    public var k: Int
    /// Column names; for an aggregation, its group-by columns.
    public var quasiIdentifiers: [String]
    /// Smallest group before suppression (1 means some row was unique).
    public var smallestGroupBefore: Int
    /// Smallest group of the result (≥ k), nil when the result is empty.
    public var smallestGroupAfter: Int?
    public var groupsBefore: Int
    public var groupsSuppressed: Int
    public var rowsSuppressed: Int

    public init(k: Int, quasiIdentifiers: [String], smallestGroupBefore: Int, smallestGroupAfter: Int?,
                groupsBefore: Int, groupsSuppressed: Int, rowsSuppressed: Int) {
        self.k = k
        self.quasiIdentifiers = quasiIdentifiers
        self.smallestGroupBefore = smallestGroupBefore
        self.smallestGroupAfter = smallestGroupAfter
        self.groupsBefore = groupsBefore
        self.groupsSuppressed = groupsSuppressed
        self.rowsSuppressed = rowsSuppressed
    }
}
