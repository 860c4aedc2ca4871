/// Hand-written recognisers for value shapes: emails, French phones, plates, IP addresses, dates, addresses.
/// They work on characters (no regular expressions) and give up early on long cells.
public enum ValuePatterns {
    /// `local@domain.tld`, one `@`, a dot in the domain, no spaces; the domain is letters, digits, dots and dashes.
    public static func isEmail(_ s: String) -> Bool {
        let u = s.utf8
        guard u.count <= 254, let at = u.firstIndex(of: 0x40), at != u.startIndex else { return false }
        let domain = u[u.index(after: at)...]
        guard let first = domain.first, let last = domain.last, first != 0x2E, last != 0x2E,
              domain.contains(0x2E), !u.contains(0x20) else { return false }
        // Non-ASCII bytes are letters of internationalised domains.
        return domain.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2E || b == 0x2D || b >= 0x80
        }
    }

    /// French phones in the usual spellings: 0612345678, 06 12 34 56 78, 06.12.34.56.78, 06-…,
    /// +33 6 12 34 56 78, +33 (0)6 …, 0033 6 ….
    public static func isFrenchPhone(_ s: String) -> Bool {
        nationalPhoneDigits(s) != nil
    }

    /// True for a French mobile number (06, 07), the kind that belongs to a person.
    public static func isMobilePhone(_ s: String) -> Bool {
        guard let d = nationalPhoneDigits(s) else { return false }
        return d[1] == 0x36 || d[1] == 0x37
    }

    /// The ten national digits ("06…") of a French phone number, or nil. Works on bytes: separators are
    /// space, . - / ( ) and the no-break space; "(0)" after +33 is dropped; a "+" may only open the number.
    static func nationalPhoneDigits(_ s: String) -> [UInt8]? {
        let u = Array(s.utf8)
        guard u.count <= 32 else { return nil }
        var digits: [UInt8] = []
        digits.reserveCapacity(14)
        var plus = false
        var i = 0
        var emitted = 0
        while i < u.count {
            let b = u[i]
            if b == 0x28, i + 2 < u.count, u[i + 1] == 0x30, u[i + 2] == 0x29 { i += 3; continue }
            switch b {
            case 0x30...0x39: digits.append(b)
            case 0x2B where emitted == 0: plus = true
            case 0x20, 0x2E, 0x2D, 0x2F, 0x28, 0x29: break
            case 0xC2 where i + 1 < u.count && u[i + 1] == 0xA0: i += 1
            default: return nil
            }
            emitted += 1
            i += 1
        }
        var national: ArraySlice<UInt8>
        if plus {
            guard digits.starts(with: [0x33, 0x33]) else { return nil }
            national = [0x30] + digits.dropFirst(2)
        } else if digits.starts(with: [0x30, 0x30, 0x33, 0x33]) {
            national = [0x30] + digits.dropFirst(4)
        } else {
            national = digits[...]
        }
        guard national.count == 10, national.first == 0x30 else { return nil }
        let out = Array(national)
        return out[1] == 0x30 ? nil : out
    }

    /// French plates: AA-123-AA (SIV) and 123 ABC 45 (FNI), with dashes, spaces or nothing between groups.
    public static func isLicensePlate(_ s: String) -> Bool {
        let u = s.utf8
        guard u.count <= 14 else { return false }
        // Runs of letters and digits once dashes and spaces are removed: (isLetter, length).
        var runs: [(Bool, Int)] = []
        var separated = false
        var tail: [UInt8] = []
        for b in u {
            if b == 0x2D || b == 0x20 { separated = true; continue }
            let upper = b >= 0x61 && b <= 0x7A ? b - 32 : b
            let letter = upper >= 0x41 && upper <= 0x5A
            guard letter || (upper >= 0x30 && upper <= 0x39) else { return false }
            if let last = runs.last, last.0 == letter { runs[runs.count - 1].1 += 1 } else { runs.append((letter, 1)) }
            tail = [tail.last ?? 0, upper]
        }
        if runs.count == 3, runs[0] == (true, 2), runs[1] == (false, 3), runs[2] == (true, 2) { return true }
        // FNI: 1-4 digits, 1-3 letters, department (2 digits, 2A/2B, or 97x).
        if runs.count == 3, !runs[0].0, (1...4).contains(runs[0].1), runs[1].0, (1...3).contains(runs[1].1),
           !runs[2].0, (2...3).contains(runs[2].1) {
            return separated
        }
        if runs.count == 4, !runs[0].0, runs[1].0, runs[2] == (false, 1), runs[3] == (true, 1) {
            return tail == [0x32, 0x41] || tail == [0x32, 0x42]
        }
        return false
    }

    /// Dotted IPv4 or colon IPv6 (full 8 groups, or compressed with `::`), read byte by byte.
    public static func isIPAddress(_ s: String) -> Bool {
        let u = s.utf8
        guard u.count <= 45, !u.isEmpty else { return false }
        if !u.contains(0x3A) {
            var groups = 0, length = 0, value = 0
            for b in u {
                if b == 0x2E {
                    guard length > 0 else { return false }
                    groups += 1; length = 0; value = 0
                } else if b >= 0x30 && b <= 0x39 {
                    length += 1
                    value = value * 10 + Int(b - 0x30)
                    guard length <= 3, value <= 255 else { return false }
                } else {
                    return false
                }
            }
            return groups == 3 && length > 0
        }
        var groups = 1, nonEmpty = 0, length = 0
        var letterOrFull = false, groupHasLetter = false, compressed = false
        var previous: UInt8 = 0
        func close() {
            if length > 0 { nonEmpty += 1; if groupHasLetter || length == 4 { letterOrFull = true } }
            length = 0; groupHasLetter = false
        }
        for b in u {
            if b == 0x3A {
                if previous == 0x3A { compressed = true }
                close()
                groups += 1
            } else {
                let digit = b >= 0x30 && b <= 0x39
                let hexLetter = (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
                guard digit || hexLetter else { return false }
                length += 1
                guard length <= 4 else { return false }
                if hexLetter { groupHasLetter = true }
            }
            previous = b
        }
        close()
        if compressed { return groups >= 3 && nonEmpty <= 7 && letterOrFull }
        return groups == 8
    }

    /// The year of a date written yyyy-mm-dd, dd/mm/yyyy, dd-mm-yyyy or dd.mm.yyyy (time part ignored).
    public static func year(ofDate s: String) -> Int? {
        guard s.utf8.count <= 40 else { return nil }
        // Up to three groups of digits separated by - / . before a "T" or a space; empty groups are skipped.
        var values: [Int] = []
        var lengths: [Int] = []
        var value = 0, length = 0, started = false
        func close() {
            if length > 0 { values.append(length > 9 ? Int.max : value); lengths.append(length) }
            value = 0; length = 0
        }
        for b in s.utf8 {
            switch b {
            case 0x30...0x39:
                if length <= 9 { value = value * 10 + Int(b - 0x30) }
                length += 1
                started = true
            case 0x2D, 0x2F, 0x2E:
                close()
            case 0x54 where started, 0x20 where started:
                close()
                return yearOf(values, lengths)
            case 0x54, 0x20:
                continue
            default:
                return nil
            }
        }
        close()
        return yearOf(values, lengths)
    }

    private static func yearOf(_ values: [Int], _ lengths: [Int]) -> Int? {
        guard values.count == 3, (1...12).contains(values[1]) else { return nil }
        if lengths[0] == 4 { return values[0] }
        if lengths[2] == 4 { return values[2] }
        return nil
    }

    /// Street types that start the street part of a French address.
    static let streetTypes: Set<String> = [
        "rue", "avenue", "av", "ave", "boulevard", "bd", "bld", "chemin", "ch", "impasse", "imp", "allee", "allees",
        "place", "pl", "route", "rte", "quai", "cours", "square", "passage", "voie", "sentier", "residence",
        "lotissement", "lot", "hameau", "lieu", "rond", "esplanade", "promenade", "faubourg", "fbg", "chaussee",
        "cite", "villa", "parvis", "venelle", "ruelle", "traverse", "montee", "carrefour", "domaine", "street", "road",
    ]

    /// "12 rue de la Paix", "3 bis, avenue Foch 75016 Paris": a number, then a street type.
    public static func isPostalAddress(_ s: String) -> Bool {
        guard s.utf8.count <= 300 else { return false }
        return isPostalAddress(words: TextFolding.words(s, limit: 300))
    }

    static func isPostalAddress(words w: [String]) -> Bool {
        guard let t = w.firstIndex(where: { streetTypes.contains($0) }), t > 0, t <= 3 else { return false }
        return w[0].first?.isNumber == true && w[0].count <= 5
    }

    /// A street or place name without a house number ("Rue de la Paix", "Place du Marché").
    public static func isStreetName(_ s: String) -> Bool {
        guard s.utf8.count <= 300 else { return false }
        return isStreetName(words: TextFolding.words(s, limit: 300))
    }

    static func isStreetName(words w: [String]) -> Bool {
        guard let t = w.firstIndex(where: { streetTypes.contains($0) }) else { return false }
        return t <= 2
    }
}
