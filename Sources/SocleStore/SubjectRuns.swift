import Foundation
import SocleCore

/// The subject index's entries as both backends store them: 8 bytes each — the keyed hash's top 34 bits, then the
/// row (`_row`, 30 bits) — little-endian, sorted, cut into runs of at most `runLength` entries that carry their first
/// and last entries. The column is not stored: a search re-hashes every row it finds (it must, to check the hit
/// against the real values) and learns the column then. 34 bits of key make a false hit rare (one per ~700 lookups in
/// 25 million entries) and the check discards it. Building the runs is one sort per revision; looking a key up is an
/// index range read of the runs table and a binary search in the few runs whose range holds it.
public struct SubjectRuns: Sendable {
    public static let runLength = 8_192
    /// Rows read before their keys are computed (on every core).
    public static let batchRows = 16_384
    /// The low bits of an entry, holding the row.
    static let rowBits: UInt64 = 30
    static let rowMask: UInt64 = (1 << rowBits) - 1
    /// Rows past 2^30 in one revision cannot be indexed (loads are bounded far below: `IngestLimits`).
    public static let maxRow: Int64 = Int64(rowMask)

    /// The entries, in the order they were produced.
    private var entries: [Int64] = []

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }

    @inline(__always) static func entry(key: Int64, row: Int64) -> Int64 {
        Int64(bitPattern: (UInt64(bitPattern: key) & ~rowMask) | (UInt64(row) & rowMask))
    }

    /// The range of entries a key can be stored as.
    public static func range(of key: Int64) -> ClosedRange<Int64> {
        let prefix = UInt64(bitPattern: key) & ~rowMask
        return Int64(bitPattern: prefix)...Int64(bitPattern: prefix | rowMask)
    }

    /// Adds the keys the plan computes for a batch of rows (`values[i]` the plan's columns of `rows[i]`), computed on
    /// every core: the hashing is most of an index's cost.
    public mutating func add(rows: [Int64], values: [[String?]], plan: SubjectIndexPlan) {
        let parts = rows.count >= 4_096 ? max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)) : 1
        let size = (rows.count + parts - 1) / max(parts, 1)
        let slots = UnsafeSendableSlots<[Int64]>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var local: [Int64] = []
            local.reserveCapacity(size * 5)
            var keys: [SubjectKey] = []
            var scratch: [UInt8] = []
            scratch.reserveCapacity(64)
            for i in (part * size)..<min(rows.count, (part + 1) * size) where rows[i] >= 0 && rows[i] <= Self.maxRow {
                keys.removeAll(keepingCapacity: true)
                plan.keys(values[i], &keys, &scratch)
                for k in keys { local.append(Self.entry(key: k.key, row: rows[i])) }
            }
            slots.set(part, local)
        }
        for part in 0..<parts { entries.append(contentsOf: slots.get(part) ?? []) }
    }

    /// Adds a stored entry as it is.
    public mutating func add(entry: Int64) {
        entries.append(entry)
    }

    /// The runs to store: `(first entry, last entry, bytes)`.
    public func runs() -> [(first: Int64, last: Int64, bytes: [UInt8])] {
        let sorted = entries.sorted()
        var out: [(Int64, Int64, [UInt8])] = []
        var start = 0
        while start < sorted.count {
            let end = min(start + Self.runLength, sorted.count)
            var bytes = [UInt8](repeating: 0, count: (end - start) * 8)
            bytes.withUnsafeMutableBytes { raw in
                for n in 0..<(end - start) {
                    raw.storeBytes(of: UInt64(bitPattern: sorted[start + n]).littleEndian, toByteOffset: n * 8, as: UInt64.self)
                }
            }
            out.append((sorted[start], sorted[end - 1], bytes))
            start = end
        }
        return out
    }

    /// Every entry of a stored run.
    public static func entries(_ bytes: [UInt8]) -> [Int64] {
        bytes.withUnsafeBytes { raw in
            (0..<(bytes.count / 8)).map { Int64(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
        }
    }

    /// The rows of a run stored under one of `wanted` keys (binary search per key).
    public static func matches(_ bytes: [UInt8], wanted: [Int64]) -> [Int64] {
        let n = bytes.count / 8
        return bytes.withUnsafeBytes { raw -> [Int64] in
            func at(_ i: Int) -> Int64 { Int64(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))) }
            var out: [Int64] = []
            for k in wanted {
                let r = range(of: k)
                var lo = 0, hi = n
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if at(mid) < r.lowerBound { lo = mid + 1 } else { hi = mid }
                }
                var i = lo
                while i < n && at(i) <= r.upperBound { out.append(row(at(i))); i += 1 }
            }
            return out
        }
    }

    public static func row(_ entry: Int64) -> Int64 { Int64(UInt64(bitPattern: entry) & rowMask) }
}

/// Results written by `concurrentPerform`'s iterations, one slot each (each slot written by one iteration only).
final class UnsafeSendableSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) { lock.withLock { slots[i] = value } }
    func get(_ i: Int) -> T? { lock.withLock { slots[i] } }
}
