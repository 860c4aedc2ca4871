import Foundation
import SocleCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where and how to send e-mail: `smtp://user:password@host:port` (port 25 by default; user and password
/// optional, percent-encoded) and the sender address. STARTTLS and implicit TLS are not supported: point Socle at
/// a local relay (Postfix, an MTA on the host or the internal network) that forwards with TLS
/// (docs/server.md).
public struct SMTPConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    /// The `From:` header and the envelope sender (the address inside `<…>` when a name is given).
    public var from: String
    /// Connecting, and each read or write, fails after this long.
    public var timeout: TimeInterval = 20
    /// Sent with EHLO.
    public var heloName: String = "socle.localhost"

    public init(host: String, port: Int = 25, username: String? = nil, password: String? = nil, from: String) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.from = from
    }

    /// Reads `smtp://[user[:password]@]host[:port]`; nil with a French reason in `SocleError` when malformed.
    public init(url raw: String, from: String) throws {
        guard let c = URLComponents(string: raw.trimmingCharacters(in: .whitespaces)), c.scheme?.lowercased() == "smtp",
              let host = c.host, !host.isEmpty else {
            throw SocleError(.invalidInput, code: "mail.bad_smtp_url", args: ["url": String(raw.prefix(200))])
        }
        let sender = from.trimmingCharacters(in: .whitespaces)
        guard SMTPSession.address(sender).contains("@") else {
            throw SocleError(.invalidInput, code: "mail.bad_from", args: ["from": String(from.prefix(200))])
        }
        self.init(host: host, port: c.port ?? 25, username: c.percentEncodedUser.flatMap { $0.removingPercentEncoding },
                  password: c.percentEncodedPassword.flatMap { $0.removingPercentEncoding }, from: sender)
    }
}

/// A failed exchange with the SMTP server: the step and what the server (or the socket) said.
public struct SMTPError: Error, CustomStringConvertible, Sendable {
    public var step: String
    public var detail: String
    public var description: String { "SMTP \(step): \(detail)" }
}

/// `Mailer` over SMTP (RFC 5321), written for Socle on plain blocking sockets run off the cooperative pool:
/// EHLO, AUTH PLAIN or LOGIN when a user is configured, MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT.
/// One connection per message (notifications are few).
public struct SMTPMailer: Mailer {
    public let configuration: SMTPConfiguration
    public init(_ configuration: SMTPConfiguration) { self.configuration = configuration }

    public func send(_ message: MailMessage) async throws {
        let configuration = configuration
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global(qos: .utility).async {
                do {
                    let session = try SMTPSession(configuration)
                    defer { session.close() }
                    try session.deliver(message)
                    done.resume()
                } catch {
                    done.resume(throwing: error)
                }
            }
        }
    }
}

/// One connection to the SMTP server.
final class SMTPSession {
    let configuration: SMTPConfiguration
    private var fd: Int32 = -1
    private var buffer: [UInt8] = []

    init(_ configuration: SMTPConfiguration) throws {
        self.configuration = configuration
        fd = try Self.connect(configuration.host, configuration.port, timeout: configuration.timeout)
    }

    func close() {
        if fd >= 0 { _ = systemClose(fd) }
        fd = -1
    }

    func deliver(_ m: MailMessage) throws {
        try expect("greeting", [220])
        let ehlo = try command("EHLO \(configuration.heloName)", step: "EHLO", [250])
        if let user = configuration.username {
            let password = configuration.password ?? ""
            let auth = ehlo.lines.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased() ?? ""
            if auth.contains("PLAIN") || !auth.contains("LOGIN") {
                let token = Data(([0] + Array(user.utf8) + [0] + Array(password.utf8))).base64EncodedString()
                _ = try command("AUTH PLAIN \(token)", step: "AUTH", [235], redacted: true)
            } else {
                _ = try command("AUTH LOGIN", step: "AUTH", [334])
                _ = try command(Data(user.utf8).base64EncodedString(), step: "AUTH", [334], redacted: true)
                _ = try command(Data(password.utf8).base64EncodedString(), step: "AUTH", [235], redacted: true)
            }
        }
        _ = try command("MAIL FROM:<\(Self.address(configuration.from))>", step: "MAIL FROM", [250])
        for to in m.to { _ = try command("RCPT TO:<\(Self.address(to))>", step: "RCPT TO", [250, 251]) }
        _ = try command("DATA", step: "DATA", [354])
        let domain = Self.address(configuration.from).split(separator: "@").last.map(String.init) ?? "socle.localhost"
        let text = MailFormat.render(m, messageId: UUID().uuidString.lowercased() + "@" + domain)
        try write(Self.dotStuffed(text) + "\r\n.\r\n")
        try expect("DATA", [250])
        _ = try? command("QUIT", step: "QUIT", [221])
    }

    /// Lines starting with a dot get another one (RFC 5321 §4.5.2).
    static func dotStuffed(_ text: String) -> String {
        text.split(separator: "\r\n", omittingEmptySubsequences: false).map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
    }

    /// The address of `Name <a@b>`, or the whole value; never a line break or angle bracket.
    static func address(_ raw: String) -> String {
        var s = raw
        if let open = s.lastIndex(of: "<"), let close = s.lastIndex(of: ">"), open < close { s = String(s[s.index(after: open)..<close]) }
        return String(s.unicodeScalars.filter { !"<>\r\n ".unicodeScalars.contains($0) }.map(Character.init))
    }

    struct Reply {
        var code: Int
        var lines: [String]
    }

    private func command(_ line: String, step: String, _ codes: [Int], redacted: Bool = false) throws -> Reply {
        try write(line + "\r\n")
        return try expect(step, codes)
    }

    @discardableResult
    private func expect(_ step: String, _ codes: [Int]) throws -> Reply {
        let reply = try readReply(step)
        guard codes.contains(reply.code) else {
            throw SMTPError(step: step, detail: "\(reply.code) " + reply.lines.joined(separator: " / "))
        }
        return reply
    }

    private func readReply(_ step: String) throws -> Reply {
        var lines: [String] = []
        while true {
            let line = try readLine(step)
            guard line.count >= 3, let code = Int(line.prefix(3)) else { throw SMTPError(step: step, detail: "bad reply: \(line.prefix(200))") }
            lines.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { return Reply(code: code, lines: lines) }
            if lines.count > 100 { throw SMTPError(step: step, detail: "reply too long") }
        }
    }

    private func readLine(_ step: String) throws -> String {
        while true {
            if let i = buffer.firstIndex(of: 10) {
                var line = Array(buffer[..<i])
                buffer.removeSubrange(...i)
                if line.last == 13 { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            if buffer.count > 64 * 1024 { throw SMTPError(step: step, detail: "line too long") }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 4096, 0) }
            if n < 0 { throw SMTPError(step: step, detail: errno == EAGAIN || errno == EWOULDBLOCK ? "timeout" : String(cString: strerror(errno))) }
            if n == 0 { throw SMTPError(step: step, detail: "connection closed") }
            buffer += chunk[0..<n]
        }
    }

    private func write(_ text: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { throw SMTPError(step: "write", detail: errno == EAGAIN ? "timeout" : String(cString: strerror(errno))) }
            bytes = bytes.dropFirst(n)
        }
    }

    /// A TCP connection with send and receive timeouts (on Linux the send timeout also bounds `connect`).
    static func connect(_ host: String, _ port: Int, timeout: TimeInterval) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else { throw SMTPError(step: "connect", detail: "cannot resolve \(host)") }
        defer { freeaddrinfo(list) }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: 0)
        var lastError = "no address"
        var next: UnsafeMutablePointer<addrinfo>? = first
        while let ai = next {
            next = ai.pointee.ai_next
            let fd = socket(ai.pointee.ai_family, ai.pointee.ai_socktype, ai.pointee.ai_protocol)
            if fd < 0 { continue }
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            if systemConnect(fd, ai.pointee.ai_addr, ai.pointee.ai_addrlen) == 0 { return fd }
            lastError = String(cString: strerror(errno))
            _ = systemClose(fd)
        }
        throw SMTPError(step: "connect", detail: "\(host):\(port): \(lastError)")
    }
}

private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
private func systemConnect(_ fd: Int32, _ addr: UnsafeMutablePointer<sockaddr>?, _ len: socklen_t) -> Int32 { connect(fd, addr, len) }
