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
    var counts: [Signal: Int] = [:]
    var samples: [Signal: [String]] = [:]
    var sensitive: [DataCategory: Int] = [:]
    var sensitiveSamples: [DataCategory: [String]] = [:]
    var birthYears = 0
    var numeric = 0
    let strict: Bool

    /// The value signals.
    enum Signal: Hashable {
        case email, personalEmail, phone, mobile, nir, nirDecoy, iban, plate, ip, address, street
        case firstName, nameShaped, date, siret, siren
    }

    init(values: [String?], strict: Bool = true, currentYear: Int = 2026) {
        self.strict = strict
        var seen = Set<String>()
        for raw in values.prefix(Self.maxExamined) {
            guard let raw else { nulls += 1; continue }
            let v = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if v.isEmpty { nulls += 1; continue }
            nonNull += 1
            if seen.count < 50_000 { seen.insert(v.count > 200 ? String(v.prefix(200)) : v) }
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
        counts[s, default: 0] += 1
        if samples[s, default: []].count < 3 { samples[s, default: []].append(v) }
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
        if digits > 0 && letters == 0 && Double(v.replacingOccurrences(of: ",", with: ".")) != nil { numeric += 1 }
        if at && ValuePatterns.isEmail(v) {
            hit(.email, v)
            let local = String(v.split(separator: "@").first ?? "")
            let parts = TextFolding.words(local.replacingOccurrences(of: ".", with: " "))
            if parts.count >= 2 || FirstNames.contains(parts) { hit(.personalEmail, v) }
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
            if y >= currentYear - 110 && y <= currentYear { birthYears += 1 }
            return
        }
        guard letters > 0 else { return }
        let words = TextFolding.words(v, limit: 300)
        if ValuePatterns.isPostalAddress(words: words) { hit(.address, v) } else if ValuePatterns.isStreetName(words: words) { hit(.street, v) }
        if let c = SensitiveTerms.category(of: words, strict: strict) { note(c, v) }
        if FirstNames.contains(words) { hit(.firstName, v) }
        if isNameShaped(v, words: words) { hit(.nameShaped, v) }
    }

    /// 1 to 4 words, letters (and - ' .) only, each starting with a capital letter.
    private func isNameShaped(_ v: String, words: [String]) -> Bool {
        guard (1...4).contains(words.count), v.count <= 60 else { return false }
        guard v.allSatisfy({ $0.isLetter || $0 == " " || $0 == "-" || $0 == "'" || $0 == "." }) else { return false }
        return v.split(separator: " ").allSatisfy { $0.first?.isUppercase == true }
    }

    func count(_ s: Signal) -> Int { counts[s] ?? 0 }
    func ratio(_ s: Signal) -> Double { nonNull == 0 ? 0 : Double(count(s)) / Double(nonNull) }
}
