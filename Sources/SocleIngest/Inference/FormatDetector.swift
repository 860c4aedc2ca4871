import SocleCore

/// Per-value semantic format tests (pass 1), on the value's UTF-8 bytes: key checks (Luhn for
/// SIREN/SIRET/FINESS, La Poste's SIRET rule, the UAI letter, the VAT key), official code lists
/// (`CodeLists`) and shapes (phone, e-mail, URL, UUID…). `TypeDecider` turns the counts into a
/// column's format; the rules are in `docs/ingestion.md`, "Semantic formats".
enum FormatDetector {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// The formats a single value can show, by bit.
    static let formats: [SemanticFormat] = [
        .siren, .siret, .codePostal, .codeCommuneInsee, .codeDepartement, .codeRegion, .uai, .codeRna, .finess,
        .codeApe, .tvaIntracom, .telFr, .uuid, .email, .url, .year, .jourDeLaSemaine, .moisDeLAnnee, .sexe, .json,
        .mongoObjectId, .username, .commune, .departement, .region, .adresse, .isoCountryAlpha2, .isoCountryAlpha3,
        .isoCountryNumeric, .pays, .datetimeRfc822, .idRnb, .codeCspInsee, .cspInsee, .inseeCanton, .codeFantoir,
        .codeImport,
    ]
    static let siren: UInt64 = 1 << 0, siret: UInt64 = 1 << 1, postcode: UInt64 = 1 << 2, commune: UInt64 = 1 << 3
    static let departement: UInt64 = 1 << 4, region: UInt64 = 1 << 5, uai: UInt64 = 1 << 6, rna: UInt64 = 1 << 7
    static let finess: UInt64 = 1 << 8, ape: UInt64 = 1 << 9, tva: UInt64 = 1 << 10, phone: UInt64 = 1 << 11
    static let uuid: UInt64 = 1 << 12, email: UInt64 = 1 << 13, url: UInt64 = 1 << 14, year: UInt64 = 1 << 15
    static let weekday: UInt64 = 1 << 16, month: UInt64 = 1 << 17, sexe: UInt64 = 1 << 18, json: UInt64 = 1 << 19
    static let objectId: UInt64 = 1 << 20, username: UInt64 = 1 << 21
    static let communeName: UInt64 = 1 << 22, departementName: UInt64 = 1 << 23, regionName: UInt64 = 1 << 24
    static let adresse: UInt64 = 1 << 25
    static let alpha2: UInt64 = 1 << 26, alpha3: UInt64 = 1 << 27, isoNumeric: UInt64 = 1 << 28, paysName: UInt64 = 1 << 29
    static let rfc822: UInt64 = 1 << 30, rnb: UInt64 = 1 << 31, cspCode: UInt64 = 1 << 32, cspName: UInt64 = 1 << 33
    static let cantonName: UInt64 = 1 << 34, fantoir: UInt64 = 1 << 35, importCode: UInt64 = 1 << 36
    static let placeNames: UInt64 = communeName | departementName | regionName | paysName | cspName | cantonName
    /// Not a format: the value is a point written as a `[lon,lat]` array (GeoJSON order).
    static let pointArray: UInt64 = 1 << 62
    /// Not a format: the value is an identifier written as a float (`21860194600000.0`).
    static let floatZero: UInt64 = 1 << 63
    static let bitCount = 64

    /// The formats `v` (trimmed, non-empty, not a null marker) fits, given its class.
    @inline(__always)
    static func detect(_ v: Bytes, _ cls: ValueClass) -> UInt64 {
        if cls.contains(.digitsOnly) { return digits(v) }
        if cls.contains(.idToken) { return token(v, cls) }
        let c = v[0]
        if ByteText.isDigit(c) || c == UInt8(ascii: "+") {
            if cls.containsAny([.numDot, .numComma]) { return cls.contains(.numDot) ? floatEncoded(v) : 0 }
            return (isPhone(v) ? phone : 0) | (isApe(v) ? ape : 0) | (isUUID(v) ? uuid : 0) | (isUAI(v) ? uai : 0)
                | (isObjectId(v) ? objectId : 0) | (Addresses.isAddress(v) ? adresse : 0)
                | (v.count == 4 && isCspCode(v) ? cspCode : 0) | (isImport(v) ? importCode : 0)
        }
        if c == UInt8(ascii: "@") { return isUsername(v) ? username : 0 }
        if cls.contains(.geopoint) { return c == UInt8(ascii: "[") ? pointArray : 0 }
        if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
            let l = v[v.count - 1]
            return (c == UInt8(ascii: "{") && l == UInt8(ascii: "}")) || (c == UInt8(ascii: "[") && l == UInt8(ascii: "]"))
                ? json : 0
        }
        guard c >= 0x41 else { return 0 }
        var m: UInt64 = 0
        if isURL(v) { return url }
        if isEmail(v) { return email }
        if isUUID(v) { m |= uuid }
        if isObjectId(v) { m |= objectId }
        m |= words(v)
        if v.count == 2 || v.count == 3 { m |= CountryCodes.letters(v) }
        if v.count >= 26, v.count <= 33, v[3] == UInt8(ascii: ","), isRFC822(v) { m |= rfc822 }
        if v.count == 10, v[0] | 0x20 == UInt8(ascii: "w"), isRNA(v) { m |= rna }
        if Addresses.isAddress(v) { m |= adresse }
        return m
    }

    /// Formats read from the whole value's folded key: weekdays, months, sexes, and the names of
    /// communes, départements and régions (`PlaceNames`).
    @inline(__always)
    private static func words(_ v: Bytes) -> UInt64 {
        guard let k = FoldKey.of(v) else { return 0 }
        var m: UInt64 = 0
        if v.count <= 12 {
            if weekdays.contains(k) { m |= weekday }
            if months.contains(k) { m |= month }
            if sexes.contains(k) { m |= sexe }
        }
        return m | PlaceNames.bits(k)
    }

    // MARK: digits

    @inline(__always)
    private static func digits(_ v: Bytes) -> UInt64 {
        let n = v.count
        switch n {
        case 2:
            var m: UInt64 = 0
            let x = Int(v[0] &- 0x30) * 10 + Int(v[1] &- 0x30)
            if x >= 1 && x <= 95 && x != 20 { m |= departement }
            if CodeLists.isRegion(v[0], v[1]) { m |= region }
            return m
        case 3:
            let x = Int(v[0] &- 0x30) * 100 + Int(v[1] &- 0x30) * 10 + Int(v[2] &- 0x30)
            return (x >= 971 && x <= 976 ? departement : 0) | (CountryCodes.isNumeric(x) ? isoNumeric : 0)
        case 4:
            let x = Int(v[0] &- 0x30) * 1000 + Int(v[1] &- 0x30) * 100 + Int(v[2] &- 0x30) * 10 + Int(v[3] &- 0x30)
            return (x >= 1800 && x <= 2100 ? year : 0) | (cspDigits.contains(x) ? cspCode : 0)
        case 5:
            return (CodeLists.communes.contains(v) ? commune : 0) | (CodeLists.postcodes.contains(v) ? postcode : 0)
        case 9:
            guard luhn(v) else { return 0 }
            return siren | (v[0] != UInt8(ascii: "0") || v[1] != UInt8(ascii: "0") ? finess : 0)
        case 10:
            return v[0] == UInt8(ascii: "0") && v[1] != UInt8(ascii: "0") ? phone : 0
        case 13:
            // 0033 then a 9-digit French number.
            return v[0] == UInt8(ascii: "0") && v[1] == UInt8(ascii: "0") && v[2] == UInt8(ascii: "3")
                && v[3] == UInt8(ascii: "3") && v[4] != UInt8(ascii: "0") ? phone : 0
        case 14:
            return isSIRET(v) ? siret : 0
        default:
            return 0
        }
    }

    /// Luhn's key over all the digits of `v` (SIREN, SIRET, FINESS).
    @inline(__always)
    static func luhn(_ v: Bytes) -> Bool {
        var sum = 0
        var double = false
        var i = v.count - 1
        while i >= 0 {
            var d = Int(v[i] &- 0x30)
            if double { d *= 2; if d > 9 { d -= 9 } }
            sum += d
            double.toggle()
            i -= 1
        }
        return sum % 10 == 0
    }

    /// 14 digits with a valid Luhn key, or a La Poste establishment (SIREN 356 000 000), whose
    /// SIRETs are numbered past the key: their digits add up to a multiple of 5.
    static func isSIRET(_ v: Bytes) -> Bool {
        guard v.count == 14 else { return false }
        if luhn(v) { return true }
        let laPoste: StaticString = "356000000"
        for k in 0 ..< 9 where v[k] != laPoste.utf8Start[k] { return false }
        var sum = 0
        for b in v { sum += Int(b &- 0x30) }
        return sum % 5 == 0
    }

    /// `21860194600000.0`, `217500016.0`: a SIREN or SIRET exported as a float.
    private static func floatEncoded(_ v: Bytes) -> UInt64 {
        let n = v.count
        guard n == 11 || n == 16, v[n - 2] == UInt8(ascii: "."), v[n - 1] == UInt8(ascii: "0") else { return 0 }
        let whole = Bytes(rebasing: v[0 ..< n - 2])
        for b in whole where !ByteText.isDigit(b) { return 0 }
        // The shape alone says "identifier exported as a float"; the key says which one.
        if n == 11 { return floatZero | (luhn(whole) ? siren : 0) }
        return floatZero | (isSIRET(whole) ? siret : 0)
    }

    // MARK: tokens (uppercase letters and digits)

    @inline(__always)
    private static func token(_ v: Bytes, _ cls: ValueClass) -> UInt64 {
        let n = v.count
        if cls.contains(.corsica) {
            if n == 2 { return departement }
            if n == 5 { return (CodeLists.communes.contains(v) ? commune : 0) }
            return 0
        }
        var named: UInt64 = 0
        if n == 4, isCspCode(v) { named |= cspCode }
        if n == 5, isFantoir(v) { named |= fantoir }
        if n >= 8, ByteText.isDigit(v[0]), isImport(v) { named |= importCode }
        // Capitals only (`PARIS`, `AIN`, `M`, `FEMME`) may be a name or a sex.
        if v[0] &- 0x41 < 26 { named |= words(v) | (n <= 3 ? CountryCodes.letters(v) : 0) }
        switch n {
        case 5: return named | (isApe(v) ? ape : 0)
        case 8: return named | (isUAI(v) ? uai : 0)
        case 12: return named | (isRNB(v) ? rnb : 0)
        case 10: return named | (v[0] == UInt8(ascii: "W") && isRNA(v) ? rna : 0)
        case 13: return named | (isVAT(v) ? tva : 0)
        default: return named
        }
    }

    /// 7 digits (3 for the département, 4 for the number) then the key letter, `n mod 23` in
    /// `ABCDEFGHJKLMNPRSTUVWXYZ` (the letters I, O and Q are left out); lowercase accepted.
    static func isUAI(_ v: Bytes) -> Bool {
        guard v.count == 8 else { return false }
        var x = 0
        for k in 0 ..< 7 {
            let d = v[k] &- 0x30
            guard d < 10 else { return false }
            x = x * 10 + Int(d)
        }
        let letters: StaticString = "ABCDEFGHJKLMNPRSTUVWXYZ"
        let key = v[7] &- 0x61 < 26 ? v[7] - 0x20 : v[7]
        return key == letters.utf8Start[x % 23]
    }

    /// `W` then a digit, a digit or letter (Corsica: `W2A…`), and 7 digits.
    static func isRNA(_ v: Bytes) -> Bool {
        guard v.count == 10, v[0] | 0x20 == UInt8(ascii: "w"), ByteText.isDigit(v[1]), ByteText.isUpperAlnum(v[2])
        else { return false }
        for k in 3 ..< 10 where !ByteText.isDigit(v[k]) { return false }
        return true
    }

    /// An APE/NAF rev. 2 code: `8411Z` or `84.11Z`.
    static func isApe(_ v: Bytes) -> Bool {
        let n = v.count
        guard n == 5 || n == 6 else { return false }
        if n == 6 && v[2] != UInt8(ascii: ".") { return false }
        let third = n == 6 ? 3 : 2
        return ByteText.isDigit(v[0]) && ByteText.isDigit(v[1]) && ByteText.isDigit(v[third])
            && ByteText.isDigit(v[third + 1]) && v[n - 1] &- 0x41 < 26
    }

    /// `FR`, a 2-digit key, a SIREN: key = (12 + 3 × (SIREN mod 97)) mod 97.
    static func isVAT(_ v: Bytes) -> Bool {
        guard v.count == 13, v[0] == UInt8(ascii: "F"), v[1] == UInt8(ascii: "R") else { return false }
        var key = 0
        var siren = 0
        for k in 2 ..< 13 {
            let d = v[k] &- 0x30
            guard d < 10 else { return false }
            if k < 4 { key = key * 10 + Int(d) } else { siren = siren * 10 + Int(d) }
        }
        return key == (12 + 3 * (siren % 97)) % 97
    }

    // MARK: shapes

    /// A French number: 10 digits starting with 0 (not 00), or `+33`/`0033` then 9 digits, with
    /// optional spaces, dots or dashes between digits and an optional `(0)` after the prefix.
    static func isPhone(_ v: Bytes) -> Bool {
        let n = v.count
        guard n >= 10, n <= 20 else { return false }
        var i = 0
        var international = false
        if v[0] == UInt8(ascii: "+") {
            guard n > 3, v[1] == UInt8(ascii: "3"), v[2] == UInt8(ascii: "3") else { return false }
            i = 3
            international = true
        } else if n > 4, v[0] == UInt8(ascii: "0"), v[1] == UInt8(ascii: "0"), v[2] == UInt8(ascii: "3"),
                  v[3] == UInt8(ascii: "3") {
            i = 4
            international = true
        }
        var digits = 0
        var first: UInt8 = 0
        var second: UInt8 = 0
        while i < n {
            let b = v[i]
            if ByteText.isDigit(b) {
                if digits == 0 { first = b } else if digits == 1 { second = b }
                digits += 1
                i += 1
            } else if b == 0x20 || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") {
                i += 1
            } else if b == UInt8(ascii: "("), international, i + 2 < n, v[i + 1] == UInt8(ascii: "0"),
                      v[i + 2] == UInt8(ascii: ")") {
                i += 3
            } else if b == 0xC2, i + 1 < n, v[i + 1] == 0xA0 {
                i += 2
            } else {
                return false
            }
        }
        if international { return digits == 9 && first != UInt8(ascii: "0") }
        return digits == 10 && first == UInt8(ascii: "0") && second != UInt8(ascii: "0")
    }

    /// `local@domain.tld`: one `@`, no space, a dot in the domain, a final label of 2+ letters.
    static func isEmail(_ v: Bytes) -> Bool {
        let n = v.count
        guard n >= 6, n <= 254 else { return false }
        var at = -1
        var lastDot = -1
        for k in 0 ..< n {
            let b = v[k]
            if b <= 0x20 || b == UInt8(ascii: ",") || b == UInt8(ascii: ";") || b == UInt8(ascii: "<") { return false }
            if b == UInt8(ascii: "@") {
                if at >= 0 { return false }
                at = k
            } else if b == UInt8(ascii: "."), at >= 0 {
                lastDot = k
            }
        }
        guard at > 0, lastDot > at + 1, n - lastDot - 1 >= 2 else { return false }
        for k in lastDot + 1 ..< n where v[k] | 0x20 &- 0x61 >= 26 { return false }
        return true
    }

    /// `http://…`, `https://…` or `www.…`, without spaces.
    static func isURL(_ v: Bytes) -> Bool {
        let n = v.count
        guard n >= 8, v[0] | 0x20 == UInt8(ascii: "h") || v[0] | 0x20 == UInt8(ascii: "w") else { return false }
        let start: Int
        if ByteText.equalsLower(Bytes(rebasing: v[0 ..< 7]), "http://") { start = 7 }
        else if n > 8, ByteText.equalsLower(Bytes(rebasing: v[0 ..< 8]), "https://") { start = 8 }
        else if ByteText.equalsLower(Bytes(rebasing: v[0 ..< 4]), "www.") { start = 4 }
        else { return false }
        guard start < n else { return false }
        for k in start ..< n where v[k] <= 0x20 { return false }
        return true
    }

    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in hexadecimal, any case.
    static func isUUID(_ v: Bytes) -> Bool {
        guard v.count == 36 else { return false }
        for k in 0 ..< 36 {
            let b = v[k]
            if k == 8 || k == 13 || k == 18 || k == 23 {
                if b != UInt8(ascii: "-") { return false }
            } else if !(ByteText.isDigit(b) || (b | 0x20) &- 0x61 < 6) {
                return false
            }
        }
        return true
    }

    /// A building's id in the Référentiel national des bâtiments: 12 of `123456789ABCDEFGHJKMNPQRSTVWXYZ` (no `0`,
    /// `I`, `L`, `O`, `U`): `FT4RKBXBVH9S`.
    static func isRNB(_ v: Bytes) -> Bool {
        guard v.count == 12 else { return false }
        for b in v {
            guard ByteText.isUpperAlnum(b), b != UInt8(ascii: "0"), b != UInt8(ascii: "I"), b != UInt8(ascii: "L"),
                  b != UInt8(ascii: "O"), b != UInt8(ascii: "U") else { return false }
        }
        return true
    }

    /// A PCS code: a digit 1–6, two digits, a letter `a`–`l` (`37a`, `621C`), or one of the eleven 4-digit
    /// codes of retired and inactive people (`7100`…`8600`).
    static func isCspCode(_ v: Bytes) -> Bool {
        guard v.count == 4, v[0] &- 0x31 < 6, ByteText.isDigit(v[1]), ByteText.isDigit(v[2]) else { return false }
        return (v[3] | 0x20) &- 0x61 < 12
    }

    private static let cspDigits: Set<Int> = [7100, 7200, 7400, 7500, 7700, 7800, 8100, 8300, 8400, 8500, 8600]

    /// A FANTOIR street code: a known 4-character prefix (`Resources/data/fantoir_prefixes.txt`) then a capital.
    static func isFantoir(_ v: Bytes) -> Bool {
        guard v.count == 5, v[4] &- 0x41 < 26 else { return false }
        return CountryCodes.isFantoirPrefix(v)
    }

    /// A code of the former Import registry of associations: 3 digits, `S` or `P`, 4–10 digits, then optionally a
    /// separator and a short suffix (`123S1871092288`, `751P00188854`); or a digit, a capital or digit, a digit,
    /// `S`/`P`, and up to 10 more letters, digits or one dash.
    static func isImport(_ v: Bytes) -> Bool {
        let n = v.count
        guard n >= 8, n <= 22, ByteText.isDigit(v[0]), ByteText.isUpperAlnum(v[1]), ByteText.isDigit(v[2]),
              v[3] == UInt8(ascii: "S") || v[3] == UInt8(ascii: "P") else { return false }
        if ByteText.isDigit(v[1]) {
            var i = 4
            while i < n, ByteText.isDigit(v[i]) { i += 1 }
            if i - 4 >= 4 && i - 4 <= 10 {
                if i == n { return true }
                // A separator, 1–3 letters or digits, then up to 5 digits.
                guard i + 1 < n else { return false }
                var k = i + 1, letters = 0
                while k < n, letters < 3, ByteText.isUpperAlnum(v[k]) || (v[k] | 0x20) &- 0x61 < 26 { k += 1; letters += 1 }
                var digits = 0
                while k < n, digits < 5, ByteText.isDigit(v[k]) { k += 1; digits += 1 }
                return letters > 0 && k == n
            }
        }
        var dashes = 0
        for k in 4 ..< n {
            if v[k] == UInt8(ascii: "-") { dashes += 1; continue }
            guard ByteText.isUpperAlnum(v[k]) else { return false }
        }
        return dashes <= 1 && n <= 15
    }

    /// RFC 822 / 1123 date-time, as HTTP and RSS write it: `Sun, 06 Nov 1994 08:49:37 GMT`, `Mon, 24 Feb 2010
    /// 23:00:37 +1000` — an English day, a comma, day month year, time, and a zone name or offset.
    static func isRFC822(_ v: Bytes) -> Bool {
        let n = v.count
        guard n >= 26, n <= 33, v[3] == UInt8(ascii: ","), v[4] == 0x20, v[7] == 0x20, v[11] == 0x20, v[16] == 0x20,
              v[19] == UInt8(ascii: ":"), v[22] == UInt8(ascii: ":"), v[25] == 0x20 || n == 25 else { return false }
        func word(_ at: Int) -> String { String(decoding: v[at ..< at + 3], as: UTF8.self).lowercased() }
        guard rfcDays.contains(word(0)), rfcMonths.contains(word(8)) else { return false }
        func number(_ from: Int, _ count: Int) -> Int? {
            var x = 0
            for k in from ..< from + count {
                let d = v[k] &- 0x30
                guard d < 10 else { return nil }
                x = x * 10 + Int(d)
            }
            return x
        }
        guard let day = number(5, 2), (1 ... 31).contains(day), number(12, 4) != nil, let h = number(17, 2), h < 24,
              let m = number(20, 2), m < 60, let s = number(23, 2), s < 61, n > 26 else { return false }
        let zone = String(decoding: v[26 ..< n], as: UTF8.self).lowercased()
        if rfcZones.contains(zone) { return true }
        guard zone.count == 5, zone.first == "+" || zone.first == "-" else { return false }
        return zone.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static let rfcDays: Set<String> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    private static let rfcMonths: Set<String> = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let rfcZones: Set<String> = ["ut", "utc", "gmt", "z", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt"]

    /// A MongoDB ObjectId: 24 hexadecimal digits.
    static func isObjectId(_ v: Bytes) -> Bool {
        guard v.count == 24 else { return false }
        for b in v where !(ByteText.isDigit(b) || (b | 0x20) &- 0x61 < 6) { return false }
        return true
    }

    /// A social-network handle: `@` then 1–30 letters, digits or `_`.
    static func isUsername(_ v: Bytes) -> Bool {
        guard v.count >= 2, v.count <= 31, v[0] == UInt8(ascii: "@") else { return false }
        for k in 1 ..< v.count {
            let b = v[k]
            guard ByteText.isDigit(b) || (b | 0x20) &- 0x61 < 26 || b == UInt8(ascii: "_") else { return false }
        }
        return true
    }

    private static let weekdays = keys(["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"])
    private static let months = keys(["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                                      "septembre", "octobre", "novembre", "décembre", "janv", "févr", "avr",
                                      "juil", "sept", "oct", "nov", "déc"])
    private static let sexes = keys(["h", "f", "m", "homme", "femme", "masculin", "féminin", "hommes", "femmes"])

    private static func keys(_ words: [String]) -> Set<FoldKey.Key> { Set(words.compactMap { FoldKey.of($0) }) }
}
