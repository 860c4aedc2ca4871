import Foundation
import Testing
import SocleCore
@testable import SocleIngest

/// Everything a CSV read produced, for assertions.
struct CSVReadResult {
    var labels: [String]
    var rows: [[String?]]
    var lines: [Int]
    var report: ReaderReport
    var batches: Int
}

enum CSVTest {
    /// Reads a whole file through `CSVReader` in batches of `batchRows`.
    static func read(_ url: URL, _ options: ReaderOptions? = nil, batchRows: Int = 1000) throws -> CSVReadResult {
        let reader = try CSVReader(url: url, options: options ?? ReaderOptions(displayName: url.lastPathComponent))
        var rows: [[String?]] = []
        var lines: [Int] = []
        var batches = 0
        while let batch = try reader.nextBatch(maxRows: batchRows) {
            batches += 1
            #expect(batch.ends.count == batch.rowCount * batch.columnCount)
            #expect(batch.lines.count == batch.rowCount)
            for r in 0 ..< batch.rowCount {
                rows.append((0 ..< batch.columnCount).map { batch.string(row: r, column: $0) })
            }
            lines += batch.lines
        }
        #expect(try reader.nextBatch(maxRows: batchRows) == nil)
        return CSVReadResult(labels: reader.labels, rows: rows, lines: lines, report: reader.report, batches: batches)
    }

    static func read(text: String, name: String = "test.csv", _ options: ReaderOptions? = nil) throws -> CSVReadResult {
        try read(Fixtures.temp(name, text), options ?? ReaderOptions(displayName: name))
    }

    static func read(bytes: [UInt8], name: String = "test.csv", _ options: ReaderOptions? = nil) throws -> CSVReadResult {
        try read(Fixtures.temp(name, bytes), options ?? ReaderOptions(displayName: name))
    }

    /// The `SocleError` a read throws (nil when it succeeds).
    static func error(_ body: () throws -> Void) -> SocleError? {
        do {
            try body()
            return nil
        } catch let e as SocleError {
            return e
        } catch {
            return SocleError(.internalError, code: "unexpected: \(error)")
        }
    }
}
