import SocleCore

/// What changed between two revisions of a dataset: columns added, removed or retyped, row delta.
public struct RevisionChanges: Sendable, Equatable {
    public var added: [String]
    public var removed: [String]
    /// (column, old type, new type).
    public var retyped: [Retyped]
    public var rowDelta: Int64

    /// A column whose type changed.
    public struct Retyped: Sendable, Equatable {
        public var column: String
        public var from: ColumnType
        public var to: ColumnType
        public init(column: String, from: ColumnType, to: ColumnType) {
            self.column = column
            self.from = from
            self.to = to
        }
    }

    /// Compares by column name (the safe SQL name), in the new revision's column order.
    public init(from old: Revision, to new: Revision) {
        let oldTypes = Dictionary(old.columns.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
        let newNames = Set(new.columns.map(\.name))
        added = new.columns.filter { oldTypes[$0.name] == nil }.map(\.name)
        removed = old.columns.filter { !newNames.contains($0.name) }.map(\.name)
        retyped = new.columns.compactMap { c in
            guard let was = oldTypes[c.name], was != c.type else { return nil }
            return Retyped(column: c.name, from: was, to: c.type)
        }
        rowDelta = new.rowCount - old.rowCount
    }

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && retyped.isEmpty && rowDelta == 0 }
}
