import Foundation
import SocleCore

/// Progress of a pass over a file, for progress bars and job pages.
public struct IngestProgress: Sendable {
    /// 1 = analysis (type inference), 2 = load.
    public var pass: Int
    public var bytesRead: Int64
    public var totalBytes: Int64
    public var rows: Int
    public init(pass: Int, bytesRead: Int64, totalBytes: Int64, rows: Int) {
        self.pass = pass
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.rows = rows
    }
}

/// The result of the first pass: the columns with their types and evidence, and the file's shape.
public struct IngestAnalysis: Sendable, Codable {
    public var columns: [ColumnSchema]
    public var rowCount: Int
    public var report: ReaderReport
    /// Reader warnings plus inference warnings (e.g. codes that lost their leading zeros).
    public var warnings: [Notice]
    /// The dataset's own null markers used by pass 1 (pass 2 reads the same values as nulls).
    public var nullMarkers: [String]?
    public init(columns: [ColumnSchema], rowCount: Int, report: ReaderReport, warnings: [Notice],
                nullMarkers: [String]? = nil) {
        self.columns = columns
        self.rowCount = rowCount
        self.report = report
        self.warnings = warnings
        self.nullMarkers = nullMarkers
    }
}

/// Pass 1: reads the whole file and decides names and types.
///
/// Every value of every row is looked at (a late `N/A` or `abc` counts as much as the first
/// row). See `TypeDecider` for the rules and `ValueConverter` for how pass 2 stores values.
public enum Analyzer {
    /// Rows per batch asked of the readers.
    public static let batchRows = 8192

    /// `typeOverrides` maps an original label to a type a declared schema imposes.
    public static func analyze(url: URL, options: ReaderOptions,
                               typeOverrides: [String: ColumnType] = [:],
                               progress: ((IngestProgress) -> Void)? = nil) throws -> IngestAnalysis {
        let reader = try ReaderFactory.open(url, options: options)
        return try analyze(reader: reader, file: options.displayName, typeOverrides: typeOverrides,
                           nullMarkers: options.nullMarkers, progress: progress)
    }

    /// Pass 1 over an already opened reader; `nullMarkers` adds to the built-in null markers.
    public static func analyze(reader: any TableReader, file: String,
                               typeOverrides: [String: ColumnType] = [:],
                               nullMarkers: [String] = [],
                               progress: ((IngestProgress) -> Void)? = nil) throws -> IngestAnalysis {
        let extra = NullTokens.keys(of: nullMarkers)
        var profiles: [ColumnProfile] = []
        var rows = 0
        var pair = PairCounter()
        while let batch = try reader.nextBatch(maxRows: batchRows) {
            let labels = reader.labels
            grow(&profiles, to: max(batch.columnCount, labels.count), labels: labels, rowsBefore: rows, pair: &pair,
                 extra: extra)
            for c in 0 ..< profiles.count {
                if c < batch.columnCount {
                    profiles[c].add(batch, column: c, rowsBefore: rows)
                } else {
                    profiles[c].addMissing(rows: batch.rowCount)
                }
            }
            pair.count(batch)
            rows += batch.rowCount
            progress?(IngestProgress(pass: 1, bytesRead: reader.bytesRead, totalBytes: reader.totalBytes, rows: rows))
        }
        var labels = reader.labels
        grow(&profiles, to: labels.count, labels: labels, rowsBefore: rows, pair: &pair, extra: extra)
        while labels.count < profiles.count { labels.append("") }

        let names = HeaderCleaner.clean(labels)
        var columns: [ColumnSchema] = []
        var warnings = reader.report.warnings
        for c in 0 ..< profiles.count {
            let outcome = try TypeDecider.decide(profiles[c], name: names[c], label: labels[c],
                                                 override: typeOverrides[labels[c]], file: file)
            var column = outcome.column
            if !nullMarkers.isEmpty { column.format.nullMarkers = nullMarkers }
            columns.append(column)
            warnings.append(contentsOf: outcome.warnings)
        }
        if let derived = pair.derivedColumn(columns: columns, profiles: profiles, rows: rows) {
            columns.append(derived)
        }
        return IngestAnalysis(columns: columns, rowCount: rows, report: reader.report, warnings: warnings,
                              nullMarkers: nullMarkers.isEmpty ? nil : nullMarkers)
    }

    private static func grow(_ profiles: inout [ColumnProfile], to count: Int, labels: [String],
                             rowsBefore: Int, pair: inout PairCounter, extra: Set<FoldKey.Key>) {
        while profiles.count < count {
            let c = profiles.count
            let label = c < labels.count ? labels[c] : ""
            let hints = ColumnHints(name: HeaderCleaner.baseName(label))
            profiles.append(ColumnProfile(hints: hints, nullsBefore: rowsBefore, extraNulls: extra))
            if hints.latitude && pair.lat == nil && !hints.longitude { pair.lat = c }
            if hints.longitude && pair.lon == nil && !hints.latitude { pair.lon = c }
        }
    }
}

/// Finds a latitude/longitude column pair and counts the rows where both have a value.
struct PairCounter {
    var lat: Int?
    var lon: Int?
    var both = 0

    mutating func count(_ batch: RawBatch) {
        guard let a = lat, let b = lon, a < batch.columnCount, b < batch.columnCount else { return }
        for r in 0 ..< batch.rowCount {
            let x = batch.withField(row: r, column: a) { ByteText.trim($0).isEmpty }
            let y = batch.withField(row: r, column: b) { ByteText.trim($0).isEmpty }
            if !x && !y { both += 1 }
        }
    }

    /// The derived geopoint column, when both columns are numbers within WGS84 ranges.
    func derivedColumn(columns: [ColumnSchema], profiles: [ColumnProfile], rows: Int) -> ColumnSchema? {
        guard let a = lat, let b = lon, a < columns.count, b < columns.count,
              inRange(columns[a], profiles[a], limit: 90), inRange(columns[b], profiles[b], limit: 180)
        else { return nil }
        let name = HeaderCleaner.unique("geo_point", avoiding: Set(columns.map(\.name)))
        let format = ColumnFormat(latitudeColumn: columns[a].name, longitudeColumn: columns[b].name)
        let evidence = TypeEvidence(values: both, nulls: rows - both, matches: [ColumnType.geopoint.rawValue: both],
                                    notes: [Notice("inference.note.geopoint_pair",
                                                   ["latitude": columns[a].label, "longitude": columns[b].label])])
        return ColumnSchema(name: name, label: "", type: .geopoint, format: format, evidence: evidence)
    }

    private func inRange(_ c: ColumnSchema, _ p: ColumnProfile, limit: Double) -> Bool {
        guard c.type == .number || c.type == .integer, c.evidence.values > 0 else { return false }
        let r = c.format.decimalSeparator == "," ? p.rangeComma : p.rangeDot
        return r.min >= -limit && r.max <= limit
    }
}
