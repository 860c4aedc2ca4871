import Foundation
import SocleCore

/// One transform of a plan. Columns are named by their name or their header label.
public enum AnonymisationStep: Codable, Sendable, Hashable {
    /// Removes the column.
    case drop(column: String)
    /// Replaces each value by a keyed hash (HMAC-SHA-256): joins still work, but the result is still personal data.
    case pseudonymise(column: String)
    case generalise(column: String, to: Generalisation)
    /// Values seen in fewer than `k` rows become empty.
    case suppressRare(column: String, k: Int)
    /// One row per group with a `count` and a `sum_<column>` per summed column; groups under `k` rows are removed.
    case aggregate(groupBy: [String], sum: [String], k: Int)

    /// Every column the step names, as written.
    public var columns: [String] {
        switch self {
        case .drop(let c), .pseudonymise(let c), .generalise(let c, _), .suppressRare(let c, _): return [c]
        case .aggregate(let g, let s, _): return g + s
        }
    }

    /// Parses one `--generalise` item: `COLUMN:month`, `Date de naissance:age-band`, `position:grid:200`.
    /// The last `:` separates the column, except for `grid:N` whose own `:` is kept.
    public static func generalise(parsing item: String) throws -> AnonymisationStep {
        let text = item.trimmingCharacters(in: .whitespacesAndNewlines)
        let split: (column: Substring, spec: Substring)?
        if let r = text.range(of: ":grid:", options: [.caseInsensitive, .backwards])
            ?? text.range(of: ":carreau:", options: [.caseInsensitive, .backwards]) {
            split = (text[..<r.lowerBound], text[text.index(after: r.lowerBound)...])
        } else if let i = text.lastIndex(of: ":") {
            split = (text[..<i], text[text.index(after: i)...])
        } else {
            split = nil
        }
        guard let split, !split.column.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw SocleError(.invalidInput, code: "anonymisation.generalise_syntax",
                             args: ["value": String(text.prefix(80))])
        }
        let g = try Generalisation(parsing: String(split.spec))
        return .generalise(column: split.column.trimmingCharacters(in: .whitespaces), to: g)
    }
}
