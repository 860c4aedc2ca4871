import Foundation
import SocleCore
import SocleIngest
import SocleStore

/// Runs persisted background jobs one at a time. At start-up, jobs left `running` by a crash are
/// marked failed with their reason; nothing half-loaded remains because loads are transactional.
public final class JobRunner: Sendable {
    public static let ingestKind = "ingest"
    let store: any SocleStore
    let subjects: SubjectIndexer?

    public init(store: any SocleStore, subjects: SubjectIndexer? = nil) {
        self.store = store
        self.subjects = subjects
    }

    /// Marks jobs cut by a previous crash as failed. Call once before `run()`.
    public func recoverInterrupted() async throws -> Int {
        try await store.failInterruptedJobs(reason: SocleError(.internalError, code: "job.interrupted"), at: Date())
    }

    /// Claims and runs the oldest queued job. Returns false when there was none.
    @discardableResult
    public func runOnce() async throws -> Bool {
        guard let job = try await store.claimNextJob(at: Date()) else { return false }
        do {
            let result = try await execute(job)
            try await store.finishJob(id: job.id, status: .succeeded, error: nil, result: result, at: Date())
        } catch let e as SocleError {
            try await store.finishJob(id: job.id, status: .failed, error: e, result: nil, at: Date())
        } catch let refusal as SchemaRefusal {
            let e = SocleError(.invalidInput, code: "job.schema_refused", args: ["count": String(refusal.report.errorCount)])
            try await store.finishJob(id: job.id, status: .failed, error: e, result: nil, at: Date())
        } catch {
            let e = SocleError(.internalError, code: "job.crashed", args: ["detail": String(describing: error)])
            try await store.finishJob(id: job.id, status: .failed, error: e, result: nil, at: Date())
        }
        return true
    }

    func execute(_ job: Job) async throws -> String {
        guard job.kind == Self.ingestKind else {
            throw SocleError(.internalError, code: "job.unknown_kind", args: ["kind": job.kind])
        }
        let payload = try StoreSupport.decodeJSON(UploadPayload.self, job.payload)
        let file = URL(fileURLWithPath: payload.path)
        defer { try? FileManager.default.removeItem(at: file) }
        var options = ReaderOptions(displayName: payload.fileName, encoding: payload.encoding, delimiter: payload.delimiter,
                                    sheet: payload.sheet, onRagged: payload.onRagged, headerRow: payload.headerRow)
        options.nullMarkers = payload.nullMarkers ?? []
        var request = IngestRequest(file: file, datasetSlug: payload.datasetSlug, options: options)
        // The job is marked succeeded in the load's own transaction (issue 10, finding 6).
        request.jobId = job.id
        let reporter = ProgressReporter(store: store, jobId: job.id)
        let report = try await IngestAction(store: store, subjects: subjects).run(request, actor: payload.actor) { reporter.update($0) }
        await reporter.flush()
        return StoreSupport.encodeJSON(report)
    }
}

/// Writes job progress to the store at most four times a second, from the ingest's progress callbacks.
final class ProgressReporter: @unchecked Sendable {
    private let store: any SocleStore
    private let jobId: Int64
    private let lock = NSLock()
    private var last = Date.distantPast
    private var latest: (Double, Int64) = (0, 0)

    init(store: any SocleStore, jobId: Int64) {
        self.store = store
        self.jobId = jobId
    }

    func update(_ p: IngestProgress) {
        // Pass 1 (analysis) is the first half of the bar, pass 2 (load) the second.
        let fraction = p.totalBytes > 0 ? Double(p.bytesRead) / Double(p.totalBytes) : 0
        let overall = min(0.99, (Double(p.pass - 1) + min(1, fraction)) / 2)
        lock.lock()
        latest = (overall, Int64(p.rows))
        let due = Date().timeIntervalSince(last) > 0.25
        if due { last = Date() }
        let snapshot = latest
        lock.unlock()
        guard due else { return }
        let store = self.store, id = jobId
        Task { try? await store.updateJobProgress(id: id, progress: snapshot.0, rows: snapshot.1) }
    }

    func flush() async {
        let snapshot = lock.withLock { latest }
        try? await store.updateJobProgress(id: jobId, progress: snapshot.0, rows: snapshot.1)
    }
}
