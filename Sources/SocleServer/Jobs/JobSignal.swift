import Foundation

/// Wakes the job service as soon as an upload is queued, instead of at its next poll.
final class JobSignal: Sendable {
    private let state = Mutex(false)

    func notify() {
        state.withLock { $0 = true }
    }

    /// Returns when `notify()` was called (now or before), after `timeout`, or when `stop()` says so.
    func wait(timeout: Duration, stop: @Sendable () -> Bool) async {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline && !stop() {
            if state.withLock({ s -> Bool in defer { s = false }; return s }) { return }
            try? await Task.sleep(for: .milliseconds(25))
        }
    }
}

/// A tiny lock around a value (Synchronization.Mutex needs macOS 15; this builds everywhere).
final class Mutex<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
