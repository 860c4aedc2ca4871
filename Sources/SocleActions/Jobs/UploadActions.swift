import Foundation
import SocleCore
import SocleIngest
import SocleStore

/// What an upload job needs to run: the staged file and the reader options.
public struct UploadPayload: Codable, Sendable {
    public var path: String
    public var fileName: String
    public var datasetSlug: String
    public var encoding: String?
    public var delimiter: String?
    public var sheet: String?
    public var onRagged: RaggedPolicy
    public var actor: String

    public init(path: String, fileName: String, datasetSlug: String, encoding: String? = nil, delimiter: String? = nil,
                sheet: String? = nil, onRagged: RaggedPolicy = .error, actor: String) {
        self.path = path
        self.fileName = fileName
        self.datasetSlug = datasetSlug
        self.encoding = encoding
        self.delimiter = delimiter
        self.sheet = sheet
        self.onRagged = onRagged
        self.actor = actor
    }
}

/// Queues an uploaded file (already streamed to the staging directory) for ingestion by the job runner.
public struct UploadActions: Sendable {
    public let store: any SocleStore
    public init(store: any SocleStore) { self.store = store }

    public func enqueue(dataset: Dataset, stagedFile: URL, fileName: String, encoding: String? = nil,
                        delimiter: String? = nil, sheet: String? = nil, onRagged: RaggedPolicy = .error,
                        by principal: Principal) async throws -> Job {
        guard Permissions.can(principal, .uploadData, organisationId: dataset.organisationId, datasetSlug: dataset.slug) else {
            try? FileManager.default.removeItem(at: stagedFile)
            if case .anonymous = principal { throw SocleError(.unauthorized, code: "auth.required") }
            throw SocleError(.forbidden, code: "auth.forbidden")
        }
        let payload = UploadPayload(path: stagedFile.path, fileName: fileName, datasetSlug: dataset.slug, encoding: encoding,
                                    delimiter: delimiter, sheet: sheet, onRagged: onRagged, actor: principal.auditName)
        let job = try await store.createJob(kind: JobRunner.ingestKind, datasetSlug: dataset.slug,
                                            payload: StoreSupport.encodeJSON(payload), createdBy: principal.userId)
        try await AuditRecorder(store: store).record(principal, "dataset.upload", "dataset", dataset.slug,
                                                     ["file": fileName, "job": String(job.id)])
        return job
    }
}
