import Foundation

/// Parses GeoJSON geometry text: validation and bounding box, used by the converter.
public enum GeoJSONGeometry {
    /// A bounding box in lon/lat (or the source's x/y).
    public struct BBox: Sendable, Equatable {
        public var minX, minY, maxX, maxY: Double
        public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
            self.minX = minX; self.minY = minY; self.maxX = maxX; self.maxY = maxY
        }
        public var isPoint: Bool { minX == maxX && minY == maxY }
    }

    /// What is wrong with a geometry, for located messages.
    enum Problem: Error, Equatable {
        /// Not JSON, or not an object where a geometry was expected.
        case syntax
        case missingType
        case unknownType(String)
        case missingCoordinates
        /// A coordinate that is not a finite number.
        case notNumber
        /// A position with fewer than two numbers.
        case shortPosition
        /// Arrays nested to the wrong depth for the type (e.g. a Polygon given as a list of positions).
        case nesting(String)
        /// No position at all (empty coordinates or an empty GeometryCollection).
        case empty
    }

    /// The bbox of a GeoJSON geometry object given as UTF-8 text, or nil if it is not valid GeoJSON
    /// geometry (wrong structure, non-numeric coordinates, short positions) or has no position.
    public static func bbox(utf8 bytes: UnsafeBufferPointer<UInt8>) -> BBox? {
        try? check(bytes)
    }

    /// The bbox of a geometry, or the reason it is not a valid, non-empty GeoJSON geometry.
    static func check(_ bytes: UnsafeBufferPointer<UInt8>) throws -> BBox {
        guard let base = bytes.baseAddress, bytes.count > 0 else { throw Problem.syntax }
        var parser = GeometryByteParser(base: base, count: bytes.count)
        try parser.geometry(depth: 0)
        parser.skipWhitespace()
        guard parser.p == parser.n else { throw Problem.syntax }
        guard parser.box.minX <= parser.box.maxX else { throw Problem.empty }
        return parser.box
    }
}

/// A byte-level parser of one geometry object held in memory; it grows `box` as it meets positions.
struct GeometryByteParser {
    let b: UnsafePointer<UInt8>
    let n: Int
    var p = 0
    var box = GeoJSONGeometry.BBox(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)
    typealias Problem = GeoJSONGeometry.Problem

    init(base: UnsafePointer<UInt8>, count: Int) {
        self.b = base
        self.n = count
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while p < n {
            let c = b[p]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            p += 1
        }
    }

    @inline(__always)
    mutating func expect(_ c: UInt8) throws {
        skipWhitespace()
        guard p < n, b[p] == c else { throw Problem.syntax }
        p += 1
    }

    /// Parses a geometry object; checks its coordinates' nesting against its type.
    mutating func geometry(depth: Int) throws {
        guard depth < 32 else { throw Problem.syntax }
        try expect(UInt8(ascii: "{"))
        var typeName: String?
        var coordinateDepth: Int?
        var geometries: Int?
        skipWhitespace()
        if p < n && b[p] == UInt8(ascii: "}") {
            p += 1
            throw Problem.missingType
        }
        while true {
            skipWhitespace()
            let key = try rawString()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            if equals(key, "type") {
                guard p < n, b[p] == 0x22 else { throw Problem.syntax }
                let v = try rawString()
                typeName = String(decoding: UnsafeBufferPointer(start: b + v.lowerBound, count: v.count), as: UTF8.self)
            } else if equals(key, "coordinates") {
                guard p < n, b[p] == UInt8(ascii: "[") else {
                    if p < n, b[p] == UInt8(ascii: "n") { throw Problem.missingCoordinates }
                    throw Problem.nesting("")
                }
                do {
                    coordinateDepth = try coordinates(level: 0)
                } catch Problem.nesting("") where typeName != nil {
                    throw Problem.nesting(typeName ?? "")
                }
            } else if equals(key, "geometries") {
                try expect(UInt8(ascii: "["))
                var count = 0
                skipWhitespace()
                if p < n && b[p] == UInt8(ascii: "]") {
                    p += 1
                } else {
                    while true {
                        try geometry(depth: depth + 1)
                        count += 1
                        if try separator(UInt8(ascii: "]")) { continue }
                        break
                    }
                }
                geometries = count
            } else {
                try skipValue(depth: 0)
            }
            if try separator(UInt8(ascii: "}")) { continue }
            break
        }
        guard let t = typeName else { throw Problem.missingType }
        let expected: Int
        switch t {
        case "Point": expected = 0
        case "MultiPoint", "LineString": expected = 1
        case "MultiLineString", "Polygon": expected = 2
        case "MultiPolygon": expected = 3
        case "GeometryCollection":
            guard geometries != nil else { throw Problem.nesting(t) }
            return
        default:
            throw Problem.unknownType(t)
        }
        guard let d = coordinateDepth else { throw Problem.missingCoordinates }
        if d >= 0 && d != expected { throw Problem.nesting(t) }
    }

    /// Parses a coordinates array; returns its depth (0 = a position), or -1 when it holds no position.
    mutating func coordinates(level: Int) throws -> Int {
        guard level < 8 else { throw Problem.nesting("") }
        p += 1 // the `[`
        skipWhitespace()
        guard p < n else { throw Problem.syntax }
        let c = b[p]
        if c == UInt8(ascii: "]") {
            p += 1
            return -1
        }
        if c == UInt8(ascii: "[") {
            var depth = -1
            while true {
                skipWhitespace()
                guard p < n else { throw Problem.syntax }
                guard b[p] == UInt8(ascii: "[") else {
                    if b[p] == UInt8(ascii: "-") || (b[p] &- 0x30) < 10 { throw Problem.nesting("") }
                    throw Problem.notNumber
                }
                let d = try coordinates(level: level + 1)
                if d >= 0 {
                    if depth >= 0 && d != depth { throw Problem.nesting("") }
                    depth = d
                }
                if try separator(UInt8(ascii: "]")) { continue }
                break
            }
            return depth < 0 ? -1 : depth + 1
        }
        // A position: two or more numbers.
        var count = 0
        var x = 0.0, y = 0.0
        while true {
            skipWhitespace()
            guard p < n else { throw Problem.syntax }
            let c = b[p]
            if c == UInt8(ascii: "[") { throw Problem.nesting("") }
            guard c == UInt8(ascii: "-") || (c &- 0x30) < 10 else { throw Problem.notNumber }
            let v = try number()
            if count == 0 { x = v } else if count == 1 { y = v }
            count += 1
            if try separator(UInt8(ascii: "]")) { continue }
            break
        }
        guard count >= 2 else { throw Problem.shortPosition }
        if x < box.minX { box.minX = x }
        if x > box.maxX { box.maxX = x }
        if y < box.minY { box.minY = y }
        if y > box.maxY { box.maxY = y }
        return 0
    }

    /// After an element: true on `,`, false on the closer.
    @inline(__always)
    mutating func separator(_ close: UInt8) throws -> Bool {
        skipWhitespace()
        guard p < n else { throw Problem.syntax }
        let c = b[p]
        p += 1
        if c == UInt8(ascii: ",") { return true }
        if c == close { return false }
        throw Problem.syntax
    }

    /// A string's raw content range (between the quotes; escapes validated, not decoded).
    mutating func rawString() throws -> Range<Int> {
        guard p < n, b[p] == 0x22 else { throw Problem.syntax }
        p += 1
        let start = p
        while p < n {
            let c = b[p]
            if c == 0x22 {
                p += 1
                return start..<(p - 1)
            }
            if c == 0x5C {
                p += 2
                continue
            }
            if c < 0x20 { throw Problem.syntax }
            p += 1
        }
        throw Problem.syntax
    }

    func equals(_ r: Range<Int>, _ word: StaticString) -> Bool {
        guard r.count == word.utf8CodeUnitCount else { return false }
        return memcmp(b + r.lowerBound, word.utf8Start, r.count) == 0
    }

    /// Skips any JSON value (members the geometry does not use, like `bbox` or `crs`).
    mutating func skipValue(depth: Int) throws {
        guard depth < 64 else { throw Problem.syntax }
        skipWhitespace()
        guard p < n else { throw Problem.syntax }
        let c = b[p]
        switch c {
        case 0x22:
            _ = try rawString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close: UInt8 = c == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            p += 1
            skipWhitespace()
            if p < n && b[p] == close {
                p += 1
                return
            }
            while true {
                if close == UInt8(ascii: "}") {
                    skipWhitespace()
                    _ = try rawString()
                    try expect(UInt8(ascii: ":"))
                }
                try skipValue(depth: depth + 1)
                if try separator(close) { continue }
                break
            }
        case UInt8(ascii: "-"), 0x30...0x39:
            _ = try number()
        default:
            for word in ["true", "false", "null"] where matchesWord(word) {
                p += word.utf8.count
                return
            }
            throw Problem.syntax
        }
    }

    private func matchesWord(_ word: String) -> Bool {
        var i = p
        for ch in word.utf8 {
            guard i < n, b[i] == ch else { return false }
            i += 1
        }
        return true
    }

    /// A JSON number as a Double: exact fast path for short mantissas, `strtod` otherwise.
    mutating func number() throws -> Double {
        let start = p
        var negative = false
        if p < n && b[p] == UInt8(ascii: "-") { negative = true; p += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var exp10 = 0
        guard p < n, (b[p] &- 0x30) < 10 else { throw Problem.notNumber }
        while p < n, case let d = b[p] &- 0x30, d < 10 {
            if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(d); if mantissa > 0 { digits += 1 } } else { exp10 += 1 }
            p += 1
        }
        if p < n && b[p] == UInt8(ascii: ".") {
            p += 1
            guard p < n, (b[p] &- 0x30) < 10 else { throw Problem.notNumber }
            while p < n, case let d = b[p] &- 0x30, d < 10 {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(d); if mantissa > 0 { digits += 1 }; exp10 -= 1 }
                p += 1
            }
        }
        let exact = digits < 19
        if p < n && (b[p] == UInt8(ascii: "e") || b[p] == UInt8(ascii: "E")) {
            p += 1
            var expNegative = false
            if p < n && (b[p] == UInt8(ascii: "+") || b[p] == UInt8(ascii: "-")) { expNegative = b[p] == UInt8(ascii: "-"); p += 1 }
            guard p < n, (b[p] &- 0x30) < 10 else { throw Problem.notNumber }
            var e = 0
            while p < n, case let d = b[p] &- 0x30, d < 10 {
                if e < 100_000 { e = e * 10 + Int(d) }
                p += 1
            }
            exp10 += expNegative ? -e : e
        }
        if exact && mantissa <= (1 << 53) && exp10 >= -22 && exp10 <= 22 {
            var v = Double(mantissa)
            if exp10 < 0 { v /= Self.powersOfTen[-exp10] } else if exp10 > 0 { v *= Self.powersOfTen[exp10] }
            return negative ? -v : v
        }
        let v = Self.strtodBytes(b + start, p - start)
        guard v.isFinite else { throw Problem.notNumber }
        return v
    }

    /// 10^0 … 10^22, all exactly representable, so one multiplication or division rounds once.
    static let powersOfTen: [Double] = {
        var a: [Double] = [1]
        for _ in 1...22 { a.append(a[a.count - 1] * 10) }
        return a
    }()

    /// `strtod` on bytes that are not NUL-terminated; NaN unless all of them form the number.
    static func strtodBytes(_ s: UnsafePointer<UInt8>, _ len: Int) -> Double {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: len + 1) { tmp in
            guard let t = tmp.baseAddress else { return .nan }
            for i in 0..<len { t[i] = CChar(bitPattern: s[i]) }
            t[len] = 0
            // strtod follows LC_NUMERIC: should a process switch to a comma locale, use Swift's parser.
            if let lc = localeconv(), lc.pointee.decimal_point?.pointee != 0x2E {
                return Double(String(decoding: UnsafeBufferPointer(start: s, count: len), as: UTF8.self)) ?? .nan
            }
            var end: UnsafeMutablePointer<CChar>?
            let v = strtod(t, &end)
            // Only a number that spans the whole text counts.
            guard let end, end - t == len else { return .nan }
            return v
        }
    }
}
