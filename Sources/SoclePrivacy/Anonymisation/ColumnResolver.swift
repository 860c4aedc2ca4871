import Foundation
import SocleCore

/// Finds the column a user meant, by name or by header label (case- and accent-insensitive).
enum ColumnResolver {
    /// Index of the column named or labelled `query`; unknown → error with the closest names.
    static func index(of query: String, in columns: [ColumnSchema]) throws -> Int {
        let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
        if let i = columns.firstIndex(where: { $0.name == trimmed }) { return i }
        let lower = trimmed.lowercased()
        if let i = columns.firstIndex(where: { $0.name.lowercased() == lower }) { return i }
        let folded = AnonymisationText.fold(trimmed)
        if !folded.isEmpty {
            let byLabel = columns.indices.filter { AnonymisationText.fold(columns[$0].label) == folded }
            if byLabel.count == 1 { return byLabel[0] }
            if byLabel.count > 1 {
                throw AnonymisationText.error("column_ambiguous", [
                    "column": AnonymisationText.shown(trimmed),
                    "candidates": byLabel.map { columns[$0].name }.joined(separator: ", "),
                ], column: AnonymisationText.shown(trimmed))
            }
            // Names are folded labels with underscores: "date_de_naissance" also matches "date de naissance".
            let byName = columns.indices.filter { AnonymisationText.fold(columns[$0].name) == folded }
            if byName.count == 1 { return byName[0] }
        }
        let suggestions = closest(to: folded, in: columns)
        throw AnonymisationText.error(suggestions.isEmpty ? "column_unknown_no_suggestion" : "column_unknown", [
            "column": AnonymisationText.shown(trimmed),
            "suggestions": suggestions.joined(separator: ", "),
            "available": columns.prefix(12).map(\.name).joined(separator: ", "),
        ], column: AnonymisationText.shown(trimmed))
    }

    /// Up to 3 column names whose name or label is within a small edit distance of the query, or contains it.
    static func closest(to folded: String, in columns: [ColumnSchema]) -> [String] {
        guard !folded.isEmpty else { return [] }
        let query = Array(folded.prefix(64))
        var scored: [(distance: Int, index: Int)] = []
        for (i, c) in columns.enumerated() {
            var best = Int.max
            for candidate in [AnonymisationText.fold(c.name), AnonymisationText.fold(c.label)] where !candidate.isEmpty {
                if candidate.contains(folded) || folded.contains(candidate) { best = min(best, 1); continue }
                best = min(best, editDistance(query, Array(candidate.prefix(64))))
            }
            let tolerance = max(2, query.count / 3)
            if best <= tolerance { scored.append((best, i)) }
        }
        return scored.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }.prefix(3).map { columns[$0.index].name }
    }

    /// Levenshtein distance over characters (inputs are capped at 64 characters by the caller).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
