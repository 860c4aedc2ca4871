import Foundation

/// Accent- and case-insensitive word splitting for headers and values (camelCase aware).
enum TextFolding {
    /// Lowercased, accent-free words: "nomBénéficiaire" → ["nom", "beneficiaire"], "N° sécu" → ["n", "secu"].
    static func words(_ text: String, limit: Int = 2_000) -> [String] {
        let head = text.count > limit ? String(text.prefix(limit)) : text
        var spaced = ""
        spaced.reserveCapacity(head.utf8.count + 8)
        var previousLower = false
        for ch in head {
            if ch.isUppercase && previousLower { spaced.append(" ") }
            previousLower = ch.isLowercase || ch.isNumber
            spaced.append(ch)
        }
        let folded = spaced.utf8.allSatisfy({ $0 < 128 }) ? spaced.lowercased()
            : spaced.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
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
        for start in 0...(words.count - phrase.count) where words[start] == phrase[0] {
            if Array(words[start..<(start + phrase.count)]) == phrase { return true }
        }
        return false
    }
}
