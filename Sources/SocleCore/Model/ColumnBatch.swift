/// A batch of typed rows, stored column by column, ready to be written by a store.
///
/// Columns follow a `TableLayout` exactly. Text is kept as one UTF-8 buffer per column so that
/// a million-row load does not allocate a String per cell.
public struct ColumnBatch: Sendable {
    public var rowCount: Int
    public var columns: [ColumnVector]

    public init(rowCount: Int, columns: [ColumnVector]) {
        self.rowCount = rowCount
        self.columns = columns
    }
}

/// The values of one column in a batch; `valid[i] == false` means NULL.
public enum ColumnVector: Sendable {
    case integers([Int64], valid: [Bool])
    case reals([Double], valid: [Bool])
    case texts(TextVector)
}

/// UTF-8 strings stored back to back: value i spans `ends[i-1] ..< ends[i]` (0 for i == 0).
public struct TextVector: Sendable {
    public var bytes: [UInt8]
    public var ends: [Int]
    public var valid: [Bool]

    public init(capacity: Int = 0) {
        bytes = []
        ends = []
        valid = []
        ends.reserveCapacity(capacity)
        valid.reserveCapacity(capacity)
    }

    public var count: Int { ends.count }

    public mutating func appendNull() {
        ends.append(bytes.count)
        valid.append(false)
    }

    public mutating func append<C: Collection>(utf8 value: C) where C.Element == UInt8 {
        bytes.append(contentsOf: value)
        ends.append(bytes.count)
        valid.append(true)
    }

    public mutating func append(_ value: String) {
        var v = value
        v.withUTF8 { bytes.append(contentsOf: $0) }
        ends.append(bytes.count)
        valid.append(true)
    }

    public func range(at i: Int) -> Range<Int> {
        (i == 0 ? 0 : ends[i - 1]) ..< ends[i]
    }

    public func string(at i: Int) -> String? {
        guard valid[i] else { return nil }
        return String(decoding: bytes[range(at: i)], as: UTF8.self)
    }
}

/// A pull-based producer of typed batches; stores drain it inside their load transaction.
public protocol BatchSource: SendableMetatype {
    /// The next batch, or nil at the end. Throwing aborts the whole load.
    mutating func next() throws -> ColumnBatch?
    /// Read by the store once the source is drained: the column schema and warnings to record when they
    /// are only known at the end (their evidence covers the whole file). Nil keeps the draft's.
    var finalSchema: FinalSchema? { get }
}

extension BatchSource {
    public var finalSchema: FinalSchema? { nil }
}

/// The schema and warnings a source settles on once it has seen everything.
public struct FinalSchema: Sendable {
    public var columns: [ColumnSchema]
    public var warnings: [Notice]
    public init(columns: [ColumnSchema], warnings: [Notice]) {
        self.columns = columns
        self.warnings = warnings
    }
}
