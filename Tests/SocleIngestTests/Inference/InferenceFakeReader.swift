import Foundation
@testable import SocleIngest
import SocleCore

/// An in-memory `TableReader` for inference tests: rows of optional strings, served in batches.
/// `growAt` lets a test mimic the JSON readers, whose column count grows between batches.
final class InferenceFakeReader: TableReader {
    /// The one warning the fake reader reports (a test-only code), passed through by the analyzer.
    static let readerNote = Notice("test.reader_note")

    private let allLabels: [String]
    private let rows: [[String?]]
    private let batchSize: Int
    private let visibleColumns: (Int) -> Int
    private var position = 0
    private(set) var labels: [String]

    /// `columnsAtRow(r)` = columns known when row r is read (default: all).
    init(labels: [String], rows: [[String?]], batchSize: Int = 3, columnsAtRow: ((Int) -> Int)? = nil) {
        self.allLabels = labels
        self.rows = rows
        self.batchSize = batchSize
        let n = labels.count
        self.visibleColumns = columnsAtRow ?? { _ in n }
        self.labels = columnsAtRow == nil ? labels : Array(labels.prefix(columnsAtRow?(0) ?? n))
    }

    /// Rows from a `;`-separated text (first line = header); empty fields are nulls.
    convenience init(csv: String, batchSize: Int = 3) {
        var lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        let header = lines[0].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        let body = lines.dropFirst().map { line -> [String?] in
            line.split(separator: ";", omittingEmptySubsequences: false).map { $0.isEmpty ? nil : String($0) }
        }
        self.init(labels: header, rows: Array(body), batchSize: batchSize)
    }

    func nextBatch(maxRows: Int) throws -> RawBatch? {
        guard position < rows.count else { return nil }
        let end = min(rows.count, position + min(maxRows, batchSize))
        let cc = (position ..< end).map(visibleColumns).max() ?? allLabels.count
        labels = Array(allLabels.prefix(cc))
        var batch = RawBatch(columnCount: cc)
        for r in position ..< end {
            for c in 0 ..< cc {
                let v = c < rows[r].count ? rows[r][c] : nil
                batch.appendField(v)
            }
            batch.endRow(line: r + 2)
        }
        position = end
        return batch
    }

    var bytesRead: Int64 { Int64(position) }
    var totalBytes: Int64 { Int64(rows.count) }
    var report: ReaderReport { ReaderReport(format: .csv, encoding: "utf-8", delimiter: ";", warnings: [InferenceFakeReader.readerNote]) }
}

/// Helpers shared by the inference tests.
enum InferenceKit {
    static func analyze(_ csv: String, overrides: [String: ColumnType] = [:]) throws -> IngestAnalysis {
        try Analyzer.analyze(reader: InferenceFakeReader(csv: csv), file: "test.csv", typeOverrides: overrides)
    }

    static func column(_ a: IngestAnalysis, _ label: String) -> ColumnSchema? {
        a.columns.first { $0.label == label }
    }

    /// Runs pass 2 on the same rows and returns every batch.
    static func convert(_ csv: String, analysis: IngestAnalysis, batchSize: Int = 3) throws -> [ColumnBatch] {
        var source = ConvertingSource(reader: InferenceFakeReader(csv: csv, batchSize: batchSize), file: "test.csv", analysis: analysis)
        var out: [ColumnBatch] = []
        while let b = try source.next() { out.append(b) }
        return out
    }

    /// All values of one output column, as Strings ("NULL" for nulls), across batches.
    static func values(_ batches: [ColumnBatch], _ index: Int) -> [String] {
        var out: [String] = []
        for b in batches {
            switch b.columns[index] {
            case .integers(let v, let valid):
                for i in v.indices { out.append(valid[i] ? String(v[i]) : "NULL") }
            case .reals(let v, let valid):
                for i in v.indices { out.append(valid[i] ? String(v[i]) : "NULL") }
            case .texts(let t):
                for i in 0 ..< t.count { out.append(t.string(at: i) ?? "NULL") }
            }
        }
        return out
    }
}
