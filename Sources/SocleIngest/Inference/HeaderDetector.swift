import Foundation
import SocleCore

/// One non-empty row among the first rows of a sheet or CSV, as the header detection sees it.
struct PrefixRow: Sendable {
    /// The row number a person sees (sheet row, or CSV line where the record starts).
    var line: Int
    /// Cell values by column; nil or "" = empty.
    var cells: [String?]
    /// Horizontal merges known from the file (ODS `table:number-columns-spanned`): column → span.
    var spans: [Int: Int] = [:]

    var filled: Int { cells.reduce(0) { $0 + (HeaderDetector.isEmpty($1) ? 0 : 1) } }

    /// The filled cells come first, the empty ones after them.
    var filledFromStart: Bool {
        let k = filled
        return cells.prefix(k).allSatisfy { !HeaderDetector.isEmpty($0) }
    }

    func value(_ c: Int) -> String {
        c < cells.count ? (cells[c] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) : ""
    }
}

/// What the header detection decided over the first rows.
struct HeaderDecision: Sendable {
    /// Index in the prefix of the header row; nil when no row looks like a header.
    var header: Int?
    /// Index in the prefix of the group-header row combined into the labels, if any.
    var upper: Int?
    /// Index in the prefix of the first data row (rows before it are skipped).
    var dataStart: Int
    /// The labels: the header row's cells, combined with the upper level when it was meaningful.
    var labels: [String]
    /// The notice that says which row was chosen and why (nil when the header is simply the first row).
    var notice: Notice?
}

/// Picks the header row among the first rows of a sheet or CSV: title lines, blank lines and
/// merged group-header rows above it are skipped, a meaningful upper level of a two-level header
/// is joined to the labels, and a prefix where no row looks like a header is read as data.
///
/// Only the first `prefixRows` non-empty rows are looked at, so the cost does not depend on the file.
enum HeaderDetector {
    static let prefixRows = 30
    /// A CSV prefix stops growing past this many bytes (a few huge records).
    static let prefixBytes = 4 << 20
    /// Joins an upper-level label to the label under it.
    static let levelSeparator = " - "

    static func isEmpty(_ s: String?) -> Bool {
        guard let s else { return true }
        return s.allSatisfy { $0.isWhitespace }
    }

    static func detect(_ rows: [PrefixRow]) -> HeaderDecision {
        guard !rows.isEmpty else { return HeaderDecision(header: nil, dataStart: 0, labels: [], notice: nil) }
        let filled = rows.map(\.filled)
        let width = filled.max() ?? 0
        // A candidate fills more than half of the widest row (a lone label in a one-column file too),
        // or is a narrower row of labels filled from the first column on (a header with empty labels at
        // its end; a group-header row has gaps between its labels instead).
        let candidate = { (i: Int) -> Bool in
            (filled[i] * 2 > width && filled[i] >= min(2, width))
                || (filled[i] >= 2 && rows[i].filledFromStart && labelLike(rows[i]))
        }
        guard let d = rows.indices.first(where: candidate) else {
            return plain(rows, header: 0)
        }
        var header = d
        if !labelLike(rows[d]) || looksLikeData(rows, d) {
            // The first dense row is data: a narrower label row above it is the header, else there is none.
            if let p = rows[..<d].lastIndex(where: { $0.filled >= 2 && labelLike($0) }) {
                header = p
            } else {
                return noHeader(rows, dataStart: d)
            }
        }
        var upper: Int? = nil
        // Two-level header without merge information: a label row over a fuller label row over typed data.
        if header + 2 < rows.count, header == d, labelLike(rows[header + 1]), !looksLikeData(rows, header + 1),
           filled[header + 1] > filled[header], typedBelow(rows, header: header + 1),
           (0..<rows[header + 1].cells.count).contains(where: { c in
               rows[header + 1].value(c).isEmpty == false && rows[header].value(c).isEmpty }) {
            upper = header
            header += 1
        } else if header > 0, filled[header - 1] >= 2,
                  rows[header - 1].line == rows[header].line - 1, labelLike(rows[header - 1]) {
            // A group-header row right above the header (merged spans, or several group labels).
            upper = header - 1
        }
        return decide(rows, header: header, upper: upper)
    }

    /// The labels of `rows[header]`, joined with the upper level when that makes empty labels
    /// filled or repeated labels distinct.
    private static func decide(_ rows: [PrefixRow], header: Int, upper: Int?) -> HeaderDecision {
        let h = rows[header]
        var labels = h.cells.map { $0 ?? "" }
        var combined: Int? = nil
        var example = ""
        if let u = upper {
            let groups = coverage(rows[u], width: labels.count)
            let lower = labels.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            var counts: [String: Int] = [:]
            for l in lower where !l.isEmpty { counts[l.lowercased(), default: 0] += 1 }
            let meaningful = lower.indices.contains { c in
                guard let g = groups[c] else { return false }
                return g != lower[c] && (lower[c].isEmpty || (counts[lower[c].lowercased()] ?? 0) > 1)
            }
            if meaningful {
                for c in labels.indices {
                    guard let g = groups[c] else { continue }
                    labels[c] = lower[c].isEmpty ? g : (g == lower[c] ? g : g + levelSeparator + lower[c])
                    if example.isEmpty && !lower[c].isEmpty && g != lower[c] { example = labels[c] }
                }
                combined = u
            }
        }
        let first = upper ?? header
        let skipped = rows[..<first].map { String($0.line) }
        var notice: Notice? = nil
        if let u = combined {
            notice = Notice("header.two_level", ["upper": String(rows[u].line), "row": String(h.line),
                                                 "example": example.isEmpty ? labels.first { !$0.isEmpty } ?? "" : example,
                                                 "skipped": list(skipped)])
        } else if header > 0 {
            let all = rows[..<header].map { String($0.line) }
            notice = Notice("header.detected", ["row": String(h.line), "skipped": list(all),
                                                "filled": String(h.filled), "width": String(rows.map(\.filled).max() ?? 0)])
        }
        return HeaderDecision(header: header, upper: combined, dataStart: header + 1, labels: labels, notice: notice)
    }

    /// For each column, the upper-level label covering it: a merged span when known, else the
    /// filled cell to its left up to the next filled one (the way a merged cell keeps its value).
    static func coverage(_ row: PrefixRow, width: Int) -> [String?] {
        var out = [String?](repeating: nil, count: width)
        var current: String? = nil
        var until = -1
        for c in 0..<width {
            let v = row.value(c)
            if !v.isEmpty {
                current = v
                until = row.spans[c].map { c + $0 - 1 } ?? (row.spans.isEmpty ? Int.max : c)
            } else if c > until {
                current = nil
            }
            out[c] = current
        }
        return out
    }

    /// The header is the row given by the user (index in `rows`).
    static func forced(_ rows: [PrefixRow], header: Int) -> HeaderDecision {
        let h = rows[header]
        let notice = Notice("header.forced", ["row": String(h.line), "count": String(header)])
        return HeaderDecision(header: header, dataStart: header + 1, labels: h.cells.map { $0 ?? "" }, notice: notice)
    }

    private static func plain(_ rows: [PrefixRow], header: Int) -> HeaderDecision {
        decide(rows, header: header, upper: nil)
    }

    private static func noHeader(_ rows: [PrefixRow], dataStart: Int) -> HeaderDecision {
        let width = rows.map(\.cells.count).max() ?? 0
        let labels = (0..<width).map { "colonne_\($0 + 1)" }
        let notice = Notice("header.none", ["rows": String(rows.count), "row": String(rows[dataStart].line),
                                            "skipped": list(rows[..<dataStart].map { String($0.line) })])
        return HeaderDecision(header: nil, dataStart: dataStart, labels: labels, notice: notice)
    }

    private static func list(_ lines: [String]) -> String {
        lines.isEmpty ? "—" : (lines.count > 12 ? lines.prefix(12).joined(separator: ", ") + "…" : lines.joined(separator: ", "))
    }

    /// Most filled cells read as labels: text, not numbers or dates (a year counts as a label).
    static func labelLike(_ row: PrefixRow) -> Bool {
        var n = 0, labels = 0
        for c in row.cells.indices {
            let v = row.value(c)
            if v.isEmpty { continue }
            n += 1
            if isLabel(v) { labels += 1 }
        }
        return n > 0 && labels * 10 >= n * 7
    }

    /// Most filled cells of the row are numbers or dates, or values found again in the same column
    /// just below: the row is data (labels do not repeat in their own column).
    private static func looksLikeData(_ rows: [PrefixRow], _ i: Int) -> Bool {
        let below = rows[(i + 1)...].prefix(10)
        guard !below.isEmpty else { return false }
        var n = 0, data = 0
        for c in rows[i].cells.indices {
            let v = rows[i].value(c)
            if v.isEmpty { continue }
            n += 1
            if !isLabel(v) || below.contains(where: { $0.value(c) == v }) { data += 1 }
        }
        return data * 2 > n
    }

    /// Below the header, some column whose label is text holds numbers or dates in most rows.
    private static func typedBelow(_ rows: [PrefixRow], header: Int) -> Bool {
        let below = rows[(header + 1)...].prefix(10)
        guard !below.isEmpty else { return false }
        for c in rows[header].cells.indices where !rows[header].value(c).isEmpty {
            let typed = below.filter { let v = $0.value(c); return !v.isEmpty && !isLabel(v) }.count
            if typed * 2 > below.count { return true }
        }
        return false
    }

    /// A cell that reads as a label: not a number, an amount or a date (years 1900–2100 are labels).
    static func isLabel(_ v: String) -> Bool {
        var digits = 0, letters = 0
        for u in v.unicodeScalars {
            if u.properties.numericType != nil && ("0"..."9").contains(u) { digits += 1 }
            else if u.properties.isAlphabetic { letters += 1 }
        }
        if digits == 0 { return true }
        if letters > 0 {
            // "1 234,56 €", "12 %" are amounts; "Montant 2023", "N° SIRET" are labels.
            let unit = v.lowercased().trimmingCharacters(in: .whitespaces)
            return !(unit.hasSuffix("€") || unit.hasSuffix("eur") || unit.hasSuffix("euros")) || letters > 5
        }
        if digits == 4, let year = Int(v.trimmingCharacters(in: .whitespaces)), (1900...2100).contains(year) { return true }
        // Digits with separators only: a number, a date, a code.
        return false
    }
}
