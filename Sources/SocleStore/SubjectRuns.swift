import Foundation
import SocleCore

/// The subject index's entries as both backends store them: 16 bytes each — the keyed hash, then
/// `_row << 16 | column` — little-endian, sorted by key, cut into runs of at most `runLength` entries that
/// carry their first and last keys. Building the runs is one sort per revision; looking a key up is an
/// index range read of the runs table and a binary search in the few runs whose range holds it.
public struct SubjectRuns: Sendable {
    public static let runLength = 4_096
    /// Rows read before their keys are computed (on every core).
    public static let batchRows = 16_384

    /// One index entry: the keyed hash and `_row << 16 | column`.
    struct Entry: Sendable {
        var key: Int64
        var ref: UInt64
    }

    /// The entries, in the order they were produced.
    private var entries: [Entry] = []

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }

    static func ref(row: Int64, column: Int32) -> UInt64 { UInt64(row) << 16 | UInt64(UInt16(truncatingIfNeeded: column)) }

    /// Adds the keys the plan computes for a batch of rows (`values[i]` the plan's columns of `rows[i]`), computed on
    /// every core: the hashing is most of an index's cost.
    public mutating func add(rows: [Int64], values: [[String?]], plan: SubjectIndexPlan) {
        let parts = rows.count >= 4_096 ? max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)) : 1
        let size = (rows.count + parts - 1) / max(parts, 1)
        let slots = UnsafeSendableSlots<[Entry]>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var local: [Entry] = []
            local.reserveCapacity(size * 4)
            var keys: [SubjectKey] = []
            var scratch: [UInt8] = []
            scratch.reserveCapacity(64)
            for i in (part * size)..<min(rows.count, (part + 1) * size) {
                keys.removeAll(keepingCapacity: true)
                plan.keys(values[i], &keys, &scratch)
                for k in keys { local.append(Entry(key: k.key, ref: Self.ref(row: rows[i], column: k.column))) }
            }
            slots.set(part, local)
        }
        for part in 0..<parts { entries.append(contentsOf: slots.get(part) ?? []) }
    }

    /// Adds a decoded entry as it is.
    public mutating func add(key: Int64, ref: UInt64) {
        entries.append(Entry(key: key, ref: ref))
    }

    /// The runs to store: `(first key, last key, entries)`. Sorted in two steps — spread by the key's top byte,
    /// then each of the 256 buckets sorted on its own (small, cache-friendly sorts).
    public func runs() -> [(first: Int64, last: Int64, bytes: [UInt8])] {
        @inline(__always) func bucket(_ k: Int64) -> Int { Int((UInt64(bitPattern: k) >> 56) ^ 0x80) }
        var starts = [Int](repeating: 0, count: 257)
        for e in entries { starts[bucket(e.key) + 1] += 1 }
        for i in 1...256 { starts[i] += starts[i - 1] }
        var next = starts
        var sorted = [Entry](repeating: Entry(key: 0, ref: 0), count: entries.count)
        for e in entries {
            let b = bucket(e.key)
            sorted[next[b]] = e
            next[b] += 1
        }
        for b in 0..<256 where starts[b + 1] - starts[b] > 1 {
            sorted[starts[b]..<starts[b + 1]].sort { $0.key != $1.key ? $0.key < $1.key : $0.ref < $1.ref }
        }
        var out: [(Int64, Int64, [UInt8])] = []
        var start = 0
        while start < sorted.count {
            let end = min(start + Self.runLength, sorted.count)
            var bytes = [UInt8](repeating: 0, count: (end - start) * 16)
            bytes.withUnsafeMutableBytes { raw in
                for n in 0..<(end - start) {
                    raw.storeBytes(of: UInt64(bitPattern: sorted[start + n].key).littleEndian, toByteOffset: n * 16, as: UInt64.self)
                    raw.storeBytes(of: sorted[start + n].ref.littleEndian, toByteOffset: n * 16 + 8, as: UInt64.self)
                }
            }
            out.append((sorted[start].key, sorted[end - 1].key, bytes))
            start = end
        }
        return out
    }

    /// Every entry of a stored run.
    public static func entries(_ bytes: [UInt8]) -> [(key: Int64, ref: UInt64)] {
        let n = bytes.count / 16
        return bytes.withUnsafeBytes { raw in
            (0..<n).map { i in
                (Int64(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 16, as: UInt64.self))),
                 UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 16 + 8, as: UInt64.self)))
            }
        }
    }

    /// The row references of a run whose key is one of `wanted` (binary search per key).
    public static func matches(_ bytes: [UInt8], wanted: [Int64]) -> [UInt64] {
        let n = bytes.count / 16
        return bytes.withUnsafeBytes { raw -> [UInt64] in
            func key(_ i: Int) -> Int64 {
                Int64(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 16, as: UInt64.self)))
            }
            var out: [UInt64] = []
            for k in wanted {
                var lo = 0, hi = n
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if key(mid) < k { lo = mid + 1 } else { hi = mid }
                }
                var i = lo
                while i < n && key(i) == k {
                    out.append(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 16 + 8, as: UInt64.self)))
                    i += 1
                }
            }
            return out
        }
    }

    public static func row(_ ref: UInt64) -> Int64 { Int64(ref >> 16) }
    public static func column(_ ref: UInt64) -> Int { Int(ref & 0xffff) }
}

/// Results written by `concurrentPerform`'s iterations, one slot each (each slot written by one iteration only).
final class UnsafeSendableSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) { lock.withLock { slots[i] = value } }
    func get(_ i: Int) -> T? { lock.withLock { slots[i] } }
}
