import Foundation
import SocleCore

/// Where a breach stands against the 72 hours art. 33 gives to notify the CNIL, counted from awareness.
public struct BreachClock: Sendable, Equatable {
    public enum State: String, Sendable, Codable {
        /// No awareness date yet: no clock.
        case unknown
        /// Not notified, time left.
        case running
        /// Not notified, the 72 hours are over.
        case overdue
        case notifiedInTime
        case notifiedLate
        /// Not notified, with the reason recorded (no risk for the people).
        case notRequired
    }

    public static let window: TimeInterval = 72 * 3600

    public var state: State
    /// Awareness + 72 h.
    public var deadline: Date?
    /// Seconds left before the deadline (negative once past it); for a notified breach, the margin it had
    /// (negative when late). Nil without a deadline, or when no notification is needed.
    public var secondsLeft: TimeInterval?

    public init(_ b: DataBreach, now: Date) {
        guard let aware = b.awareAt else {
            state = .unknown
            deadline = nil
            secondsLeft = nil
            return
        }
        let deadline = aware.addingTimeInterval(Self.window)
        self.deadline = deadline
        if let n = b.notification {
            secondsLeft = deadline.timeIntervalSince(n.at)
            state = n.at <= deadline ? .notifiedInTime : .notifiedLate
        } else if !(b.notNotifiedReason ?? "").isBlank {
            secondsLeft = nil
            state = .notRequired
        } else {
            secondsLeft = deadline.timeIntervalSince(now)
            state = now <= deadline ? .running : .overdue
        }
    }

    /// Past the deadline without a notification.
    public var overdue: Bool { state == .overdue }

    /// Hours left, to the tenth (negative when late); nil when there is no clock.
    public var hoursLeft: Double? {
        secondsLeft.map { ($0 / 360).rounded(.towardZero) / 10 }
    }

    /// The clock in words: « 41 h 12 min restantes », « En retard de 5 h 03 min », « Notifiée dans les délais »…
    public func text(_ language: Language) -> String {
        ActionStrings.register()
        func s(_ key: String, _ args: [String: String] = [:]) -> String {
            Catalog.shared.string("breach.clock." + key, language: language, args: args)
        }
        switch state {
        case .unknown: return s("unknown")
        case .running: return s("running", ["time": Self.duration(secondsLeft ?? 0, language)])
        case .overdue: return s("overdue", ["time": Self.duration(-(secondsLeft ?? 0), language)])
        case .notifiedInTime: return s("notified_in_time")
        case .notifiedLate: return s("notified_late", ["time": Self.duration(-(secondsLeft ?? 0), language)])
        case .notRequired: return s("not_required")
        }
    }

    /// A duration as « 41 h 12 min » (minutes rounded down; days beyond 72 h: « 4 j 3 h »).
    public static func duration(_ seconds: TimeInterval, _ language: Language) -> String {
        let minutes = max(0, Int(seconds / 60))
        let h = minutes / 60, m = minutes % 60
        let day = language == .french ? "j" : "d"
        if h >= 72 { return "\(h / 24) \(day) \(h % 24) h" }
        if h == 0 { return "\(m) min" }
        return m == 0 ? "\(h) h" : String(format: "%d h %02d min", h, m)
    }
}
