// Small byte-level appenders shared by every writer: the hot paths append UTF-8 bytes directly
// instead of building a String per cell.
extension Array where Element == UInt8 {
    /// Appends a compile-time ASCII/UTF-8 literal.
    @inlinable
    public mutating func appendLiteral(_ s: StaticString) {
        s.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Appends the UTF-8 bytes of a string.
    @inlinable
    public mutating func appendUTF8(_ s: String) {
        append(contentsOf: s.utf8)
    }

    /// Appends an unsigned integer in decimal.
    @inlinable
    public mutating func appendDecimal(_ value: UInt64) {
        if value < 10 {
            append(48 &+ UInt8(truncatingIfNeeded: value))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var i = 20
            var n = value
            while n > 0 {
                i -= 1
                digits[i] = 48 &+ UInt8(truncatingIfNeeded: n % 10)
                n /= 10
            }
            append(contentsOf: UnsafeBufferPointer(rebasing: digits[i..<20]))
        }
    }

    /// Appends a signed integer in decimal; `Int64.min` is safe because the magnitude is unsigned.
    @inlinable
    public mutating func appendDecimal(_ value: Int64) {
        if value < 0 { append(UInt8(ascii: "-")) }
        appendDecimal(value.magnitude)
    }

    /// Appends `value` left-padded with zeros to `width` digits (fraction parts).
    @inlinable
    public mutating func appendDecimal(_ value: UInt64, width: Int) {
        var digits = 1
        var n = value
        while n >= 10 { n /= 10; digits += 1 }
        if width > digits {
            append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits))
        }
        appendDecimal(value)
    }

    /// Appends a 16-bit little-endian integer (ZIP headers).
    @inlinable
    public mutating func appendLE16(_ v: UInt16) {
        append(UInt8(truncatingIfNeeded: v))
        append(UInt8(truncatingIfNeeded: v >> 8))
    }

    /// Appends a 32-bit little-endian integer (ZIP headers).
    @inlinable
    public mutating func appendLE32(_ v: UInt32) {
        append(UInt8(truncatingIfNeeded: v))
        append(UInt8(truncatingIfNeeded: v >> 8))
        append(UInt8(truncatingIfNeeded: v >> 16))
        append(UInt8(truncatingIfNeeded: v >> 24))
    }
}

extension String {
    /// Runs `body` over the string's contiguous UTF-8 bytes (native Swift strings already are).
    /// Borrows the storage when it can: no copy, no reference-count traffic in the hot path.
    @inlinable
    public func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }
}
