import Foundation
import SocleCore

/// Pass 2: reads the file again and converts each raw batch into typed columns following the analysis.
///
/// The reader is reopened with the format, encoding and delimiter found in pass 1, so both passes
/// see the same rows. Batches follow `TableLayout(schema: analysis.columns)` exactly: user
/// columns, then the geographic helpers fed by the first geopoint/geometry column. A value that
/// does not convert throws a located error (file, line, column, value, expected type).
public struct ConvertingSource: BatchSource {
    private let reader: any TableReader
    private let plans: [ValueConverter]
    /// Raw column feeding each schema column (nil for a point built from a lat/lon pair).
    private let sources: [Int?]
    private let shownLabels: [String]
    private let expectedLabels: [String]
    private let geoIndex: Int?
    private let geoBoundingBox: Bool
    private let file: String
    private let batchRows: Int
    private let progress: ((IngestProgress) -> Void)?
    private var rowsDone = 0

    public init(url: URL, options: ReaderOptions, analysis: IngestAnalysis, batchRows: Int = 8192,
                progress: ((IngestProgress) -> Void)? = nil) throws {
        var forced = options
        forced.format = analysis.report.format
        if let e = analysis.report.encoding { forced.encoding = e }
        if let d = analysis.report.delimiter { forced.delimiter = d }
        let reader = try ReaderFactory.open(url, options: forced)
        self.init(reader: reader, file: options.displayName, analysis: analysis, batchRows: batchRows, progress: progress)
    }

    /// Pass 2 over an already opened reader.
    public init(reader: any TableReader, file: String, analysis: IngestAnalysis, batchRows: Int = 8192,
                progress: ((IngestProgress) -> Void)? = nil) {
        self.reader = reader
        self.file = file
        self.batchRows = max(1, batchRows)
        self.progress = progress
        let columns = analysis.columns
        let extra = NullTokens.keys(of: analysis.nullMarkers ?? [])
        var plans: [ValueConverter] = []
        var sources: [Int?] = []
        var expected: [String] = []
        let index = Dictionary(columns.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        for (i, c) in columns.enumerated() {
            if c.type == .geopoint, let latName = c.format.latitudeColumn, let lonName = c.format.longitudeColumn,
               let lat = index[latName], let lon = index[lonName] {
                let sep = { (k: Int) -> UInt8 in columns[k].format.decimalSeparator == "," ? 0x2C : 0x2E }
                plans.append(ValueConverter(pairOf: c, lat: lat, latDecimal: sep(lat), lon: lon, lonDecimal: sep(lon)))
                sources.append(nil)
            } else {
                plans.append(ValueConverter(column: c, extraNulls: extra))
                sources.append(i)
                expected.append(c.label)
            }
        }
        self.plans = plans
        self.sources = sources
        self.expectedLabels = expected
        self.shownLabels = columns.map { $0.label.isEmpty ? $0.name : $0.label }
        let layout = TableLayout(schema: columns)
        self.geoIndex = layout.geoSourceIndex
        self.geoBoundingBox = layout.hasBoundingBox
    }

    public mutating func next() throws -> ColumnBatch? {
        guard let raw = try reader.nextBatch(maxRows: batchRows) else { return nil }
        let labels = reader.labels
        // The file must still have the columns pass 1 saw, in the same order.
        if raw.columnCount > expectedLabels.count
            || zip(labels, expectedLabels).contains(where: { $0 != $1 }) {
            throw IngestError.make("inference.file_changed", file: file)
        }
        var geo: GeoHelpers? = geoIndex == nil ? nil : GeoHelpers(capacity: raw.rowCount)
        var none: GeoHelpers?
        var vectors: [ColumnVector] = []
        vectors.reserveCapacity(plans.count + 6)
        for (i, plan) in plans.enumerated() {
            let ctx = ValueConverter.Context(file: file, label: shownLabels[i], rowsBefore: rowsDone)
            let column = sources[i] ?? 0
            if i == geoIndex {
                vectors.append(try plan.convert(raw, column: column, context: ctx, geo: &geo))
            } else {
                vectors.append(try plan.convert(raw, column: column, context: ctx, geo: &none))
            }
        }
        if let g = geo { vectors.append(contentsOf: g.vectors(withBoundingBox: geoBoundingBox)) }
        rowsDone += raw.rowCount
        progress?(IngestProgress(pass: 2, bytesRead: reader.bytesRead, totalBytes: reader.totalBytes, rows: rowsDone))
        return ColumnBatch(rowCount: raw.rowCount, columns: vectors)
    }
}
