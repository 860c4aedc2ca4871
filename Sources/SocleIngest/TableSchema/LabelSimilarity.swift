import Foundation

/// Finds the column a user probably meant: same letters once case, accents and punctuation are ignored
/// (`NOM_Beneficiaire` for `nomBeneficiaire`), or one typo away on longer names.
enum LabelSimilarity {
    static func normalized(_ s: String) -> [Character] {
        let folded = s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
        return folded.filter { $0.isLetter || $0.isNumber }
    }

    static func closest(to name: String, in candidates: [String]) -> String? {
        let target = normalized(name)
        guard !target.isEmpty else { return nil }
        var best: (String, Int)?
        for c in candidates {
            let n = normalized(c)
            let d = n == target ? 0 : (min(n.count, target.count) >= 6 ? distance(n, target, limit: 1) : 2)
            if d <= 1, d < (best?.1 ?? 2) { best = (c, d) }
        }
        return best?.0
    }

    /// Levenshtein distance, giving up (returning limit + 1) beyond `limit`.
    static func distance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        var prev = Array(0...b.count)
        var cur = prev
        for i in 1...max(a.count, 1) where !a.isEmpty {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                rowMin = min(rowMin, cur[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
