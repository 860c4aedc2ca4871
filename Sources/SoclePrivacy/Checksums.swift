/// Checksum validators for French and international identifiers (NIR, IBAN, SIREN/SIRET).
public enum Checksums {
    /// A French social security number (NIR): 15 characters once spaces, dots and dashes are removed,
    /// key = 97 − (first 13 digits mod 97), with 2A → 19 and 2B → 18 before the modulo.
    public static func isValidNIR(_ raw: String) -> Bool {
        let chars = compact(raw, uppercase: true)
        guard chars.count == 15, let first = chars.first, "12378".contains(first) || first == "4" else { return false }
        var body = Array(chars.prefix(13))
        if body[5] == "2" && body[6] == "A" { body[5] = "1"; body[6] = "9" }
        else if body[5] == "2" && body[6] == "B" { body[5] = "1"; body[6] = "8" }
        guard body.allSatisfy({ $0.isASCII && $0.isNumber }),
              chars.suffix(2).allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        var mod = 0
        for c in body { mod = (mod * 10 + Int(String(c))!) % 97 }
        let key = Int(String(chars.suffix(2)))!
        let month = Int(String(chars[3...4]))!
        guard (1...12).contains(month) || (20...42).contains(month) || (50...99).contains(month) else { return false }
        return key == 97 - mod
    }

    /// True for 15 digits (or 2A/2B) shaped like a NIR, whatever its key: used to report decoys.
    public static func looksLikeNIR(_ raw: String) -> Bool {
        let chars = compact(raw, uppercase: true)
        guard chars.count == 15 else { return false }
        return chars.enumerated().allSatisfy { i, c in (c.isASCII && c.isNumber) || (i == 6 && (c == "A" || c == "B")) }
    }

    /// An IBAN: 15 to 34 alphanumerics, country letters, two check digits, ISO 7064 mod 97-10 == 1.
    public static func isValidIBAN(_ raw: String) -> Bool {
        let chars = compact(raw, uppercase: true)
        guard (15...34).contains(chars.count), chars.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
              chars[0].isLetter, chars[1].isLetter, chars[2].isNumber, chars[3].isNumber else { return false }
        let rotated = Array(chars[4...]) + Array(chars[0..<4])
        var mod = 0
        for c in rotated {
            if c.isNumber { mod = (mod * 10 + Int(String(c))!) % 97 }
            else if let v = c.asciiValue { mod = (mod * 100 + Int(v) - 55) % 97 }
        }
        return mod == 1
    }

    /// The Luhn check on a string of digits (SIREN 9 digits, SIRET 14 digits).
    public static func luhn(_ digits: String) -> Bool {
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        var sum = 0
        for (i, c) in digits.reversed().enumerated() {
            var d = Int(String(c))!
            if i % 2 == 1 { d *= 2; if d > 9 { d -= 9 } }
            sum += d
        }
        return sum % 10 == 0
    }

    /// A SIREN: 9 digits with a valid Luhn key.
    public static func isValidSIREN(_ raw: String) -> Bool {
        let c = String(compact(raw, uppercase: false))
        return c.count == 9 && luhn(c)
    }

    /// A SIRET: 14 digits with a valid Luhn key, or for La Poste (SIREN 356000000) a digit sum divisible by 5.
    public static func isValidSIRET(_ raw: String) -> Bool {
        let c = String(compact(raw, uppercase: false))
        guard c.count == 14, c.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        if c.hasPrefix("356000000") && c != "35600000000048" {
            return c.reduce(0) { $0 + Int(String($1))! } % 5 == 0
        }
        return luhn(c)
    }

    static func compact(_ raw: String, uppercase: Bool) -> [Character] {
        guard raw.utf8.count <= 64 else { return [] }
        let s = uppercase ? raw.uppercased() : raw
        return s.filter { $0 != " " && $0 != "." && $0 != "-" && $0 != "\u{A0}" }.map { $0 }
    }
}
