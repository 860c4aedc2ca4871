import Foundation
import SocleCore
import SocleIngest
import SocleQuery
import SocleStore

/// A bundled schema as `socle schemas list` and `GET /api/v1/schemas` show it.
public struct SchemaSummary: Codable, Sendable, Equatable {
    public var name: String
    public var title: String
    public var version: String?
    public var fields: Int
    public var requiredFields: Int
    /// Old column names this schema's suggestion recognises.
    public var aliases: [SchemaAlias]
}

/// The result of mapping a dataset's columns to its suggested schema's names.
public struct ApplySchemaOutcome: Codable, Sendable {
    public var dataset: String
    public var schema: String
    public var previousRevision: Int
    public var revision: Int
    public var renamed: [SchemaMatch.Rename]
}

/// Where a load's schema suggestion is kept: a dataset document per revision (no migration: the table
/// `dataset_documents` holds the privacy scans the same way), written in the load's transaction.
enum SchemaSuggestions {
    static let kind = "schema-suggestion"

    static func documents(_ revision: Revision, declared: Bool) -> [DocumentDraft] {
        guard !declared, let match = SchemaMatcher.suggest(labels: revision.columns.filter { !$0.isDerived }.map(\.label)) else { return [] }
        return [DocumentDraft(kind: kind, key: String(revision.number), body: StoreSupport.encodeJSON(match))]
    }
}

/// The schema use cases shared by the CLI, the API and the dataset page: list the bundled schemas, show a
/// dataset's suggestion, validate its current revision against a schema, rename its columns to the schema's.
public struct SchemaActions: Sendable {
    let store: any SocleStore
    /// Indexes the new revision's identifiers in its own transaction, as any load does.
    let subjects: SubjectIndexer?

    public init(store: any SocleStore, subjects: SubjectIndexer? = nil) {
        self.store = store
        self.subjects = subjects
    }

    public static func list() -> [SchemaSummary] {
        BundledSchemas.all.map { s in
            SchemaSummary(name: s.name, title: s.title, version: s.version, fields: s.document.fields.count,
                          requiredFields: s.document.fields.filter(\.constraints.required).count, aliases: s.aliases)
        }
    }

    /// The suggestion stored with the dataset's current revision (members only: the page's panel); nil when
    /// its columns match no bundled schema. A revision loaded before suggestions existed is matched now.
    public func suggestion(slug: String, by principal: Principal) async throws -> (grant: ReadGrant, match: SchemaMatch?) {
        let grant = try await memberGrant(slug, by: principal, .readPrivateDataset)
        let rev = grant.revision
        if let body = try await store.document(datasetId: grant.dataset.id, kind: SchemaSuggestions.kind, key: String(rev.number)),
           let match = try? StoreSupport.decodeJSON(SchemaMatch.self, body) {
            return (grant, match)
        }
        return (grant, SchemaMatcher.suggest(labels: rev.columns.filter { !$0.isDerived }.map(\.label)))
    }

    /// Validates the current revision's stored rows against a bundled schema (`NAME` or `scdl:NAME`).
    /// The uploaded file is not kept, so the values checked are the stored ones, labelled with the
    /// columns' original labels: dates as ISO `YYYY-MM-DD`, numbers with a decimal point, booleans as
    /// `true`/`false`, text and codes exactly as loaded (see docs/ingestion.md, "Schema suggestion").
    public func validate(slug: String, schema name: String, by principal: Principal) async throws -> ValidationReport {
        let schema = try Self.bundled(name).document
        let grant = try await memberGrant(slug, by: principal, .readPrivateDataset)
        let labels = grant.columns.map(\.label)
        // Points are stored `lat,lon`: each is shown to the check in the form its field declares.
        let fields = Dictionary(schema.fields.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let points = grant.columns.map { c -> String? in
            guard c.type == .geopoint, let f = fields[c.label], f.type == .geopoint else { return nil }
            return f.format
        }
        let sink = try ValidationSink(schema: schema, labels: labels, pointFormats: points)
        _ = try await QueryService(store: store).export(grant, RecordsRequest()) { rows in await sink.check(rows) }
        return await sink.finish()
    }

    /// Makes a new revision whose columns carry the suggested schema's field names (the renamed and folded
    /// matches); types and values are those of the current revision, which stays in the history. Refused,
    /// nothing changed, when the dataset has no suggestion, nothing to rename, or two columns claim one field.
    public func apply(slug: String, schema requested: String? = nil, by principal: Principal) async throws -> ApplySchemaOutcome {
        let (grant, suggested) = try await suggestion(slug: slug, by: principal)
        guard Permissions.can(principal, .editDataset, organisationId: grant.dataset.organisationId, datasetSlug: slug) else {
            throw SocleError(.forbidden, code: "auth.forbidden")
        }
        let match: SchemaMatch
        if let requested {
            let schema = try Self.bundled(requested)
            match = SchemaMatcher.match(labels: grant.revision.columns.filter { !$0.isDerived }.map(\.label), schema: schema)
            guard match.suggested || suggested?.schema == schema.name else {
                throw SocleError(.conflict, code: "schema.apply.not_matching",
                                 args: ["dataset": slug, "schema": schema.name])
            }
        } else {
            guard let suggested else { throw SocleError(.conflict, code: "schema.apply.no_suggestion", args: ["dataset": slug]) }
            match = suggested
        }
        if let a = match.ambiguous.first {
            throw SocleError(.conflict, code: "schema.apply.ambiguous",
                             args: ["dataset": slug, "field": a.field, "columns": a.columns.map { "« \($0) »" }.joined(separator: ", ")])
        }
        let mapping = match.mapping
        guard !mapping.isEmpty else {
            throw SocleError(.conflict, code: "schema.apply.nothing", args: ["dataset": slug, "schema": match.schema])
        }
        let rev = grant.revision
        let sink = RowCollector()
        let exported = try await QueryService(store: store).export(grant, RecordsRequest()) { await sink.append($0) }
        let byName = Dictionary(rev.columns.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        // The file's own columns only: a derived geopoint is made again by the reload.
        let kept = exported.columns.indices.filter { byName[exported.columns[$0]].map { !$0.isDerived } ?? false }
        let columns = kept.map { i -> ColumnSchema in
            var c = byName[exported.columns[i]]!
            if let field = mapping[c.label] { c.label = field }
            return c
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("socle-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("\(slug).csv")
        try DerivedTable.csv(columns: columns, rows: await sink.rows.map { r in kept.map { $0 < r.count ? r[$0] : CellValue.null } }).write(to: file)
        // The reload keeps every type (imposed by the new labels) and the dataset's null markers; the revision
        // shows the original file's name (its recorded format is CSV, what was reloaded).
        var ingest = IngestRequest(file: file, datasetSlug: slug,
                                   options: ReaderOptions(displayName: rev.source.fileName.isEmpty ? file.lastPathComponent : rev.source.fileName,
                                                          encoding: "utf-8", delimiter: ",", format: .csv))
        ingest.options.headerRow = 1
        ingest.columnTypes = Dictionary(columns.map { ($0.label, $0.type) }, uniquingKeysWith: { a, _ in a })
        let details = ["schema": match.schema, "version": match.version ?? "", "source_revision": String(rev.number),
                       "renamed": match.renamed.map { "\($0.column) → \($0.field)" }.joined(separator: "; ")]
        let actor = principal.auditName
        ingest.extraAudit = { _ in
            [AuditEvent(actor: actor, action: "dataset.apply_schema", objectType: "dataset", objectId: slug, details: details)]
        }
        let report = try await IngestAction(store: store, subjects: subjects).run(ingest, actor: actor)
        return ApplySchemaOutcome(dataset: slug, schema: match.schema, previousRevision: rev.number,
                                  revision: report.revision, renamed: match.renamed)
    }

    static func bundled(_ name: String) throws -> BundledSchema {
        let bare = name.hasPrefix(BundledSchemas.prefix) ? String(name.dropFirst(BundledSchemas.prefix.count)) : name
        guard let s = BundledSchemas.named(bare) else { throw BundledSchemas.unknown(bare) }
        return s
    }

    /// The full grant (every column) for a member who may `permission` the dataset; others get `notFound`.
    private func memberGrant(_ slug: String, by principal: Principal, _ permission: Permission) async throws -> ReadGrant {
        ActionStrings.register()
        guard let d = try await store.dataset(slug: slug),
              Permissions.can(principal, permission, organisationId: d.organisationId, datasetSlug: slug) else {
            throw StoreError.notFound("dataset", slug)
        }
        return try await ReadPolicy(store: store).grant(slug, for: .system("schema"))
    }
}

/// Checks exported rows against a schema as they stream, as text rows with the original labels.
actor ValidationSink {
    private let session: TableSchemaValidation
    private let width: Int
    private var line = 1
    /// Per column, the declared geopoint format (`array`, `object`, `default`) of a stored `lat,lon` point.
    private let pointFormats: [String?]

    init(schema: TableSchemaDocument, labels: [String], pointFormats: [String?] = []) throws {
        session = try TableSchemaValidation(schema: schema)
        session.updateLabels(labels)
        width = labels.count
        self.pointFormats = pointFormats
    }

    /// A stored `lat,lon` written as Table Schema's geopoint `format` wants it: `[lon,lat]`,
    /// `{"lon": …, "lat": …}`, or `lon,lat` (the default).
    static func point(_ text: String, format: String) -> String {
        let parts = text.split(separator: ",", maxSplits: 1)
        guard parts.count == 2 else { return text }
        let (lat, lon) = (parts[0], parts[1])
        switch format {
        case "array": return "[\(lon),\(lat)]"
        case "object": return "{\"lon\": \(lon), \"lat\": \(lat)}"
        default: return "\(lon),\(lat)"
        }
    }

    func check(_ rows: [[CellValue]]) {
        var batch = RawBatch(columnCount: width, capacityRows: rows.count)
        for r in rows {
            for i in 0..<width {
                let text = i < r.count ? r[i].text : nil
                if let t = text, i < pointFormats.count, let f = pointFormats[i] {
                    batch.appendField(Self.point(t, format: f))
                } else {
                    batch.appendField(text)
                }
            }
            line += 1
            batch.endRow(line: line)
        }
        session.check(batch)
    }

    func finish() -> ValidationReport { session.finish() }
}
