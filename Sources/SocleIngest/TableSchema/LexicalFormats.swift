import Foundation

/// Byte-level checks of the string formats and of ISO 8601 durations.
extension CellCaster {
    /// `local@domain.tld`: one `@`, no spaces, a dotted domain whose last label has two letters or more.
    static func isEmail(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let at = v.firstIndex(of: UInt8(ascii: "@")), at > 0, at < v.count - 1 else { return false }
        for k in 0..<at {
            let c = v[k]
            if c <= 0x20 || c == 0x7F || "()<>[]:;@\\,\"".utf8.contains(c) { return false }
        }
        let domain = UnsafeBufferPointer(rebasing: v[(at + 1)...])
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard !label.isEmpty, label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else { return false }
            for c in label where c < 0x80 {
                let ok = (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == UInt8(ascii: "-")
                if !ok { return false }
            }
        }
        guard let tld = labels.last, tld.count >= 2 else { return false }
        return tld.allSatisfy { $0 >= 0x80 || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }
    }

    /// `scheme:rest` (RFC 3986 scheme), nothing empty, no control characters or spaces.
    static func isURI(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let colon = v.firstIndex(of: UInt8(ascii: ":")), colon > 0, colon < v.count - 1 else { return false }
        let first = v[0] | 0x20
        guard first >= 0x61, first <= 0x7A else { return false }
        for k in 1..<colon {
            let c = v[k]
            let ok = (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || "+.-".utf8.contains(c)
            if !ok { return false }
        }
        for k in (colon + 1)..<v.count where v[k] <= 0x20 || v[k] == 0x7F { return false }
        return true
    }

    /// `8-4-4-4-12` hexadecimal digits.
    static func isUUID(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        guard v.count == 36 else { return false }
        for k in 0..<36 {
            let c = v[k]
            if k == 8 || k == 13 || k == 18 || k == 23 {
                if c != UInt8(ascii: "-") { return false }
            } else if !((c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x66)) {
                return false
            }
        }
        return true
    }

    /// Base64 (standard or URL-safe alphabet), padded to a multiple of four.
    static func isBase64(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        guard v.count % 4 == 0 else { return false }
        var padding = 0
        for c in v {
            if c == UInt8(ascii: "=") { padding += 1; continue }
            guard padding == 0 else { return false }
            let ok = (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || "+/-_".utf8.contains(c)
            if !ok { return false }
        }
        return padding <= 2
    }

    /// ISO 8601 duration `PnYnMnWnDTnHnMnS` (seconds may have a fraction), at least one component,
    /// components in order, and at least one after `T`.
    static func isDuration(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        guard v.count >= 3, v[0] == UInt8(ascii: "P") else { return false }
        let dateUnits = Array("YMWD".utf8)
        let timeUnits = Array("HMS".utf8)
        var i = 1
        var inTime = false
        var last = -1
        var components = 0
        var timeComponents = 0
        while i < v.count {
            if v[i] == UInt8(ascii: "T") {
                guard !inTime else { return false }
                inTime = true
                last = -1
                i += 1
                continue
            }
            let start = i
            while i < v.count, NumberLexer.isDigit(v[i]) { i += 1 }
            guard i > start, i < v.count else { return false }
            var fractional = false
            if v[i] == UInt8(ascii: ".") || v[i] == UInt8(ascii: ",") {
                i += 1
                let f = i
                while i < v.count, NumberLexer.isDigit(v[i]) { i += 1 }
                guard i > f, i < v.count else { return false }
                fractional = true
            }
            let units = inTime ? timeUnits : dateUnits
            guard let u = units.firstIndex(of: v[i]), u > last else { return false }
            if fractional, !(inTime && v[i] == UInt8(ascii: "S")) { return false }
            last = u
            components += 1
            if inTime { timeComponents += 1 }
            i += 1
        }
        return components > 0 && (!inTime || timeComponents > 0)
    }
}
