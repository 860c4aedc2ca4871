import Foundation

/// The one way to wake the job runner: `notify()` after queueing a job; the runner's service reads
/// `signals`. Several notifications before the runner looks are one wake-up (it then drains the queue).
public final class JobWake: Sendable {
    public let signals: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    public init() {
        (signals, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    public func notify() { continuation.yield() }

    /// A task that wakes the reader every `interval` until cancelled (work queued by another process, time-based work).
    public func ticker(every interval: Duration) -> Task<Void, Never> {
        Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                notify()
            }
        }
    }

    /// Ends `signals` (the runner's loop then stops).
    public func finish() { continuation.finish() }
}
