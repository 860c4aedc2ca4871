#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A growable byte buffer with cheap appends (no Array uniqueness checks in hot loops).
///
/// It never grows past `limit`: an append that would is dropped and `overflowed` is set, for the reader
/// to turn into a located "too large" refusal at its next check. Memory stays bounded whatever the input.
final class ByteAccumulator {
    @exclusivity(unchecked) private(set) var ptr: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private(set) var capacity: Int
    @exclusivity(unchecked) var count = 0
    let limit: Int
    @exclusivity(unchecked) private(set) var overflowed = false

    init(capacity: Int = 4096, limit: Int = IngestLimits.maxRecordBytes) {
        self.capacity = max(capacity, 16)
        self.limit = max(limit, self.capacity)
        self.ptr = .allocate(capacity: self.capacity)
    }

    deinit { ptr.deallocate() }

    @inline(__always)
    func append(_ b: UInt8) {
        if count == capacity, !grow(count + 1) { return }
        ptr[count] = b
        count += 1
    }

    @inline(__always)
    func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
        guard n > 0 else { return }
        if count + n > capacity, !grow(count + n) { return }
        (ptr + count).update(from: p, count: n)
        count += n
    }

    func append(_ s: StaticString) {
        s.withUTF8Buffer { b in if let p = b.baseAddress { append(p, b.count) } }
    }

    func append(_ b: UnsafeBufferPointer<UInt8>) {
        if let p = b.baseAddress { append(p, b.count) }
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { b in if let p = b.baseAddress { append(p, b.count) } }
    }

    private func grow(_ needed: Int) -> Bool {
        guard needed <= limit else {
            overflowed = true
            return false
        }
        var cap = capacity * 2
        while cap < needed { cap *= 2 }
        cap = min(cap, limit)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: cap)
        bigger.update(from: ptr, count: count)
        ptr.deallocate()
        ptr = bigger
        capacity = cap
        return true
    }

    /// Empties the buffer (keeping its memory) and forgets an overflow.
    func removeAll() {
        count = 0
        overflowed = false
    }

    /// The bytes `start..<end` (no copy; valid until the next append).
    @inline(__always)
    func slice(_ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: ptr + start, count: end - start)
    }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: ptr, count: count) }

    func equals(_ other: [UInt8], from start: Int = 0) -> Bool {
        let n = count - start
        guard other.count == n else { return false }
        return other.withUnsafeBufferPointer { o in
            guard let op = o.baseAddress else { return n == 0 }
            return memcmp(op, ptr + start, n) == 0
        }
    }

    func array(_ start: Int = 0, _ end: Int? = nil) -> [UInt8] {
        Array(slice(start, end ?? count))
    }

    func string(_ start: Int = 0, _ end: Int? = nil) -> String {
        String(decoding: slice(start, end ?? count), as: UTF8.self)
    }
}
