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

    func number(_ raw: UnsafeBufferPointer<UInt8>) -> CellValue? {
        let v = trimmed(raw)
        guard !v.isEmpty else { return nil }
        if let special = NumberLexer.special(v) { return .real(special) }
        return normalized(v, allowFraction: true) { ascii, _ in
            ascii.withUnsafeBufferPointer { p in
                p.baseAddress.map { .real(strtod($0, nil)) }
            } ?? nil
        }
    }

    func integer(_ raw: UnsafeBufferPointer<UInt8>) -> CellValue? {
        let v = trimmed(raw)
        guard !v.isEmpty else { return nil }
        return normalized(v, allowFraction: false) { ascii, negative in
            var acc: Int64 = 0
            for c in ascii.dropFirst().dropLast() {  // sign first, NUL last
                let (m, o1) = acc.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(Int64(UInt8(bitPattern: c) - 0x30))
                if o1 || o2 {
                    // Beyond 64 bits the value is still an integer; constraints compare it approximately.
                    return ascii.withUnsafeBufferPointer { p in p.baseAddress.map { .real(strtod($0, nil)) } } ?? nil
                }
                acc = s
            }
            return .integer(negative ? -acc : acc)
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

    /// Checks the lexical form and hands `body` a NUL-terminated ASCII copy (`[+-]digits[.digits][e±digits]`).
    private func normalized(_ v: UnsafeBufferPointer<UInt8>, allowFraction: Bool,
                            _ body: ([CChar], Bool) -> CellValue?) -> CellValue? {
        var out: [CChar] = []
        out.reserveCapacity(v.count + 2)
        var i = 0
        var negative = false
        if v[0] == UInt8(ascii: "-") || v[0] == UInt8(ascii: "+") {
            negative = v[0] == UInt8(ascii: "-")
            i = 1
        }
        out.append(negative ? 0x2D : 0x2B)
        var digits = 0
        while i < v.count {
            let c = v[i]
            if NumberLexer.isDigit(c) {
                out.append(CChar(bitPattern: c))
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
            out.append(0x2E)
            while i < v.count, NumberLexer.isDigit(v[i]) {
                out.append(CChar(bitPattern: v[i]))
                digits += 1
                i += 1
            }
        }
        guard digits > 0 else { return nil }
        if allowFraction, i < v.count, v[i] == UInt8(ascii: "e") || v[i] == UInt8(ascii: "E") {
            out.append(0x65)
            i += 1
            if i < v.count, v[i] == UInt8(ascii: "-") || v[i] == UInt8(ascii: "+") {
                out.append(CChar(bitPattern: v[i]))
                i += 1
            }
            let start = i
            while i < v.count, NumberLexer.isDigit(v[i]) {
                out.append(CChar(bitPattern: v[i]))
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i == v.count else { return nil }
        out.append(0)
        return body(out, negative)
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
