#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A read-only file read with plain read(2) calls into caller-owned memory (no `Data` per chunk).
final class ChunkedFile {
    private var fd: Int32
    /// Size of the file when opened.
    let size: Int64
    /// Bytes consumed so far (including skipped ones).
    private(set) var offset: Int64 = 0

    /// Opens the file; nil when it cannot be opened or is not a regular file.
    init?(path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return nil
        }
        self.fd = fd
        self.size = Int64(st.st_size)
    }

    deinit { closeNow() }

    func closeNow() {
        if fd >= 0 { close(fd); fd = -1 }
    }

    /// Reads up to `count` bytes into `buffer`; returns 0 at the end of the file, -1 on error.
    func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        guard fd >= 0, count > 0 else { return 0 }
        while true {
            #if canImport(Darwin)
            let n = Darwin.read(fd, buffer, count)
            #elseif canImport(Glibc)
            let n = Glibc.read(fd, buffer, count)
            #else
            let n = Musl.read(fd, buffer, count)
            #endif
            if n < 0 && errno == EINTR { continue }
            if n > 0 { offset += Int64(n) }
            return n
        }
    }

    /// Fills `buffer` as much as possible (short reads are retried); returns the bytes read.
    func readFully(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        var total = 0
        while total < count {
            let n = read(into: buffer + total, count: count - total)
            if n <= 0 { break }
            total += n
        }
        return total
    }

    /// Moves to an absolute position (used to skip a byte-order mark or restart after detection).
    func seek(to position: Int64) -> Bool {
        guard fd >= 0, lseek(fd, off_t(position), SEEK_SET) >= 0 else { return false }
        offset = position
        return true
    }
}
