/// Byte-level text helpers: the feed's hot loops avoid Foundation's NSString bridging and per-scalar appends.
enum Text {
    /// `s` with every ASCII byte that `replacement` maps replaced by that text; other bytes (including every
    /// byte of a multi-byte UTF-8 sequence) copied. Returns `s` itself when nothing needs replacing.
    static func escape(_ s: String, _ replacement: (UInt8) -> String?) -> String {
        let clean = s.utf8.withContiguousStorageIfAvailable { !$0.contains { $0 < 0x80 && replacement($0) != nil } }
        if clean ?? false { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 16)
        for b in s.utf8 {
            if b < 0x80, let r = replacement(b) { out.append(contentsOf: r.utf8) } else { out.append(b) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `\u` + four uppercase hex digits.
    static func uEscape(_ v: UInt32) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension String {
    /// The string without leading and trailing Unicode white space (spaces, tabs, newlines, NBSP…).
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last,
              first.properties.isWhitespace || last.properties.isWhitespace
        else { return self }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    /// True when the UTF-8 bytes start with those of `prefix` (no Unicode normalisation: exact bytes).
    func startsWithBytes(_ prefix: String) -> Bool { utf8.starts(with: prefix.utf8) }

    /// ASCII letters lower-cased, everything else unchanged.
    var asciiLowercased: String {
        guard utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return self }
        return String(decoding: utf8.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
