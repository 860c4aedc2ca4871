import Foundation

/// Writes spreadsheet values in the text forms the type inference recognises: numbers in their
/// shortest form with a dot, ISO dates and datetimes, "HH:MM:SS" times.
enum SpreadsheetText {
    /// Appends a number written as text ("12.50", "4.2E-2", "0.30000000000000004") in its
    /// shortest form ("12.5", "0.042", "0.3"); returns false (nothing written) when it is not a number.
    @discardableResult
    static func appendNumber(_ v: UnsafeBufferPointer<UInt8>, to out: ByteAccumulator) -> Bool {
        var s = 0
        var e = v.count
        while s < e && v[s] == 0x20 { s += 1 }
        while e > s && v[e - 1] == 0x20 { e -= 1 }
        guard s < e else { return false }
        // Plain decimal with at most 15 significant digits: already exact, only trim zeros.
        var p = s
        let negative = v[p] == UInt8(ascii: "-")
        if negative { p += 1 }
        var intStart = p
        while p < e && v[p] &- 0x30 < 10 { p += 1 }
        let intEnd = p
        var fracStart = p, fracEnd = p
        var plain = intEnd > intStart
        if p < e && v[p] == UInt8(ascii: ".") {
            p += 1
            fracStart = p
            while p < e && v[p] &- 0x30 < 10 { p += 1 }
            fracEnd = p
            plain = plain || fracEnd > fracStart
        }
        if plain && p == e {
            while intStart < intEnd - 1 && v[intStart] == 0x30 { intStart += 1 }
            while fracEnd > fracStart && v[fracEnd - 1] == 0x30 { fracEnd -= 1 }
            var significant = 0
            var leading = true
            for i in intStart..<intEnd where !(leading && v[i] == 0x30) { leading = false; significant += 1 }
            for i in fracStart..<fracEnd where !(leading && v[i] == 0x30) { leading = false; significant += 1 }
            if significant <= 15 {
                if significant == 0 { out.append(0x30); return true }
                if negative { out.append(UInt8(ascii: "-")) }
                guard let base = v.baseAddress else { return false }
                if intEnd > intStart { out.append(base + intStart, intEnd - intStart) } else { out.append(0x30) }
                if fracEnd > fracStart {
                    out.append(UInt8(ascii: "."))
                    out.append(base + fracStart, fracEnd - fracStart)
                }
                return true
            }
        }
        guard let d = parseDouble(UnsafeBufferPointer(rebasing: v[s..<e])) else { return false }
        appendDouble(d, to: out)
        return true
    }

    static func parseDouble(_ v: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let base = v.baseAddress, v.count > 0, v.count < 64 else { return nil }
        for c in v {
            guard c &- 0x30 < 10 || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
                    || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") else { return nil }
        }
        let d = GeometryByteParser.strtodBytes(base, v.count)
        return d.isFinite ? d : nil
    }

    /// Appends a Double in its shortest round-trip form, without exponent when reasonable.
    static func appendDouble(_ d: Double, to out: ByteAccumulator) {
        guard d.isFinite else { return }
        if d == d.rounded() && abs(d) < 1e15 {
            if d < 0 { out.append(UInt8(ascii: "-")) }
            ExcelSerialDate.appendDigits(Int(abs(d)), width: 1, to: out)
            return
        }
        var text = d.description
        text.withUTF8 { t in
            guard let e = t.firstIndex(of: UInt8(ascii: "e")) else { out.append(t); return }
            var exp = 0
            var expNegative = false
            for c in t[(e + 1)...] {
                if c == UInt8(ascii: "-") { expNegative = true } else if c &- 0x30 < 10 { exp = exp * 10 + Int(c - 0x30) }
            }
            if expNegative { exp = -exp }
            guard abs(exp) <= 20 else { out.append(t); return }
            var i = 0
            if t[0] == UInt8(ascii: "-") { out.append(UInt8(ascii: "-")); i = 1 }
            var digits: [UInt8] = []
            var intDigits = 0
            var seenPoint = false
            while i < e {
                if t[i] == UInt8(ascii: ".") { seenPoint = true } else { digits.append(t[i]); if !seenPoint { intDigits += 1 } }
                i += 1
            }
            while digits.count > 1 && digits.last == 0x30 { digits.removeLast() }
            let point = intDigits + exp
            if point <= 0 {
                out.append("0.")
                for _ in 0..<(-point) { out.append(0x30) }
                out.append(digits)
            } else if point >= digits.count {
                out.append(digits)
                for _ in 0..<(point - digits.count) { out.append(0x30) }
            } else {
                out.append(Array(digits[..<point]))
                out.append(UInt8(ascii: "."))
                out.append(Array(digits[point...]))
            }
        }
    }

    /// 0-based column of a cell reference such as "AB12"; nil when it has no letters or is past XFD.
    static func columnIndex(_ ref: UnsafeBufferPointer<UInt8>) -> Int? {
        var col = 0
        var letters = 0
        for c in ref {
            let u = c & 0xDF
            guard u >= UInt8(ascii: "A") && u <= UInt8(ascii: "Z") else { break }
            col = col * 26 + Int(u - UInt8(ascii: "A") + 1)
            letters += 1
            if col > maxColumns { return nil }
        }
        return letters == 0 ? nil : col - 1
    }

    /// Columns a sheet may have (XFD in Excel, also LibreOffice's limit).
    static let maxColumns = 16384

    /// Letters of a 0-based column ("A", "AB").
    static func columnLetters(_ index: Int) -> String {
        var n = index + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// Appends an ISO 8601 duration of a time cell ("PT12H30M05S") as "12:30:05"; false when unreadable.
    static func appendDuration(_ v: UnsafeBufferPointer<UInt8>, to out: ByteAccumulator) -> Bool {
        var seconds = 0.0
        var number = 0.0
        var fraction = 0.0
        var scale = 0.0
        var inTime = false
        var sawDigit = false
        for c in v {
            switch c {
            case UInt8(ascii: "P"), UInt8(ascii: "-"): continue
            case UInt8(ascii: "T"): inTime = true
            case 0x30...0x39:
                sawDigit = true
                if scale > 0 { fraction += Double(c - 0x30) * scale; scale /= 10 } else { number = number * 10 + Double(c - 0x30) }
            case UInt8(ascii: "."), UInt8(ascii: ","): scale = 0.1
            case UInt8(ascii: "D"), UInt8(ascii: "H"), UInt8(ascii: "M"), UInt8(ascii: "S"):
                let value = number + fraction
                switch c {
                case UInt8(ascii: "D"): seconds += value * 86400
                case UInt8(ascii: "H"): seconds += value * 3600
                case UInt8(ascii: "M"): seconds += inTime ? value * 60 : value * 30 * 86400
                default: seconds += value
                }
                number = 0; fraction = 0; scale = 0
            default: return false
            }
        }
        guard sawDigit else { return false }
        ExcelSerialDate.appendClock(Int(seconds.rounded()), to: out)
        return true
    }
}
