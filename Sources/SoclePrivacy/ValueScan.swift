import Foundation

/// Counts of every value signal over a column's sample, with the matching values kept for masking.
struct ValueScan {
    static let maxExamined = 10_000
    /// Cells longer than this are only searched for sensitive words, on their start.
    static let longCell = 1_000

    var nonNull = 0
    var nulls = 0
    var distinct = 0
    var longCells = 0
    /// Counts and up to 3 matching values per signal, indexed by `Signal.rawValue` (arrays: this is the hot loop).
    var counts = [Int](repeating: 0, count: Signal.allCases.count)
    var samples = [[String]](repeating: [], count: Signal.allCases.count)
    var sensitive: [DataCategory: Int] = [:]
    var sensitiveSamples: [DataCategory: [String]] = [:]
    var birthYears = 0
    /// Smallest and largest year among the date values (birth dates spread over years, event dates cluster).
    var minYear = Int.max
    var maxYear = Int.min
    var numeric = 0
    let strict: Bool
    /// The year the scan took as "now".
    let currentYear: Int

    /// The value signals.
    enum Signal: Int, CaseIterable {
        case email, personalEmail, phone, mobile, nir, nirDecoy, iban, plate, ip, address, street
        case firstName, nameShaped, wordsOnly, date, siret, siren
    }

    /// This year, for the plausibility of birth years.
    static var thisYear: Int { Calendar(identifier: .gregorian).component(.year, from: Date()) }

    init(values: [String?], strict: Bool = true, currentYear: Int = ValueScan.thisYear) {
        self.currentYear = currentYear
        self.strict = strict
        var seen = Set<String>()
        for raw in values.prefix(Self.maxExamined) {
            guard let raw else { nulls += 1; continue }
            let v = Self.trimmed(raw)
            if v.isEmpty { nulls += 1; continue }
            nonNull += 1
            if seen.count < 50_000 { seen.insert(v.utf8.count > 200 ? String(v.prefix(200)) : v) }
            if v.utf8.count > Self.longCell {
                longCells += 1
                let words = TextFolding.words(v, limit: 2_000)
                if let c = SensitiveTerms.category(of: words, strict: true) { note(c, v) }
                continue
            }
            scan(v, currentYear: currentYear)
        }
        distinct = seen.count
    }

    private mutating func hit(_ s: Signal, _ v: String) {
        counts[s.rawValue] += 1
        if samples[s.rawValue].count < 3 { samples[s.rawValue].append(v) }
    }

    /// The value without surrounding whitespace; ASCII-only checks first, Foundation only for other spaces.
    static func trimmed(_ raw: String) -> String {
        let u = raw.utf8
        guard let first = u.first, let last = u.last else { return raw }
        if first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80 { return raw }
        return raw.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private mutating func note(_ c: DataCategory, _ v: String) {
        sensitive[c, default: 0] += 1
        if sensitiveSamples[c, default: []].count < 3 { sensitiveSamples[c, default: []].append(v) }
    }

    private mutating func scan(_ v: String, currentYear: Int) {
        // One pass over the bytes decides which recognisers are worth running.
        var digits = 0, letters = 0, at = false, dotOrColon = false
        for b in v.utf8 {
            if b >= 48 && b <= 57 { digits += 1 }
            else if (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b >= 128 { letters += 1 }
            else if b == 64 { at = true }
            else if b == 46 || b == 58 { dotOrColon = true }
        }
        let length = v.utf8.count
        if digits > 0 && letters == 0 && Self.isNumber(v) { numeric += 1 }
        if at && ValuePatterns.isEmail(v) {
            hit(.email, v)
            if Self.isPersonalEmail(v) { hit(.personalEmail, v) }
            return
        }
        if (10...13).contains(digits) && length <= 32 && ValuePatterns.isFrenchPhone(v) {
            hit(.phone, v); if ValuePatterns.isMobilePhone(v) { hit(.mobile, v) }; return
        }
        if digits >= 9 && length <= 64 {
            if Checksums.looksLikeNIR(v) { Checksums.isValidNIR(v) ? hit(.nir, v) : hit(.nirDecoy, v); return }
            if letters >= 2 && Checksums.isValidIBAN(v) { hit(.iban, v); return }
            if Checksums.isValidSIRET(v) { hit(.siret, v); return }
            if Checksums.isValidSIREN(v) { hit(.siren, v); return }
        }
        if dotOrColon && digits > 0 && length <= 45 && ValuePatterns.isIPAddress(v) { hit(.ip, v); return }
        if digits > 0 && letters > 0 && length <= 14 && ValuePatterns.isLicensePlate(v) { hit(.plate, v); return }
        if digits >= 6 && length <= 40, let y = ValuePatterns.year(ofDate: v) {
            hit(.date, v)
            minYear = min(minYear, y)
            maxYear = max(maxYear, y)
            if y >= currentYear - 110 && y <= currentYear { birthYears += 1 }
            return
        }
        guard letters > 0 else { return }
        let words = TextFolding.words(v, limit: 300)
        if ValuePatterns.isPostalAddress(words: words) { hit(.address, v) } else if ValuePatterns.isStreetName(words: words) { hit(.street, v) }
        if let c = SensitiveTerms.category(of: words, strict: strict) { note(c, v) }
        if FirstNames.contains(words) { hit(.firstName, v) }
        if (1...4).contains(words.count), length <= 120, let capitalised = Self.wordsOnly(v) {
            hit(.wordsOnly, v)
            if capitalised { hit(.nameShaped, v) }
        }
    }

    /// Local parts of service mailboxes: "accueil.piscine@…" names a desk, not a person.
    static let functionalMailWords: Set<String> = [
        "accueil", "contact", "info", "infos", "information", "service", "services", "mairie", "secretariat", "direction",
        "reservation", "reservations", "mediatheque", "bibliotheque", "piscine", "ecole", "creche", "sport", "sports",
        "culture", "jeunesse", "urbanisme", "etat", "civil", "ccas", "police", "technique", "techniques", "communication",
        "rh", "drh", "compta", "comptabilite", "finances", "marches", "courrier", "dpo", "rgpd", "admin", "support",
        "noreply", "no", "reply", "webmaster", "presse", "bureau", "president", "tresorier", "salles", "office",
        "tourisme", "associations", "association", "club", "standard", "cabinet", "dgs", "agenda", "inscriptions",
    ]

    /// True when the local part of an e-mail looks like a person's: a known first name, or two words that are not
    /// service words ("jean.dupont", "dupont.marie").
    static func isPersonalEmail(_ v: String) -> Bool {
        let local = String(v.split(separator: "@").first ?? "")
        // Dots, dashes and underscores separate words already.
        let parts = TextFolding.words(local)
        if parts.contains(where: { functionalMailWords.contains($0) }) { return false }
        return parts.count >= 2 || FirstNames.contains(parts)
    }

    /// nil unless the value is letters (and space - ' .) only; then true when every space-separated word starts
    /// with a capital letter (a name shape), false otherwise.
    static func wordsOnly(_ v: String) -> Bool? {
        var capitalised = true
        var atWordStart = true
        for u in v.unicodeScalars {
            switch u.value {
            case 0x20:
                atWordStart = true
                continue
            case 0x2D, 0x27, 0x2E, 0x2019:
                if atWordStart { capitalised = false }
            case 0x41...0x5A:
                break
            case 0x61...0x7A:
                if atWordStart { capitalised = false }
            case 0x80...:
                // Letters of any script, and the combining accents of decomposed text.
                if u.properties.generalCategory == .nonspacingMark { break }
                guard u.properties.isAlphabetic else { return nil }
                if atWordStart && !u.properties.isUppercase { capitalised = false }
            default:
                return nil
            }
            atWordStart = false
        }
        return capitalised
    }

    /// A plain number, with a decimal comma or point ("12", "-3,5", "1.25").
    static func isNumber(_ v: String) -> Bool {
        if v.utf8.contains(0x2C) { return Double(String(v.map { $0 == "," ? "." : $0 })) != nil }
        return Double(v) != nil
    }

    func count(_ s: Signal) -> Int { counts[s.rawValue] }
    func examples(_ s: Signal) -> [String]? { samples[s.rawValue].isEmpty ? nil : samples[s.rawValue] }
    func ratio(_ s: Signal) -> Double { nonNull == 0 ? 0 : Double(count(s)) / Double(nonNull) }
}
