import Foundation

/// Turns the labels found in a file into safe, unique SQL names `[a-z][a-z0-9_]*` of ≤ 63 bytes.
///
/// Lowercase, accents stripped (é→e, œ→oe, ç→c), any other run of characters → `_`, `_` trimmed,
/// a leading digit prefixed (`2024` → `c_2024`), empty → `column_N` (1-based position),
/// duplicates suffixed `_2`, `_3`… Names never start with `_` (reserved for `_row`, `_geo_*`).
public enum HeaderCleaner {
    public static let maxLength = 63

    public static func clean(_ labels: [String]) -> [String] {
        var used = Set<String>()
        var out: [String] = []
        out.reserveCapacity(labels.count)
        for (i, label) in labels.enumerated() {
            var base = baseName(label)
            if base.isEmpty { base = "column_\(i + 1)" }
            let name = unique(base, avoiding: used)
            used.insert(name)
            out.append(name)
        }
        return out
    }

    /// `base` itself if unused, else `base_2`, `base_3`… (cut so the result stays ≤ 63 bytes).
    public static func unique(_ base: String, avoiding used: Set<String>) -> String {
        if !used.contains(base) { return base }
        var k = 2
        while true {
            let suffix = "_\(k)"
            let stem = trimUnderscores(String(base.prefix(maxLength - suffix.count)))
            let candidate = stem + suffix
            if !used.contains(candidate) { return candidate }
            k += 1
        }
    }

    /// The cleaned name of one label, possibly empty.
    static func baseName(_ label: String) -> String {
        let folded = label.lowercased()
            .replacingOccurrences(of: "œ", with: "oe")
            .replacingOccurrences(of: "æ", with: "ae")
            .replacingOccurrences(of: "ß", with: "ss")
            .replacingOccurrences(of: "ø", with: "o")
            .replacingOccurrences(of: "ł", with: "l")
            .replacingOccurrences(of: "đ", with: "d")
            .replacingOccurrences(of: "þ", with: "th")
            .decomposedStringWithCanonicalMapping
        var bytes: [UInt8] = []
        var pendingSeparator = false
        for scalar in folded.unicodeScalars {
            let v = scalar.value
            // Combining marks left by the decomposition are the accents: drop them.
            if (0x300 ... 0x36F).contains(v) { continue }
            if (0x61 ... 0x7A).contains(v) || (0x30 ... 0x39).contains(v) {
                if pendingSeparator && !bytes.isEmpty { bytes.append(UInt8(ascii: "_")) }
                pendingSeparator = false
                bytes.append(UInt8(v))
            } else {
                pendingSeparator = true
            }
        }
        if let first = bytes.first, ByteText.isDigit(first) {
            bytes.insert(contentsOf: Array("c_".utf8), at: 0)
        }
        if bytes.count > maxLength { bytes.removeLast(bytes.count - maxLength) }
        return trimUnderscores(String(decoding: bytes, as: UTF8.self))
    }

    private static func trimUnderscores(_ s: String) -> String {
        var sub = Substring(s)
        while sub.hasPrefix("_") { sub.removeFirst() }
        while sub.hasSuffix("_") { sub.removeLast() }
        return String(sub)
    }
}
