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
