/// An IRI that every writer can print as is: spaces, quotes, angle brackets, braces, backslashes, control
/// characters and non-ASCII characters are percent-encoded once, when the value is made.
struct IRI: Hashable, Sendable {
    let value: String
    /// `prefix:local` when the IRI was made from a term of a declared vocabulary (see `NS`); the writers use
    /// it as the short name. Other IRIs are always written in full.
    let qname: String?

    init(_ raw: String) {
        value = IRI.escape(raw)
        qname = nil
    }

    /// A vocabulary term: the local name is a plain ASCII name chosen in code, so nothing needs escaping.
    init(term local: String, prefix: String, namespace: String) {
        value = namespace + local
        qname = prefix + ":" + local
    }

    static func == (a: IRI, b: IRI) -> Bool { a.value == b.value }
    func hash(into hasher: inout Hasher) { hasher.combine(value) }

    /// A link a reuser can follow: an absolute `http`, `https`, `ftp` or `ftps` URL with a host, else nil
    /// (so `javascript:`, relative paths and free text never become links in the feed).
    static func web(_ raw: String?) -> IRI? {
        guard let raw else { return nil }
        let text = raw.trimmed
        let head = String(decoding: text.utf8.prefix(8), as: UTF8.self).asciiLowercased
        for scheme in ["http://", "https://", "ftp://", "ftps://"] where head.startsWithBytes(scheme) {
            let rest = text.dropFirst(scheme.count)
            let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "\\" }) else { return nil }
            return IRI(text)
        }
        return nil
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func escape(_ raw: String) -> String {
        let clean = raw.utf8.withContiguousStorageIfAvailable { !$0.contains { needsEscape($0) || $0 == UInt8(ascii: "%") } }
        if clean ?? false { return raw }
        let bytes = Array(raw.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "%") {
                // Keep an existing escape; a stray percent sign becomes %25 so the IRI stays valid.
                let valid = i + 2 < bytes.count && isHex(bytes[i + 1]) && isHex(bytes[i + 2])
                if valid { out.append(b) } else { out.append(contentsOf: [b, UInt8(ascii: "2"), UInt8(ascii: "5")]) }
            } else if needsEscape(b) {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(b >> 4)])
                out.append(hexDigits[Int(b & 0x0F)])
            } else {
                out.append(b)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isHex(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
    }

    /// The characters Turtle's IRIREF forbids, plus `'` (XML attributes) and every non-ASCII byte.
    private static func needsEscape(_ b: UInt8) -> Bool {
        if b <= 0x20 || b >= 0x7F { return true }
        switch b {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "\\"), UInt8(ascii: "'"):
            return true
        default:
            return false
        }
    }
}
