import Foundation
import SocleCore
import SoclePrivacy
import SocleStore

/// One record of the register with where it stands.
/// What a register record holds, by kind.
public protocol RegisterBody: Codable, Sendable, Equatable {
    static var registerKind: String { get }
}

extension ProcessingActivity: RegisterBody { public static let registerKind = "activity" }
extension Processor: RegisterBody { public static let registerKind = "processor" }
extension ProtectiveMeasure: RegisterBody { public static let registerKind = "measure" }

public struct RegisterEntry<Body: RegisterBody>: Sendable, Equatable {
    public var id: Int64
    public var organisation: Organisation
    public var archived: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var body: Body
}

public typealias ActivityEntry = RegisterEntry<ProcessingActivity>
public typealias ProcessorEntry = RegisterEntry<Processor>
public typealias MeasureEntry = RegisterEntry<ProtectiveMeasure>

/// A column the DPO could link to an activity: its confirmed classification falls in one of the
/// activity's data categories.
public struct LinkProposal: Sendable, Equatable {
    public var dataset: String
    public var datasetTitle: String
    public var column: String
    public var label: String
    public var category: DataCategory
}

/// A dataset an activity's data lives in, as the activity page shows it.
public struct LinkedDataset: Sendable, Equatable, Encodable {
    public struct Column: Sendable, Equatable, Encodable {
        public var name: String
        public var label: String
        /// The level that applies now (review, else suggestion); nil when the column is gone.
        public var level: PrivacyLevel?
        public var category: DataCategory?
        /// The column is readable by anyone in the published revision: for personal data this must not happen.
        public var publiclyVisible: Bool
    }
    public var slug: String
    public var title: String
    public var rows: Int64
    public var publishedRevision: Int?
    public var columns: [Column]
    /// Columns linked as holding the activity's personal data that anyone can read in the open data.
    public var exposed: [String] { columns.filter(\.publiclyVisible).map(\.name) }

    enum CodingKeys: String, CodingKey { case slug, title, rows, publishedRevision, columns, exposed }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(slug, forKey: .slug)
        try c.encode(title, forKey: .title)
        try c.encode(rows, forKey: .rows)
        try c.encodeIfPresent(publishedRevision, forKey: .publishedRevision)
        try c.encode(columns, forKey: .columns)
        try c.encode(exposed, forKey: .exposed)
    }
}

/// The register of processing activities, with its processors and its action plan, per organisation:
/// every member reads it, the DPO (or an admin) changes it, every change is audited in the same
/// transaction. The public register shows the activities marked public, never the drafts or archived ones.
public struct RegisterActions: Sendable {
    static let activityKind = ProcessingActivity.registerKind
    static let processorKind = Processor.registerKind
    static let measureKind = ProtectiveMeasure.registerKind
    static let maxText = 5_000
    static let maxItems = 200

    let store: any SocleStore
    let policy: ReadPolicy
    let privacy: PrivacyActions
    public init(store: any SocleStore, policy: ReadPolicy, privacy: PrivacyActions) {
        self.store = store
        self.policy = policy
        self.privacy = privacy
    }

    // MARK: organisations

    /// Organisations whose register the principal may read (or change, with `.editRegister`).
    public func organisations(_ principal: Principal, _ permission: Permission = .readRegister) async throws -> [Organisation] {
        try await store.organisations().filter { Permissions.can(principal, permission, organisationId: $0.id) }
    }

    func organisation(_ slug: String, _ principal: Principal, _ permission: Permission) async throws -> Organisation {
        guard let o = try await store.organisation(slug: slug) else {
            throw SocleError(.notFound, code: "register.unknown_organisation", args: ["slug": String(slug.prefix(64))])
        }
        guard Permissions.can(principal, permission, organisationId: o.id) else {
            throw principal == .anonymous ? SocleError(.unauthorized, code: "auth.required") : SocleError(.forbidden, code: "auth.forbidden")
        }
        return o
    }

    // MARK: activities

    /// The activities of the organisations the principal reads (or of one of them), archived ones on request.
    public func activities(_ principal: Principal, organisation: String? = nil, includeArchived: Bool = false) async throws -> [ActivityEntry] {
        try await entries(principal, organisation: organisation, includeArchived: includeArchived)
    }

    public func activity(_ id: Int64, _ principal: Principal) async throws -> ActivityEntry {
        try await entry(id, principal, .readRegister)
    }

    /// Records a new activity (a draft unless complete); audited.
    public func createActivity(_ activity: ProcessingActivity, organisation slug: String, by principal: Principal) async throws -> ActivityEntry {
        let org = try await organisation(slug, principal, .editRegister)
        let clean = try await validated(activity, in: org, previous: nil, by: principal)
        return try await create(clean, in: org, action: "register.activity.create", by: principal)
    }

    /// Replaces an activity's fields; audited.
    public func updateActivity(_ id: Int64, _ activity: ProcessingActivity, by principal: Principal) async throws -> ActivityEntry {
        let current = try await entry(id, principal, .editRegister) as ActivityEntry
        let clean = try await validated(activity, in: current.organisation, previous: current.body, by: principal)
        return try await update(current, body: clean, archived: current.archived, action: "register.activity.update", by: principal)
    }

    /// Replaces an activity's fields from a JSON document (an API body, a file): the links to datasets, the
    /// processors and the DPIA record it does not mention are kept (they are managed on their own).
    public func updateActivity(_ id: Int64, json data: Data, source: String, by principal: Principal) async throws -> ActivityEntry {
        struct Mentioned: Decodable {
            var links: [DatasetLink]?
            var processors: [Int64]?
            var dpia: DPIAScreening?
        }
        var body = try JSONInput.decode(ProcessingActivity.self, from: data, source: source)
        let mentioned = try JSONInput.decode(Mentioned.self, from: data, source: source)
        let current = try await entry(id, principal, .editRegister) as ActivityEntry
        if mentioned.links == nil { body.links = current.body.links }
        if mentioned.processors == nil { body.processors = current.body.processors }
        if mentioned.dpia == nil { body.dpia = current.body.dpia }
        return try await updateActivity(id, body, by: principal)
    }

    /// Archives (or restores) an activity: it leaves the lists and the public register, and stays readable.
    public func archiveActivity(_ id: Int64, archived: Bool = true, by principal: Principal) async throws -> ActivityEntry {
        let current = try await entry(id, principal, .editRegister) as ActivityEntry
        return try await update(current, body: current.body, archived: archived,
                                action: archived ? "register.activity.archive" : "register.activity.restore", by: principal)
    }

    /// Copies an activity into other organisations where the principal keeps the register (a shared DPO's
    /// template): a draft in each, without the links to datasets or processors, which belong to the source.
    public func duplicateActivity(_ id: Int64, into slugs: [String], by principal: Principal) async throws -> [ActivityEntry] {
        let source = try await entry(id, principal, .readRegister) as ActivityEntry
        if slugs.isEmpty { throw SocleError(.invalidInput, code: "server.field_required", args: ["field": "organisations"]) }
        var targets: [Organisation] = []
        for slug in Set(slugs).sorted() { targets.append(try await organisation(slug, principal, .editRegister)) }
        var copy = source.body
        copy.status = .draft
        copy.links = []
        copy.processors = []
        copy.service = nil
        copy.template = "\(source.organisation.slug)/\(source.id)"
        var out: [ActivityEntry] = []
        for org in targets {
            out.append(try await create(copy, in: org, action: "register.activity.duplicate", by: principal,
                                        details: ["from": String(source.id)]))
        }
        return out
    }

    // MARK: links to the data

    /// Columns of the organisation's datasets whose confirmed classification is personal and falls in one
    /// of the activity's categories, not linked yet.
    public func proposals(_ id: Int64, _ principal: Principal) async throws -> [LinkProposal] {
        let a = try await activity(id, principal)
        let wanted = Set(a.body.categories)
        let linked = Set(a.body.links.map { "\($0.dataset)\u{0}\($0.column)" })
        var out: [LinkProposal] = []
        for d in try await store.datasets() where d.organisationId == a.organisation.id {
            guard let (_, columns) = try await privacy.statuses(d) else { continue }
            for c in columns {
                guard let review = c.review, review.verdict != .public, let category = review.category, wanted.contains(category),
                      !linked.contains("\(d.slug)\u{0}\(c.name)") else { continue }
                out.append(LinkProposal(dataset: d.slug, datasetTitle: d.title, column: c.name, label: c.label, category: category))
            }
        }
        return out
    }

    /// Confirms links from the activity to columns (`dataset`, `column`) of its organisation's datasets, or
    /// removes them (`remove`); audited.
    public func setLinks(_ id: Int64, add: [(dataset: String, column: String)], remove: [(dataset: String, column: String)] = [],
                         by principal: Principal) async throws -> ActivityEntry {
        let current = try await entry(id, principal, .editRegister) as ActivityEntry
        var body = current.body
        let removed = Set(remove.map { "\($0.dataset)\u{0}\($0.column)" })
        body.links.removeAll { removed.contains("\($0.dataset)\u{0}\($0.column)") }
        let now = Date()
        for (slug, column) in add {
            let (d, rev) = try await ownDataset(slug, in: current.organisation)
            guard let c = rev.columns.first(where: { $0.name == column || $0.label == column }) else {
                throw SocleError(.invalidInput, code: "register.unknown_column",
                                 args: ["dataset": d.slug, "column": String(column.prefix(80)),
                                        "known": rev.columns.map(\.name).joined(separator: ", ")])
            }
            if body.links.contains(where: { $0.dataset == d.slug && $0.column == c.name }) { continue }
            body.links.append(DatasetLink(dataset: d.slug, column: c.name, confirmedBy: principal.displayName, confirmedAt: now))
        }
        if body.links.count > Self.maxItems { throw tooMany("links") }
        return try await update(current, body: body, archived: current.archived, action: "register.activity.links", by: principal,
                                details: ["added": String(add.count), "removed": String(remove.count)])
    }

    /// `dataset:column`, as the CLI and the portal's forms name a column to link.
    public static func columnRef(_ value: String) throws -> (dataset: String, column: String) {
        guard let i = value.firstIndex(of: ":"), i != value.startIndex, value.index(after: i) != value.endIndex else {
            throw SocleError(.invalidInput, code: "register.bad_column_ref", args: ["value": String(value.prefix(80))])
        }
        return (String(value[..<i]), String(value[value.index(after: i)...]))
    }

    /// The datasets an activity's data lives in, with row counts, publication and what the public can read.
    public func linkedDatasets(_ a: ActivityEntry) async throws -> [LinkedDataset] {
        var bySlug: [String: [DatasetLink]] = [:]
        for l in a.body.links { bySlug[l.dataset, default: []].append(l) }
        var out: [LinkedDataset] = []
        for slug in bySlug.keys.sorted() {
            guard let d = try await store.dataset(slug: slug) else { continue }
            let statuses = try await privacy.statuses(d)
            let published = try await store.publishedRevision(datasetId: d.id)
            let publicColumns = Set((try await policy.grant(d, for: .anonymous))?.columns.map(\.name) ?? [])
            let columns = bySlug[slug]!.map { link -> LinkedDataset.Column in
                let s = statuses?.columns.first { $0.name == link.column }
                return LinkedDataset.Column(name: link.column, label: s?.label ?? link.column, level: s?.effective,
                                            category: s?.effectiveCategory, publiclyVisible: publicColumns.contains(link.column))
            }
            out.append(LinkedDataset(slug: d.slug, title: d.title, rows: statuses?.revision.rowCount ?? 0,
                                     publishedRevision: published, columns: columns))
        }
        return out
    }

    /// The activities whose links point at a dataset (for the dataset's page), with the linked columns;
    /// only those the principal may read.
    public func activitiesServing(_ dataset: Dataset, _ principal: Principal) async throws -> [(activity: ActivityEntry, columns: [String])] {
        guard Permissions.can(principal, .readRegister, organisationId: dataset.organisationId) else { return [] }
        return try await entries(principal, organisationIds: [dataset.organisationId], includeArchived: false)
            .compactMap { (a: ActivityEntry) in
                let columns = a.body.links.filter { $0.dataset == dataset.slug }.map(\.column)
                return columns.isEmpty ? nil : (a, columns)
            }
    }

    // MARK: the public register

    /// What anyone may read: activities marked public, not drafts, not archived (of one organisation or all).
    public func publicActivities(organisation slug: String? = nil) async throws -> [ActivityEntry] {
        var ids: [Int64]?
        if let slug {
            guard let o = try await store.organisation(slug: slug) else {
                throw SocleError(.notFound, code: "register.unknown_organisation", args: ["slug": String(slug.prefix(64))])
            }
            ids = [o.id]
        }
        return try await entries(.system("public-register"), organisationIds: ids, includeArchived: false)
            .filter { $0.body.isPublic && $0.body.status != .draft }
    }

    // MARK: processors and measures

    public func processors(_ principal: Principal, organisation: String? = nil, includeArchived: Bool = false) async throws -> [ProcessorEntry] {
        try await entries(principal, organisation: organisation, includeArchived: includeArchived)
    }

    public func processor(_ id: Int64, _ principal: Principal) async throws -> ProcessorEntry {
        try await entry(id, principal, .readRegister)
    }

    public func createProcessor(_ p: Processor, organisation slug: String, by principal: Principal) async throws -> ProcessorEntry {
        let org = try await organisation(slug, principal, .editRegister)
        return try await create(try validated(p), in: org, action: "register.processor.create", by: principal)
    }

    public func updateProcessor(_ id: Int64, _ p: Processor, archived: Bool? = nil, by principal: Principal) async throws -> ProcessorEntry {
        let current = try await entry(id, principal, .editRegister) as ProcessorEntry
        return try await update(current, body: try validated(p), archived: archived ?? current.archived, action: "register.processor.update", by: principal)
    }

    public func measures(_ principal: Principal, organisation: String? = nil, includeArchived: Bool = false) async throws -> [MeasureEntry] {
        try await entries(principal, organisation: organisation, includeArchived: includeArchived)
    }

    public func measure(_ id: Int64, _ principal: Principal) async throws -> MeasureEntry {
        try await entry(id, principal, .readRegister)
    }

    public func createMeasure(_ m: ProtectiveMeasure, organisation slug: String, by principal: Principal) async throws -> MeasureEntry {
        let org = try await organisation(slug, principal, .editRegister)
        return try await create(try await validated(m, in: org), in: org, action: "register.measure.create", by: principal)
    }

    public func updateMeasure(_ id: Int64, _ m: ProtectiveMeasure, archived: Bool? = nil, by principal: Principal) async throws -> MeasureEntry {
        let current = try await entry(id, principal, .editRegister) as MeasureEntry
        return try await update(current, body: try await validated(m, in: current.organisation), archived: archived ?? current.archived,
                                action: "register.measure.update", by: principal)
    }

    // MARK: storage

    func entries<B>(_ principal: Principal, organisation slug: String? = nil, organisationIds: [Int64]? = nil,
                    includeArchived: Bool) async throws -> [RegisterEntry<B>] {
        let orgs = Dictionary(uniqueKeysWithValues: try await store.organisations().map { ($0.id, $0) })
        var ids = organisationIds ?? orgs.values.filter { Permissions.can(principal, .readRegister, organisationId: $0.id) }.map(\.id)
        if let slug {
            let o = try await organisation(slug, principal, .readRegister)
            ids = [o.id]
        }
        return try await store.registerRecords(kind: B.registerKind, organisationIds: ids).compactMap { r in
            guard includeArchived || !r.archived, let o = orgs[r.organisationId] else { return nil }
            return try decode(r, o)
        }
    }

    func entry<B>(_ id: Int64, _ principal: Principal, _ permission: Permission) async throws -> RegisterEntry<B> {
        guard let r = try await store.registerRecord(id: id), r.kind == B.registerKind,
              Permissions.can(principal, .readRegister, organisationId: r.organisationId) else {
            // Unknown and unreadable look the same: ids say nothing of other organisations' registers.
            throw SocleError(.notFound, code: "register.not_found", args: ["id": String(id)])
        }
        if !Permissions.can(principal, permission, organisationId: r.organisationId) {
            throw SocleError(.forbidden, code: "auth.forbidden")
        }
        return try decode(r, try await policy.organisation(id: r.organisationId))
    }

    func decode<B>(_ r: RegisterRecord, _ o: Organisation) throws -> RegisterEntry<B> {
        RegisterEntry(id: r.id, organisation: o, archived: r.archived, createdAt: r.createdAt, updatedAt: r.updatedAt,
                      body: try StoreSupport.decodeJSON(B.self, r.body))
    }

    func create<B>(_ body: B, in org: Organisation, action: String, by principal: Principal,
                   details: [String: String] = [:]) async throws -> RegisterEntry<B> {
        var d = details
        d["organisation"] = org.slug
        let event = AuditEvent(actor: principal.auditName, action: action, objectType: "register.\(B.registerKind)", objectId: "", details: d)
        let r = try await store.createRegisterRecord(organisationId: org.id, kind: B.registerKind, body: StoreSupport.encodeJSON(body), audit: event)
        return try decode(r, org)
    }

    func update<B>(_ current: RegisterEntry<B>, body: B, archived: Bool, action: String, by principal: Principal,
                   details: [String: String] = [:]) async throws -> RegisterEntry<B> {
        var d = details
        d["organisation"] = current.organisation.slug
        let event = AuditEvent(actor: principal.auditName, action: action, objectType: "register.\(B.registerKind)", objectId: String(current.id), details: d)
        let r = try await store.updateRegisterRecord(id: current.id, body: StoreSupport.encodeJSON(body), archived: archived, audit: event)
        return try decode(r, current.organisation)
    }

    func ownDataset(_ slug: String, in org: Organisation) async throws -> (Dataset, Revision) {
        guard let d = try await store.dataset(slug: slug), d.organisationId == org.id else {
            throw SocleError(.invalidInput, code: "register.unknown_dataset", args: ["dataset": String(slug.prefix(64)), "organisation": org.name])
        }
        guard let n = d.currentRevision, let rev = try await store.revision(datasetId: d.id, number: n) else {
            throw SocleError(.notFound, code: "store.no_data", args: ["slug": d.slug])
        }
        return (d, rev)
    }

    // MARK: validation

    func validated(_ a: ProcessingActivity, in org: Organisation, previous: ProcessingActivity?, by principal: Principal) async throws -> ProcessingActivity {
        var a = a
        a.name = try text(a.name, "name", max: 200, required: true)
        a.purpose = try text(a.purpose, "purpose")
        a.subPurposes = try a.subPurposes.map { try text($0, "subPurposes", max: 500) }.filter { !$0.isEmpty }
        a.software = try optionalText(a.software, "software", max: 200)
        a.legitimateInterest = try optionalText(a.legitimateInterest, "legitimateInterest")
        a.otherSecurity = try optionalText(a.otherSecurity, "otherSecurity")
        for (c, field) in [(a.controller, "controller"), (a.jointController, "jointController"), (a.dpo, "dpo")] {
            if let c { _ = try text(c.name, field, max: 200); _ = try optionalText(c.contact, field, max: 200) }
        }
        for r in a.recipients { _ = try text(r.name, "recipients", max: 200, required: true) }
        for t in a.transfers { _ = try text(t.country, "transfers", max: 100, required: true) }
        if let n = a.estimatedPeople, n < 0 {
            throw SocleError(.invalidInput, code: "register.bad_number", args: ["field": "estimatedPeople", "value": String(n)])
        }
        for r in a.retention {
            guard ISODuration.isValid(r.duration) else {
                throw SocleError(.invalidInput, code: "register.bad_duration", args: ["value": String(r.duration.prefix(40))])
            }
            _ = try text(r.startEvent, "retention", max: 200, required: true)
            _ = try optionalText(r.legalSource, "retention", max: 500)
        }
        a.retention = try await validatedDateColumns(a.retention, in: org)
        for (count, field) in [(a.subPurposes.count, "subPurposes"), (a.recipients.count, "recipients"), (a.transfers.count, "transfers"),
                               (a.retention.count, "retention"), (a.links.count, "links"), (a.processors.count, "processors")]
            where count > Self.maxItems { throw tooMany(field) }
        a.legalBases = unique(a.legalBases)
        a.collection = unique(a.collection)
        a.people = unique(a.people)
        a.categories = unique(a.categories)
        a.security = unique(a.security)
        if let service = a.service, !service.isEmpty {
            guard try await store.services(organisationId: org.id).contains(where: { $0.slug == service }) else {
                throw SocleError(.invalidInput, code: "register.unknown_service", args: ["service": String(service.prefix(64)), "organisation": org.name])
            }
        } else {
            a.service = nil
        }
        for id in a.processors {
            guard let r = try await store.registerRecord(id: id), r.kind == Self.processorKind, r.organisationId == org.id else {
                throw SocleError(.invalidInput, code: "register.unknown_processor", args: ["id": String(id), "organisation": org.name])
            }
        }
        a.processors = unique(a.processors)
        // Links keep who confirmed them; new ones are checked against the organisation's datasets.
        var links: [DatasetLink] = []
        for l in a.links {
            if let old = previous?.links.first(where: { $0.dataset == l.dataset && $0.column == l.column }) { links.append(old); continue }
            let (d, rev) = try await ownDataset(l.dataset, in: org)
            guard rev.columns.contains(where: { $0.name == l.column }) else {
                throw SocleError(.invalidInput, code: "register.unknown_column",
                                 args: ["dataset": d.slug, "column": String(l.column.prefix(80)), "known": rev.columns.map(\.name).joined(separator: ", ")])
            }
            links.append(DatasetLink(dataset: d.slug, column: l.column, confirmedBy: principal.displayName, confirmedAt: Date()))
        }
        a.links = links
        a.template = previous?.template ?? a.template
        if var d = a.dpia {
            d.criteria = unique(d.criteria)
            d.requiredCases = unique(d.requiredCases)
            d.exemptCases = unique(d.exemptCases)
            for (field, value) in [("dpia.started", d.started), ("dpia.completed", d.completed)] {
                guard let value, !value.isBlank else { continue }
                if CalendarDay(value) == nil {
                    throw SocleError(.invalidInput, code: "register.bad_date", args: ["field": field, "value": String(value.prefix(40))])
                }
            }
            d.started = d.started.flatMap { $0.isBlank ? nil : $0.trimmingCharacters(in: .whitespaces) }
            d.completed = d.completed.flatMap { $0.isBlank ? nil : $0.trimmingCharacters(in: .whitespaces) }
            if let s = d.started, let c = d.completed, c < s {
                throw SocleError(.invalidInput, code: "register.dates_order", args: ["start": s, "end": c])
            }
            d.dpoOpinion = try optionalText(d.dpoOpinion, "dpia.dpoOpinion")
            d.controllerOpinion = try optionalText(d.controllerOpinion, "dpia.controllerOpinion")
            for id in d.measures {
                guard let r = try await store.registerRecord(id: id), r.kind == Self.measureKind, r.organisationId == org.id else {
                    throw SocleError(.invalidInput, code: "register.unknown_measure", args: ["id": String(id), "organisation": org.name])
                }
            }
            d.measures = unique(d.measures)
            a.dpia = d
        }
        if a.status != .draft {
            let missing = a.missing
            if !missing.isEmpty {
                throw SocleError(.invalidInput, code: "register.incomplete",
                                 args: ["missing": SocleError.keyList(missing.map { "register.field.\($0)" })])
            }
        }
        return a
    }

    func validated(_ p: Processor) throws -> Processor {
        var p = p
        p.name = try text(p.name, "name", max: 200, required: true)
        p.contact = try optionalText(p.contact, "contact", max: 200)
        p.service = try optionalText(p.service, "service", max: 200)
        p.notes = try optionalText(p.notes, "notes")
        return p
    }

    func validated(_ m: ProtectiveMeasure, in org: Organisation) async throws -> ProtectiveMeasure {
        var m = m
        m.title = try text(m.title, "title", max: 200, required: true)
        m.owner = try optionalText(m.owner, "owner", max: 200)
        m.notes = try optionalText(m.notes, "notes")
        if let due = m.due, !due.isBlank {
            guard let day = CalendarDay(due) else {
                throw SocleError(.invalidInput, code: "register.bad_date", args: ["field": "due", "value": String(due.prefix(40))])
            }
            m.due = day.text
        } else {
            m.due = nil
        }
        for id in m.activities {
            guard let r = try await store.registerRecord(id: id), r.kind == Self.activityKind, r.organisationId == org.id else {
                throw SocleError(.invalidInput, code: "register.unknown_activity", args: ["id": String(id), "organisation": org.name])
            }
        }
        m.activities = unique(m.activities)
        return m
    }

    func text(_ s: String, _ field: String, max: Int = RegisterActions.maxText, required: Bool = false) throws -> String {
        let clean = s.trimmingCharacters(in: .whitespacesAndNewlines)
        if required && clean.isEmpty { throw SocleError(.invalidInput, code: "server.field_required", args: ["field": field]) }
        if clean.count > max {
            throw SocleError(.invalidInput, code: "register.too_long", args: ["field": field, "max": String(max)])
        }
        if clean.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" && $0 != "\r" }) {
            throw SocleError(.invalidInput, code: "register.control_character", args: ["field": field])
        }
        return clean
    }

    func optionalText(_ s: String?, _ field: String, max: Int = RegisterActions.maxText) throws -> String? {
        guard let s else { return nil }
        let clean = try text(s, field, max: max)
        return clean.isEmpty ? nil : clean
    }

    func tooMany(_ field: String) -> SocleError {
        SocleError(.invalidInput, code: "register.too_many", args: ["field": field, "max": String(Self.maxItems)])
    }

    func unique<T: Hashable>(_ values: [T]) -> [T] {
        var seen = Set<T>()
        return values.filter { seen.insert($0).inserted }
    }
}

/// A day as `YYYY-MM-DD`, checked against the calendar (no 31 February).
struct CalendarDay {
    let text: String
    init?(_ raw: String) {
        let s = raw.trimmingCharacters(in: .whitespaces)
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: y, month: m, day: 1)),
              let days = calendar.range(of: .day, in: .month, for: date), days.contains(d) else { return nil }
        text = s
    }
}

/// ISO 8601 durations as retention rules write them: `P` then years, months, weeks, days (`P5Y`, `P1Y6M`, `P30D`).
public enum ISODuration {
    public static func isValid(_ raw: String) -> Bool {
        let s = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard s.hasPrefix("P"), s.count > 1, s.count <= 20 else { return false }
        var number = ""
        var units: [Character] = []
        for ch in s.dropFirst() {
            if ch.isASCII && ch.isNumber { number.append(ch); continue }
            guard "YMWD".contains(ch), !number.isEmpty, !units.contains(ch) else { return false }
            if let last = units.last, "YMWD".firstIndex(of: last)! > "YMWD".firstIndex(of: ch)! { return false }
            units.append(ch)
            number = ""
        }
        return number.isEmpty && !units.isEmpty
    }

    /// The duration in words (`P1Y6M` → « 1 an et 6 mois »); the raw text when it does not parse.
    public static func describe(_ raw: String, _ language: Language) -> String {
        guard isValid(raw) else { return raw }
        ActionStrings.register()
        var parts: [String] = []
        var number = ""
        for ch in raw.trimmingCharacters(in: .whitespaces).uppercased().dropFirst() {
            if ch.isNumber { number.append(ch); continue }
            let n = Int(number) ?? 0
            let unit = ["Y": "year", "M": "month", "W": "week", "D": "day"][String(ch)] ?? "day"
            parts.append(Catalog.shared.string("register.duration.\(unit)\(n == 1 ? "" : "s")", language: language, args: ["n": String(n)]))
            number = ""
        }
        let and = Catalog.shared.string("register.duration.and", language: language)
        return parts.count <= 1 ? parts.joined() : parts.dropLast().joined(separator: ", ") + and + parts.last!
    }
}

extension Principal {
    /// The name a person recognises (the user's name), for what the register shows.
    public var displayName: String {
        switch self {
        case .user(let u): return u.name
        case .token(_, let u): return u.name
        case .system(let name): return name
        case .anonymous: return "anonyme"
        }
    }
}
