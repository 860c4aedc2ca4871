import SocleCore

/// What changed between two revisions of a dataset, for the history table.
public struct RevisionChange: Codable, Sendable, Equatable {
    public var added: [String]
    public var removed: [String]
    /// Columns present in both whose type changed, as "name: old → new".
    public var retyped: [String]
    public var rowDelta: Int64

    public init(from old: Revision?, to new: Revision) {
        let before = Dictionary((old?.columns ?? []).map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(new.columns.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
        added = old == nil ? [] : new.columns.map(\.name).filter { before[$0] == nil }
        removed = (old?.columns ?? []).map(\.name).filter { after[$0] == nil }
        retyped = new.columns.compactMap { c in
            guard let t = before[c.name], t != c.type else { return nil }
            return "\(c.name): \(t.rawValue) → \(c.type.rawValue)"
        }
        rowDelta = new.rowCount - (old?.rowCount ?? 0)
    }

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && retyped.isEmpty && rowDelta == 0 }
}
