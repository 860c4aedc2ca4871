import Foundation

/// A JSON value as the Table Schema code needs it: member order kept, booleans distinct from numbers,
/// numbers kept with their lexical form (so `1` stays an integer literal).
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double, lexical: String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    var objectValue: JSONObject? { if case .object(let o) = self { return o } else { return nil } }
    var numberValue: Double? { if case .number(let d, _) = self { return d } else { return nil } }

    /// The JSON kind in words, for error messages ("object", "array", "string"…).
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

/// A JSON object keeping its members in file order (a duplicated key keeps its last value).
struct JSONObject: Sendable, Equatable {
    private(set) var keys: [String] = []
    private var values: [String: JSONValue] = [:]

    subscript(key: String) -> JSONValue? { values[key] }

    mutating func set(_ key: String, _ value: JSONValue) {
        if values.updateValue(value, forKey: key) == nil { keys.append(key) }
    }

    var count: Int { keys.count }
}

/// Where and why a JSON text is malformed.
struct JSONSyntaxError: Error, Sendable, Equatable {
    enum Reason: String, Sendable {
        case unexpectedEnd = "unexpected_end"
        case unexpectedCharacter = "unexpected_character"
        case badEscape = "bad_escape"
        case badNumber = "bad_number"
        case controlCharacter = "control_character"
        case tooDeep = "too_deep"
        case trailingContent = "trailing_content"
    }
    var reason: Reason
    /// Byte offset of the problem.
    var offset: Int
    /// 1-based line and column (column counted in characters).
    var line: Int
    var column: Int
    /// The offending character, when there is one.
    var found: String?
}

/// A small strict JSON parser (RFC 8259) over bytes that reports the line and column of the first error.
/// Nesting is limited so that hostile input cannot exhaust the stack.
struct JSONParser {
    static let maxDepth = 256

    static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var result: Result<JSONValue, JSONSyntaxError> = .success(.null)
        bytes.withUnsafeBufferPointer { buf in
            result = Result { () throws(JSONSyntaxError) -> JSONValue in try parse(buf) }
        }
        return try result.get()
    }

    static func parse(_ buf: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        var p = JSONParser(buf: buf)
        // A UTF-8 byte order mark is tolerated: editors on Windows add one.
        if buf.count >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { p.pos = 3 }
        p.skipSpace()
        let value = try p.parseValue(depth: 0)
        p.skipSpace()
        if p.pos < buf.count { throw p.error(.trailingContent) }
        return value
    }

    private let buf: UnsafeBufferPointer<UInt8>
    private var pos = 0

    private init(buf: UnsafeBufferPointer<UInt8>) { self.buf = buf }

    private func error(_ reason: JSONSyntaxError.Reason, at offset: Int? = nil) -> JSONSyntaxError {
        let at = min(offset ?? pos, buf.count)
        var line = 1
        var column = 1
        var i = 0
        while i < at {
            let b = buf[i]
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        var found: String?
        if at < buf.count {
            // Show the whole UTF-8 character, not a lone byte.
            var end = at + 1
            while end < buf.count, buf[end] & 0xC0 == 0x80, end - at < 4 { end += 1 }
            found = String(decoding: UnsafeBufferPointer(rebasing: buf[at..<end]), as: UTF8.self)
        }
        return JSONSyntaxError(reason: at >= buf.count && reason != .tooDeep ? .unexpectedEnd : reason,
                               offset: at, line: line, column: column, found: found)
    }

    private mutating func skipSpace() {
        while pos < buf.count {
            switch buf[pos] {
            case 0x20, 0x09, 0x0A, 0x0D: pos += 1
            default: return
            }
        }
    }

    private mutating func expect(_ literal: String) throws(JSONSyntaxError) {
        var k = 0
        for c in literal.utf8 {
            guard pos + k < buf.count, buf[pos + k] == c else { throw error(.unexpectedCharacter, at: pos + k) }
            k += 1
        }
        pos += k
    }

    private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < JSONParser.maxDepth else { throw error(.tooDeep) }
        guard pos < buf.count else { throw error(.unexpectedEnd) }
        switch buf[pos] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error(.unexpectedCharacter)
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        pos += 1
        var object = JSONObject()
        skipSpace()
        if pos < buf.count, buf[pos] == UInt8(ascii: "}") { pos += 1; return .object(object) }
        while true {
            skipSpace()
            guard pos < buf.count else { throw error(.unexpectedEnd) }
            guard buf[pos] == UInt8(ascii: "\"") else { throw error(.unexpectedCharacter) }
            let key = try parseString()
            skipSpace()
            guard pos < buf.count, buf[pos] == UInt8(ascii: ":") else { throw error(.unexpectedCharacter) }
            pos += 1
            skipSpace()
            object.set(key, try parseValue(depth: depth + 1))
            skipSpace()
            guard pos < buf.count else { throw error(.unexpectedEnd) }
            if buf[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if buf[pos] == UInt8(ascii: "}") { pos += 1; return .object(object) }
            throw error(.unexpectedCharacter)
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        pos += 1
        var items: [JSONValue] = []
        skipSpace()
        if pos < buf.count, buf[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try parseValue(depth: depth + 1))
            skipSpace()
            guard pos < buf.count else { throw error(.unexpectedEnd) }
            if buf[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if buf[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
            throw error(.unexpectedCharacter)
        }
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        pos += 1
        var out: [UInt8] = []
        var start = pos
        while true {
            guard pos < buf.count else { throw error(.unexpectedEnd) }
            let b = buf[pos]
            if b == UInt8(ascii: "\"") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<pos]))
                pos += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b < 0x20 { throw error(.controlCharacter) }
            if b != UInt8(ascii: "\\") { pos += 1; continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<pos]))
            let escapeAt = pos
            pos += 1
            guard pos < buf.count else { throw error(.unexpectedEnd) }
            switch buf[pos] {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(at: pos + 1, escapeAt: escapeAt)
                pos += 4
                if (0xD800...0xDBFF).contains(scalar), pos + 6 < buf.count,
                   buf[pos + 1] == UInt8(ascii: "\\"), buf[pos + 2] == UInt8(ascii: "u") {
                    let low = try hex4(at: pos + 3, escapeAt: pos + 1)
                    if (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        pos += 6
                    }
                }
                // Lone surrogates become U+FFFD rather than an error, like most decoders.
                let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default:
                throw error(.badEscape, at: escapeAt)
            }
            pos += 1
            start = pos
        }
    }

    private func hex4(at offset: Int, escapeAt: Int) throws(JSONSyntaxError) -> UInt32 {
        guard offset + 4 <= buf.count else { throw error(.badEscape, at: escapeAt) }
        var v: UInt32 = 0
        for k in 0..<4 {
            let c = buf[offset + k]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw error(.badEscape, at: escapeAt)
            }
            v = v << 4 | d
        }
        return v
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = pos
        if buf[pos] == UInt8(ascii: "-") { pos += 1 }
        let intStart = pos
        while pos < buf.count, isDigit(buf[pos]) { pos += 1 }
        let intDigits = pos - intStart
        guard intDigits > 0 else { throw error(.badNumber, at: pos) }
        if intDigits > 1, buf[intStart] == UInt8(ascii: "0") { throw error(.badNumber, at: intStart) }
        if pos < buf.count, buf[pos] == UInt8(ascii: ".") {
            pos += 1
            let f = pos
            while pos < buf.count, isDigit(buf[pos]) { pos += 1 }
            guard pos > f else { throw error(.badNumber, at: pos) }
        }
        if pos < buf.count, buf[pos] == UInt8(ascii: "e") || buf[pos] == UInt8(ascii: "E") {
            pos += 1
            if pos < buf.count, buf[pos] == UInt8(ascii: "+") || buf[pos] == UInt8(ascii: "-") { pos += 1 }
            let e = pos
            while pos < buf.count, isDigit(buf[pos]) { pos += 1 }
            guard pos > e else { throw error(.badNumber, at: pos) }
        }
        let lexical = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<pos]), as: UTF8.self)
        return .number(Double(lexical) ?? .nan, lexical: lexical)
    }

    @inline(__always) private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}
