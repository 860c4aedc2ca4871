import Foundation

/// Reads Table Schema `number` and `integer` cells on bytes, honouring `decimalChar`, `groupChar` and
/// `bareNumber`. A space group character also accepts the no-break spaces French software writes
/// (U+00A0, U+202F). Surrounding spaces are tolerated, as frictionless does.
struct NumberLexer {
    let decimal: [UInt8]
    let group: [UInt8]
    let bare: Bool
    private let groupIsSpace: Bool

    init(decimal: String, group: String, bare: Bool) {
        self.decimal = Array((decimal.isEmpty ? "." : decimal).utf8)
        self.group = Array(group.utf8)
        self.bare = bare
        self.groupIsSpace = group == " " || group == "\u{00A0}" || group == "\u{202F}"
    }

    /// The number's value (`.real`), or nil when the cell is not a number. With `keep == false` only the
    /// lexical form is checked and the value returned is a placeholder.
    func number(_ raw: UnsafeBufferPointer<UInt8>, keep: Bool = true) -> CellValue? {
        let v = trimmed(raw)
        guard !v.isEmpty else { return nil }
        if let special = NumberLexer.special(v) { return .real(special) }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: v.count + 3) { out -> CellValue? in
            guard let base = out.baseAddress, normalize(v, allowFraction: true, into: out) != nil else { return nil }
            return .real(keep ? strtod(base, nil) : 0)
        }
    }

    /// The integer's value (`.integer`, or `.real` beyond 64 bits), or nil when the cell is not an integer.
    func integer(_ raw: UnsafeBufferPointer<UInt8>, keep: Bool = true) -> CellValue? {
        let v = trimmed(raw)
        guard !v.isEmpty else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: v.count + 3) { out -> CellValue? in
            guard let base = out.baseAddress, let n = normalize(v, allowFraction: false, into: out) else { return nil }
            guard keep else { return .integer(0) }
            var acc: Int64 = 0
            for k in 1..<(n - 1) {  // sign first, NUL last
                let (m, o1) = acc.multipliedReportingOverflow(by: 10)
                let (sum, o2) = m.addingReportingOverflow(Int64(UInt8(bitPattern: out[k]) - 0x30))
                // Beyond 64 bits the value is still an integer; constraints compare it approximately.
                if o1 || o2 { return .real(strtod(base, nil)) }
                acc = sum
            }
            return .integer(out[0] == 0x2D ? -acc : acc)
        }
    }

    /// Drops surrounding spaces, and with `bareNumber: false` the currency or percent signs around the number.
    private func trimmed(_ v: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lo = 0
        var hi = v.count
        while lo < hi, v[lo] == 0x20 || v[lo] == 0x09 { lo += 1 }
        while hi > lo, v[hi - 1] == 0x20 || v[hi - 1] == 0x09 { hi -= 1 }
        if !bare {
            while lo < hi, !NumberLexer.isDigit(v[lo]), v[lo] != UInt8(ascii: "-"), v[lo] != UInt8(ascii: "+"),
                  !(matches(decimal, v, lo) && lo + decimal.count < hi && NumberLexer.isDigit(v[lo + decimal.count])) {
                lo += 1
            }
            while hi > lo, !NumberLexer.isDigit(v[hi - 1]) { hi -= 1 }
        }
        return UnsafeBufferPointer(rebasing: v[lo..<hi])
    }

    private static func special(_ v: UnsafeBufferPointer<UInt8>) -> Double? {
        switch v.count {
        case 3:
            if v[0] == UInt8(ascii: "N"), v[1] == UInt8(ascii: "a"), v[2] == UInt8(ascii: "N") { return .nan }
            if v[0] == UInt8(ascii: "I"), v[1] == UInt8(ascii: "N"), v[2] == UInt8(ascii: "F") { return .infinity }
        case 4:
            if v[1] == UInt8(ascii: "I"), v[2] == UInt8(ascii: "N"), v[3] == UInt8(ascii: "F") {
                if v[0] == UInt8(ascii: "-") { return -.infinity }
                if v[0] == UInt8(ascii: "+") { return .infinity }
            }
        default: break
        }
        return nil
    }

    /// Checks the lexical form and writes a NUL-terminated ASCII copy `[+-]digits[.digits][e±digits]` into
    /// `out` (capacity ≥ count + 3); returns the bytes written, NUL included, or nil when not a number.
    private func normalize(_ v: UnsafeBufferPointer<UInt8>, allowFraction: Bool,
                           into out: UnsafeMutableBufferPointer<CChar>) -> Int? {
        var n = 0
        func put(_ c: UInt8) { out[n] = CChar(bitPattern: c); n += 1 }
        var i = 0
        var negative = false
        if v[0] == UInt8(ascii: "-") || v[0] == UInt8(ascii: "+") {
            negative = v[0] == UInt8(ascii: "-")
            i = 1
        }
        put(negative ? 0x2D : 0x2B)
        var digits = 0
        while i < v.count {
            let c = v[i]
            if NumberLexer.isDigit(c) {
                put(c)
                digits += 1
                i += 1
                continue
            }
            // A group separator must sit between two digits.
            let g = groupLength(v, i)
            if g > 0, digits > 0, i + g < v.count, NumberLexer.isDigit(v[i + g]) { i += g; continue }
            break
        }
        if allowFraction, i < v.count, matches(decimal, v, i) {
            i += decimal.count
            put(0x2E)
            while i < v.count, NumberLexer.isDigit(v[i]) {
                put(v[i])
                digits += 1
                i += 1
            }
        }
        guard digits > 0 else { return nil }
        if allowFraction, i < v.count, v[i] == UInt8(ascii: "e") || v[i] == UInt8(ascii: "E") {
            put(0x65)
            i += 1
            if i < v.count, v[i] == UInt8(ascii: "-") || v[i] == UInt8(ascii: "+") {
                put(v[i])
                i += 1
            }
            let start = i
            while i < v.count, NumberLexer.isDigit(v[i]) {
                put(v[i])
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i == v.count else { return nil }
        put(0)
        return n
    }

    private func groupLength(_ v: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        if !group.isEmpty, matches(group, v, i) { return group.count }
        guard groupIsSpace else { return 0 }
        if v[i] == 0x20 { return 1 }
        if i + 1 < v.count, v[i] == 0xC2, v[i + 1] == 0xA0 { return 2 }
        if i + 2 < v.count, v[i] == 0xE2, v[i + 1] == 0x80, v[i + 2] == 0xAF { return 3 }
        return 0
    }

    private func matches(_ token: [UInt8], _ v: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard !token.isEmpty, i + token.count <= v.count else { return false }
        for k in 0..<token.count where v[i + k] != token[k] { return false }
        return true
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
}
