/// Parses integers as French files write them: optional sign, thousands grouped by 3 with
/// a space, U+00A0 or U+202F (`1 234 567`). Values beyond Int64 are not integers.
public enum IntegerParser {
    public typealias Bytes = UnsafeBufferPointer<UInt8>

    /// The integer in `p` (already trimmed), or nil. Leading zeros are accepted here; the
    /// inference treats such columns as codes before ever storing them as integers.
    public static func parse(_ p: Bytes) -> Int64? {
        let n = p.count
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        let c = p[0]
        if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            negative = c == UInt8(ascii: "-")
            i = 1
        } else if c == 0xE2, n > 3, p[1] == 0x88, p[2] == 0x92 { // U+2212 minus sign
            negative = true
            i = 3
        }
        guard i < n, ByteText.isDigit(p[i]) else { return nil }
        // Magnitude accumulated unsigned so that Int64.min parses too.
        var mag: UInt64 = 0
        var groupDigits = 0
        var grouped = false
        while i < n {
            let b = p[i]
            if ByteText.isDigit(b) {
                let (m1, o1) = mag.multipliedReportingOverflow(by: 10)
                let (m2, o2) = m1.addingReportingOverflow(UInt64(b &- 0x30))
                if o1 || o2 { return nil }
                mag = m2
                groupDigits += 1
                i += 1
                continue
            }
            let s = ByteText.spaceLength(p, at: i)
            guard s > 0 else { return nil }
            // A separator closes a group: the first group has 1–3 digits, the others exactly 3.
            if grouped ? groupDigits != 3 : (groupDigits < 1 || groupDigits > 3) { return nil }
            grouped = true
            groupDigits = 0
            i += s
            guard i < n, ByteText.isDigit(p[i]) else { return nil }
        }
        if grouped && groupDigits != 3 { return nil }
        if negative {
            if mag > UInt64(Int64.max) + 1 { return nil }
            return mag == UInt64(Int64.max) + 1 ? Int64.min : -Int64(mag)
        }
        if mag > UInt64(Int64.max) { return nil }
        return Int64(mag)
    }

    /// Convenience for tests and rare paths.
    public static func parse(_ s: String) -> Int64? { ByteText.with(s) { parse($0) } }
}
