/// The growable output of the CSV scanner (field bytes, field ends, row lines) in raw memory, so
/// the hot loop writes without array bookkeeping; copied into a `RawBatch` once per batch.
/// Owned by one reader, which calls `free()` when done.
struct FieldSink {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var byteCount = 0
    private var byteCapacity: Int
    private(set) var ends: UnsafeMutablePointer<Int>
    private(set) var endCount = 0
    private var endCapacity: Int
    var lines: [Int] = []

    /// A point to roll back to (the start of a record).
    struct Mark {
        var bytes: Int
        var ends: Int
    }

    init(byteCapacity: Int = 1 << 20, endCapacity: Int = 1 << 16) {
        self.byteCapacity = max(byteCapacity, 16)
        self.endCapacity = max(endCapacity, 16)
        bytes = .allocate(capacity: self.byteCapacity)
        ends = .allocate(capacity: self.endCapacity)
    }

    func free() {
        bytes.deallocate()
        ends.deallocate()
    }

    var mark: Mark { Mark(bytes: byteCount, ends: endCount) }

    mutating func rollback(to mark: Mark) {
        byteCount = mark.bytes
        endCount = mark.ends
    }

    /// Drops field ends after `count` (only for fields known to be empty).
    mutating func truncateEnds(to count: Int) {
        endCount = count
    }

    mutating func reset() {
        byteCount = 0
        endCount = 0
        lines.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    mutating func append(_ source: UnsafePointer<UInt8>, _ count: Int) {
        if byteCount + count > byteCapacity { growBytes(byteCount + count) }
        (bytes + byteCount).update(from: source, count: count)
        byteCount += count
    }

    @inline(__always)
    mutating func append(byte: UInt8) {
        if byteCount + 1 > byteCapacity { growBytes(byteCount + 1) }
        bytes[byteCount] = byte
        byteCount += 1
    }

    @inline(__always)
    mutating func endField() {
        if endCount == endCapacity { growEnds() }
        ends[endCount] = byteCount
        endCount += 1
    }

    @inline(never)
    private mutating func growBytes(_ needed: Int) {
        let capacity = max(byteCapacity * 2, needed)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: bytes, count: byteCount)
        bytes.deallocate()
        bytes = grown
        byteCapacity = capacity
    }

    @inline(never)
    private mutating func growEnds() {
        let capacity = endCapacity * 2
        let grown = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        grown.update(from: ends, count: endCount)
        ends.deallocate()
        ends = grown
        endCapacity = capacity
    }

    /// Byte range of field `k` (counted from the start of the sink).
    func fieldRange(_ k: Int) -> Range<Int> {
        (k == 0 ? 0 : ends[k - 1]) ..< ends[k]
    }

    func string(field k: Int) -> String {
        let r = fieldRange(k)
        return String(decoding: UnsafeBufferPointer(start: bytes + r.lowerBound, count: r.count), as: UTF8.self)
    }

    /// True when the bytes since `mark` are only spaces, tabs and other blank control bytes.
    func isBlank(since mark: Mark) -> Bool {
        var i = mark.bytes
        while i < byteCount {
            let b = bytes[i]
            if b != 0x20 && b != 0x09 && b != 0x0B && b != 0x0C && b != 0x1A { return false }
            i += 1
        }
        return true
    }

    /// The rows so far as a `RawBatch` of `columnCount` columns.
    func makeBatch(columnCount: Int, rowCount: Int) -> RawBatch {
        var batch = RawBatch(columnCount: columnCount)
        batch.bytes = Array(UnsafeBufferPointer(start: bytes, count: byteCount))
        batch.ends = Array(UnsafeBufferPointer(start: ends, count: endCount))
        batch.lines = lines
        batch.rowCount = rowCount
        return batch
    }
}
