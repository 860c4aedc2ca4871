/// Spellings of "no value" that French files use in otherwise typed columns.
///
/// Decision: in a column whose other values all fit a non-text type, these are read as nulls
/// and the evidence says so (a note listing the tokens and their count). In a text column
/// they stay text, as written.
public enum NullTokens {
    public typealias Bytes = UnsafeBufferPointer<UInt8>

    /// The tokens, compared case-insensitively (ASCII).
    public static let all: [String] = ["na", "n/a", "#n/a", "-", "--", "null", "nd", "n.d.", "s/o", "nc"]

    /// True when `p` (already trimmed) is a null token.
    @inline(__always)
    public static func matches(_ p: Bytes) -> Bool {
        let n = p.count
        guard n >= 1, n <= 4 else { return false }
        switch p[0] | 0x20 {
        case UInt8(ascii: "-"):
            return n == 1 || (n == 2 && p[1] == UInt8(ascii: "-"))
        case UInt8(ascii: "n"):
            return ByteText.equalsLower(p, "na") || ByteText.equalsLower(p, "n/a")
                || ByteText.equalsLower(p, "nd") || ByteText.equalsLower(p, "null")
                || ByteText.equalsLower(p, "n.d.") || ByteText.equalsLower(p, "nc")
        case UInt8(ascii: "s"):
            return ByteText.equalsLower(p, "s/o")
        case UInt8(ascii: "#"):
            return ByteText.equalsLower(p, "#n/a")
        default:
            return false
        }
    }

    public static func matches(_ s: String) -> Bool { ByteText.with(s) { matches($0) } }
}
