#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SocleCore

/// Something that hands out the bytes of a stream in order: a file, memory, or a zip entry pipe.
protocol StreamByteSupplier: AnyObject {
    /// Copies up to `count` bytes into `dest`; returns 0 at the end of the stream.
    func read(into dest: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int
    /// Restarts the stream at an absolute offset (files only).
    func seek(to offset: Int64) throws
}

extension StreamByteSupplier {
    func seek(to offset: Int64) throws {
        throw IngestError.make("file.unreadable", kind: .internalError)
    }
}

/// Reads a file with POSIX `read` so bytes land straight in the window's buffer.
final class FileByteSupplier: StreamByteSupplier {
    private let fd: Int32
    let size: Int64

    init?(path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0 else { close(fd); return nil }
        self.fd = fd
        self.size = Int64(st.st_size)
    }

    deinit { close(fd) }

    func read(into dest: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
        while true {
            #if canImport(Glibc)
            let n = Glibc.read(fd, dest, count)
            #else
            let n = Darwin.read(fd, dest, count)
            #endif
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw IngestError.make("file.unreadable")
        }
    }

    func seek(to offset: Int64) throws {
        guard lseek(fd, off_t(offset), SEEK_SET) >= 0 else { throw IngestError.make("file.unreadable") }
    }
}

/// Serves bytes held in memory (small zip parts such as workbook.xml, or tests).
final class MemoryByteSupplier: StreamByteSupplier {
    private let bytes: [UInt8]
    private var cursor = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into dest: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
        let n = min(count, bytes.count - cursor)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBufferPointer { src in
            guard let base = src.baseAddress else { return }
            dest.update(from: base + cursor, count: n)
        }
        cursor += n
        return n
    }

    func seek(to offset: Int64) throws { cursor = Int(clamping: max(0, offset)) }
}

/// A sliding window over a byte stream. Bytes before `pos` are consumed and may be dropped on refill,
/// so memory stays bounded by the window size whatever the stream size.
final class StreamByteWindow {
    private(set) var buf: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Number of valid bytes in `buf`.
    private(set) var end = 0
    /// Next unread byte.
    var pos = 0
    /// Stream offset of `buf[0]`.
    private(set) var base: Int64 = 0
    private(set) var atEOF = false
    let supplier: StreamByteSupplier

    init(supplier: StreamByteSupplier, capacity: Int = 1 << 20) {
        self.supplier = supplier
        self.capacity = max(capacity, 64)
        self.buf = .allocate(capacity: self.capacity)
    }

    deinit { buf.deallocate() }

    /// Stream offset of the next unread byte.
    var offset: Int64 { base + Int64(pos) }

    /// Makes at least `n` unread bytes available unless the stream ends first; true when they are.
    @inline(__always)
    func ensure(_ n: Int) throws -> Bool {
        if end - pos >= n { return true }
        return try refill(minimum: n)
    }

    /// Drops consumed bytes and reads more; true when at least `minimum` unread bytes are available.
    func refill(minimum: Int) throws -> Bool {
        if pos > 0 {
            let keep = end - pos
            if keep > 0 { buf.update(from: buf + pos, count: keep) }
            base += Int64(pos)
            end = keep
            pos = 0
        }
        if minimum > capacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: minimum * 2)
            bigger.update(from: buf, count: end)
            buf.deallocate()
            buf = bigger
            capacity = minimum * 2
        }
        while end < minimum && !atEOF {
            let n = try supplier.read(into: buf + end, count: capacity - end)
            if n == 0 { atEOF = true } else { end += n }
        }
        return end >= minimum
    }

    /// Restarts reading at an absolute stream offset.
    func jump(to offset: Int64) throws {
        try supplier.seek(to: offset)
        base = offset
        pos = 0
        end = 0
        atEOF = false
    }
}

/// A growable byte buffer with cheap appends (no Array uniqueness checks in hot loops).
final class ByteAccumulator {
    private(set) var ptr: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 16)
        self.ptr = .allocate(capacity: self.capacity)
    }

    deinit { ptr.deallocate() }

    @inline(__always)
    func append(_ b: UInt8) {
        if count == capacity { grow(count + 1) }
        ptr[count] = b
        count += 1
    }

    @inline(__always)
    func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
        guard n > 0 else { return }
        if count + n > capacity { grow(count + n) }
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

    private func grow(_ needed: Int) {
        var cap = capacity * 2
        while cap < needed { cap *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: cap)
        bigger.update(from: ptr, count: count)
        ptr.deallocate()
        ptr = bigger
        capacity = cap
    }

    func removeAll() { count = 0 }

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
