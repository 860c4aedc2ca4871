/// Parses the boolean spellings found in French files: oui/non, vrai/faux, true/false, yes/no,
/// O/N, Y/N (any case). `1`/`0` and the checkbox `x` are only booleans when the column
/// decides so (see `TypeDecider`): alone, they are read by `parse(_:allowDigits:allowCheckbox:)`.
public enum BooleanParser {
    public typealias Bytes = UnsafeBufferPointer<UInt8>

    /// The boolean spelled by `p` (already trimmed), or nil.
    public static func parse(_ p: Bytes) -> Bool? {
        let n = p.count
        guard n >= 1, n <= 5 else { return nil }
        switch p[0] | 0x20 {
        case UInt8(ascii: "o"):
            return n == 1 || ByteText.equalsLower(p, "oui") ? true : nil
        case UInt8(ascii: "y"):
            return n == 1 || ByteText.equalsLower(p, "yes") ? true : nil
        case UInt8(ascii: "v"):
            return ByteText.equalsLower(p, "vrai") ? true : nil
        case UInt8(ascii: "t"):
            return ByteText.equalsLower(p, "true") ? true : nil
        case UInt8(ascii: "n"):
            return n == 1 || ByteText.equalsLower(p, "non") || ByteText.equalsLower(p, "no") ? false : nil
        case UInt8(ascii: "f"):
            return ByteText.equalsLower(p, "faux") || ByteText.equalsLower(p, "false") ? false : nil
        default:
            return nil
        }
    }

    /// Like `parse(_:)`, also reading `1`/`0` and (checkbox columns) `x`/`X` as true.
    public static func parse(_ p: Bytes, allowDigits: Bool, allowCheckbox: Bool) -> Bool? {
        if p.count == 1 {
            let b = p[0]
            if allowDigits && b == UInt8(ascii: "1") { return true }
            if allowDigits && b == UInt8(ascii: "0") { return false }
            if allowCheckbox && (b | 0x20) == UInt8(ascii: "x") { return true }
        }
        return parse(p)
    }

    public static func parse(_ s: String) -> Bool? { ByteText.with(s) { parse($0) } }

    /// True for a lone `x` or `X` (a ticked box in a spreadsheet export).
    @inline(__always)
    static func isCheckbox(_ p: Bytes) -> Bool { p.count == 1 && (p[0] | 0x20) == UInt8(ascii: "x") }
}
