/// Hand-written recognisers for value shapes: emails, French phones, plates, IP addresses, dates, addresses.
/// They work on characters (no regular expressions) and give up early on long cells.
public enum ValuePatterns {
    /// `local@domain.tld`, one `@`, a dot in the domain, no spaces.
    public static func isEmail(_ s: String) -> Bool {
        guard s.utf8.count <= 254, !s.contains(" ") else { return false }
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        return parts[1].allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }
    }

    /// French phones in the usual spellings: 0612345678, 06 12 34 56 78, 06.12.34.56.78, 06-…,
    /// +33 6 12 34 56 78, +33 (0)6 …, 0033 6 ….
    public static func isFrenchPhone(_ s: String) -> Bool {
        guard s.utf8.count <= 32 else { return false }
        var t = s.replacingOccurrences(of: "(0)", with: "")
        var digits = ""
        var plus = false
        for (i, c) in t.enumerated() {
            if c.isASCII && c.isNumber { digits.append(c) }
            else if c == "+" && i == 0 { plus = true }
            else if !" .-/()\u{A0}".contains(c) { return false }
        }
        t = digits
        if plus { guard t.hasPrefix("33") else { return false }; t = "0" + t.dropFirst(2) }
        else if t.hasPrefix("0033") { t = "0" + t.dropFirst(4) }
        guard t.count == 10, t.hasPrefix("0") else { return false }
        let second = t[t.index(after: t.startIndex)]
        return second != "0"
    }

    /// True for a French mobile number (06, 07), the kind that belongs to a person.
    public static func isMobilePhone(_ s: String) -> Bool {
        guard isFrenchPhone(s) else { return false }
        let digits = s.replacingOccurrences(of: "(0)", with: "").filter { $0.isASCII && $0.isNumber }
        let national = digits.hasPrefix("33") ? "0" + digits.dropFirst(2)
            : (digits.hasPrefix("0033") ? "0" + digits.dropFirst(4) : Substring(digits))
        return national.hasPrefix("06") || national.hasPrefix("07")
    }

    /// French plates: AA-123-AA (SIV) and 123 ABC 45 (FNI), with dashes, spaces or nothing between groups.
    public static func isLicensePlate(_ s: String) -> Bool {
        guard s.utf8.count <= 14 else { return false }
        let u = Array(s.uppercased().filter { $0 != "-" && $0 != " " })
        guard u.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return false }
        func runs(_ a: [Character]) -> [(Bool, Int)] {
            var out: [(Bool, Int)] = []
            for c in a {
                let letter = c.isLetter
                if let last = out.last, last.0 == letter { out[out.count - 1].1 += 1 } else { out.append((letter, 1)) }
            }
            return out
        }
        let r = runs(u)
        if r.count == 3, r[0] == (true, 2), r[1] == (false, 3), r[2] == (true, 2) { return true }
        // FNI: 1-4 digits, 1-3 letters, department (2 digits, 2A/2B, or 97x).
        if r.count == 3, !r[0].0, (1...4).contains(r[0].1), r[1].0, (1...3).contains(r[1].1), !r[2].0, (2...3).contains(r[2].1) {
            return s.contains(" ") || s.contains("-")
        }
        if r.count == 4, !r[0].0, r[1].0, r[2] == (false, 1), r[3] == (true, 1) {
            return u.suffix(2) == ["2", "A"] || u.suffix(2) == ["2", "B"]
        }
        return false
    }

    /// Dotted IPv4 or colon IPv6 (full 8 groups, or compressed with `::`).
    public static func isIPAddress(_ s: String) -> Bool {
        guard s.utf8.count <= 45, !s.isEmpty else { return false }
        let v4 = s.split(separator: ".", omittingEmptySubsequences: false)
        if v4.count == 4 {
            return v4.allSatisfy { $0.count <= 3 && !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } && (Int($0) ?? 256) <= 255 }
        }
        guard s.contains(":") else { return false }
        let groups = s.split(separator: ":", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ $0.count <= 4 && $0.allSatisfy(\.isHexDigit) }) else { return false }
        let nonEmpty = groups.filter { !$0.isEmpty }
        if s.contains("::") { return groups.count >= 3 && nonEmpty.count <= 7 && nonEmpty.contains { $0.contains(where: \.isLetter) || $0.count == 4 } }
        return groups.count == 8
    }

    /// The year of a date written yyyy-mm-dd, dd/mm/yyyy, dd-mm-yyyy or dd.mm.yyyy (time part ignored).
    public static func year(ofDate s: String) -> Int? {
        guard s.utf8.count <= 40 else { return nil }
        let head = s.split(separator: "T").first.map(String.init)?.split(separator: " ").first.map(String.init) ?? s
        let parts = head.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return nil }
        if parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) { return y }
        if parts[2].count == 4, let y = Int(parts[2]), let m = Int(parts[1]), (1...12).contains(m) { return y }
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
