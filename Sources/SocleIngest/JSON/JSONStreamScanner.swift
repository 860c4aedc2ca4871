import Foundation
import SocleCore

/// A streaming JSON tokenizer over a `StreamByteWindow`: whitespace, strings, numbers, literals, and
/// compact copies of whole values. It keeps the line count for error locations.
final class JSONStreamScanner {
    let w: StreamByteWindow
    /// 1-based line of the next unread byte.
    @exclusivity(unchecked) var line = 1
    /// Stream offset of the first byte of the current line.
    @exclusivity(unchecked) var lineStart: Int64 = 0
    let maxDepth = 256

    init(window: StreamByteWindow) { self.w = window }

    /// Restarts at an absolute offset whose line is known.
    func jump(to offset: Int64, line: Int, lineStart: Int64) throws {
        try w.jump(to: offset)
        self.line = line
        self.lineStart = lineStart
    }

    /// Skips a UTF-8 byte order mark; refuses UTF-16/UTF-32 marks. Returns true when a BOM was skipped.
    func skipBOM() throws -> Bool {
        _ = try w.ensure(4)
        let n = w.end - w.pos
        let b = w.buf + w.pos
        if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF {
            w.pos += 3
            lineStart = w.offset
            return true
        }
        if n >= 2, (b[0] == 0xFE && b[1] == 0xFF) || (b[0] == 0xFF && b[1] == 0xFE) {
            throw fail(.badEncoding)
        }
        return false
    }

    @inline(__always)
    func skipWhitespace() throws {
        while true {
            let b = w.buf
            var p = w.pos
            let e = w.end
            while p < e {
                let c = b[p]
                if c == 0x20 || c == 0x09 || c == 0x0D { p += 1; continue }
                if c == 0x0A {
                    p += 1
                    line += 1
                    lineStart = w.base + Int64(p)
                    continue
                }
                w.pos = p
                return
            }
            w.pos = p
            if !(try w.refill(minimum: 1)) { return }
        }
    }

    /// The next byte without consuming it; nil at the end of the stream.
    @inline(__always)
    func peek() throws -> UInt8? {
        if w.pos < w.end { return w.buf[w.pos] }
        return try w.refill(minimum: 1) ? w.buf[w.pos] : nil
    }

    /// Consumes the byte `peek` just returned.
    @inline(__always)
    func advance() { w.pos += 1 }

    // MARK: strings

    /// Scans a string at its opening quote. `raw` copies the literal JSON text (quotes and escapes
    /// kept); otherwise the decoded UTF-8 goes to `sink`. A nil sink only validates.
    func scanString(into sink: ByteAccumulator?, raw: Bool) throws {
        w.pos += 1
        if raw { sink?.append(0x22) }
        while true {
            let b = w.buf
            var p = w.pos
            let e = w.end
            let runStart = p
            while p < e {
                let c = b[p]
                if c == 0x22 || c == 0x5C || c < 0x20 || c >= 0x80 { break }
                p += 1
            }
            if let s = sink, p > runStart { s.append(b + runStart, p - runStart) }
            w.pos = p
            if p == e {
                if sink?.overflowed == true { throw fail(.valueTooLarge) }
                guard try w.refill(minimum: 1) else { throw fail(.truncated(0x22)) }
                continue
            }
            let c = b[p]
            if c == 0x22 {
                w.pos = p + 1
                if raw { sink?.append(0x22) }
                if sink?.overflowed == true { throw fail(.valueTooLarge) }
                return
            }
            if c == 0x5C {
                try scanEscape(into: sink, raw: raw)
            } else if c < 0x20 {
                throw fail(.controlCharacter)
            } else {
                try scanMultibyte(into: sink)
            }
        }
    }

    private func scanEscape(into sink: ByteAccumulator?, raw: Bool) throws {
        guard try w.ensure(2) else { throw fail(.truncated(0x22)) }
        let c = w.buf[w.pos + 1]
        let decoded: UInt8
        switch c {
        case 0x22, 0x5C, 0x2F: decoded = c
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"): return try scanUnicodeEscape(into: sink, raw: raw)
        default: throw fail(.badEscape)
        }
        if raw { sink?.append(w.buf + w.pos, 2) } else { sink?.append(decoded) }
        w.pos += 2
    }

    private func hex4(_ p: UnsafeMutablePointer<UInt8>) -> UInt32? {
        var v: UInt32 = 0
        for i in 0..<4 {
            let c = p[i]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: return nil
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    private func scanUnicodeEscape(into sink: ByteAccumulator?, raw: Bool) throws {
        guard try w.ensure(6) else { throw fail(.truncated(0x22)) }
        guard let unit = hex4(w.buf + w.pos + 2) else { throw fail(.badEscape) }
        var scalar = unit
        var length = 6
        if unit >= 0xD800 && unit < 0xDC00 {
            // A high surrogate must be followed by an escaped low surrogate to form one character.
            _ = try w.ensure(12)
            let p = w.buf + w.pos
            if w.end - w.pos >= 12, p[6] == 0x5C, p[7] == UInt8(ascii: "u"),
               let low = hex4(p + 8), low >= 0xDC00 && low < 0xE000 {
                scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                length = 12
            } else {
                scalar = 0xFFFD
            }
        } else if unit >= 0xDC00 && unit < 0xE000 {
            scalar = 0xFFFD
        }
        if let s = sink {
            if raw { s.append(w.buf + w.pos, length) } else { Self.appendScalar(scalar, to: s) }
        }
        w.pos += length
    }

    static func appendScalar(_ v: UInt32, to s: ByteAccumulator) {
        switch v {
        case 0..<0x80: s.append(UInt8(v))
        case 0x80..<0x800:
            s.append(UInt8(0xC0 | (v >> 6)))
            s.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            s.append(UInt8(0xE0 | (v >> 12)))
            s.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            s.append(UInt8(0x80 | (v & 0x3F)))
        default:
            s.append(UInt8(0xF0 | (v >> 18)))
            s.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            s.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            s.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// Validates one multi-byte UTF-8 sequence (no overlongs, no surrogates) and copies it.
    private func scanMultibyte(into sink: ByteAccumulator?) throws {
        let c = w.buf[w.pos]
        let n: Int
        var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
        switch c {
        case 0xC2...0xDF: n = 2
        case 0xE0: n = 3; lo = 0xA0
        case 0xED: n = 3; hi = 0x9F
        case 0xE1...0xEF: n = 3
        case 0xF0: n = 4; lo = 0x90
        case 0xF4: n = 4; hi = 0x8F
        case 0xF1...0xF3: n = 4
        default: throw fail(.badUTF8)
        }
        guard try w.ensure(n) else { throw fail(.badUTF8) }
        let p = w.buf + w.pos
        guard p[1] >= lo && p[1] <= hi else { throw fail(.badUTF8) }
        for i in 2..<n where p[i] & 0xC0 != 0x80 { throw fail(.badUTF8) }
        sink?.append(p, n)
        w.pos += n
    }

    // MARK: numbers and literals

    @inline(__always)
    private static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    @inline(__always)
    static func isDelimiter(_ c: UInt8) -> Bool {
        c == 0x2C || c == 0x5D || c == 0x7D || c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09
    }

    /// Scans a number literal following the JSON grammar and copies its text.
    func scanNumber(into sink: ByteAccumulator?) throws {
        _ = try w.ensure(400)
        let b = w.buf
        let start = w.pos
        let e = w.end
        var p = start
        if p < e && b[p] == UInt8(ascii: "-") { p += 1 }
        guard p < e else { throw fail(.truncated(nil)) }
        if b[p] == 0x30 {
            p += 1
        } else if Self.isDigit(b[p]) {
            while p < e && Self.isDigit(b[p]) { p += 1 }
        } else {
            throw fail(.badNumber)
        }
        if p < e && b[p] == UInt8(ascii: ".") {
            p += 1
            guard p < e && Self.isDigit(b[p]) else { throw fail(.badNumber) }
            while p < e && Self.isDigit(b[p]) { p += 1 }
        }
        if p < e && (b[p] == UInt8(ascii: "e") || b[p] == UInt8(ascii: "E")) {
            p += 1
            if p < e && (b[p] == UInt8(ascii: "+") || b[p] == UInt8(ascii: "-")) { p += 1 }
            guard p < e && Self.isDigit(b[p]) else { throw fail(.badNumber) }
            while p < e && Self.isDigit(b[p]) { p += 1 }
        }
        if p < e {
            guard Self.isDelimiter(b[p]) else { throw fail(.badNumber) }
        } else if !w.atEOF {
            throw fail(.badNumber)
        }
        sink?.append(b + start, p - start)
        w.pos = p
    }

    /// Scans `true`, `false` or `null`; returns 0 for false, 1 for true, 2 for null.
    func scanLiteral(into sink: ByteAccumulator?) throws -> Int {
        _ = try w.ensure(6)
        let b = w.buf + w.pos
        let n = w.end - w.pos
        func matches(_ word: StaticString) -> Bool {
            let len = word.utf8CodeUnitCount
            guard n >= len else { return false }
            for i in 0..<len where b[i] != word.utf8Start[i] { return false }
            return n == len || Self.isDelimiter(b[len])
        }
        if matches("true") { sink?.append(b, 4); w.pos += 4; return 1 }
        if matches("false") { sink?.append(b, 5); w.pos += 5; return 0 }
        if matches("null") { sink?.append(b, 4); w.pos += 4; return 2 }
        throw fail(n < 4 && w.atEOF ? .truncated(nil) : .badLiteral)
    }

    // MARK: whole values

    /// Copies any JSON value without insignificant whitespace into `sink` (only validates when nil).
    /// `close` is the closer of the enclosing container, for truncation messages.
    func copyValue(into sink: ByteAccumulator?, close: UInt8?, depth: Int) throws {
        try skipWhitespace()
        guard let c = try peek() else { throw fail(.truncated(close)) }
        switch c {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try copyContainer(into: sink, open: c, depth: depth)
        case 0x22:
            try scanString(into: sink, raw: true)
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            _ = try scanLiteral(into: sink)
        case UInt8(ascii: "-"), 0x30...0x39:
            try scanNumber(into: sink)
        default:
            throw fail(.expectedValue)
        }
        if sink?.overflowed == true { throw fail(.valueTooLarge) }
    }

    private func copyContainer(into sink: ByteAccumulator?, open: UInt8, depth: Int) throws {
        guard depth < maxDepth else { throw fail(.tooDeep) }
        let isObject = open == UInt8(ascii: "{")
        let close: UInt8 = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        advance()
        sink?.append(open)
        try skipWhitespace()
        guard let first = try peek() else { throw fail(.truncated(close)) }
        if first == close {
            advance()
            sink?.append(close)
            return
        }
        while true {
            if isObject {
                try skipWhitespace()
                guard let q = try peek() else { throw fail(.truncated(close)) }
                guard q == 0x22 else { throw fail(.expectedKey) }
                try scanString(into: sink, raw: true)
                try expectColon(close: close)
                sink?.append(UInt8(ascii: ":"))
            }
            try copyValue(into: sink, close: close, depth: depth + 1)
            if try nextSeparator(close: close) {
                sink?.append(UInt8(ascii: ","))
            } else {
                sink?.append(close)
                return
            }
        }
    }

    /// Skips whitespace and a `:`.
    func expectColon(close: UInt8) throws {
        try skipWhitespace()
        guard let c = try peek() else { throw fail(.truncated(close)) }
        guard c == UInt8(ascii: ":") else { throw fail(.expectedColon) }
        advance()
    }

    /// After a member or element: consumes `,` (returns true) or the closer (returns false).
    func nextSeparator(close: UInt8) throws -> Bool {
        try skipWhitespace()
        guard let c = try peek() else { throw fail(.truncated(close)) }
        if c == UInt8(ascii: ",") { advance(); return true }
        if c == close { advance(); return false }
        throw fail(.expectedSeparator(close))
    }

    // MARK: errors

    /// An error at the current position, with a short excerpt of what was found there.
    func fail(_ reason: JSONScanError.Reason) -> JSONScanError {
        var found = ""
        let n = min(w.end - w.pos, 24)
        if n > 0 {
            var bytes = Array(UnsafeBufferPointer(start: w.buf + w.pos, count: n))
            if let nl = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) { bytes.removeSubrange(nl...) }
            found = String(decoding: bytes, as: UTF8.self)
        }
        return JSONScanError(reason: reason, offset: w.offset, line: line, lineStart: lineStart, found: found)
    }
}
