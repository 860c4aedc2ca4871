/// A batch of rows as text, before typing: every reader (CSV, XLSX, ODS, JSON, GeoJSON) produces these.
///
/// All field values are UTF-8 in one buffer; field k (row-major, `row * columnCount + col`) spans
/// `ends[k-1] ..< ends[k]`. An empty field is a null. Rows always have exactly `columnCount`
/// fields: readers pad, skip or refuse ragged rows before emitting them.
public struct RawBatch: Sendable {
    /// Columns in this batch. It may be larger than in earlier batches of the same reader when a
    /// JSON reader discovers new keys; columns absent from earlier rows are null there.
    public var columnCount: Int
    public var rowCount: Int
    public var bytes: [UInt8]
    public var ends: [Int]
    /// For each row, the 1-based line (CSV), record index (JSON) or sheet row (XLSX) it starts on.
    public var lines: [Int]

    public init(columnCount: Int, capacityRows: Int = 0, capacityBytes: Int = 0) {
        self.columnCount = columnCount
        self.rowCount = 0
        self.bytes = []
        self.ends = []
        self.lines = []
        bytes.reserveCapacity(capacityBytes)
        ends.reserveCapacity(capacityRows * columnCount)
        lines.reserveCapacity(capacityRows)
    }

    /// Appends one field's bytes; call exactly `columnCount` times per row, then `endRow(line:)`.
    @inlinable
    public mutating func appendField<C: Collection>(_ value: C) where C.Element == UInt8 {
        bytes.append(contentsOf: value)
        ends.append(bytes.count)
    }

    @inlinable
    public mutating func appendField(_ value: String?) {
        if var v = value { v.withUTF8 { bytes.append(contentsOf: $0) } }
        ends.append(bytes.count)
    }

    @inlinable
    public mutating func appendNullField() {
        ends.append(bytes.count)
    }

    @inlinable
    public mutating func endRow(line: Int) {
        rowCount += 1
        lines.append(line)
    }

    @inlinable
    public func fieldRange(row: Int, column: Int) -> Range<Int> {
        let k = row * columnCount + column
        return (k == 0 ? 0 : ends[k - 1]) ..< ends[k]
    }

    @inlinable
    public func isNull(row: Int, column: Int) -> Bool {
        fieldRange(row: row, column: column).isEmpty
    }

    /// Calls `body` with the field's UTF-8 bytes (empty for null) without copying.
    @inlinable
    public func withField<R>(row: Int, column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let r = fieldRange(row: row, column: column)
        return try bytes.withUnsafeBufferPointer { buf in
            try body(UnsafeBufferPointer(rebasing: buf[r]))
        }
    }

    public func string(row: Int, column: Int) -> String? {
        let r = fieldRange(row: row, column: column)
        if r.isEmpty { return nil }
        return String(decoding: bytes[r], as: UTF8.self)
    }
}
