import Foundation

/// The official code lists the format detection checks values against (see
/// `Resources/data/SOURCES.md`), held as bit sets so that a lookup is one load and one mask.
enum CodeLists {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// A set of 5-character codes: `00000`–`99999`, then `2A000`–`2A999` and `2B000`–`2B999`.
    struct FiveCharSet: Sendable {
        private var words = [UInt64](repeating: 0, count: (102_000 + 63) / 64)

        init(lines: String) {
            for line in lines.split(separator: "\n") {
                let s = line.trimmingCharacters(in: .whitespaces)
                if let i = ByteText.with(s, { Self.index($0) }) { words[i >> 6] |= 1 << UInt64(i & 63) }
            }
        }

        /// The bit of a 5-character code, nil when it is not digits or 2A/2B + 3 digits.
        @inline(__always)
        static func index(_ v: Bytes) -> Int? {
            guard v.count == 5 else { return nil }
            var x = 0
            var start = 0
            if v[1] == UInt8(ascii: "A") || v[1] == UInt8(ascii: "B") {
                guard v[0] == UInt8(ascii: "2") else { return nil }
                x = v[1] == UInt8(ascii: "A") ? 100 : 101
                start = 2
            }
            for k in start ..< 5 {
                let d = v[k] &- 0x30
                guard d < 10 else { return nil }
                x = x * 10 + Int(d)
            }
            return x
        }

        @inline(__always)
        func contains(_ v: Bytes) -> Bool {
            guard let i = Self.index(v) else { return false }
            return words[i >> 6] & (1 << UInt64(i & 63)) != 0
        }
    }

    static let communes = load("insee_communes")
    static let postcodes = load("postcodes")

    private static func load(_ name: String) -> FiveCharSet {
        let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "data")
            ?? Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Resources/data")
        let text = url.flatMap { try? String(contentsOf: $0, encoding: .utf8) } ?? ""
        return FiveCharSet(lines: text)
    }

    /// Current regions (2016 map) and the five overseas ones.
    @inline(__always)
    static func isRegion(_ a: UInt8, _ b: UInt8) -> Bool {
        switch (Int(a &- 0x30) * 10 + Int(b &- 0x30)) {
        case 1, 2, 3, 4, 6, 11, 24, 27, 28, 32, 44, 52, 53, 75, 76, 84, 93, 94: return true
        default: return false
        }
    }
}
