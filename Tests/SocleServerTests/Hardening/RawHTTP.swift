#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A bare TCP client for what an HTTP client library would hide: malformed framing, HTTP/1.0, half-sent
/// requests, many idle connections. Every read has a timeout, so a test never hangs.
final class RawConnection: @unchecked Sendable {
    let fd: Int32

    /// The read timeout is generous: the server under test shares this process with the rest of the suite, whose CLI
    /// tests block cooperative threads while their subprocesses run (a full run on two cores starved it past 10 s).
    init(port: Int, readTimeout: Int = 60) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var tv = timeval(tv_sec: readTimeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    deinit { close(fd) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Blocking reads run on their own thread: the server under test shares this process's cooperative
    /// threads (two on a two-core machine), which a blocked `recv` would starve.
    private func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { c in
            Thread { c.resume(returning: body()) }.start()
        }
    }

    func readAll() async -> (text: String, closed: Bool) { await offPool { self.readAllBlocking() } }
    func readHead() async -> String { await offPool { self.readHeadBlocking() } }

    /// What the server sends until it closes the connection (`closed` true), or until the read timeout.
    private func readAllBlocking() -> (text: String, closed: Bool) {
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return (String(decoding: out, as: UTF8.self), true) }
            if n < 0 { return (String(decoding: out, as: UTF8.self), errno == ECONNRESET) }
            out += buf[0 ..< n]
        }
    }

    /// The first response's status line and headers (reads until the blank line).
    private func readHeadBlocking() -> String {
        var out: [UInt8] = []
        var byte: UInt8 = 0
        while recv(fd, &byte, 1, 0) == 1 {
            out.append(byte)
            if out.count >= 4, out.suffix(4) == [13, 10, 13, 10] { break }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
