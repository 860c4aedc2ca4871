import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A tiny SMTP server on 127.0.0.1 for the tests: it accepts every message (or refuses the first `refuse` ones
/// at MAIL FROM with a temporary error) and records the envelope, the credentials given with AUTH PLAIN, and the
/// DATA as received with dot-stuffing undone. Plain blocking sockets on its own thread.
public final class SMTPSink: @unchecked Sendable {
    public struct Message: Sendable, Equatable {
        public var from: String
        public var recipients: [String]
        /// Headers and body, lines ended by CRLF, the final `.` removed.
        public var data: String
        public var auth: String?

        /// The value of a header (the first one), unfolded.
        public func header(_ name: String) -> String? {
            let head = data.components(separatedBy: "\r\n\r\n").first ?? ""
            var lines: [String] = []
            for l in head.components(separatedBy: "\r\n") {
                if (l.hasPrefix(" ") || l.hasPrefix("\t")), !lines.isEmpty { lines[lines.count - 1] += l.dropFirst() } else { lines.append(l) }
            }
            let prefix = name.lowercased() + ":"
            return lines.first { $0.lowercased().hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces) }
        }

        /// The body after the headers, quoted-printable decoded.
        public var body: String {
            let raw = data.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
            var bytes: [UInt8] = []
            let u = Array(raw.utf8)
            var i = 0
            while i < u.count {
                if u[i] == 61, i + 2 < u.count, u[i + 1] == 13, u[i + 2] == 10 { i += 3; continue }
                if u[i] == 61, i + 2 < u.count, let v = UInt8(String(decoding: u[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                    bytes.append(v)
                    i += 3
                    continue
                }
                bytes.append(u[i])
                i += 1
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    public let port: Int
    private let fd: Int32
    private let lock = NSLock()
    private var received: [Message] = []
    private var refuse: Int

    public init(refuse: Int = 0) throws {
        self.refuse = refuse
        let sock = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(sock, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(sock, 8) == 0 else { close(sock); throw POSIXError(.EADDRINUSE) }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(sock, $0, &len) } }
        fd = sock
        port = Int(UInt16(bigEndian: addr.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// The messages received so far.
    public var messages: [Message] { lock.withLock { received } }

    /// Stops accepting (the listening socket is closed).
    public func stop() { shutdown(fd, Int32(SHUT_RDWR)); close(fd) }

    private func acceptLoop() {
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 { return }
            serve(client)
            close(client)
        }
    }

    private func serve(_ c: Int32) {
        var buffer: [UInt8] = []
        func send(_ s: String) { let b = Array((s + "\r\n").utf8); _ = b.withUnsafeBytes { Glibc.send(c, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } }
        func line() -> String? {
            while true {
                if let i = buffer.firstIndex(of: 10) {
                    var l = Array(buffer[..<i])
                    buffer.removeSubrange(...i)
                    if l.last == 13 { l.removeLast() }
                    return String(decoding: l, as: UTF8.self)
                }
                var chunk = [UInt8](repeating: 0, count: 4096)
                let n = chunk.withUnsafeMutableBytes { recv(c, $0.baseAddress, 4096, 0) }
                if n <= 0 { return nil }
                buffer += chunk[0..<n]
            }
        }
        send("220 sink.test ESMTP")
        var current = Message(from: "", recipients: [], data: "", auth: nil)
        while let l = line() {
            let upper = l.uppercased()
            if upper.hasPrefix("EHLO") || upper.hasPrefix("HELO") {
                send("250-sink.test"); send("250-8BITMIME"); send("250 AUTH PLAIN LOGIN")
            } else if upper.hasPrefix("AUTH PLAIN ") {
                current.auth = Data(base64Encoded: String(l.dropFirst(11))).map { String(decoding: $0, as: UTF8.self) }
                send("235 ok")
            } else if upper.hasPrefix("MAIL FROM:") {
                let refused = lock.withLock { () -> Bool in
                    if refuse > 0 { refuse -= 1; return true }
                    return false
                }
                if refused { send("451 try again later"); continue }
                current.from = String(l.dropFirst(10)).trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
                send("250 ok")
            } else if upper.hasPrefix("RCPT TO:") {
                current.recipients.append(String(l.dropFirst(8)).trimmingCharacters(in: CharacterSet(charactersIn: "<> ")))
                send("250 ok")
            } else if upper == "DATA" {
                send("354 go ahead")
                var lines: [String] = []
                while let d = line(), d != "." { lines.append(d.hasPrefix(".") ? String(d.dropFirst()) : d) }
                current.data = lines.joined(separator: "\r\n")
                let m = current
                lock.withLock { received.append(m) }
                current = Message(from: "", recipients: [], data: "", auth: current.auth)
                send("250 queued")
            } else if upper == "QUIT" {
                send("221 bye")
                return
            } else {
                send("250 ok")
            }
        }
    }
}
