import Foundation

/// State of a background job.
public enum JobStatus: String, Codable, Sendable, CaseIterable {
    case queued, running, succeeded, failed
}

/// A persisted background job (an upload being ingested…): it survives restarts; a job cut by a
/// crash is marked failed with its reason at the next start.
public struct Job: Codable, Sendable, Equatable {
    public var id: Int64
    public var kind: String
    public var status: JobStatus
    /// 0…1.
    public var progress: Double
    public var rows: Int64
    public var datasetSlug: String?
    /// The failure, rendered where shown.
    public var error: SocleError?
    /// Kind-specific input (file path, options…) as JSON.
    public var payload: String
    /// Kind-specific result (revision number, report…) as JSON.
    public var result: String?
    public var createdBy: Int64?
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?

    public init(id: Int64, kind: String, status: JobStatus, progress: Double, rows: Int64, datasetSlug: String?,
                error: SocleError?, payload: String, result: String?, createdBy: Int64?, createdAt: Date,
                startedAt: Date?, finishedAt: Date?) {
        self.id = id
        self.kind = kind
        self.status = status
        self.progress = progress
        self.rows = rows
        self.datasetSlug = datasetSlug
        self.error = error
        self.payload = payload
        self.result = result
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}
