import Foundation
import SocleCore
import SocleIngest

/// Typing decided from the first rows lets the load (pass 2) start at once, while the whole-file
/// analysis (pass 1) runs on the other core. The load commits only if the whole-file analysis ends with
/// exactly the same columns, types and formats; otherwise it is rolled back and done again with the
/// final types. So the result is always the whole-file typing — a late `N/A` still cannot break a load —
/// and on the usual file the two passes overlap instead of following each other.
enum SpeculativeLoad {
    /// Below this size the overlap is not worth a second analysis.
    static let minimumBytes: Int64 = 8 << 20
    /// Rows of the prefix whose typing is used speculatively.
    static let prefixRows = 50_000

    /// Same names, types and parsing formats (evidence may differ: it covers more rows).
    static func sameTyping(_ a: [ColumnSchema], _ b: [ColumnSchema]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && $0.type == $1.type && $0.format == $1.format }
    }
}

/// Thrown when the whole-file analysis disagrees with the speculative typing: the load is redone.
struct SpeculationMismatch: Error {
    var final: IngestAnalysis
}

/// A reader that stops after `limit` rows (for the speculative prefix analysis).
final class PrefixReader: TableReader {
    private let inner: any TableReader
    private let limit: Int
    private var served = 0

    init(_ inner: any TableReader, limit: Int) {
        self.inner = inner
        self.limit = limit
    }

    var labels: [String] { inner.labels }
    var bytesRead: Int64 { inner.bytesRead }
    var totalBytes: Int64 { inner.totalBytes }
    var report: ReaderReport { inner.report }

    func nextBatch(maxRows: Int) throws -> RawBatch? {
        guard served < limit else { return nil }
        guard let b = try inner.nextBatch(maxRows: min(maxRows, limit - served)) else { return nil }
        served += b.rowCount
        return b
    }
}

/// Runs the whole-file analysis on its own thread; `wait()` blocks until it has finished.
final class BackgroundAnalysis: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: Result<IngestAnalysis, any Error>?

    init(_ work: @escaping @Sendable () throws -> IngestAnalysis) {
        let t = Thread { [self] in
            let r = Result { try work() }
            lock.withLock { result = r }
            done.signal()
        }
        t.stackSize = 4 << 20
        t.start()
    }

    func wait() -> Result<IngestAnalysis, any Error> {
        done.wait()
        done.signal()
        return lock.withLock { result! }
    }
}

/// Wraps the speculative load's batches: at the end (or on a conversion error) it waits for the
/// whole-file analysis and lets the load commit only when the typing agrees.
final class SpeculativeSource: BatchSource, @unchecked Sendable {
    private let inner: PrefetchingSource
    private let speculative: IngestAnalysis
    private let background: BackgroundAnalysis
    private let adjust: (IngestAnalysis) -> IngestAnalysis
    private(set) var final: IngestAnalysis?

    init(inner: PrefetchingSource, speculative: IngestAnalysis, background: BackgroundAnalysis,
         adjust: @escaping (IngestAnalysis) -> IngestAnalysis) {
        self.inner = inner
        self.speculative = speculative
        self.background = background
        self.adjust = adjust
    }

    func next() throws -> ColumnBatch? {
        let batch: ColumnBatch?
        do {
            batch = try inner.next()
        } catch {
            // A value that did not fit the speculative type, or a reader error: the whole-file analysis decides.
            let final = try settle()
            if !SpeculativeLoad.sameTyping(final.columns, speculative.columns) { throw SpeculationMismatch(final: final) }
            throw error
        }
        if batch == nil {
            let final = try settle()
            if !SpeculativeLoad.sameTyping(final.columns, speculative.columns) { throw SpeculationMismatch(final: final) }
        }
        return batch
    }

    private func settle() throws -> IngestAnalysis {
        if let final { return final }
        let a = adjust(try background.wait().get())
        final = a
        return a
    }

    var finalSchema: FinalSchema? {
        final.map { FinalSchema(columns: $0.columns, warnings: $0.warnings) }
    }

    func cancel() { inner.cancel() }
}
