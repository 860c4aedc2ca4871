import Foundation
import Logging
import ServiceLifecycle
import SocleActions
import SocleCore

/// Runs the persisted background jobs inside the server, as a ServiceLifecycle service.
///
/// At start it marks jobs cut by a previous crash as failed (`JobRunner.recoverInterrupted`), then
/// drains the queue (`JobRunner.runOnce`, one job at a time) each time it is woken: by an upload
/// (`JobWake`, the one wake mechanism) or by a tick every `pollInterval` (jobs queued by another process).
/// On graceful shutdown it lets the job in progress finish — a load is one transaction, so a job killed
/// anyway leaves nothing half-loaded and is marked failed at the next start — and takes no new one.
struct JobService: ServiceLifecycle.Service {
    let runner: JobRunner
    let accounts: AccountActions
    let directory: Directory
    let wake: JobWake
    let metrics: ServerMetrics
    let pollInterval: Duration
    let trimMemory: Bool
    let logger: Logger

    func run() async throws {
        let recovered = try await runner.recoverInterrupted()
        if recovered > 0 {
            logger.warning("jobs interrupted by a previous stop marked failed", metadata: ["count": "\(recovered)"])
        }
        let started = Date()
        var counted = Set<Int64>()
        var sessionsPurged = Date.distantPast
        let ticker = wake.ticker(every: pollInterval)
        defer { ticker.cancel() }
        wake.notify()
        for await _ in wake.signals.cancelOnGracefulShutdown() {
            // Expired sessions are purged at start and then hourly (they are refused anyway once expired).
            if Date().timeIntervalSince(sessionsPurged) > 3_600 {
                try? await accounts.purgeExpiredSessions()
                sessionsPurged = Date()
            }
            var ran = false
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                do {
                    guard try await runner.runOnce() else { break }
                } catch {
                    // The store failed while claiming or finishing: try again at the next wake.
                    logger.error("job runner error", metadata: ["error": "\(error)"])
                    break
                }
                ran = true
                await recordFinished(since: started, counted: &counted)
            }
            // A load frees its reading buffers: give the pages back once the queue is drained.
            if ran && trimMemory { MemoryTrim.afterJob() }
            if Task.isShuttingDownGracefully { break }
        }
        logger.info("job runner stopped")
    }

    /// Counts jobs finished since start that were not counted yet (jobs and rows metrics).
    private func recordFinished(since started: Date, counted: inout Set<Int64>) async {
        for status in [JobStatus.succeeded, .failed] {
            guard let jobs = try? await directory.jobs(status: status, limit: 20) else { continue }
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
