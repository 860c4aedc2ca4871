import Foundation

/// One plain-text e-mail.
public struct MailMessage: Sendable, Equatable {
    public var from: String
    public var to: [String]
    public var subject: String
    public var body: String
    public init(from: String, to: [String], subject: String, body: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
    }
}

/// Sends e-mail. The transport (SMTP, or a test double) lives where network code belongs; the notifications,
/// and later the portal's citizen services, only know this protocol. `send` throws when the message was not
/// accepted: the caller keeps it in its outbox and tries again.
public protocol Mailer: Sendable {
    func send(_ message: MailMessage) async throws
}

/// The RFC 5322 form of a message: headers (Date, Message-ID, a UTF-8 Subject encoded per RFC 2047, MIME
/// 1.0, text/plain; charset=utf-8 in quoted-printable) and the body, lines ended by CRLF. Dot-stuffing is the
/// transport's business (SMTP DATA).
public enum MailFormat {
    public static func render(_ m: MailMessage, date: Date = Date(), messageId: String) -> String {
        var lines = [
            "Date: " + rfc5322Date(date),
            "From: " + headerSafe(m.from),
            "To: " + m.to.map(headerSafe).joined(separator: ", "),
            "Message-ID: <\(headerSafe(messageId))>",
            "Subject: " + encodedWord(m.subject),
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
        ]
        lines.append(quotedPrintable(m.body))
        return lines.joined(separator: "\r\n")
    }

    /// `Mon, 07 Dec 2026 17:20:00 +0000`.
    public static func rfc5322Date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }
        return "\(days[(c.weekday ?? 1) - 1]), \(two(c.day)) \(months[(c.month ?? 1) - 1]) \(String(format: "%04d", c.year ?? 0)) "
            + "\(two(c.hour)):\(two(c.minute)):\(two(c.second)) +0000"
    }

    /// Removes what would end or fold a header line.
    static func headerSafe(_ s: String) -> String {
        String(s.unicodeScalars.filter { $0 != "\r" && $0 != "\n" }.map(Character.init))
    }

    /// A header value as-is when it is printable ASCII, else RFC 2047 encoded words (`=?utf-8?B?…?=`), each
    /// at most 75 characters and never splitting a character's UTF-8 bytes.
    public static func encodedWord(_ raw: String) -> String {
        let s = headerSafe(raw)
        if s.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) && s.count <= 900 { return s }
        var words: [String] = []
        var chunk: [UInt8] = []
        for ch in s {
            let bytes = Array(String(ch).utf8)
            // 45 bytes → 60 base64 characters, + 12 for `=?utf-8?B?` and `?=`.
            if chunk.count + bytes.count > 45 {
                words.append("=?utf-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?utf-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// Quoted-printable (RFC 2045 §6.7): lines of at most 76 characters with soft breaks, CRLF line ends,
    /// `=` and non-ASCII bytes escaped, trailing spaces escaped.
    public static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var out: [String] = []
        for line in normalised.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var current: [UInt8] = []
            for (i, b) in bytes.enumerated() {
                let last = i == bytes.count - 1
                var token: [UInt8]
                if (b >= 33 && b <= 126 && b != 61) || (b == 32 && !last) || (b == 9 && !last) {
                    token = [b]
                } else {
                    token = [61, hex[Int(b >> 4)], hex[Int(b & 15)]]
                }
                if current.count + token.count > 75 {
                    current.append(61)
                    out.append(String(decoding: current, as: UTF8.self))
                    current = []
                }
                current += token
            }
            out.append(String(decoding: current, as: UTF8.self))
        }
        return out.joined(separator: "\r\n")
    }
}
