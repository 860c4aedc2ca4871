import Foundation

/// Whole-value matching of a Table Schema `pattern` (XML Schema semantics: the value must match entirely,
/// as if the expression were wrapped in `^(?:…)\z`). Patterns in the ASCII subset `ByteRegex` handles run on
/// bytes; the others, and non-ASCII values, go through ICU regular expressions, with a cache of recent
/// answers because code columns repeat the same values.
final class PatternMatcher {
    let source: String
    private let regex: NSRegularExpression
    private let fast: ByteRegex?
    private var visited: [UInt64] = []
    private var stack: [(Int, Int)] = []
    /// Recent answers by FNV-1a hash of the value; the bytes are kept to rule out collisions.
    private var cache: [UInt64: (value: [UInt8], matches: Bool)] = [:]
    private static let cacheLimit = 65_536

    struct InvalidPattern: Error { var reason: String }

    init(_ pattern: String) throws(InvalidPattern) {
        source = pattern
        do {
            regex = try NSRegularExpression(pattern: "^(?:" + PatternMatcher.translate(pattern) + ")\\z", options: [])
        } catch {
            throw InvalidPattern(reason: String(describing: error))
        }
        fast = ByteRegex(pattern)
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
        if let fast, let answer = fast.matches(value, visited: &visited, stack: &stack) { return answer }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in value { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        if let hit = cache[hash], hit.value.count == value.count, hit.value.elementsEqual(value) { return hit.matches }
        let s = String(decoding: value, as: UTF8.self)
        let ok = regex.firstMatch(in: s, options: [], range: NSRange(location: 0, length: s.utf16.count)) != nil
        if cache.count >= PatternMatcher.cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[hash] = (Array(value), ok)
        return ok
    }

    func matches(_ value: String) -> Bool {
        var v = value
        return v.withUTF8 { matches($0) }
    }
}
