import Foundation

/// Accent- and case-insensitive word splitting for headers and values (camelCase aware).
enum TextFolding {
    /// Lowercased, accent-free words: "nomBénéficiaire" → ["nom", "beneficiaire"], "N° sécu" → ["n", "secu"].
    static func words(_ text: String, limit: Int = 2_000) -> [String] {
        var head = text.utf8.count > limit ? String(text.prefix(limit)) : text
        if let repaired = Mojibake.repair(head) { head = repaired }
        // Nearly every value is ASCII or Latin-1 French: fold it byte by byte; the rest goes through Foundation.
        return fastWords(head) ?? slowWords(head)
    }

    /// Latin-1 letters U+00C0…U+00FF folded to ASCII ("" = not a letter).
    private static let latin1: [String] = [
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
    ]
    private static let latin1Bytes: [[UInt8]] = latin1.map { Array($0.utf8) }

    /// Words of ASCII / Latin-1 text, or nil when the text holds other scripts or symbols that count as letters.
    static func fastWords(_ text: String) -> [String]? {
        var out: [String] = []
        var current: [UInt8] = []
        current.reserveCapacity(32)
        var previousLowerOrDigit = false
        var pendingLead: UInt8 = 0
        var pendingSecond: UInt8 = 0
        func flush() {
            if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
        }
        func letter(_ folded: UInt8, upper: Bool) {
            if upper && previousLowerOrDigit { flush() }
            current.append(folded)
            previousLowerOrDigit = !upper
        }
        for b in text.utf8 {
            if pendingLead == 0xE2 {
                // Three-byte sequence E2 xx yy: general punctuation (’ – — … •) and € are separators.
                if pendingSecond == 0 { pendingSecond = b; continue }
                // U+2000…U+203F punctuation and U+20A0…U+20BF currencies; subscript digits would be numbers.
                guard pendingSecond == 0x80 || (pendingSecond == 0x82 && b >= 0xA0) else { return nil }
                pendingLead = 0; pendingSecond = 0
                flush(); previousLowerOrDigit = false
                continue
            }
            if pendingLead != 0 {
                let lead = pendingLead
                pendingLead = 0
                switch lead {
                case 0xC3:
                    let index = Int(b & 0x3F)
                    let folded = latin1Bytes[index]
                    if folded.isEmpty {
                        flush(); previousLowerOrDigit = false
                    } else {
                        letter(folded[0], upper: index < 0x1F && index != 0x17)
                        if folded.count > 1 { current.append(contentsOf: folded[1...]) }
                    }
                case 0xC2:
                    // ª º µ and superscript or fraction digits count as letters or numbers elsewhere.
                    if [0xAA, 0xBA, 0xB5, 0xB2, 0xB3, 0xB9, 0xBC, 0xBD, 0xBE].contains(b) { return nil }
                    flush(); previousLowerOrDigit = false
                case 0xC5 where b == 0x92 || b == 0x93:
                    letter(0x6F, upper: b == 0x92)
                    current.append(0x65)
                default:
                    return nil
                }
                continue
            }
            switch b {
            case 0x61...0x7A:
                letter(b, upper: false)
            case 0x41...0x5A:
                letter(b + 32, upper: true)
            case 0x30...0x39:
                current.append(b); previousLowerOrDigit = true
            case 0xC2, 0xC3, 0xC5, 0xE2:
                pendingLead = b
            case 0x80...:
                return nil
            default:
                flush(); previousLowerOrDigit = false
            }
        }
        guard pendingLead == 0 else { return nil }
        flush()
        return out
    }

    /// The general path: Foundation folding, any script.
    static func slowWords(_ head: String) -> [String] {
        var spaced = ""
        spaced.reserveCapacity(head.utf8.count + 8)
        var previousLower = false
        for ch in head {
            if ch.isUppercase && previousLower { spaced.append(" ") }
            previousLower = ch.isLowercase || ch.isNumber
            spaced.append(ch)
        }
        let folded = spaced.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var out: [String] = []
        var current = ""
        for ch in folded {
            if ch.isLetter || ch.isNumber { current.append(ch) } else if !current.isEmpty { out.append(current); current = "" }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// True when `phrase` occurs as contiguous whole words in `words`.
    static func contains(_ words: [String], phrase: [String]) -> Bool {
        guard !phrase.isEmpty, words.count >= phrase.count else { return false }
        outer: for start in 0...(words.count - phrase.count) where words[start] == phrase[0] {
            for k in 1..<phrase.count where words[start + k] != phrase[k] { continue outer }
            return true
        }
        return false
    }
}
