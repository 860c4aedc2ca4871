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
    /// The header's row, when the uploader gave it (absent in payloads queued before it existed).
    public var headerRow: Int?
    /// The dataset's own null markers given with the upload (`null_markers`), if any.
    public var nullMarkers: [String]?

    public init(path: String, fileName: String, datasetSlug: String, encoding: String? = nil, delimiter: String? = nil,
                sheet: String? = nil, onRagged: RaggedPolicy = .error, actor: String, headerRow: Int? = nil) {
        self.headerRow = headerRow
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

/// The reader options an upload may carry, by the names the form and the API share: `encoding`,
/// `delimiter`, `sheet`, `on_ragged`, `header_row`, `null_markers`.
public struct UploadOptions: Sendable, Equatable {
    public var encoding: String?
    public var delimiter: String?
    public var sheet: String?
    public var onRagged: RaggedPolicy
    /// The header's row number as the spreadsheet shows it; nil = detected.
    public var headerRow: Int?
    /// The dataset's own "no value" markers (`null_markers`: a comma- or line-separated list).
    public var nullMarkers: [String] = []

    public init(encoding: String? = nil, delimiter: String? = nil, sheet: String? = nil, onRagged: RaggedPolicy = .error) {
        self.encoding = encoding
        self.delimiter = delimiter
        self.sheet = sheet
        self.onRagged = onRagged
    }

    /// The possible values of `on_ragged` (for forms and the OpenAPI document).
    public static let raggedChoices = RaggedPolicy.allCases.map(\.rawValue)

    /// Reads the options through `value` (form field first, then query parameter: the caller decides);
    /// empty values count as absent. An unknown `on_ragged` is refused with the choices.
    public init(_ value: (String) -> String?) throws {
        func option(_ name: String) -> String? { value(name).flatMap { $0.isEmpty ? nil : $0 } }
        var ragged = RaggedPolicy.error
        if let r = option("on_ragged") {
            guard let p = RaggedPolicy(rawValue: r) else {
                throw SocleError(.invalidInput, code: "upload.bad_option", args: [
                    "field": "on_ragged", "value": r, "allowed": RaggedPolicy.allCases.map(\.rawValue).joined(separator: ", ")])
            }
            ragged = p
        }
        self.init(encoding: option("encoding"), delimiter: option("delimiter"), sheet: option("sheet"), onRagged: ragged)
        if let h = option("header_row") {
            headerRow = try Self.headerRow(h)
        }
        nullMarkers = Self.markers(option("null_markers"))
        if let bad = NullTokens.unusable(nullMarkers) {
            throw SocleError(.invalidInput, code: "ingest.null_marker_invalid", args: ["value": bad])
        }
    }

    /// A header row number: a whole number from 1; anything else is refused, naming the field.
    public static func headerRow(_ text: String) throws -> Int {
        guard let n = Int(text.trimmingCharacters(in: .whitespaces)), n >= 1 else {
            IngestError.registerCatalog()
            throw IngestError.make("header.row_invalid", args: ["value": text, "field": "header_row"])
        }
        return n
    }

    /// The markers of a `null_markers` field: split on commas and line breaks, trimmed, empty ones left out.
    public static func markers(_ field: String?) -> [String] {
        (field ?? "").split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// Where an upload goes, once allowed: only `UploadActions.authorize…` make one, so a queued upload
/// has always been checked, once, before a byte of its body was read.
public struct UploadTarget: Sendable {
    enum Kind: Sendable {
        case dataset(Dataset)
        case newSource(title: String, organisation: Organisation)
    }
    let kind: Kind

    /// The existing dataset's slug; nil for a source declared with the upload.
    public var datasetSlug: String? {
        if case .dataset(let d) = kind { return d.slug }
        return nil
    }
}

/// The one upload path, for the portal's form and the API: who may upload where, the options, the job,
/// its audit entry and the runner's wake-up. The file itself is streamed to the staging directory by the
/// HTTP layer between `authorize` and `enqueue`.
public struct UploadActions: Sendable {
    let store: any SocleStore
    let catalog: CatalogActions
    /// Shared with the job runner's service.
    public let wake: JobWake

    public init(store: any SocleStore, wake: JobWake = JobWake()) {
        self.store = store
        self.catalog = CatalogActions(store: store)
        self.wake = wake
    }

    /// An upload into an existing dataset: unauthorised for nobody, not found when unknown (or not
    /// visible), forbidden without the right to upload there.
    public func authorize(datasetSlug: String, by principal: Principal) async throws -> UploadTarget {
        let d = try await ReadPolicy(store: store).writable(datasetSlug, .uploadData, by: principal)
        return UploadTarget(kind: .dataset(d))
    }

    /// An upload that declares a new source in `organisationSlug`: needs both the right to edit and to
    /// upload in that organisation.
    public func authorize(newSourceTitle title: String, organisationSlug: String, by principal: Principal) async throws -> UploadTarget {
        if case .anonymous = principal { throw SocleError(.unauthorized, code: "auth.required") }
        let org = try await ReadPolicy(store: store).organisation(slug: organisationSlug)
        guard Permissions.can(principal, .editDataset, organisationId: org.id),
              Permissions.can(principal, .uploadData, organisationId: org.id) else {
            throw SocleError(.forbidden, code: "auth.forbidden")
        }
        return UploadTarget(kind: .newSource(title: title, organisation: org))
    }

    /// Like `enqueue(_:stagedFile:fileName:options:by:)`, with the options read by name through `option`
    /// (form field, then query parameter: the caller decides); an unknown choice is refused, the file deleted.
    public func enqueue(_ target: UploadTarget, stagedFile: URL, fileName: String, option: (String) -> String?,
                        by principal: Principal) async throws -> (job: Job, dataset: Dataset) {
        let options: UploadOptions
        do {
            options = try UploadOptions(option)
        } catch {
            try? FileManager.default.removeItem(at: stagedFile)
            throw error
        }
        return try await enqueue(target, stagedFile: stagedFile, fileName: fileName, options: options, by: principal)
    }

    /// Queues the staged file for loading (declaring the new source first when there is one), records the
    /// upload in the audit log and wakes the runner. The staged file is deleted when anything fails.
    public func enqueue(_ target: UploadTarget, stagedFile: URL, fileName: String, options: UploadOptions,
                        by principal: Principal) async throws -> (job: Job, dataset: Dataset) {
        do {
            let dataset: Dataset
            switch target.kind {
            case .dataset(let d): dataset = d
            case .newSource(let title, let org):
                dataset = try await catalog.declare(slug: nil, title: title, organisation: org, metadata: DatasetMetadata(), by: principal)
            }
            var payload = UploadPayload(path: stagedFile.path, fileName: fileName, datasetSlug: dataset.slug,
                                        encoding: options.encoding, delimiter: options.delimiter, sheet: options.sheet,
                                        onRagged: options.onRagged, actor: principal.auditName, headerRow: options.headerRow)
            payload.nullMarkers = options.nullMarkers.isEmpty ? nil : options.nullMarkers
            let job = try await store.createJob(kind: JobRunner.ingestKind, datasetSlug: dataset.slug,
                                                payload: StoreSupport.encodeJSON(payload), createdBy: principal.userId)
            try await AuditRecorder(store: store).record(principal, "dataset.upload", "dataset", dataset.slug,
                                                         ["file": fileName, "job": String(job.id)])
            wake.notify()
            return (job, dataset)
        } catch {
            try? FileManager.default.removeItem(at: stagedFile)
            throw error
        }
    }

    /// Removes staged files no job will read — uploads cut by a crash, files of jobs that will never run —
    /// modified before `start`. Only queued jobs still read their file: at start-up a job left `running`
    /// was cut by the crash and is marked failed. Returns how many files were removed.
    public func cleanStaging(directory: URL, olderThan start: Date) async -> Int {
        var keep = Set<String>()
        for job in (try? await store.jobs(status: .queued, limit: 100_000)) ?? [] {
            if let p = try? StoreSupport.decodeJSON(UploadPayload.self, job.payload) {
                keep.insert(URL(fileURLWithPath: p.path).standardizedFileURL.path)
            }
        }
        let fm = FileManager.default
        let files = (try? fm.contentsOfDirectory(at: directory, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        var removed = 0
        for f in files where !keep.contains(f.standardizedFileURL.path) {
            let modified = (try? f.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate ?? .distantPast
            if modified < start, (try? fm.removeItem(at: f)) != nil { removed += 1 }
        }
        return removed
    }
}

extension Job {
    /// The uploaded file's name, for an upload job.
    public var uploadFileName: String? {
        (try? StoreSupport.decodeJSON(UploadPayload.self, payload))?.fileName
    }

    /// The revision a succeeded ingest job created (its result is the ingest report).
    public var createdRevision: Int? {
        struct Result: Decodable { var revision: Int? }
        guard let text = result else { return nil }
        return (try? StoreSupport.decodeJSON(Result.self, text))?.revision
    }
}
