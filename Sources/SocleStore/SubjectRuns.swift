import Foundation
import SocleCore

/// The subject index's entries as both backends store them: 16 bytes each — the keyed hash, then
/// `_row << 16 | column` — little-endian, sorted by key, cut into runs of at most `runLength` entries that
/// carry their first and last keys. Building the runs is one sort per revision; looking a key up is an
/// index range read of the runs table and a binary search in the few runs whose range holds it.
public struct SubjectRuns: Sendable {
    public static let runLength = 4_096

    /// Keys and row references, in the order they were produced.
    public private(set) var keys: [Int64] = []
    public private(set) var refs: [UInt64] = []
    private var scratch: [SubjectKey] = []

    public init() {}

    public var isEmpty: Bool { keys.isEmpty }
    public var count: Int { keys.count }

    /// Adds the keys the plan computes for one row.
    public mutating func add(row: Int64, values: [String?], plan: SubjectIndexPlan) {
        scratch.removeAll(keepingCapacity: true)
        plan.keys(values, &scratch)
        for k in scratch {
            keys.append(k.key)
            refs.append(UInt64(row) << 16 | UInt64(UInt16(truncatingIfNeeded: k.column)))
        }
    }

    /// Adds a decoded entry as it is.
    public mutating func add(key: Int64, ref: UInt64) {
        keys.append(key)
        refs.append(ref)
    }

    /// The runs to store: `(first key, last key, entries)`.
    public func runs() -> [(first: Int64, last: Int64, bytes: [UInt8])] {
        let order = keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : refs[$0] < refs[$1] }
        var out: [(Int64, Int64, [UInt8])] = []
        var start = 0
        while start < order.count {
            let end = min(start + Self.runLength, order.count)
            var bytes = [UInt8](repeating: 0, count: (end - start) * 16)
            bytes.withUnsafeMutableBytes { raw in
                for (n, i) in order[start..<end].enumerated() {
                    raw.storeBytes(of: UInt64(bitPattern: keys[i]).littleEndian, toByteOffset: n * 16, as: UInt64.self)
                    raw.storeBytes(of: refs[i].littleEndian, toByteOffset: n * 16 + 8, as: UInt64.self)
                }
            }
            out.append((keys[order[start]], keys[order[end - 1]], bytes))
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
