import Foundation
import Logging
import ServiceLifecycle
import SocleActions
import SocleCore
import SocleStore

/// Runs the persisted background jobs inside the server, as a ServiceLifecycle service.
///
/// At start it marks jobs cut by a previous crash as failed (`JobRunner.recoverInterrupted`), then
/// runs queued jobs one at a time (`JobRunner.runOnce`). On graceful shutdown it lets the job in
/// progress finish — a load is one transaction, so a job killed anyway leaves nothing half-loaded and
/// is marked failed at the next start — and takes no new one.
struct JobService: ServiceLifecycle.Service {
    let runner: JobRunner
    let store: any SocleStore
    let signal: JobSignal
    let metrics: ServerMetrics
    let pollInterval: Duration
    let logger: Logger

    func run() async throws {
        let recovered = try await runner.recoverInterrupted()
        if recovered > 0 {
            logger.warning("jobs interrupted by a previous stop marked failed", metadata: ["count": "\(recovered)"])
        }
        let started = Date()
        var counted = Set<Int64>()
        var sessionsPurged = Date.distantPast
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            // Expired sessions are purged at start and then hourly (they are refused anyway once expired).
            if Date().timeIntervalSince(sessionsPurged) > 3_600 {
                try? await store.deleteExpiredSessions(before: Date())
                sessionsPurged = Date()
            }
            let worked: Bool
            do {
                worked = try await runner.runOnce()
            } catch {
                // The store failed while claiming or finishing: wait, then try again.
                logger.error("job runner error", metadata: ["error": "\(error)"])
                worked = false
            }
            if worked {
                await recordFinished(since: started, counted: &counted)
            } else {
                await signal.wait(timeout: pollInterval) { Task.isShuttingDownGracefully || Task.isCancelled }
            }
        }
        logger.info("job runner stopped")
    }

    /// Counts jobs finished since start that were not counted yet (jobs and rows metrics).
    private func recordFinished(since started: Date, counted: inout Set<Int64>) async {
        for status in [JobStatus.succeeded, .failed] {
            guard let jobs = try? await store.jobs(status: status, limit: 20) else { continue }
            for job in jobs where !counted.contains(job.id) && (job.finishedAt ?? .distantPast) >= started {
                counted.insert(job.id)
                metrics.recordFinishedJob(status: status, rows: job.rows)
                logger.info("job finished", metadata: ["job": "\(job.id)", "status": "\(status.rawValue)",
                                                       "dataset": "\(job.datasetSlug ?? "")", "rows": "\(job.rows)"])
            }
        }
        if counted.count > 10_000, let low = counted.sorted().dropLast(1_000).last {
            counted = counted.filter { $0 > low }
        }
    }
}
