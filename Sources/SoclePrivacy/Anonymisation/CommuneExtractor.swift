import Foundation

/// Finds "postcode commune" in a French postal address written any usual way.
///
/// "12 rue des Lilas 14500 Vire", "12, rue X, 14500 VIRE NORMANDIE", "Mairie, Vire (14500)",
/// "BP 12 - 14500 Vire Cedex" all give "14500 Vire…". The commune is put in title case with French
/// particles in lowercase ("SAINT-GERMAIN-EN-LAYE" → "Saint-Germain-en-Laye") so that "VIRE" and "Vire"
/// fall in the same group: the k-anonymity count would otherwise split them.
enum CommuneExtractor {
    /// Longest commune kept, in words; the longest French names have about eight.
    static let maxWords = 8
    /// Words that end the commune part ("… 14500 Vire Cedex 2", "… 14500 Vire France").
    static let stopWords: Set<String> = ["cedex", "france", "tel", "tél", "telephone", "téléphone", "email",
                                         "courriel", "mail", "bp", "cs", "tsa"]
    private static let separators: Set<Character> = [",", ";", "(", ")", "[", "]", "|", "/", "\n", "\r", "\t"]

    /// "postcode Commune", the postcode alone when no commune is readable, nil without a postcode.
    static func extract(_ text: String) -> String? {
        let chars = Array(text.prefix(AnonymisationText.scanLimit)).map { ch -> Character in
            ch.unicodeScalars.contains { CharacterSet.controlCharacters.contains($0) } ? "\n" : ch
        }
        guard let (start, end) = lastPostcode(in: chars) else { return nil }
        let postcode = String(chars[start..<end])
        let after = wordsAfter(tokens(chars[end...]))
        if !after.isEmpty { return postcode + " " + titleCase(after) }
        // "Vire 14500", "Mairie, Vire (14500)": the commune precedes the postcode, after the last separator.
        var j = start
        while j > 0, chars[j - 1] == " " || chars[j - 1] == "(" || chars[j - 1] == "-" { j -= 1 }
        var s = j
        while s > 0, !separators.contains(chars[s - 1]) { s -= 1 }
        let before = wordsBefore(tokens(chars[s..<j]))
        return before.isEmpty ? postcode : postcode + " " + titleCase(before)
    }

    /// The last run of exactly five digits that is a plausible French postcode (01–95, 97, 98).
    static func lastPostcode(in chars: [Character]) -> (Int, Int)? {
        var i = chars.count
        while i > 0 {
            i -= 1
            guard chars[i].isASCII, chars[i].isNumber else { continue }
            var s = i
            while s > 0, chars[s - 1].isASCII, chars[s - 1].isNumber { s -= 1 }
            if i - s + 1 == 5, let dept = Int(String(chars[s...(s + 1)])),
               (1...95).contains(dept) || dept == 97 || dept == 98 {
                return (s, i + 1)
            }
            i = s
        }
        return nil
    }

    /// A word, or nil for a separator.
    private static func tokens(_ chars: ArraySlice<Character>) -> [String?] {
        var out: [String?] = []
        var current = ""
        func flush() {
            let w = current.trimmingCharacters(in: CharacterSet(charactersIn: "-'’."))
            if !w.isEmpty { out.append(w) }
            current = ""
        }
        for ch in chars {
            if separators.contains(ch) {
                flush()
                out.append(nil)
            } else if ch.isLetter || ch.isNumber || ch == "-" || ch == "'" || ch == "’" || ch == "." {
                current.append(ch)
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    private static func isCommuneWord(_ w: String) -> Bool {
        !w.contains(where: { $0.isNumber }) && !stopWords.contains(w.lowercased()) && w.contains(where: { $0.isLetter })
    }

    /// Commune words after the postcode, up to a separator, a word with a digit or a stop word.
    private static func wordsAfter(_ tokens: [String?]) -> [String] {
        var words: [String] = []
        for t in tokens {
            guard let t else {
                if words.isEmpty { continue }
                break
            }
            guard isCommuneWord(t), words.count < maxWords else { break }
            words.append(t)
        }
        return words
    }

    /// Commune words before the postcode: the segment must hold nothing else (a number means a street).
    private static func wordsBefore(_ tokens: [String?]) -> [String] {
        let words = tokens.compactMap { $0 }
        guard !words.isEmpty, words.count <= maxWords / 2, words.allSatisfy(isCommuneWord) else { return [] }
        return words
    }

    private static let particles: Set<String> = ["de", "du", "des", "la", "le", "les", "sur", "sous", "en", "et",
                                                 "lès", "lez", "aux", "au", "d", "l", "à"]

    /// French place-name case: each part capitalised, particles lowercase except at the start.
    static func titleCase(_ words: [String]) -> String {
        var out: [String] = []
        var first = true
        for word in words {
            var parts: [String] = []
            for part in word.split(separator: "-", omittingEmptySubsequences: true) {
                parts.append(capitalisePart(String(part), first: first))
                first = false
            }
            out.append(parts.joined(separator: "-"))
        }
        return out.joined(separator: " ")
    }

    private static func capitalisePart(_ part: String, first: Bool) -> String {
        let lower = part.lowercased()
        // "d'Ornon", "l'Isle": elided particle, then the capitalised rest.
        for apostrophe in ["'", "’"] {
            if let r = lower.range(of: apostrophe), lower.distance(from: lower.startIndex, to: r.lowerBound) == 1 {
                let head = String(lower[..<r.lowerBound])
                let rest = String(lower[r.upperBound...])
                let h = first ? head.uppercased() : head
                return h + apostrophe + capitalised(rest)
            }
        }
        if !first && particles.contains(lower) { return lower }
        return capitalised(lower)
    }

    private static func capitalised(_ s: String) -> String {
        guard let f = s.first else { return s }
        return String(f).uppercased() + s.dropFirst()
    }
}
