import Foundation
import SocleCore
import SocleIngest
import SoclePrivacy
import SocleStore
import SocleQuery

/// Runs the personal-data detector on a loaded revision (at every load) or on a file (`socle scan`).
public struct PrivacyScanner: Sendable {
    /// Values examined per column: enough for the validators and patterns, cheap at any table size.
    public static let sampleRows = 10_000

    public init() {}

    /// Detects every column of a revision from a sample spread over the whole table.
    public func scan(store: any SocleStore, revision: Revision) async throws -> RevisionScan {
        let started = Date()
        let cols = revision.columns
        let step = max(1, Int(revision.rowCount) / Self.sampleRows)
        let dialect = store.dialect
        let list = cols.map { dialect.quote($0.name) }.joined(separator: ", ")
        var sql = "SELECT \(list) FROM \(dialect.quote(revision.tableName))"
        if step > 1 { sql += " WHERE _row % \(dialect.placeholder(1)) = 0" }
        sql += " LIMIT \(Self.sampleRows)"
        let query = CompiledQuery(sql: sql, binds: step > 1 ? [.integer(Int64(step))] : [], description: "privacy sample")
        let (rows, _) = try await store.rows(query, types: cols.map(\.type), budget: QueryBudget(timeLimit: .seconds(120), maxRows: Self.sampleRows))
        let values = cols.indices.map { i in rows.map { $0[i].text } }
        let verdicts = detect(columns: cols, values: values, totalRows: Int(revision.rowCount))
        return RevisionScan(revision: revision.number, columns: verdicts, sampledRows: rows.count,
                            seconds: Date().timeIntervalSince(started), scannedAt: Date())
    }

    /// Detects every column of a file without loading it: the reader's labels, a first pass for the
    /// types, and a sample of rows spread over the file.
    public func scan(file: URL, options: ReaderOptions) throws -> (columns: [ScannedColumn], rows: Int) {
        let analysis = try Analyzer.analyze(url: file, options: options)
        let reader = try ReaderFactory.open(file, options: options)
        let n = analysis.columns.count
        let step = max(1, analysis.rowCount / Self.sampleRows)
        var values = Array(repeating: [String?](), count: n)
        var row = 0
        while let batch = try reader.nextBatch(maxRows: 8_192) {
            for r in 0 ..< batch.rowCount {
                defer { row += 1 }
                guard row % step == 0, values.first.map({ $0.count < Self.sampleRows }) ?? false else { continue }
                for c in 0 ..< min(n, batch.columnCount) { values[c].append(batch.string(row: r, column: c)) }
            }
        }
        // A geopoint built from a lat/lon pair has no column of its own in the file: it is judged on its header alone.
        return (detect(columns: analysis.columns, values: values, totalRows: analysis.rowCount), analysis.rowCount)
    }

    func detect(columns: [ColumnSchema], values: [[String?]], totalRows: Int) -> [ScannedColumn] {
        columns.enumerated().map { i, c in
            let v = i < values.count ? values[i] : []
            let distinct = Set(v.compactMap { $0 }).count
            let sample = ColumnSample(schema: c, values: v, neighbourLabels: columns.enumerated().filter { $0.offset != i }.map { $0.element.label.isEmpty ? $0.element.name : $0.element.label },
                                      totalCount: totalRows, distinctCount: distinct)
            return ScannedColumn(name: c.name, label: c.label, type: c.type, suggestion: ColumnDetector.detect(sample))
        }
    }
}

/// A detector verdict for reports (`socle ingest`, `socle scan`, the API), signals rendered in the
/// reader's language.
public struct PrivacySuggestion: Codable, Sendable, Equatable {
    public struct Evidence: Codable, Sendable, Equatable {
        public var signals: [String]
        public var examined: Int
        public var matched: Int
        public var examples: [String]
    }
    public var verdict: PrivacyLevel
    public var category: DataCategory?
    public var confidence: Double
    public var evidence: Evidence

    public init(_ v: ColumnVerdict, language: Language = .current) {
        verdict = v.verdict
        category = v.category
        confidence = (v.confidence * 100).rounded() / 100
        // A signal names its category by code; the person reading it gets the category's label.
        let signals = v.evidence.signals.map { notice -> String in
            var n = notice
            if let code = n.args["category"] {
                let key = "privacy.category.\(code)"
                let label = Catalog.shared.string(key, language: language)
                if label != key { n.args["category"] = label }
            }
            return n.message(language)
        }
        evidence = Evidence(signals: signals, examined: v.evidence.examined,
                            matched: v.evidence.matched, examples: v.evidence.examples)
    }
}

/// One column of `socle scan --json`.
public struct ScanColumnReport: Codable, Sendable {
    public var name: String
    public var label: String
    public var type: ColumnType
    public var verdict: PrivacyLevel
    public var category: DataCategory?
    public var confidence: Double
    public var evidence: PrivacySuggestion.Evidence

    public init(_ c: ScannedColumn, language: Language = .current) {
        let s = PrivacySuggestion(c.suggestion, language: language)
        name = c.name
        label = c.label
        type = c.type
        verdict = s.verdict
        category = s.category
        confidence = s.confidence
        evidence = s.evidence
    }
}
