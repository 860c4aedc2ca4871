#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A small pull tokenizer for the XML inside XLSX and ODS files: start tags with attributes, end
/// tags, and text (decoded only while `captureText` is on). Comments, processing instructions and
/// DOCTYPEs are skipped; CDATA is text. It reads through a `StreamByteWindow`, so memory stays bounded.
final class XMLPullTokenizer {
    enum Event { case start, end, text, eof }

    /// Thrown on XML that ends early or is not well formed.
    struct Malformed: Error {}
    /// Thrown when a name, an attribute or a text passes `IngestLimits.maxCellBytes` (or a tag has more
    /// than `maxAttributes` attributes): memory stays bounded whatever the XML.
    struct TooLarge: Error {}
    static let maxAttributes = 10_000

    let w: StreamByteWindow
    /// Qualified name of the last start or end tag.
    let name = ByteAccumulator(capacity: 64, limit: 1 << 16)
    /// Decoded attribute names and values of the last start tag, back to back.
    let attributeBytes = ByteAccumulator(capacity: 512, limit: IngestLimits.maxCellBytes)
    /// For each attribute: name start, name end (= value start), value end, in `attributeBytes`;
    /// only the first `attributeCount` slots are current (slots are reused to avoid reallocations).
    @exclusivity(unchecked) private var attributeSlots: [(Int, Int, Int)] = []
    @exclusivity(unchecked) private var attributeCount = 0
    /// Decoded text of the last text event.
    let text = ByteAccumulator(capacity: 1024, limit: IngestLimits.maxCellBytes)
    /// When false, character data is skipped without being decoded or reported.
    @exclusivity(unchecked) var captureText = false
    /// True when the last start tag was self-closing (`<a/>`); its end event follows.
    @exclusivity(unchecked) private(set) var selfClosing = false
    @exclusivity(unchecked) private var pendingEnd = false

    init(window: StreamByteWindow) { self.w = window }

    func next() throws -> Event {
        if pendingEnd {
            pendingEnd = false
            return .end
        }
        while true {
            guard try w.ensure(1) else { return .eof }
            if w.buf[w.pos] != UInt8(ascii: "<") {
                if captureText {
                    text.removeAll()
                    try readText()
                    if text.overflowed { throw TooLarge() }
                    if text.count > 0 { return .text }
                } else {
                    try skipToTag()
                }
                continue
            }
            guard try w.ensure(2) else { throw Malformed() }
            let c = w.buf[w.pos + 1]
            if c == UInt8(ascii: "/") {
                w.pos += 2
                try readName()
                try skipPast(UInt8(ascii: ">"))
                return .end
            }
            if c == UInt8(ascii: "?") {
                try skipPast("?>")
                continue
            }
            if c == UInt8(ascii: "!") {
                if try startsWith("<!--") {
                    try skipPast("-->")
                } else if try startsWith("<![CDATA[") {
                    w.pos += 9
                    text.removeAll()
                    try copyUntil("]]>", into: captureText ? text : nil)
                    if text.overflowed { throw TooLarge() }
                    if captureText && text.count > 0 { return .text }
                } else {
                    try skipPast(UInt8(ascii: ">"))
                }
                continue
            }
            w.pos += 1
            try readStartTag()
            return .start
        }
    }

    // MARK: names and attributes

    /// True when the last tag's local name (after any prefix) is `local`.
    func localNameIs(_ local: StaticString) -> Bool {
        let n = name.count
        let len = local.utf8CodeUnitCount
        guard n >= len else { return false }
        let p = name.ptr
        if n > len && p[n - len - 1] != UInt8(ascii: ":") { return false }
        return memcmp(p + (n - len), local.utf8Start, len) == 0
    }

    /// True when the last tag's qualified name is exactly `qualified`.
    func nameIs(_ qualified: StaticString) -> Bool {
        name.count == qualified.utf8CodeUnitCount && memcmp(name.ptr, qualified.utf8Start, name.count) == 0
    }

    /// The decoded value of the attribute with this qualified name.
    func attribute(_ qualified: StaticString) -> UnsafeBufferPointer<UInt8>? {
        let len = qualified.utf8CodeUnitCount
        for i in 0..<attributeCount {
            let (ns, ne, ve) = attributeSlots[i]
            if ne - ns == len && memcmp(attributeBytes.ptr + ns, qualified.utf8Start, len) == 0 {
                return attributeBytes.slice(ne, ve)
            }
        }
        return nil
    }

    /// The value of the first attribute whose local name is `local`, whatever its prefix.
    func attribute(local: StaticString) -> UnsafeBufferPointer<UInt8>? {
        let len = local.utf8CodeUnitCount
        for i in 0..<attributeCount {
            let (ns, ne, ve) = attributeSlots[i]
            guard ne - ns >= len else { continue }
            let start = ne - len
            guard start == ns || attributeBytes.ptr[start - 1] == UInt8(ascii: ":") else { continue }
            if memcmp(attributeBytes.ptr + start, local.utf8Start, len) == 0 { return attributeBytes.slice(ne, ve) }
        }
        return nil
    }

    func attributeString(_ qualified: StaticString) -> String? {
        attribute(qualified).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A non-negative integer attribute (e.g. a repeat count), nil when absent or not a number.
    func attributeInt(_ qualified: StaticString) -> Int? {
        guard let v = attribute(qualified), !v.isEmpty else { return nil }
        var n = 0
        for c in v {
            guard c &- 0x30 < 10 else { return nil }
            n = n &* 10 &+ Int(c - 0x30)
            if n > 100_000_000 { return 100_000_000 }
        }
        return n
    }

    @inline(__always)
    private static func isNameEnd(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == UInt8(ascii: ">") || c == UInt8(ascii: "/")
            || c == UInt8(ascii: "=")
    }

    private func readName() throws {
        name.removeAll()
        while true {
            let b = w.buf
            var p = w.pos
            let e = w.end
            let s = p
            while p < e && !Self.isNameEnd(b[p]) { p += 1 }
            name.append(b + s, p - s)
            w.pos = p
            if name.overflowed { throw TooLarge() }
            if p < e { return }
            guard try w.refill(minimum: 1) else { throw Malformed() }
        }
    }

    private func skipSpaces() throws {
        while true {
            guard try w.ensure(1) else { throw Malformed() }
            let c = w.buf[w.pos]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            w.pos += 1
        }
    }

    private func readStartTag() throws {
        try readName()
        attributeBytes.removeAll()
        attributeCount = 0
        selfClosing = false
        while true {
            try skipSpaces()
            let c = w.buf[w.pos]
            if c == UInt8(ascii: ">") {
                w.pos += 1
                return
            }
            if c == UInt8(ascii: "/") {
                guard try w.ensure(2), w.buf[w.pos + 1] == UInt8(ascii: ">") else { throw Malformed() }
                w.pos += 2
                selfClosing = true
                pendingEnd = true
                return
            }
            // name="value" or name='value'
            let ns = attributeBytes.count
            while true {
                guard try w.ensure(1) else { throw Malformed() }
                let d = w.buf[w.pos]
                if Self.isNameEnd(d) { break }
                attributeBytes.append(d)
                w.pos += 1
                if attributeBytes.overflowed { throw TooLarge() }
            }
            let ne = attributeBytes.count
            guard ne > ns else { throw Malformed() }
            try skipSpaces()
            guard w.buf[w.pos] == UInt8(ascii: "=") else { throw Malformed() }
            w.pos += 1
            try skipSpaces()
            let quote = w.buf[w.pos]
            guard quote == 0x22 || quote == 0x27 else { throw Malformed() }
            w.pos += 1
            try decodeUntil(quote, into: attributeBytes)
            if attributeBytes.overflowed || attributeCount >= Self.maxAttributes { throw TooLarge() }
            w.pos += 1
            let slot = (ns, ne, attributeBytes.count)
            if attributeCount < attributeSlots.count { attributeSlots[attributeCount] = slot } else { attributeSlots.append(slot) }
            attributeCount += 1
        }
    }

    // MARK: text

    private func readText() throws {
        try decodeUntil(UInt8(ascii: "<"), into: text, endOK: true)
    }

    /// Decodes character data (entities resolved) up to `stop`, leaving the window on it.
    private func decodeUntil(_ stop: UInt8, into out: ByteAccumulator, endOK: Bool = false) throws {
        while true {
            let b = w.buf
            var p = w.pos
            let e = w.end
            let s = p
            while p < e && b[p] != stop && b[p] != UInt8(ascii: "&") { p += 1 }
            out.append(b + s, p - s)
            w.pos = p
            if out.overflowed { throw TooLarge() }
            if p < e {
                if b[p] == stop { return }
                try decodeEntity(into: out)
                continue
            }
            guard try w.refill(minimum: 1) else {
                if endOK { return }
                throw Malformed()
            }
        }
    }

    private func decodeEntity(into out: ByteAccumulator) throws {
        _ = try w.ensure(12)
        let b = w.buf + w.pos
        let n = min(w.end - w.pos, 12)
        var semi = -1
        for i in 1..<max(n, 1) where b[i] == UInt8(ascii: ";") { semi = i; break }
        guard semi > 1 else {
            out.append(UInt8(ascii: "&"))
            w.pos += 1
            return
        }
        let body = UnsafeBufferPointer(start: b + 1, count: semi - 1)
        func isWord(_ s: StaticString) -> Bool {
            body.count == s.utf8CodeUnitCount && memcmp(b + 1, s.utf8Start, body.count) == 0
        }
        var scalar: UInt32?
        if isWord("lt") { scalar = 0x3C } else if isWord("gt") { scalar = 0x3E } else if isWord("amp") { scalar = 0x26 }
        else if isWord("quot") { scalar = 0x22 } else if isWord("apos") { scalar = 0x27 }
        else if body[0] == UInt8(ascii: "#") {
            var v: UInt32 = 0
            let hex = body.count > 1 && (body[1] == UInt8(ascii: "x") || body[1] == UInt8(ascii: "X"))
            var ok = body.count > (hex ? 2 : 1)
            for c in body.dropFirst(hex ? 2 : 1) {
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46 where hex: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66 where hex: d = UInt32(c - 0x61 + 10)
                default: ok = false; d = 0
                }
                v = v &* (hex ? 16 : 10) &+ d
                if v > 0x10FFFF { ok = false }
            }
            if ok && !(v >= 0xD800 && v < 0xE000) { scalar = v }
        }
        guard let s = scalar else {
            out.append(UInt8(ascii: "&"))
            w.pos += 1
            return
        }
        JSONStreamScanner.appendScalar(s, to: out)
        w.pos += semi + 1
    }

    private func skipToTag() throws {
        while true {
            let n = w.end - w.pos
            if n > 0, let hit = memchr(w.buf + w.pos, Int32(UInt8(ascii: "<")), n) {
                w.pos = hit.assumingMemoryBound(to: UInt8.self) - w.buf
                return
            }
            w.pos = w.end
            guard try w.refill(minimum: 1) else { return }
        }
    }

    private func startsWith(_ s: StaticString) throws -> Bool {
        let len = s.utf8CodeUnitCount
        guard try w.ensure(len) else { return false }
        return memcmp(w.buf + w.pos, s.utf8Start, len) == 0
    }

    private func skipPast(_ c: UInt8) throws {
        while true {
            let n = w.end - w.pos
            if n > 0, let hit = memchr(w.buf + w.pos, Int32(c), n) {
                w.pos = hit.assumingMemoryBound(to: UInt8.self) - w.buf + 1
                return
            }
            w.pos = w.end
            guard try w.refill(minimum: 1) else { throw Malformed() }
        }
    }

    private func skipPast(_ s: StaticString) throws {
        try copyUntil(s, into: nil)
    }

    /// Copies raw bytes up to the terminator `s` (consumed) into `out`.
    private func copyUntil(_ s: StaticString, into out: ByteAccumulator?) throws {
        let len = s.utf8CodeUnitCount
        let first = s.utf8Start[0]
        while true {
            guard try w.ensure(len) else { throw Malformed() }
            if w.buf[w.pos] == first && memcmp(w.buf + w.pos, s.utf8Start, len) == 0 {
                w.pos += len
                return
            }
            out?.append(w.buf[w.pos])
            w.pos += 1
        }
    }
}
