import Foundation
import SocleCore
import SocleStore

/// Keeps a sample of the rows a load writes, spread over the whole file, for the personal-data detector
/// (issue 11, point 8): the scan no longer reads the new table back. With the row count known from pass 1
/// it keeps every `total / capacity`-th row; otherwise it keeps every row, and each time the sample is full
/// drops every other one and doubles the step, so the rows kept stay evenly spread whatever the length.
/// Values are the texts the read path would return for the user columns (the layout's first columns).
final class RowSampler: @unchecked Sendable {
    let columns: [ColumnSchema]
    let capacity: Int
    private let lock = NSLock()
    private var step: Int
    private let fixedStep: Bool
    private var seen = 0
    private var rows: [[String?]] = []

    init(columns: [ColumnSchema], expectedRows: Int?, capacity: Int = PrivacyScanner.sampleRows) {
        self.columns = columns
        self.capacity = max(2, capacity)
        if let n = expectedRows {
            step = max(1, n / self.capacity)
            fixedStep = true
        } else {
            step = 1
            fixedStep = false
        }
    }

    func observe(_ batch: ColumnBatch) {
        lock.lock()
        defer { lock.unlock() }
        let n = min(columns.count, batch.columns.count)
        for r in 0 ..< batch.rowCount {
            defer { seen += 1 }
            guard seen % step == 0 else { continue }
            if fixedStep, rows.count >= capacity { continue }
            rows.append((0 ..< n).map { Self.text(batch.columns[$0], row: r, type: columns[$0].type) })
            if !fixedStep, rows.count >= capacity {
                rows = stride(from: 0, to: rows.count, by: 2).map { rows[$0] }
                step *= 2
            }
        }
    }

    /// Values per column, and the number of rows sampled.
    var sample: (values: [[String?]], rows: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (columns.indices.map { c in rows.map { c < $0.count ? $0[c] : nil } }, rows.count)
    }

    static func text(_ column: ColumnVector, row: Int, type: ColumnType) -> String? {
        switch column {
        case .integers(let v, let valid): return valid[row] ? StoreSupport.cell(logical: type, integer: v[row]).text : nil
        case .reals(let v, let valid): return valid[row] ? CellValue.number(v[row]).text : nil
        case .texts(let t): return t.string(at: row)
        }
    }
}

/// Hands batches to the store unchanged, showing each one to the sampler on the way.
struct SamplingSource<Inner: BatchSource>: BatchSource {
    var inner: Inner
    let sampler: RowSampler

    mutating func next() throws -> ColumnBatch? {
        guard let batch = try inner.next() else { return nil }
        sampler.observe(batch)
        return batch
    }

    var finalSchema: FinalSchema? { inner.finalSchema }
}
