import Foundation

/// Whole-value matching of a Table Schema `pattern` (XML Schema semantics: the value must match entirely,
/// as if the expression were wrapped in `^(?:…)$`). Simple patterns made of character classes and counts
/// (`^\d{14}$`, `^W\d{9}$`) run on bytes; the others go through ICU regular expressions, with a small cache
/// of recent answers because code columns repeat the same values.
final class PatternMatcher {
    let source: String
    private let regex: NSRegularExpression
    private let fast: SimplePattern?
    private var cache: [[UInt8]: Bool] = [:]
    private static let cacheLimit = 4096

    struct InvalidPattern: Error { var reason: String }

    init(_ pattern: String) throws(InvalidPattern) {
        source = pattern
        do {
            regex = try NSRegularExpression(pattern: "^(?:" + PatternMatcher.translate(pattern) + ")$", options: [])
        } catch {
            throw InvalidPattern(reason: String(describing: error))
        }
        fast = SimplePattern(pattern)
    }

    /// Python-only syntax (`(?P<name>…)`, `(?P=name)`) is rewritten to ICU's, so SCDL schemas written for
    /// frictionless-py keep working.
    static func translate(_ p: String) -> String {
        var s = p.replacingOccurrences(of: "(?P<", with: "(?<")
        while let r = s.range(of: "(?P=") {
            guard let close = s[r.upperBound...].firstIndex(of: ")") else { break }
            let name = s[r.upperBound..<close]
            s.replaceSubrange(r.lowerBound...close, with: "\\k<\(name)>")
        }
        return s
    }

    func matches(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        if let fast, let answer = fast.matches(value) { return answer }
        let key = Array(value)
        if let hit = cache[key] { return hit }
        let s = String(decoding: value, as: UTF8.self)
        let ok = regex.firstMatch(in: s, options: [], range: NSRange(location: 0, length: s.utf16.count)) != nil
        if cache.count >= PatternMatcher.cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[key] = ok
        return ok
    }

    func matches(_ value: String) -> Bool {
        var v = value
        return v.withUTF8 { matches($0) }
    }
}

/// A pattern that is only a sequence of ASCII character sets with counts, anchored at both ends
/// (implicitly or with `^`/`$`): matched on bytes with backtracking, no allocation.
struct SimplePattern {
    struct Atom {
        var set: [Bool]
        var min: Int
        var max: Int
        /// `\d` matches any Unicode digit in Python; such atoms defer to ICU on non-ASCII input.
        var unicodeSensitive: Bool
    }

    let atoms: [Atom]
    let unicodeSensitive: Bool

    init?(_ pattern: String) {
        var bytes = Array(pattern.utf8)
        if bytes.first == UInt8(ascii: "^") { bytes.removeFirst() }
        if bytes.last == UInt8(ascii: "$"), bytes.count >= 2, bytes[bytes.count - 2] != UInt8(ascii: "\\") { bytes.removeLast() }
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var atoms: [Atom] = []
        var i = 0
        while i < bytes.count {
            var set = [Bool](repeating: false, count: 128)
            var sensitive = false
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "\\"):
                guard i + 1 < bytes.count else { return nil }
                let e = bytes[i + 1]
                if e == UInt8(ascii: "d") {
                    for d in UInt8(ascii: "0")...UInt8(ascii: "9") { set[Int(d)] = true }
                    sensitive = true
                } else if SimplePattern.isPunctuation(e) {
                    set[Int(e)] = true
                } else {
                    return nil
                }
                i += 2
            case UInt8(ascii: "["):
                guard let (s, next) = SimplePattern.parseClass(bytes, i + 1) else { return nil }
                set = s.set
                sensitive = s.sensitive
                i = next
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "|"), UInt8(ascii: "."), UInt8(ascii: "^"),
                 UInt8(ascii: "$"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "*"), UInt8(ascii: "+"),
                 UInt8(ascii: "?"), UInt8(ascii: "]"):
                return nil
            default:
                guard c >= 0x20 else { return nil }
                set[Int(c)] = true
                i += 1
            }
            var lo = 1
            var hi = 1
            if i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "?"): lo = 0; hi = 1; i += 1
                case UInt8(ascii: "*"): lo = 0; hi = Int.max; i += 1
                case UInt8(ascii: "+"): lo = 1; hi = Int.max; i += 1
                case UInt8(ascii: "{"):
                    guard let (a, b, next) = SimplePattern.parseCount(bytes, i + 1) else { return nil }
                    lo = a; hi = b; i = next
                default: break
                }
            }
            // Lazy or possessive quantifiers change nothing for a whole match, but keep them out of scope.
            if i < bytes.count, bytes[i] == UInt8(ascii: "?") || bytes[i] == UInt8(ascii: "+") { return nil }
            atoms.append(Atom(set: set, min: lo, max: hi, unicodeSensitive: sensitive))
        }
        guard !atoms.isEmpty, atoms.count <= 64 else { return nil }
        self.atoms = atoms
        self.unicodeSensitive = atoms.contains { $0.unicodeSensitive }
    }

    /// True/false, or nil when the answer needs full Unicode semantics.
    func matches(_ v: UnsafeBufferPointer<UInt8>) -> Bool? {
        for b in v where b >= 0x80 {
            _ = b
            return unicodeSensitive ? nil : false
        }
        return match(0, 0, v)
    }

    private func match(_ a: Int, _ pos: Int, _ v: UnsafeBufferPointer<UInt8>) -> Bool {
        if a == atoms.count { return pos == v.count }
        let atom = atoms[a]
        var n = 0
        while n < atom.max, pos + n < v.count, atom.set[Int(v[pos + n])] { n += 1 }
        guard n >= atom.min else { return false }
        if a + 1 == atoms.count { return pos + n == v.count }
        while n >= atom.min {
            if match(a + 1, pos + n, v) { return true }
            n -= 1
        }
        return false
    }

    private static func isPunctuation(_ c: UInt8) -> Bool {
        Set("-./\\'\"()[]{}|^$*+?:,;_ #@&%!=<>~`".utf8).contains(c)
    }

    private static func parseClass(_ b: [UInt8], _ start: Int) -> ((set: [Bool], sensitive: Bool), Int)? {
        var set = [Bool](repeating: false, count: 128)
        var sensitive = false
        var i = start
        guard i < b.count, b[i] != UInt8(ascii: "^") else { return nil }
        var first = true
        while i < b.count {
            var c = b[i]
            if c == UInt8(ascii: "]"), !first { return ((set, sensitive), i + 1) }
            first = false
            if c == UInt8(ascii: "\\") {
                guard i + 1 < b.count else { return nil }
                let e = b[i + 1]
                if e == UInt8(ascii: "d") {
                    for d in UInt8(ascii: "0")...UInt8(ascii: "9") { set[Int(d)] = true }
                    sensitive = true
                    i += 2
                    continue
                }
                guard isPunctuation(e) else { return nil }
                c = e
                i += 2
            } else {
                i += 1
            }
            if i + 1 < b.count, b[i] == UInt8(ascii: "-"), b[i + 1] != UInt8(ascii: "]") {
                var hi = b[i + 1]
                var skip = 2
                if hi == UInt8(ascii: "\\") {
                    guard i + 2 < b.count, isPunctuation(b[i + 2]) else { return nil }
                    hi = b[i + 2]
                    skip = 3
                }
                guard hi >= c else { return nil }
                for x in c...hi { set[Int(x)] = true }
                i += skip
            } else {
                set[Int(c)] = true
            }
        }
        return nil
    }

    private static func parseCount(_ b: [UInt8], _ start: Int) -> (Int, Int, Int)? {
        var i = start
        func num() -> Int? {
            var v = 0
            let s = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39, i - s < 6 { v = v * 10 + Int(b[i] - 0x30); i += 1 }
            return i > s ? v : nil
        }
        guard let lo = num() else { return nil }
        var hi = lo
        if i < b.count, b[i] == UInt8(ascii: ",") {
            i += 1
            hi = num() ?? Int.max
        }
        guard i < b.count, b[i] == UInt8(ascii: "}"), hi >= lo else { return nil }
        return (lo, hi, i + 1)
    }
}
