import Foundation

/// Slows password guessing: after 5 failures for one e-mail or one client address within 15 minutes,
/// further attempts are refused until the window passes. Kept in memory (one process serves a town).
public final class LoginThrottle: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [String: [Date]] = [:]
    public let limit: Int
    public let window: TimeInterval

    public init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    /// Seconds to wait before trying again, or nil when an attempt is allowed.
    public func retryAfter(keys: [String], now: Date = Date()) -> TimeInterval? {
        lock.lock()
        defer { lock.unlock() }
        var wait: TimeInterval?
        for k in keys {
            let recent = (failures[k] ?? []).filter { now.timeIntervalSince($0) < window }
            failures[k] = recent
            if recent.count >= limit, let oldest = recent.first {
                wait = max(wait ?? 0, window - now.timeIntervalSince(oldest))
            }
        }
        return wait
    }

    public func recordFailure(keys: [String], now: Date = Date()) {
        lock.lock()
        defer { lock.unlock() }
        for k in keys { failures[k, default: []].append(now) }
    }

    public func reset(keys: [String]) {
        lock.lock()
        defer { lock.unlock() }
        for k in keys { failures[k] = nil }
    }
}
