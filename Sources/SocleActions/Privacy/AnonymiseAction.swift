import Foundation
import SocleCore
import SocleIngest
import SoclePrivacy
import SocleStore
import SocleQuery

/// What a reviewer asks for: the transforms of `socle anonymise` (columns by name or header label).
public struct AnonymiseRequest: Sendable {
    public var source: String
    public var into: String
    public var title: String?
    public var drop: [String]
    public var pseudonymise: [String]
    /// `column:month|year|age-band|commune|grid:N`.
    public var generalise: [String]
    /// `column:k` — values seen fewer than k times become empty.
    public var suppressRare: [String]
    public var k: Int?
    public var quasi: [String]
    /// Aggregation: one row per group of these columns, with a count and the sums of `sum`; groups
    /// smaller than `k` (default 5) are suppressed.
    public var aggregateBy: [String]
    public var sum: [String]

    public init(source: String, into: String, title: String? = nil, drop: [String] = [], pseudonymise: [String] = [],
                generalise: [String] = [], suppressRare: [String] = [], k: Int? = nil, quasi: [String] = [],
                aggregateBy: [String] = [], sum: [String] = []) {
        self.aggregateBy = aggregateBy
        self.sum = sum
        self.source = source
        self.into = into
        self.title = title
        self.drop = drop
        self.pseudonymise = pseudonymise
        self.generalise = generalise
        self.suppressRare = suppressRare
        self.k = k
        self.quasi = quasi
    }

    /// The plan for the engine, and its readable form for the lineage.
    func plan() throws -> (AnonymisationPlan, AnonymisationPlanRecord) {
        var steps: [AnonymisationStep] = []
        var text: [String] = []
        for c in drop { steps.append(.drop(column: c)); text.append("drop \(c)") }
        for c in pseudonymise { steps.append(.pseudonymise(column: c)); text.append("pseudonymise \(c)") }
        for g in generalise { steps.append(try .generalise(parsing: g)); text.append("generalise \(g)") }
        for s in suppressRare {
            guard let colon = s.lastIndex(of: ":"), let k = Int(s[s.index(after: colon)...]), k >= 2 else {
                throw SocleError(.invalidInput, code: "anonymise.bad_suppress", args: ["value": String(s.prefix(80))])
            }
            steps.append(.suppressRare(column: String(s[..<colon]), k: k))
            text.append("suppress-rare \(s)")
        }
        if !aggregateBy.isEmpty {
            let kk = k ?? KAnonymityRequirement.defaultK
            steps.append(.aggregate(groupBy: aggregateBy, sum: sum, k: kk))
            text.append("aggregate by \(aggregateBy.joined(separator: ", "))" + (sum.isEmpty ? "" : " sum \(sum.joined(separator: ", "))")
                        + ", groups under \(kk) suppressed")
            if quasi.isEmpty { return (AnonymisationPlan(steps: steps, kAnonymity: nil), AnonymisationPlanRecord(steps: text, k: kk, quasiIdentifiers: [])) }
        }
        var requirement: KAnonymityRequirement?
        if k != nil || !quasi.isEmpty {
            guard !quasi.isEmpty else { throw SocleError(.invalidInput, code: "anonymise.quasi_required") }
            requirement = KAnonymityRequirement(k: k ?? KAnonymityRequirement.defaultK, quasiIdentifiers: quasi)
            text.append("k-anonymity k=\(requirement!.k) over \(quasi.joined(separator: ", "))")
        }
        return (AnonymisationPlan(steps: steps, kAnonymity: requirement),
                AnonymisationPlanRecord(steps: text, k: requirement?.k, quasiIdentifiers: quasi))
    }
}

/// The result of an anonymisation, as the CLI, the API and the wizard show it.
public struct AnonymiseOutcome: Encodable, Sendable {
    public var dataset: String
    public var revision: Int
    public var rowsIn: Int
    public var rowsOut: Int
    public var clearsPersonalData: Bool
    public var smallestGroupSize: Int?
    public var smallestGroupSizeBefore: Int?
    public var checks: [Check]
    public var steps: [String]
    public var publicationBlockers: [String]

    public struct Check: Encodable, Sendable {
        public var passed: Bool
        public var message: String
    }
}

/// Produces a derived dataset from a source dataset's current revision, through the anonymisation
/// engine, loads it as a new dataset of the same organisation and records its lineage. Nothing is
/// created when the engine refuses (k unreachable, unknown column…).
public struct AnonymiseAction: Sendable {
    let store: any SocleStore
    public let keyDirectory: URL
    public init(store: any SocleStore, keyDirectory: URL) {
        self.store = store
        self.keyDirectory = keyDirectory
    }

    /// The source, its revision, the recorded plan and the engine's result: everything but the load.
    struct Computed {
        var source: Dataset
        var revision: Revision
        var record: AnonymisationPlanRecord
        var result: AnonymisationResult
    }

    /// Checks the rights and runs the engine in memory. `existing`: the derived dataset already exists
    /// (a re-run in place) rather than being refused as taken.
    func compute(_ request: AnonymiseRequest, by principal: Principal, existing: Bool = false, checkTarget: Bool = true) async throws -> Computed {
        Anonymiser.registerCatalog()
        if checkTarget { try Slug.validate(request.into) }
        guard let source = try await store.dataset(slug: request.source),
              Permissions.can(principal, .readPrivateDataset, organisationId: source.organisationId, datasetSlug: source.slug) else {
            throw StoreError.notFound("dataset", request.source)
        }
        guard Permissions.can(principal, .publishDataset, organisationId: source.organisationId, datasetSlug: source.slug),
              !checkTarget || Permissions.can(principal, .editDataset, organisationId: source.organisationId, datasetSlug: request.into) else {
            if case .anonymous = principal { throw SocleError(.unauthorized, code: "auth.required") }
            throw SocleError(.forbidden, code: "auth.forbidden")
        }
        if checkTarget, !existing, try await store.dataset(slug: request.into) != nil { throw StoreError.conflict("dataset", request.into) }
        let (plan, record) = try request.plan()
        let privacy = PrivacyActions(store: store)
        guard let (rev, statuses) = try await privacy.statuses(source) else {
            throw SocleError(.notFound, code: "store.no_data", args: ["slug": source.slug])
        }
        // Only a person's review counts: an unreviewed column gets no verdict, and then blocks clearing.
        var verdicts: [String: PrivacyLevel] = [:]
        var categories: [String: DataCategory] = [:]
        for s in statuses {
            if let r = s.review {
                verdicts[s.name] = r.verdict
                if let c = r.category { categories[s.name] = c }
            }
        }
        let cells = Int(rev.rowCount) * max(1, rev.columns.count)
        guard cells <= Anonymiser.maxCells else {
            throw SocleError(.tooLarge, code: "anonymise.too_large", args: ["cells": String(cells), "max": String(Anonymiser.maxCells)])
        }
        let grant = try await ReadPolicy(store: store).grant(source.slug, for: .system("anonymise"))
        let sink = RowCollector()
        _ = try await QueryService(store: store).export(grant, RecordsRequest()) { chunk in await sink.append(chunk) }
        let rows = await sink.rows
        let secret = plan.steps.contains { if case .pseudonymise = $0 { return true } else { return false } }
            ? try PseudonymisationKey(directory: keyDirectory).load() : []
        let result = try Anonymiser.run(plan, on: AnonymisationInput(columns: rev.columns, rows: rows, verdicts: verdicts,
                                                                     categories: categories),
                                        secret: secret, referenceDate: Date())
        return Computed(source: source, revision: rev, record: record, result: result)
    }

    /// What the plan would give, without producing anything: the checks, and what would then block the
    /// derived dataset's publication (the wizard's « Vérifier », `socle anonymise --dry-run`, `"dryRun": true`).
    public func preview(_ request: AnonymiseRequest, by principal: Principal, language: Language = .current) async throws -> AnonymisePreview {
        let c = try await compute(request, by: principal, checkTarget: false)
        let report = c.result.report
        return AnonymisePreview(rowsIn: report.rowsIn, rowsOut: report.rowsOut, clearsPersonalData: report.clearsPersonalData,
                                smallestGroupSize: report.smallestGroupSize,
                                checks: report.checks.map { .init(passed: $0.passed, message: $0.notice.message(language)) },
                                blockers: report.failedChecks.map { LineageBlockers.notice(for: $0, source: c.source.slug) }
                                    .map { .init(code: $0.code, message: $0.message(language)) })
    }

    /// Runs a derived dataset's recorded plan again on its source's current revision and reviews: a new
    /// revision of the derived dataset, with its new lineage (a review made since is taken into account).
    public func rerun(derived slug: String, by principal: Principal, language: Language = .current) async throws -> AnonymiseOutcome {
        guard let derived = try await store.dataset(slug: slug),
              Permissions.can(principal, .readPrivateDataset, organisationId: derived.organisationId, datasetSlug: derived.slug) else {
            throw StoreError.notFound("dataset", slug)
        }
        guard let lineage = try await PrivacyRecords(store: store).lineage(datasetId: derived.id) else {
            throw SocleError(.invalidInput, code: "anonymise.not_derived", args: ["slug": slug])
        }
        return try await run(AnonymiseRequest(rerunning: lineage, into: derived.slug), by: principal, language: language, inPlace: true)
    }

    public func run(_ request: AnonymiseRequest, by principal: Principal, language: Language = .current) async throws -> AnonymiseOutcome {
        try await run(request, by: principal, language: language, inPlace: false)
    }

    func run(_ request: AnonymiseRequest, by principal: Principal, language: Language, inPlace: Bool) async throws -> AnonymiseOutcome {
        let computed = try await compute(request, by: principal, existing: inPlace)
        let source = computed.source, rev = computed.revision, record = computed.record, result = computed.result

        // Load the derived table through the ordinary pipeline: a CSV written from the result.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("socle-anon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("\(request.into).csv")
        try DerivedTable.csv(columns: result.columns, rows: result.rows).write(to: file)
        var m = try await store.metadata(datasetId: source.id)
        m.classification = result.report.clearsPersonalData ? .public : .personal
        m.status = .declared
        m.processingActivity = nil
        let derived: Dataset
        if inPlace, let existing = try await store.dataset(slug: request.into) {
            // The derived dataset keeps its own metadata; only its classification follows the new checks.
            var own = try await store.metadata(datasetId: existing.id)
            own.classification = m.classification
            try await store.updateDataset(datasetId: existing.id, title: existing.title, metadata: own)
            derived = existing
        } else {
            let orgs = try await store.organisations()
            let org = orgs.first { $0.id == source.organisationId }
            let title = request.title ?? (source.title + " (anonymisé)")
            derived = try await CatalogActions(store: store).declare(slug: request.into, title: title, organisation: org ?? Organisation(id: source.organisationId, slug: "?", name: "?"),
                                                                    metadata: m, by: principal)
        }
        // The derived revision, its lineage and the audit entry of the anonymisation commit together.
        var ingest = IngestRequest(file: file, datasetSlug: derived.slug,
                                   options: ReaderOptions(displayName: file.lastPathComponent, encoding: "utf-8", delimiter: ","))
        let lineageFor: @Sendable (Revision) -> DatasetLineage = { revision in
            DatasetLineage(revision: revision.number, sourceDataset: source.slug, sourceRevision: rev.number, plan: record,
                           report: StoreSupport.encodeJSON(result.report), clearsPersonalData: result.report.clearsPersonalData,
                           createdBy: principal.auditName, createdAt: Date())
        }
        ingest.extraDocuments = { revision in [PrivacyRecords.lineageDocument(lineageFor(revision))] }
        let auditDetails = ["source": source.slug, "source_revision": String(rev.number), "steps": record.steps.joined(separator: "; "),
                            "clears": result.report.clearsPersonalData ? "true" : "false",
                            "smallest_group": result.report.smallestGroupSize.map(String.init) ?? "",
                            "rerun": inPlace ? "true" : "false"]
        let actor = principal.auditName, derivedSlug = derived.slug
        ingest.extraAudit = { _ in
            [AuditEvent(actor: actor, action: "dataset.anonymise", objectType: "dataset", objectId: derivedSlug, details: auditDetails)]
        }
        let report = try await IngestAction(store: store, subjects: SubjectIndexer(directory: keyDirectory)).run(ingest, actor: principal.auditName)
        FaultPoint.hit(FaultPoint.afterAnonymiseLoad)
        let fresh = try await store.dataset(slug: derived.slug) ?? derived
        let blockers = try await CatalogActions(store: store).publicationBlockers(fresh).map { $0.message(language) }
        return AnonymiseOutcome(dataset: derived.slug, revision: report.revision, rowsIn: result.report.rowsIn,
                                rowsOut: result.report.rowsOut, clearsPersonalData: result.report.clearsPersonalData,
                                smallestGroupSize: result.report.smallestGroupSize,
                                smallestGroupSizeBefore: result.report.smallestGroupSizeBefore,
                                checks: result.report.checks.map { .init(passed: $0.passed, message: $0.notice.message(language)) },
                                steps: record.steps, publicationBlockers: blockers)
    }
}

/// What an anonymisation would give, computed without producing anything.
public struct AnonymisePreview: Encodable, Sendable {
    public var rowsIn: Int
    public var rowsOut: Int
    public var clearsPersonalData: Bool
    public var smallestGroupSize: Int?
    public var checks: [AnonymiseOutcome.Check]
    /// What would block the derived dataset's publication, with the gate's codes.
    public var blockers: [Blocker]

    public struct Blocker: Encodable, Sendable {
        public var code: String
        public var message: String
    }
}

/// The lineage's report rendered for pages.
public struct AnonymisationSummary: Sendable {
    public var checks: [(text: String, passed: Bool)]
    public var smallestGroup: Int?

    public init(_ lineage: DatasetLineage, language: Language) {
        Anonymiser.registerCatalog()
        let report = try? StoreSupport.decodeJSON(AnonymisationReport.self, lineage.report)
        checks = report?.checks.map { ($0.notice.message(language), $0.passed) } ?? []
        smallestGroup = report?.smallestGroupSize
    }
}

/// Rows streamed from the store, gathered for the in-memory engine.
actor RowCollector {
    var rows: [[CellValue]] = []
    func append(_ chunk: [[CellValue]]) { rows.append(contentsOf: chunk) }
}

/// The derived table written as a plain CSV for the ordinary load pipeline.
enum DerivedTable {
    static func csv(columns: [ColumnSchema], rows: [[CellValue]]) -> Data {
        var out = columns.map { field($0.label.isEmpty ? $0.name : $0.label) }.joined(separator: ",") + "\r\n"
        for r in rows {
            out += columns.indices.map { i in i < r.count ? (r[i].text.map(field) ?? "") : "" }.joined(separator: ",") + "\r\n"
        }
        return Data(out.utf8)
    }

    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || s.hasPrefix(" ") || s.hasSuffix(" ") else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
