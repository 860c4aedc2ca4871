/// Checksum validators for French and international identifiers (NIR, IBAN, SIREN/SIRET).
/// They work on the ASCII bytes of the value (one pass, no allocation beyond 64 bytes).
public enum Checksums {
    /// A French social security number (NIR): 15 characters once spaces, dots and dashes are removed,
    /// key = 97 − (first 13 digits mod 97), with 2A → 19 and 2B → 18 before the modulo.
    public static func isValidNIR(_ raw: String) -> Bool {
        let c = compact(raw, uppercase: true)
        guard c.count == 15, [0x31, 0x32, 0x33, 0x34, 0x37, 0x38].contains(c[0]) else { return false }
        var body = Array(c[0..<13])
        if body[5] == 0x32 && body[6] == 0x41 { body[5] = 0x31; body[6] = 0x39 }
        else if body[5] == 0x32 && body[6] == 0x42 { body[5] = 0x31; body[6] = 0x38 }
        guard body.allSatisfy(isDigit), isDigit(c[13]), isDigit(c[14]) else { return false }
        var mod = 0
        for b in body { mod = (mod * 10 + Int(b - 0x30)) % 97 }
        let key = Int(c[13] - 0x30) * 10 + Int(c[14] - 0x30)
        let month = Int(c[3] - 0x30) * 10 + Int(c[4] - 0x30)
        guard (1...12).contains(month) || (20...42).contains(month) || (50...99).contains(month) else { return false }
        return key == 97 - mod
    }

    /// True for 15 digits (or 2A/2B) shaped like a NIR, whatever its key: used to report decoys.
    public static func looksLikeNIR(_ raw: String) -> Bool {
        let c = compact(raw, uppercase: true)
        guard c.count == 15 else { return false }
        return c.enumerated().allSatisfy { i, b in isDigit(b) || (i == 6 && (b == 0x41 || b == 0x42)) }
    }

    /// An IBAN: 15 to 34 alphanumerics, country letters, two check digits, ISO 7064 mod 97-10 == 1.
    public static func isValidIBAN(_ raw: String) -> Bool {
        let c = compact(raw, uppercase: true)
        guard (15...34).contains(c.count), c.allSatisfy({ isDigit($0) || isUpper($0) }),
              isUpper(c[0]), isUpper(c[1]), isDigit(c[2]), isDigit(c[3]) else { return false }
        var mod = 0
        for b in c[4...] + c[0..<4] {
            mod = isDigit(b) ? (mod * 10 + Int(b - 0x30)) % 97 : (mod * 100 + Int(b) - 55) % 97
        }
        return mod == 1
    }

    /// The Luhn check on a string of digits (SIREN 9 digits, SIRET 14 digits).
    public static func luhn(_ digits: String) -> Bool {
        luhn(Array(digits.utf8))
    }

    static func luhn(_ digits: [UInt8]) -> Bool {
        guard !digits.isEmpty, digits.allSatisfy(isDigit) else { return false }
        var sum = 0
        for (i, b) in digits.reversed().enumerated() {
            var d = Int(b - 0x30)
            if i % 2 == 1 { d *= 2; if d > 9 { d -= 9 } }
            sum += d
        }
        return sum % 10 == 0
    }

    /// A SIREN: 9 digits with a valid Luhn key.
    public static func isValidSIREN(_ raw: String) -> Bool {
        let c = compact(raw, uppercase: false)
        return c.count == 9 && luhn(c)
    }

    /// A SIRET: 14 digits with a valid Luhn key, or for La Poste (SIREN 356000000) a digit sum divisible by 5.
    public static func isValidSIRET(_ raw: String) -> Bool {
        let c = compact(raw, uppercase: false)
        guard c.count == 14, c.allSatisfy(isDigit) else { return false }
        let laPoste: [UInt8] = Array("356000000".utf8)
        if c.starts(with: laPoste) && c != Array("35600000000048".utf8) {
            return c.reduce(0) { $0 + Int($1 - 0x30) } % 5 == 0
        }
        return luhn(c)
    }

    /// The value's characters without spaces, dots, dashes and no-break spaces, as ASCII bytes; any other
    /// non-ASCII character becomes 0xFF (which no validator accepts). Empty beyond 64 bytes.
    static func compact(_ raw: String, uppercase: Bool) -> [UInt8] {
        let u = raw.utf8
        guard u.count <= 64 else { return [] }
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var previous: UInt8 = 0
        for b in u {
            defer { previous = b }
            switch b {
            case 0x20, 0x2E, 0x2D:
                continue
            case 0x61...0x7A:
                out.append(uppercase ? b - 32 : b)
            case 0x80...0xBF:
                // A continuation byte: its character was counted at its lead byte, except after 0xC2, whose
                // characters are counted here so that the no-break space (C2 A0) can be dropped.
                if previous == 0xC2 && b != 0xA0 { out.append(0xFF) }
            case 0xC2:
                continue
            case 0xC0...:
                out.append(0xFF)
            default:
                out.append(b)
            }
        }
        return out
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
}
