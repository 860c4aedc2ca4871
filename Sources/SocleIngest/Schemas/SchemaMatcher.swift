import Foundation
import SocleCore

/// How well a file's columns match one bundled schema (what the load report and the dataset page show).
public struct SchemaMatch: Codable, Sendable, Equatable {
    /// A file column matched to a field under another name.
    public struct Rename: Codable, Sendable, Equatable {
        /// The column's label in the file.
        public var column: String
        /// The schema's field name.
        public var field: String
        /// `fold` (same letters once case, accents, spaces and underscores are ignored), `alias` (an old
        /// name of the field, see `Resources/schemas/aliases.json`) or `close` (one letter away, 6+ letters).
        public var how: String
    }

    /// A field claimed by several file columns: a rename would be a guess.
    public struct Ambiguity: Codable, Sendable, Equatable {
        public var field: String
        public var columns: [String]
    }

    public var schema: String
    public var title: String
    public var version: String?
    /// Fields present in the file under their exact name.
    public var found: [String]
    public var renamed: [Rename]
    public var missingRequired: [String]
    public var missingOptional: [String]
    /// File columns no field explains.
    public var extra: [String]
    public var ambiguous: [Ambiguity]
    /// Share of the schema's required fields found (exactly or renamed); all fields when none is required.
    public var requiredRatio: Double
    /// Share of the file's columns that are fields of the schema.
    public var explainedRatio: Double
    /// Whether this match passes the thresholds (`SchemaMatcher.minimumRequiredRatio`, `minimumExplainedRatio`).
    public var suggested: Bool

    /// Fields found in all (exactly or renamed).
    public var matchedCount: Int { found.count + renamed.count }
    /// The file column → field name renames that mapping the columns would apply.
    public var mapping: [String: String] { Dictionary(renamed.map { ($0.column, $0.field) }, uniquingKeysWith: { a, _ in a }) }
}

/// Scores a file's column labels against every bundled schema and suggests the best one.
///
/// Pure and fast (it runs on every load): per schema, one dictionary lookup per column for exact, folded
/// and old names, then a bounded one-edit comparison for the columns still unmatched.
public enum SchemaMatcher {
    /// A schema is suggested only when at least 60 % of its required fields are found…
    public static let minimumRequiredRatio = 0.6
    /// …and at least half of the file's columns are its fields (a wide file with a few matching names is not it)…
    public static let minimumExplainedRatio = 0.5
    /// …and at least three fields match (two-field coincidences such as `id`, `nom` are common).
    public static let minimumMatched = 3

    /// The best suggestion for these labels, if one passes the thresholds.
    public static func suggest(labels: [String], schemas: [BundledSchema] = BundledSchemas.all) -> SchemaMatch? {
        rank(labels: labels, schemas: schemas).first { $0.suggested }
    }

    /// Every schema's match, best first (suggested ones, then by the two ratios, then fields matched).
    public static func rank(labels: [String], schemas: [BundledSchema] = BundledSchemas.all) -> [SchemaMatch] {
        let folded = labels.map(fold)
        return schemas.map { match(labels: labels, folded: folded, schema: $0) }.sorted { a, b in
            if a.suggested != b.suggested { return a.suggested }
            let sa = a.requiredRatio + a.explainedRatio, sb = b.requiredRatio + b.explainedRatio
            if sa != sb { return sa > sb }
            return a.matchedCount > b.matchedCount
        }
    }

    public static func match(labels: [String], schema: BundledSchema) -> SchemaMatch {
        match(labels: labels, folded: labels.map(fold), schema: schema)
    }

    /// Lowercase, accents removed, letters and digits only: `NOM_Beneficiaire` → `nombeneficiaire`.
    /// ASCII labels (most of them) are folded byte by byte; others go through Foundation's folding.
    static func fold(_ s: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            if b >= 0x80 { return String(LabelSimilarity.normalized(s)) }
            if b >= 0x41 && b <= 0x5A { out.append(b | 0x20) } else if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) { out.append(b) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private enum Kind: Int { case exact = 0, fold, alias, close }

    private static func match(labels: [String], folded: [String], schema: BundledSchema) -> SchemaMatch {
        let fields = schema.document.fields
        let index = schema.index
        let exact = index.exact, byFold = index.byFold, byAlias = index.byAlias
        let foldedFields = index.foldedBytes

        // Each column's best claim on a field.
        var claims: [(column: Int, field: Int, kind: Kind)] = []
        for (c, label) in labels.enumerated() {
            if let i = exact[label] { claims.append((c, i, .exact)); continue }
            let key = folded[c]
            guard !key.isEmpty else { continue }
            if let i = byFold[key] { claims.append((c, i, .fold)); continue }
            if let i = byAlias[key] { claims.append((c, i, .alias)); continue }
            let chars = Array(key.utf8)
            guard chars.count >= 6 else { continue }
            var best: Int?
            for (i, f) in foldedFields.enumerated() where abs(f.count - chars.count) <= 1 && f.count >= 6 {
                if best == nil, oneEditApart(chars, f) { best = i }
            }
            if let i = best { claims.append((c, i, .close)) }
        }
        // One column per field: the best kind wins, then the first column; the others are extra, and the
        // field is ambiguous when two columns claimed it.
        var winner: [Int: (column: Int, kind: Kind)] = [:]
        var claimants: [Int: [Int]] = [:]
        for claim in claims {
            claimants[claim.field, default: []].append(claim.column)
            if let w = winner[claim.field], w.kind.rawValue <= claim.kind.rawValue { continue }
            winner[claim.field] = (claim.column, claim.kind)
        }
        var found: [String] = [], renamed: [SchemaMatch.Rename] = []
        var matchedColumns = Set<Int>()
        for (i, f) in fields.enumerated() {
            guard let w = winner[i] else { continue }
            matchedColumns.insert(w.column)
            switch w.kind {
            case .exact: found.append(f.name)
            case .fold: renamed.append(.init(column: labels[w.column], field: f.name, how: "fold"))
            case .alias: renamed.append(.init(column: labels[w.column], field: f.name, how: "alias"))
            case .close: renamed.append(.init(column: labels[w.column], field: f.name, how: "close"))
            }
        }
        let ambiguous = fields.indices.compactMap { i -> SchemaMatch.Ambiguity? in
            guard let cs = claimants[i], cs.count > 1 else { return nil }
            return .init(field: fields[i].name, columns: cs.map { labels[$0] })
        }
        let missing = fields.indices.filter { winner[$0] == nil }
        let missingRequired = missing.filter { fields[$0].constraints.required }.map { fields[$0].name }
        let missingOptional = missing.filter { !fields[$0].constraints.required }.map { fields[$0].name }
        let extra = labels.indices.filter { !matchedColumns.contains($0) }.map { labels[$0] }
        let required = fields.indices.filter { fields[$0].constraints.required }
        let requiredRatio = required.isEmpty
            ? Double(winner.count) / Double(max(1, fields.count))
            : Double(required.filter { winner[$0] != nil }.count) / Double(required.count)
        let explainedRatio = Double(matchedColumns.count) / Double(max(1, labels.count))
        let suggested = requiredRatio >= minimumRequiredRatio && explainedRatio >= minimumExplainedRatio
            && winner.count >= minimumMatched
        return SchemaMatch(schema: schema.name, title: schema.title, version: schema.version, found: found,
                           renamed: renamed, missingRequired: missingRequired, missingOptional: missingOptional,
                           extra: extra, ambiguous: ambiguous, requiredRatio: requiredRatio,
                           explainedRatio: explainedRatio, suggested: suggested)
    }
}

extension SchemaMatcher {
    /// True when `a` and `b` differ by at most one inserted, deleted or changed byte.
    static func oneEditApart(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a.count == b.count {
            var diff = 0
            for i in a.indices where a[i] != b[i] { diff += 1; if diff > 1 { return false } }
            return true
        }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        guard long.count - short.count == 1 else { return false }
        var i = 0, j = 0, skipped = false
        while i < short.count {
            if short[i] == long[j] { i += 1; j += 1 } else if skipped { return false } else { skipped = true; j += 1 }
        }
        return true
    }
}

/// A schema's field names prepared once for matching: exact names, folded names, folded old names.
struct SchemaIndex: Sendable {
    var exact: [String: Int] = [:]
    var byFold: [String: Int] = [:]
    var byAlias: [String: Int] = [:]
    var foldedBytes: [[UInt8]] = []

    init(fields: [SchemaField], aliases: [SchemaAlias]) {
        for (i, f) in fields.enumerated() {
            exact[f.name] = i
            let key = SchemaMatcher.fold(f.name)
            if byFold[key] == nil { byFold[key] = i }
            foldedBytes.append(Array(key.utf8))
        }
        for a in aliases { if let i = exact[a.field] { byAlias[SchemaMatcher.fold(a.old)] = i } }
    }
}

extension SchemaMatch {
    /// The load report's notice: which schema, its version, what was found, renamed and missing.
    /// Lists are written with names only (`NOM_Beneficiaire → nomBeneficiaire`), so they read the same in
    /// both languages; at most 10 names each.
    public var notice: Notice {
        func list(_ names: [String]) -> String {
            guard !names.isEmpty else { return "—" }
            // A column without a header is shown as its empty quotes, not as nothing.
            let names = names.map { $0.isEmpty ? "\"\"" : $0 }
            return names.prefix(10).joined(separator: ", ") + (names.count > 10 ? "… (+\(names.count - 10))" : "")
        }
        return Notice("schema.suggested", [
            "name": schema, "title": title, "version": version ?? "—",
            "matched": String(matchedCount), "fields": String(matchedCount + missingRequired.count + missingOptional.count),
            "renamed_count": String(renamed.count),
            "renamed": list(renamed.map { "\($0.column) → \($0.field)" }),
            "missing": list(missingRequired), "extra": list(extra),
        ])
    }
}
