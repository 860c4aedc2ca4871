import Foundation

/// What a reuser asks of one table: the ODSQL-style parameters of a records request, unparsed.
public struct RecordsRequest: Sendable, Equatable {
    public var select: String?
    /// The `where` parameter.
    public var filter: String?
    public var groupBy: String?
    public var orderBy: String?
    /// Nil means `QueryCompiler.defaultLimit`; above `QueryLimits.maxLimit` it is capped (and reported).
    public var limit: Int?
    public var offset: Int?
    /// Facet refinements `field:value` (all must hold) and exclusions `field:value` (none may hold).
    public var refine: [String]
    public var exclude: [String]
    /// An opaque keyset cursor from a previous page (`CompiledRecords.nextCursor`); replaces the offset.
    public var cursor: String?

    public init(select: String? = nil, filter: String? = nil, groupBy: String? = nil, orderBy: String? = nil,
                limit: Int? = nil, offset: Int? = nil, refine: [String] = [], exclude: [String] = [], cursor: String? = nil) {
        self.cursor = cursor
        self.refine = refine
        self.exclude = exclude
        self.select = select
        self.filter = filter
        self.groupBy = groupBy
        self.orderBy = orderBy
        self.limit = limit
        self.offset = offset
    }
}
