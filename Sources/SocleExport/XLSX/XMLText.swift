/// XML 1.0 text for worksheet cells and attributes, written as bytes.
enum XMLText {
    /// Excel's limit on the characters (UTF-16 code units) of one cell.
    static let maxCellUnits = 32_767

    /// Appends `bytes` escaped for element text or a double-quoted attribute: `& < > "` become
    /// entities, CR becomes `&#13;` (a parser would otherwise turn it into LF), and characters
    /// XML 1.0 forbids (C0 controls other than tab/LF/CR, U+FFFE, U+FFFF) are dropped.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if (b >= 0x20 && b != UInt8(ascii: "&") && b != UInt8(ascii: "<") && b != UInt8(ascii: ">")
                && b != UInt8(ascii: "\"") && b != 0xEF) || b == 0x09 || b == 0x0A {
                i += 1
                continue
            }
            var skip = 1
            if b == 0xEF {
                // U+FFFE and U+FFFF are EF BF BE and EF BF BF; any other EF sequence is kept.
                guard i + 2 < n, bytes[i + 1] == 0xBF, bytes[i + 2] >= 0xBE else {
                    i += 1
                    continue
                }
                skip = 3
            }
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
            switch b {
            case UInt8(ascii: "&"): out.appendLiteral("&amp;")
            case UInt8(ascii: "<"): out.appendLiteral("&lt;")
            case UInt8(ascii: ">"): out.appendLiteral("&gt;")
            case UInt8(ascii: "\""): out.appendLiteral("&quot;")
            case 0x0D: out.appendLiteral("&#13;")
            default: break  // dropped
            }
            i += skip
            runStart = i
        }
        if runStart < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    /// Appends a string escaped.
    static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        s.withUTF8Bytes { appendEscaped($0, to: &out) }
    }

    /// The number of leading bytes that fit in `maxUnits` UTF-16 code units, cut at a character
    /// boundary (the whole buffer when it fits).
    static func prefixFitting(_ bytes: UnsafeBufferPointer<UInt8>, maxUnits: Int = maxCellUnits) -> Int {
        // UTF-16 never needs more units than UTF-8 has bytes.
        guard bytes.count > maxUnits else { return bytes.count }
        var units = 0
        for i in 0..<bytes.count {
            let b = bytes[i]
            if b & 0xC0 == 0x80 { continue }  // continuation byte
            let width = b >= 0xF0 ? 2 : 1
            if units + width > maxUnits { return i }
            units += width
        }
        return bytes.count
    }

    /// True when leading or trailing whitespace needs `xml:space="preserve"` to survive.
    static func needsPreserve(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        return isSpace(first) || isSpace(last)
    }
}
