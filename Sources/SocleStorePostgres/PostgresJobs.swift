import Foundation
import PostgresNIO
import SocleCore
import SocleStore

/// `JobStore` on PostgreSQL: persisted background jobs, claimed with `FOR UPDATE SKIP LOCKED`.
extension PostgresStore {
    static let jobColumns = """
        id, kind, status, progress, rows, dataset_slug, error_json, payload, result, created_by, created_at, started_at, finished_at
        """

    public func createJob(kind: String, datasetSlug: String?, payload: String, createdBy: Int64?) async throws -> Job {
        let now = Date()
        return try await transaction { conn in
            if let createdBy { try await self.requireUser(conn, createdBy) }
            let ids = try await self.all(conn, """
                INSERT INTO jobs (kind, status, progress, rows, dataset_slug, payload, created_by, created_at)
                VALUES (\(kind), 'queued', 0, 0, \(datasetSlug), \(payload), \(createdBy), \(now)) RETURNING id
                """) { try $0.decode(Int64.self) }
            return Job(id: try Self.first(ids), kind: kind, status: .queued, progress: 0, rows: 0, datasetSlug: datasetSlug,
                       error: nil, payload: payload, result: nil, createdBy: createdBy, createdAt: now,
                       startedAt: nil, finishedAt: nil)
        }
    }

    public func job(id: Int64) async throws -> Job? {
        try await connection { conn in
            try await self.all(conn, PostgresQuery(unsafeSQL: "SELECT \(Self.jobColumns) FROM jobs WHERE id = $1",
                                                   binds: Self.binds(id)), Self.job).first
        }
    }

    public func jobs(status: JobStatus?, limit: Int) async throws -> [Job] {
        let limit = Int64(max(0, limit))
        return try await connection { conn in
            let q = if let status {
                PostgresQuery(unsafeSQL: "SELECT \(Self.jobColumns) FROM jobs WHERE status = $1 ORDER BY id DESC LIMIT $2",
                              binds: Self.binds(status.rawValue, limit))
            } else {
                PostgresQuery(unsafeSQL: "SELECT \(Self.jobColumns) FROM jobs ORDER BY id DESC LIMIT $1", binds: Self.binds(limit))
            }
            return try await self.all(conn, q, Self.job)
        }
    }

    public func claimNextJob(at: Date) async throws -> Job? {
        // One statement: the oldest queued job is locked (skipping any another worker holds) and
        // marked running, so two workers never take the same job.
        try await connection { conn in
            try await self.all(conn, PostgresQuery(unsafeSQL: """
                UPDATE jobs SET status = 'running', started_at = $1
                WHERE id = (SELECT id FROM jobs WHERE status = 'queued' ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
                RETURNING \(Self.jobColumns)
                """, binds: Self.binds(at)), Self.job).first
        }
    }

    public func updateJobProgress(id: Int64, progress: Double, rows: Int64) async throws {
        let p = PlatformRules.clampedProgress(progress)
        try await connection { conn in
            // A finished job keeps its final figures even if a late progress report arrives.
            let n = try await self.run(conn, """
                UPDATE jobs SET progress = \(p), rows = \(rows) WHERE id = \(id) AND status IN ('queued', 'running') RETURNING 1
                """)
            if n == 0, try await !self.exists(conn, "SELECT 1 FROM jobs WHERE id = \(id)") {
                throw StoreError.notFound("job", String(id))
            }
        }
    }

    public func finishJob(id: Int64, status: JobStatus, error: SocleError?, result: String?, at: Date) async throws {
        let errorJSON = error.map(StoreSupport.encodeJSON)
        try await connection { conn in
            try await self.finishJob(conn, id: id, status: status, errorJSON: errorJSON, result: result, at: at)
        }
    }

    func finishJob(_ conn: PostgresConnection, id: Int64, status: JobStatus, errorJSON: String?, result: String?, at: Date) async throws {
        let n = try await self.run(conn, """
            UPDATE jobs SET status = \(status.rawValue), error_json = \(errorJSON), result = \(result), finished_at = \(at),
                progress = CASE WHEN \(status.rawValue) = 'succeeded' THEN 1 ELSE progress END
            WHERE id = \(id) RETURNING 1
            """)
        if n == 0 { throw StoreError.notFound("job", String(id)) }
    }

    public func failInterruptedJobs(reason: SocleError, at: Date) async throws -> Int {
        let errorJSON = StoreSupport.encodeJSON(reason)
        return try await connection { conn in
            try await self.run(conn, """
                UPDATE jobs SET status = 'failed', error_json = \(errorJSON), finished_at = \(at) WHERE status = 'running' RETURNING 1
                """)
        }
    }

    static func job(_ row: PostgresRow) throws -> Job {
        let (id, kind, status, progress, rows, slug, errorJSON, payload, result, createdBy, created, started, finished) =
            try row.decode((Int64, String, String, Double, Int64, String?, String?, String, String?, Int64?, Date, Date?, Date?).self)
        return Job(id: id, kind: kind, status: JobStatus(rawValue: status) ?? .failed, progress: progress, rows: rows,
                   datasetSlug: slug, error: try errorJSON.map { try StoreSupport.decodeJSON(SocleError.self, $0) },
                   payload: payload, result: result, createdBy: createdBy, createdAt: created,
                   startedAt: started, finishedAt: finished)
    }
}
