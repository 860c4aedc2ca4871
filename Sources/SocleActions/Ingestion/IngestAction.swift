import Foundation
import SocleCore
import SocleIngest
import SoclePrivacy
import SocleStore

/// What a user asks for when loading a file into a dataset.
public struct IngestRequest: Sendable {
    public var file: URL
    public var datasetSlug: String
    public var organisationSlug: String?
    public var title: String?
    public var options: ReaderOptions
    /// A Table Schema the file must satisfy; its types then override inference.
    public var schema: URL?
    /// The background job running this load: marked succeeded in the load's own transaction.
    public var jobId: Int64?
    /// Runs the personal-data detector on the rows as they are loaded (off only to measure its cost).
    public var privacyScan = true
    /// Creates the organisation named by `organisationSlug` when it does not exist (otherwise refused).
    public var createOrganisation = false
    /// Phase timings on stderr, the store's included (benchmarks and profiling: `SOCLE_TRACE=1`).
    public var trace = false
    /// More that commits with the revision: documents (a lineage) and audit entries (an anonymisation).
    public var extraDocuments: (@Sendable (Revision) -> [DocumentDraft])?
    public var extraAudit: (@Sendable (Revision) -> [AuditEvent])?
    /// Storage types imposed by column label (a revision re-made with other names keeps its types).
    public var columnTypes: [String: ColumnType] = [:]

    public init(file: URL, datasetSlug: String, organisationSlug: String? = nil, title: String? = nil,
                options: ReaderOptions, schema: URL? = nil) {
        self.file = file
        self.datasetSlug = datasetSlug
        self.organisationSlug = organisationSlug
        self.title = title
        self.options = options
        self.schema = schema
    }
}

/// The report of a successful load, as printed by `socle ingest --json`.
public struct IngestReport: Codable, Sendable {
    public struct Column: Codable, Sendable {
        public var name: String
        public var label: String
        public var type: ColumnType
        /// How values were read and what they are (semantic format, unit, null markers).
        public var format: ColumnFormat
        public var evidence: Evidence
        /// The personal-data detector's suggestion (to be reviewed before publication).
        public var privacy: PrivacySuggestion?
    }

    /// The inference evidence with its notes rendered in the user's language.
    public struct Evidence: Codable, Sendable {
        public var values: Int
        public var nulls: Int
        public var matches: [String: Int]
        public var counterExamples: [String]
        public var samples: [String]
        public var notes: [String]

        init(_ e: TypeEvidence) {
            values = e.values
            nulls = e.nulls
            matches = e.matches
            counterExamples = e.counterExamples
            samples = e.samples
            notes = e.notes.map { $0.message() }
        }
    }
    public var dataset: String
    public var organisation: String
    public var revision: Int
    public var rows: Int64
    public var format: String
    public var encoding: String?
    public var delimiter: String?
    public var size: Int64
    public var sha256: String
    public var columns: [Column]
    /// Rendered in the user's language.
    public var warnings: [String]
    public var seconds: Double
}

/// Loads a file as a new revision of a dataset: analyse (pass 1), validate against a declared schema,
/// then convert and load (pass 2) in one store transaction.
public struct IngestAction: Sendable {
    public static let defaultOrganisationSlug = "default"
    let store: any SocleStore
    /// Builds the revision's subject index in the load's transaction (nil: no index, e.g. a test's bare load;
    /// the search then indexes the revision when it first needs it).
    let subjects: SubjectIndexer?

    public init(store: any SocleStore, subjects: SubjectIndexer? = nil) {
        self.store = store
        self.subjects = subjects
    }

    /// Loads the file; `actor` is written in the audit log ("system:cli", "user:12"…).
    public func run(_ request: IngestRequest, actor: String = "system:cli",
                    progress: (@Sendable (IngestProgress) -> Void)? = nil) async throws -> IngestReport {
        let started = Date()
        IngestError.registerCatalog()
        let request = try await Self.withNullMarkers(request, store: store)
        try Slug.validate(request.datasetSlug)
        if let org = request.organisationSlug { try Slug.validate(org) }
        guard FileManager.default.isReadableFile(atPath: request.file.path) else {
            throw IngestError.make("file.unreadable", file: request.options.displayName)
        }
        let existing = try await store.dataset(slug: request.datasetSlug)
        var orgSlug = request.organisationSlug ?? Self.defaultOrganisationSlug
        let orgs = try await store.organisations()
        // Catalog rules: a named organisation must exist (unless its creation is asked for), and a dataset
        // of another organisation never receives a revision through a different one.
        if let named = request.organisationSlug {
            let org = orgs.first { $0.slug == named }
            if org == nil, !request.createOrganisation {
                let known = orgs.map(\.slug).sorted().prefix(20).joined(separator: ", ")
                throw SocleError(.notFound, code: "ingest.unknown_organisation", args: ["org": named, "known": known.isEmpty ? "—" : known])
            }
            if let existing, existing.organisationId != org?.id {
                let owner = orgs.first { $0.id == existing.organisationId }?.slug ?? "?"
                throw SocleError(.conflict, code: "ingest.other_organisation",
                                 args: ["dataset": existing.slug, "owner": owner, "org": named])
            }
        }
        if let existing {
            orgSlug = orgs.first { $0.id == existing.organisationId }?.slug ?? orgSlug
        }

        // Hash on another thread while pass 1 reads the file.
        let file = request.file
        let digestTask = Task.detached { try FileDigest.sha256(of: file) }

        var declared: (types: [String: ColumnType], formats: [String: ColumnFormat]) = ([:], [:])
        if let schemaURL = request.schema {
            let schema = try TableSchemaDocument.load(schemaURL)
            let report = try TableSchemaValidator.validate(url: request.file, options: request.options, schema: schema)
            if !report.valid { throw SchemaRefusal(report: report) }
            declared = (schema.typeOverrides, schema.formatOverrides)
        }
        let formats = declared.formats, overrides = request.columnTypes.merging(declared.types) { _, d in d }
        let suggest = request.schema == nil
        // A declared schema also decides how values are written (day-first dates, decimal comma); without one,
        // the load report says which bundled schema the columns look like (stored with the revision's notices).
        let adjust: @Sendable (IngestAnalysis) -> IngestAnalysis = { a in
            var a = a
            for i in a.columns.indices {
                guard let f = formats[a.columns[i].label] else { continue }
                if let d = f.dayFirst { a.columns[i].format.dayFirst = d }
                if let s = f.decimalSeparator { a.columns[i].format.decimalSeparator = s }
            }
            if suggest, let match = SchemaMatcher.suggest(labels: a.columns.filter { !$0.isDerived }.map(\.label)) {
                a.warnings.append(match.notice)
            }
            return a
        }
        let orgName = orgSlug == Self.defaultOrganisationSlug ? "Organisation par défaut" : orgSlug
        let title = request.title ?? existing?.title ?? Self.title(fromFileName: request.options.displayName)
        // The revision, its privacy scan, its audit entry and its job's state commit together (issue 10,
        // finding 6); the scan works on rows sampled as pass 2 converts them (issue 11, point 8).
        let outcome = LoadOutcome(request: request, actor: actor, organisation: orgSlug, started: started)
        if let subjects {
            outcome.hasher = try subjects.hasher()
            if let existing { outcome.reviews = try await PrivacyRecords(store: store).reviews(datasetId: existing.id) }
        }
        func draft(_ a: IngestAnalysis, _ info: SourceFileInfo, _ sampler: RowSampler) -> RevisionDraft {
            var d = RevisionDraft(datasetSlug: request.datasetSlug, datasetTitle: title, organisationSlug: orgSlug,
                                  organisationName: orgName, source: info, columns: a.columns, warnings: a.warnings)
            d.epilogue = outcome.epilogue(sampler)
            d.trace = request.trace
            // The catalog rules (checked above): a new dataset is created by its first load; an organisation
            // only when asked (`--create-org`), or the default one for loads that name none.
            d.mayCreateDataset = existing == nil
            d.mayCreateOrganisation = !orgs.contains { $0.slug == orgSlug }
                && (request.createOrganisation || request.organisationSlug == nil)
            return d
        }
        func info(_ a: IngestAnalysis, _ digest: (size: Int64, hex: String)) -> SourceFileInfo {
            SourceFileInfo(fileName: request.options.displayName, size: digest.size, sha256: digest.hex,
                           format: a.report.format.rawValue, encoding: a.report.encoding, delimiter: a.report.delimiter)
        }
        let t1 = Date()
        let size = (try? FileManager.default.attributesOfItem(atPath: request.file.path)[.size] as? Int64) ?? 0
        var revision: Revision
        let t2: Date
        if size >= SpeculativeLoad.minimumBytes,
           case let prefix = adjust(try Analyzer.analyze(
               reader: PrefixReader(try ReaderFactory.open(request.file, options: request.options), limit: SpeculativeLoad.prefixRows),
               file: request.options.displayName, typeOverrides: overrides, nullMarkers: request.options.nullMarkers)),
           prefix.rowCount >= SpeculativeLoad.prefixRows {
            // Pass 1 on its own thread; pass 2 starts now with the prefix's typing and commits only if they agree.
            let file = request.file, options = request.options
            let background = BackgroundAnalysis {
                try Analyzer.analyze(url: file, options: options, typeOverrides: overrides)
            }
            let digest = try await digestTask.value
            t2 = Date()
            let sampler = RowSampler(columns: prefix.columns, expectedRows: nil)
            let speculative = SpeculativeSource(
                inner: PrefetchingSource(SamplingSource(inner: try ConvertingSource(url: request.file, options: request.options,
                                                                                   analysis: prefix, progress: progress),
                                                        sampler: sampler)),
                speculative: prefix, background: background, adjust: adjust)
            defer { speculative.cancel() }
            do {
                revision = try await store.loadRevision(draft(prefix, info(prefix, digest), sampler), source: speculative)
                Self.trace("speculative load agreed with the whole-file analysis", since: t1, if: request.trace)
            } catch let mismatch as SpeculationMismatch {
                Self.trace("speculative load rolled back: typing changed", since: t1, if: request.trace)
                let analysis = mismatch.final
                let sampler = RowSampler(columns: analysis.columns, expectedRows: analysis.rowCount)
                let converting = try ConvertingSource(url: request.file, options: request.options, analysis: analysis,
                                                      progress: progress)
                let prefetch = PrefetchingSource(SamplingSource(inner: converting, sampler: sampler))
                defer { prefetch.cancel() }
                revision = try await store.loadRevision(draft(analysis, info(analysis, digest), sampler), source: prefetch)
            }
        } else {
            let analysis = adjust(try Analyzer.analyze(url: request.file, options: request.options,
                                                       typeOverrides: overrides, progress: progress))
            Self.trace("pass 1 (analysis)", since: t1, if: request.trace)
            let digest = try await digestTask.value
            t2 = Date()
            let sampler = RowSampler(columns: analysis.columns, expectedRows: analysis.rowCount)
            let converting = try ConvertingSource(url: request.file, options: request.options, analysis: analysis,
                                                  progress: progress)
            let prefetch = PrefetchingSource(SamplingSource(inner: converting, sampler: sampler))
            defer { prefetch.cancel() }
            revision = try await store.loadRevision(draft(analysis, info(analysis, digest), sampler), source: prefetch)
        }
        FaultPoint.hit(FaultPoint.afterLoadCommit)
        Self.trace("pass 2 (convert + store + privacy scan)", since: t2, if: request.trace)
        return outcome.report(revision)
    }

    /// Phase timings on stderr when the request asks (`SOCLE_TRACE=1`, read by the composition root).
    static func trace(_ phase: String, since start: Date, if enabled: Bool) {
        guard enabled else { return }
        FileHandle.standardError.write(Data(String(format: "trace: %@ %.3f s\n", phase, Date().timeIntervalSince(start)).utf8))
    }

    /// "budget_2024-v2.csv" → "budget 2024 v2".
    static func title(fromFileName name: String) -> String {
        let base = (name as NSString).deletingPathExtension
        let t = base.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
        return t.trimmingCharacters(in: .whitespaces).isEmpty ? name : t
    }
}

/// What a load records once its rows are in, computed inside the load's transaction from the revision the
/// store made (its final columns and warnings) and the rows sampled on the way: the privacy scan, the audit
/// entry, the job's result — and, after the commit, the same report for the caller.
final class LoadOutcome: @unchecked Sendable {
    let request: IngestRequest
    let actor: String
    let organisation: String
    let started: Date
    private let lock = NSLock()
    private var scans: [ObjectIdentifier: RevisionScan] = [:]
    private var lastScan: RevisionScan?
    /// The subject index's key, and the column reviews that decide which columns identify a person.
    var hasher: SubjectHasher?
    var reviews: [String: ColumnReview] = [:]

    init(request: IngestRequest, actor: String, organisation: String, started: Date) {
        self.request = request
        self.actor = actor
        self.organisation = organisation
        self.started = started
    }

    func epilogue(_ sampler: RowSampler) -> LoadEpilogue {
        LoadEpilogue(
            documents: { [self] revision in
                let extra = (request.extraDocuments?(revision) ?? []) + SchemaSuggestions.documents(revision, declared: request.schema != nil)
                guard let scan = self.scan(revision, sampler) else { return extra }
                return [DocumentDraft(kind: PrivacyRecords.scanKind, key: String(revision.number), body: StoreSupport.encodeJSON(scan))] + extra
            },
            audit: { [self] revision in
                [AuditEvent(actor: actor, action: "dataset.load", objectType: "dataset", objectId: request.datasetSlug,
                            details: ["revision": String(revision.number), "rows": String(revision.rowCount),
                                      "file": revision.source.fileName, "sha256": revision.source.sha256])]
                    + (request.extraAudit?(revision) ?? [])
            },
            job: request.jobId.map { id in (id, { [self] revision in StoreSupport.encodeJSON(self.report(revision)) }) },
            subjectIndex: subjectIndex(sampler))
    }

    /// The revision's subject-index plan, from the scan of this attempt and the dataset's reviews.
    func subjectIndex(_ sampler: RowSampler) -> (@Sendable (Revision) -> SubjectIndexPlan?)? {
        guard let hasher else { return nil }
        let reviews = self.reviews
        return { [self] (revision: Revision) -> SubjectIndexPlan? in
            let statuses = PrivacyRecords.statuses(revision.columns, scan: self.scan(revision, sampler), reviews: reviews, cleared: false)
            return SubjectColumns(statuses).plan(columns: revision.columns, hasher: hasher)
        }
    }

    /// The detector's verdicts on the sampled rows, once per attempt (a speculative load redone gets a new sampler).
    func scan(_ revision: Revision, _ sampler: RowSampler) -> RevisionScan? {
        guard request.privacyScan else { return nil }
        return lock.withLock {
            if let s = scans[ObjectIdentifier(sampler)] { return s }
            let t = Date()
            let (values, rows) = sampler.sample
            let verdicts = PrivacyScanner().detect(columns: revision.columns, values: values, totalRows: Int(revision.rowCount))
            let s = RevisionScan(revision: revision.number, columns: verdicts, sampledRows: rows,
                                 seconds: Date().timeIntervalSince(t), scannedAt: Date())
            scans[ObjectIdentifier(sampler)] = s
            lastScan = s
            return s
        }
    }

    func report(_ revision: Revision) -> IngestReport {
        let scan = lock.withLock { lastScan }
        let info = revision.source
        return IngestReport(
            dataset: request.datasetSlug, organisation: organisation, revision: revision.number, rows: revision.rowCount,
            format: info.format, encoding: info.encoding, delimiter: info.delimiter, size: info.size, sha256: info.sha256,
            columns: revision.columns.map { c in
                let s = scan?.columns.first { $0.name == c.name }?.suggestion
                return .init(name: c.name, label: c.label, type: c.type, format: c.format, evidence: .init(c.evidence),
                             privacy: s.map { PrivacySuggestion($0) })
            },
            warnings: revision.warnings.map { $0.message() }, seconds: Date().timeIntervalSince(started))
    }
}

/// A load refused because the file does not satisfy its declared Table Schema.
public struct SchemaRefusal: Error, Sendable {
    public var report: ValidationReport
}
