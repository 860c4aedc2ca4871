import Foundation
import Testing
import SocleCore
@testable import SocleIngest

/// Everything a reader produced, for assertions: final labels, rows as optional strings, row lines.
struct ReaderDump {
    var labels: [String]
    var rows: [[String?]]
    var lines: [Int]
    var report: ReaderReport
    var batches: Int

    /// Reads a whole source in batches of `batchRows`, padding early rows to the final column count.
    static func read(_ reader: any TableReader, batchRows: Int = 3) throws -> ReaderDump {
        var rows: [[String?]] = []
        var lines: [Int] = []
        var batches = 0
        while let b = try reader.nextBatch(maxRows: batchRows) {
            batches += 1
            #expect(b.ends.count == b.rowCount * b.columnCount, "ragged batch")
            #expect(b.lines.count == b.rowCount && b.columnCount <= reader.labels.count)
            for r in 0..<b.rowCount {
                rows.append((0..<b.columnCount).map { b.string(row: r, column: $0) })
                lines.append(b.lines[r])
            }
        }
        let n = reader.labels.count
        rows = rows.map { $0 + Array(repeating: nil, count: max(0, n - $0.count)) }
        return ReaderDump(labels: reader.labels, rows: rows, lines: lines, report: reader.report, batches: batches)
    }

    /// The value of the column with this label in row `r`.
    func value(_ r: Int, _ label: String) -> String? {
        guard let c = labels.firstIndex(of: label), r < rows.count else { return nil }
        return rows[r][c]
    }

    func column(_ label: String) -> [String?] {
        guard let c = labels.firstIndex(of: label) else { return [] }
        return rows.map { $0[c] }
    }
}

/// Runs `body` and returns the `SocleError` it threw (nil when it did not throw one).
func socleError(_ body: () throws -> Void) -> SocleError? {
    do { try body() } catch let e as SocleError { return e } catch { return nil }
    return nil
}
