/// Strict UTF-8 validation (no overlong forms, no surrogates, nothing above U+10FFFF), usable chunk by chunk.
public enum UTF8Validator {
    public enum Outcome: Equatable, Sendable {
        /// Every byte belongs to a complete, valid sequence.
        case valid
        /// Valid up to a sequence starting at this offset that the buffer cuts short (carry it over).
        case truncated(at: Int)
        /// The sequence starting at this offset is invalid.
        case invalid(at: Int)
    }

    public static func validate(_ bytes: [UInt8]) -> Outcome {
        bytes.withUnsafeBufferPointer { validate($0) }
    }

    public static func validate(_ buffer: UnsafeBufferPointer<UInt8>) -> Outcome {
        guard let p = buffer.baseAddress else { return .valid }
        let n = buffer.count
        var i = 0
        while i < n {
            // ASCII runs are the common case: test eight bytes at a time.
            while i + 8 <= n {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                if w & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            if i >= n { break }
            let b = p[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lo = 0xA0
            case 0xED: length = 3; hi = 0x9F
            case 0xE1...0xEF: length = 3
            case 0xF0: length = 4; lo = 0x90
            case 0xF4: length = 4; hi = 0x8F
            case 0xF1...0xF3: length = 4
            default: return .invalid(at: i)
            }
            if i + 1 >= n { return .truncated(at: i) }
            let b1 = p[i + 1]
            if b1 < lo || b1 > hi { return .invalid(at: i) }
            for k in 2 ..< length {
                if i + k >= n { return .truncated(at: i) }
                if p[i + k] & 0xC0 != 0x80 { return .invalid(at: i) }
            }
            i += length
        }
        return .valid
    }
}
