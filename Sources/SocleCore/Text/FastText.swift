/// String helpers for the request path. Foundation's `replacingOccurrences` bridges through `NSString`
/// on Linux and showed up as a few percent of every API request's CPU (identifier quoting, message
/// rendering, base64url): these work on UTF-8 bytes and return the string untouched when there is
/// nothing to replace, which is the usual case.
extension String {
    /// Every occurrence of `target` replaced by `replacement` (left to right, without overlap).
    public func replacingAll(_ target: String, with replacement: String) -> String {
        let t = Array(target.utf8)
        guard let first = t.first else { return self }
        var copy = self
        return copy.withUTF8 { buffer -> String in
            guard let start = buffer.firstIndex(of: first) else { return self }
            let r = Array(replacement.utf8)
            var out: [UInt8] = []
            out.reserveCapacity(buffer.count + r.count)
            out.append(contentsOf: buffer[..<start])
            var i = start
            while i < buffer.count {
                if buffer[i] == first, i + t.count <= buffer.count, buffer[i ..< i + t.count].elementsEqual(t) {
                    out.append(contentsOf: r)
                    i += t.count
                } else {
                    out.append(buffer[i])
                    i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// A double-quoted SQL identifier with embedded quotes doubled.
    public var sqlQuotedIdentifier: String {
        "\"" + replacingAll("\"", with: "\"\"") + "\""
    }
}

/// Base64url (RFC 4648 §5) without padding, from the standard alphabet's text.
public enum Base64URL {
    /// `+` → `-`, `/` → `_`, padding dropped.
    public static func fromStandard(_ base64: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(base64.utf8.count)
        for b in base64.utf8 where b != UInt8(ascii: "=") {
            out.append(b == UInt8(ascii: "+") ? UInt8(ascii: "-") : b == UInt8(ascii: "/") ? UInt8(ascii: "_") : b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `-` → `+`, `_` → `/`, padding restored: text that `Data(base64Encoded:)` reads.
    public static func toStandard(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 3)
        for b in text.utf8 {
            out.append(b == UInt8(ascii: "-") ? UInt8(ascii: "+") : b == UInt8(ascii: "_") ? UInt8(ascii: "/") : b)
        }
        while out.count % 4 != 0 { out.append(UInt8(ascii: "=")) }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Lower-case hexadecimal text of bytes (digests, ETags) without `String(format:)` per byte.
public enum Hex {
    static let digits = Array("0123456789abcdef".utf8)

    public static func encode<S: Sequence<UInt8>>(_ bytes: S) -> String {
        var out: [UInt8] = []
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
