import Foundation
import SocleCore

/// Runs a batch source on its own thread, a few batches ahead, so that parsing and typing (this
/// thread) overlap with the store's writes (the caller's thread) on a two-core machine.
public final class PrefetchingSource: BatchSource, @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [ColumnBatch] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private let depth: Int

    public init<S: BatchSource>(_ source: S, depth: Int = 3) {
        self.depth = depth
        let box = SourceBox(source)
        // The thread holds the source (and its open file) until it finishes or `cancel()` is called, then
        // lets it go: the source is closed as soon as the last batch is read, whoever still holds `self`.
        // Nothing here keeps the `Thread` object: its block holds `self`, and a stored thread made a cycle
        // that leaked every load's pipeline and file descriptor (found by bench/soak: one descriptor per upload).
        let t = Thread { [self] in
            self.produce { try box.source?.next() }
            box.source = nil
        }
        t.stackSize = 4 << 20
        t.start()
    }

    private final class SourceBox<S: BatchSource>: @unchecked Sendable {
        var source: S?
        init(_ s: S) { source = s }
    }

    private func produce(_ next: () throws -> ColumnBatch?) {
        while true {
            condition.lock()
            while queue.count >= depth && !cancelled { condition.wait() }
            let stop = cancelled
            condition.unlock()
            if stop { break }
            do {
                let next = try next()
                condition.lock()
                if let next { queue.append(next) } else { finished = true }
                condition.broadcast()
                condition.unlock()
                if next == nil { break }
            } catch {
                condition.lock()
                failure = error
                finished = true
                condition.broadcast()
                condition.unlock()
                break
            }
        }
    }

    public func next() throws -> ColumnBatch? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        if !queue.isEmpty {
            let b = queue.removeFirst()
            condition.broadcast()
            return b
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the producer early (the load failed elsewhere).
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
