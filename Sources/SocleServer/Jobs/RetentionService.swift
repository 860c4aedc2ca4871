import Foundation
import Logging
import ServiceLifecycle
import SocleActions
import SocleCore

/// Applies the register's retention rules on a schedule, as a ServiceLifecycle service: once the last run
/// (by anyone: this schedule, the CLI, a DPO's "run now") is `interval` old, it runs them all as the
/// `retention` system principal. It looks at most hourly, so a restart does not run them again early, and a
/// stop waits for the rule in progress (each rule and dataset is one transaction anyway). With no run recorded
/// yet, the first comes one interval after the start: a new instance (or the demo) is not purged before its DPO
/// has seen a dry run — found when `serve --demo` emptied the demo's expired rows at start.
struct RetentionService: ServiceLifecycle.Service {
    let retention: RetentionActions
    let interval: Duration
    let logger: Logger
    /// Told when a scheduled run fails (the DPOs' notification).
    var onFailure: @Sendable () async -> Void = {}

    func run() async throws {
        let check = min(interval, .seconds(3_600))
        let started = Date()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await runIfDue(startedAt: started)
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: check) }
        }
        logger.info("retention schedule stopped")
    }

    /// Runs the rules when the last run (else `startedAt`) is an interval old; with neither, at once.
    func runIfDue(now: Date = Date(), startedAt: Date? = nil) async {
        do {
            if let last = try await retention.lastRun() ?? startedAt, now.timeIntervalSince(last) < Double(interval.components.seconds) { return }
            let run = try await retention.run(.system("retention"), dryRun: false, trigger: "schedule", now: now)
            logger.info("retention rules applied", metadata: ["rules": "\(run.outcomes.count)", "rows": "\(run.rows)"])
        } catch {
            // A failed rule rolled back; the next look tries again.
            logger.error("retention run failed", metadata: ["error": "\(error)"])
            await onFailure()
        }
    }
}
