import Foundation
import GRDB
import SocleCore
import SocleStore

/// `JobStore` on SQLite: persisted background jobs.
extension SQLiteStore {
    static let jobColumns = """
        id, kind, status, progress, rows, dataset_slug, error_json, payload, result, created_by, created_at, started_at, finished_at
        """

    public func createJob(kind: String, datasetSlug: String?, payload: String, createdBy: Int64?) async throws -> Job {
        let now = Date()
        return try await writing { db in
            if let createdBy { try Self.requireUser(db, createdBy) }
            try db.execute(sql: """
                INSERT INTO jobs (kind, status, progress, rows, dataset_slug, payload, created_by, created_at)
                VALUES (?, 'queued', 0, 0, ?, ?, ?, ?)
                """, arguments: [kind, datasetSlug, payload, createdBy, StoreSupport.isoString(now)])
            return Job(id: db.lastInsertedRowID, kind: kind, status: .queued, progress: 0, rows: 0, datasetSlug: datasetSlug,
                       error: nil, payload: payload, result: nil, createdBy: createdBy, createdAt: now,
                       startedAt: nil, finishedAt: nil)
        }
    }

    public func job(id: Int64) async throws -> Job? {
        try await reading { db in try Self.fetchJob(db, id) }
    }

    public func jobs(status: JobStatus?, limit: Int) async throws -> [Job] {
        try await reading { db in
            let rows = if let status {
                try Row.fetchAll(db, sql: "SELECT \(Self.jobColumns) FROM jobs WHERE status = ? ORDER BY id DESC LIMIT ?",
                                 arguments: [status.rawValue, max(0, limit)])
            } else {
                try Row.fetchAll(db, sql: "SELECT \(Self.jobColumns) FROM jobs ORDER BY id DESC LIMIT ?", arguments: [max(0, limit)])
            }
            return try rows.map(Self.job)
        }
    }

    public func claimNextJob(at: Date) async throws -> Job? {
        // One write transaction, and SQLite has a single writer: no two workers can take the same job.
        try await writing { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1") else {
                return nil
            }
            try db.execute(sql: "UPDATE jobs SET status = 'running', started_at = ? WHERE id = ?",
                           arguments: [StoreSupport.isoString(at), id])
            return try Self.fetchJob(db, id)
        }
    }

    public func updateJobProgress(id: Int64, progress: Double, rows: Int64) async throws {
        try await writing { db in
            // A finished job keeps its final figures even if a late progress report arrives.
            try db.execute(sql: "UPDATE jobs SET progress = ?, rows = ? WHERE id = ? AND status IN ('queued', 'running')",
                           arguments: [PlatformRules.clampedProgress(progress), rows, id])
            if db.changesCount == 0, try !Self.exists(db, "SELECT 1 FROM jobs WHERE id = ?", [id]) {
                throw StoreError.notFound("job", String(id))
            }
        }
    }

    public func finishJob(id: Int64, status: JobStatus, error: SocleError?, result: String?, at: Date) async throws {
        let errorJSON = error.map(StoreSupport.encodeJSON)
        try await writing { db in try Self.finishJob(db, id: id, status: status, errorJSON: errorJSON, result: result, at: at) }
    }

    static func finishJob(_ db: Database, id: Int64, status: JobStatus, errorJSON: String?, result: String?, at: Date) throws {
        try db.execute(sql: """
            UPDATE jobs SET status = ?, error_json = ?, result = ?, finished_at = ?,
                progress = CASE WHEN ? = 'succeeded' THEN 1 ELSE progress END
            WHERE id = ?
            """, arguments: [status.rawValue, errorJSON, result, StoreSupport.isoString(at), status.rawValue, id])
        if db.changesCount == 0 { throw StoreError.notFound("job", String(id)) }
    }

    public func failInterruptedJobs(reason: SocleError, at: Date) async throws -> Int {
        let errorJSON = StoreSupport.encodeJSON(reason)
        return try await writing { db in
            try db.execute(sql: "UPDATE jobs SET status = 'failed', error_json = ?, finished_at = ? WHERE status = 'running'",
                           arguments: [errorJSON, StoreSupport.isoString(at)])
            return db.changesCount
        }
    }

    static func fetchJob(_ db: Database, _ id: Int64) throws -> Job? {
        try Row.fetchOne(db, sql: "SELECT \(jobColumns) FROM jobs WHERE id = ?", arguments: [id]).map(job)
    }

    static func job(_ row: Row) throws -> Job {
        let errorJSON: String? = row["error_json"]
        return Job(id: row["id"], kind: row["kind"], status: JobStatus(rawValue: row["status"]) ?? .failed,
                   progress: row["progress"], rows: row["rows"], datasetSlug: row["dataset_slug"],
                   error: try errorJSON.map { try StoreSupport.decodeJSON(SocleError.self, $0) },
                   payload: row["payload"], result: row["result"], createdBy: row["created_by"],
                   createdAt: date(row["created_at"]) ?? Date(timeIntervalSince1970: 0),
                   startedAt: date(row["started_at"]), finishedAt: date(row["finished_at"]))
    }
}
