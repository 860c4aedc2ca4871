import Foundation
import SocleCore
import SocleStore

extension DataBreach: RegisterBody { public static let registerKind = "breach" }

public typealias BreachEntry = RegisterEntry<DataBreach>

extension RegisterActions {
    /// The breach register, with the register's storage, permissions and audit.
    public var breaches: BreachActions { BreachActions(register: self) }
}

/// The breach register (art. 33/34) per organisation: every member reads it (`.readRegister`), the DPO and
/// administrators record and change breaches (`.editRegister`); every change is audited in the same
/// transaction (`register.breach.*`). Impossible dates are refused with a message naming the field.
public struct BreachActions: Sendable {
    let register: RegisterActions
    var store: any SocleStore { register.store }
    /// Clocks of the machines that write dates differ a little: a date up to five minutes ahead is "now".
    static let futureTolerance: TimeInterval = 300

    // MARK: reading

    /// The breaches of the organisations the principal reads (or of one of them): open ones first, the most
    /// urgent first, then closed ones, the most recent first.
    public func list(_ principal: Principal, organisation: String? = nil, includeArchived: Bool = false,
                     now: Date = Date()) async throws -> [BreachEntry] {
        let all: [BreachEntry] = try await register.entries(principal, organisation: organisation, includeArchived: includeArchived)
        return Self.sorted(all, now: now)
    }

    static func sorted(_ list: [BreachEntry], now: Date) -> [BreachEntry] {
        list.sorted { a, b in
            let ca = a.body.status == .closed, cb = b.body.status == .closed
            if ca != cb { return !ca }
            if !ca {
                // Open: those whose clock still runs (or is past) first, by deadline; then the others.
                let ra = [.running, .overdue].contains(BreachClock(a.body, now: now).state)
                let rb = [.running, .overdue].contains(BreachClock(b.body, now: now).state)
                if ra != rb { return ra }
            }
            let da = a.body.awareAt ?? a.createdAt, db = b.body.awareAt ?? b.createdAt
            if da != db { return ca ? da > db : da < db }
            return a.id < b.id
        }
    }

    public func breach(_ id: Int64, _ principal: Principal) async throws -> BreachEntry {
        try await register.entry(id, principal, .readRegister)
    }

    /// The breaches that touch a dataset, for its page: only for members who read its organisation's register.
    public func touching(_ dataset: Dataset, _ principal: Principal, now: Date = Date()) async throws -> [BreachEntry] {
        guard Permissions.can(principal, .readRegister, organisationId: dataset.organisationId) else { return [] }
        let all: [BreachEntry] = try await register.entries(principal, organisationIds: [dataset.organisationId], includeArchived: false)
        return Self.sorted(all.filter { $0.body.datasets.contains(dataset.slug) }, now: now)
    }

    /// The datasets a breach may touch (those of its organisation), as slug and title, for the form.
    public func datasets(of organisation: Organisation, _ principal: Principal) async throws -> [(slug: String, title: String)] {
        guard Permissions.can(principal, .readRegister, organisationId: organisation.id) else { return [] }
        return try await store.datasets().filter { $0.organisationId == organisation.id }.map { ($0.slug, $0.title) }
    }

    /// The titles of the datasets a breach touches, by slug (a dataset deleted since keeps its slug).
    public func datasetTitles(_ e: BreachEntry) async throws -> [String: String] {
        var out: [String: String] = [:]
        for slug in e.body.datasets { out[slug] = try await store.dataset(slug: slug)?.title }
        return out
    }

    // MARK: changing

    /// Records a breach (kept as a draft while fields are missing); audited.
    public func create(_ breach: DataBreach, organisation slug: String, by principal: Principal, now: Date = Date()) async throws -> BreachEntry {
        let org = try await register.organisation(slug, principal, .editRegister)
        let clean = try await validated(breach, in: org, now: now)
        return try await register.create(clean, in: org, action: "register.breach.create", by: principal)
    }

    /// Replaces a breach's fields; `archived` archives or restores it; audited.
    public func update(_ id: Int64, _ breach: DataBreach, archived: Bool? = nil, by principal: Principal, now: Date = Date()) async throws -> BreachEntry {
        let current = try await register.entry(id, principal, .editRegister) as BreachEntry
        let clean = try await validated(breach, in: current.organisation, now: now)
        let action = clean.status == .closed && current.body.status != .closed ? "register.breach.close" : "register.breach.update"
        return try await register.update(current, body: clean, archived: archived ?? current.archived, action: action, by: principal)
    }

    /// Replaces a breach's fields from a JSON document (an API body, a file): the notification steps and the
    /// people's information it does not mention are kept (they are recorded on their own).
    public func update(_ id: Int64, json data: Data, source: String, archived: Bool? = nil, by principal: Principal,
                       now: Date = Date()) async throws -> BreachEntry {
        struct Mentioned: Decodable {
            var notification: BreachNotification?
            var complementary: [BreachNotification]?
            var peopleInformedAt: String?
            var peopleInformedMeans: String?
            var peopleNotInformedReason: String?
            var notNotifiedReason: String?
        }
        var body = try JSONInput.decode(DataBreach.self, from: data, source: source)
        let mentioned = try JSONInput.decode(Mentioned.self, from: data, source: source)
        let current = try await register.entry(id, principal, .editRegister) as BreachEntry
        if mentioned.notification == nil { body.notification = current.body.notification }
        if mentioned.complementary == nil { body.complementary = current.body.complementary }
        if mentioned.notNotifiedReason == nil { body.notNotifiedReason = current.body.notNotifiedReason }
        if mentioned.peopleInformedAt == nil && mentioned.peopleInformedMeans == nil && mentioned.peopleNotInformedReason == nil {
            body.peopleInformedAt = current.body.peopleInformedAt
            body.peopleInformedMeans = current.body.peopleInformedMeans
            body.peopleNotInformedReason = current.body.peopleNotInformedReason
        }
        return try await update(id, body, archived: archived, by: principal, now: now)
    }

    /// Records a notification to the CNIL: the initial one (its reference), or a complementary one; audited.
    public func notify(_ id: Int64, _ step: BreachNotification, complementary: Bool = false, by principal: Principal,
                       now: Date = Date()) async throws -> BreachEntry {
        let current = try await register.entry(id, principal, .editRegister) as BreachEntry
        var b = current.body
        if complementary {
            b.complementary.append(step)
        } else {
            if b.notification != nil { throw SocleError(.invalidInput, code: "breach.already_notified", args: ["id": String(id)]) }
            b.notification = step
            b.notNotifiedReason = nil
        }
        let clean = try await validated(b, in: current.organisation, now: now)
        return try await register.update(current, body: clean, archived: current.archived, action: "register.breach.notify", by: principal,
                                         details: ["step": complementary ? "complementary" : "initial"])
    }

    /// Records why the CNIL is not notified (the breach is unlikely to result in a risk); audited.
    public func notNotified(_ id: Int64, reason: String, by principal: Principal, now: Date = Date()) async throws -> BreachEntry {
        let current = try await register.entry(id, principal, .editRegister) as BreachEntry
        var b = current.body
        if b.notification != nil { throw SocleError(.invalidInput, code: "breach.already_notified", args: ["id": String(id)]) }
        b.notNotifiedReason = try register.text(reason, "notNotifiedReason", required: true)
        let clean = try await validated(b, in: current.organisation, now: now)
        return try await register.update(current, body: clean, archived: current.archived, action: "register.breach.notify", by: principal,
                                         details: ["step": "notRequired"])
    }

    /// Records that the people were informed (when, how), or why they were not; audited.
    public func inform(_ id: Int64, at: Date?, means: String?, notInformedReason: String? = nil, by principal: Principal,
                       now: Date = Date()) async throws -> BreachEntry {
        let current = try await register.entry(id, principal, .editRegister) as BreachEntry
        var b = current.body
        if let reason = notInformedReason, !reason.isBlank {
            b.peopleNotInformedReason = reason
            b.peopleInformedAt = nil
            b.peopleInformedMeans = nil
        } else {
            guard let at else { throw SocleError(.invalidInput, code: "server.field_required", args: ["field": "at"]) }
            b.peopleInformedAt = at
            b.peopleInformedMeans = try register.text(means ?? "", "peopleInformedMeans", max: 500, required: true)
            b.peopleNotInformedReason = nil
        }
        let clean = try await validated(b, in: current.organisation, now: now)
        return try await register.update(current, body: clean, archived: current.archived, action: "register.breach.inform", by: principal,
                                         details: ["informed": b.peopleNotInformedReason == nil ? "yes" : "no"])
    }

    // MARK: validation

    func dateError(_ code: String, _ field: String, _ args: [String: String] = [:]) -> SocleError {
        var a = args
        a["field"] = field
        a["label"] = SocleError.keyList(["register.breachField.\(field)"])
        return SocleError(.invalidInput, code: code, args: a)
    }

    func validated(_ breach: DataBreach, in org: Organisation, now: Date) async throws -> DataBreach {
        var b = breach
        let r = register
        b.title = try r.text(b.title, "title", max: 200, required: true)
        b.description = try r.optionalText(b.description, "description")
        b.consequences = try r.optionalText(b.consequences, "consequences")
        b.measures = try r.optionalText(b.measures, "measures")
        b.notNotifiedReason = try r.optionalText(b.notNotifiedReason, "notNotifiedReason")
        b.peopleInformedMeans = try r.optionalText(b.peopleInformedMeans, "peopleInformedMeans", max: 500)
        b.peopleNotInformedReason = try r.optionalText(b.peopleNotInformedReason, "peopleNotInformedReason")
        for (n, field) in [(b.peopleCount, "peopleCount"), (b.recordsCount, "recordsCount")] {
            if let n, n < 0 { throw SocleError(.invalidInput, code: "register.bad_number", args: ["field": field, "value": String(n)]) }
        }
        b.natures = r.unique(b.natures)
        b.categories = r.unique(b.categories)
        b.people = r.unique(b.people)

        // The dates: nothing in the future, awareness after occurrence, every step after awareness.
        let latest = now.addingTimeInterval(Self.futureTolerance)
        func notFuture(_ d: Date?, _ field: String) throws {
            if let d, d > latest { throw dateError("breach.in_future", field, ["value": BreachTime.text(d)]) }
        }
        try notFuture(b.occurredAt, "occurredAt")
        try notFuture(b.awareAt, "awareAt")
        if let o = b.occurredAt, let a = b.awareAt, a < o {
            throw dateError("breach.aware_before_occurred", "awareAt", ["aware": BreachTime.text(a), "occurred": BreachTime.text(o)])
        }
        func afterAwareness(_ d: Date?, _ field: String) throws {
            guard let d else { return }
            try notFuture(d, field)
            guard let a = b.awareAt else { throw dateError("breach.needs_awareness", field) }
            if d < a { throw dateError("breach.before_awareness", field, ["value": BreachTime.text(d), "aware": BreachTime.text(a)]) }
        }
        if var n = b.notification {
            try afterAwareness(n.at, "notificationAt")
            n.reference = try r.optionalText(n.reference, "notification", max: 100)
            n.note = try r.optionalText(n.note, "notification", max: 1_000)
            b.notification = n
        }
        if !b.complementary.isEmpty {
            guard let initial = b.notification else { throw dateError("breach.complementary_without_initial", "complementary") }
            b.complementary = try b.complementary.map { step in
                var s = step
                try notFuture(s.at, "complementaryAt")
                if s.at < initial.at {
                    throw dateError("breach.complementary_before_initial", "complementaryAt",
                                    ["value": BreachTime.text(s.at), "initial": BreachTime.text(initial.at)])
                }
                s.reference = try r.optionalText(s.reference, "complementary", max: 100)
                s.note = try r.optionalText(s.note, "complementary", max: 1_000)
                return s
            }.sorted { $0.at < $1.at }
        }
        try afterAwareness(b.peopleInformedAt, "peopleInformedAt")
        for (count, field) in [(b.complementary.count, "complementary"), (b.activities.count, "activities"),
                               (b.processors.count, "processors"), (b.datasets.count, "datasets")] where count > RegisterActions.maxItems {
            throw r.tooMany(field)
        }

        // The links: records and datasets of the same organisation only.
        for id in b.activities {
            guard let rec = try await store.registerRecord(id: id), rec.kind == RegisterActions.activityKind, rec.organisationId == org.id else {
                throw SocleError(.invalidInput, code: "register.unknown_activity", args: ["id": String(id), "organisation": org.name])
            }
        }
        b.activities = r.unique(b.activities)
        for id in b.processors {
            guard let rec = try await store.registerRecord(id: id), rec.kind == RegisterActions.processorKind, rec.organisationId == org.id else {
                throw SocleError(.invalidInput, code: "register.unknown_processor", args: ["id": String(id), "organisation": org.name])
            }
        }
        b.processors = r.unique(b.processors)
        var slugs: [String] = []
        for raw in b.datasets {
            let slug = raw.trimmingCharacters(in: .whitespaces)
            if slug.isEmpty { continue }
            guard let d = try await store.dataset(slug: slug), d.organisationId == org.id else {
                let known = try await store.datasets().filter { $0.organisationId == org.id }.map(\.slug).sorted()
                throw SocleError(.invalidInput, code: "breach.unknown_dataset",
                                 args: ["dataset": String(slug.prefix(64)), "organisation": org.name,
                                        "known": known.isEmpty ? "—" : known.prefix(30).joined(separator: ", ")])
            }
            slugs.append(d.slug)
        }
        b.datasets = r.unique(slugs)

        if b.status == .closed, !b.missing.isEmpty {
            throw SocleError(.invalidInput, code: "breach.incomplete",
                             args: ["missing": SocleError.keyList(b.missing.map { "register.breachField.\($0)" })])
        }
        return b
    }
}

/// A breach as the API and the CLI give it: the record, where it stands, its clock and its fields.
public struct BreachDocument: Encodable, Sendable {
    public var id: Int64
    public var organisation: ActivityDocument.Owner
    public var archived: Bool
    public var createdAt: Date
    public var updatedAt: Date
    /// Fields still missing (a draft while any is), and whether the data touched is sensitive or the NIR.
    public var complete: Bool
    public var missing: [String]
    public var sensitive: Bool
    public var nir: Bool
    /// The 72-hour clock: awareness + 72 h, hours left (negative once late), overdue, its state and its words.
    public var deadline: Date?
    public var hoursLeft: Double?
    public var overdue: Bool
    public var clock: BreachClock.State
    public var clockText: String
    public var breach: DataBreach

    public init(_ e: BreachEntry, now: Date = Date(), language: Language = .current) {
        id = e.id
        organisation = ActivityDocument.Owner(slug: e.organisation.slug, name: e.organisation.name)
        archived = e.archived
        createdAt = e.createdAt
        updatedAt = e.updatedAt
        missing = e.body.missing
        complete = missing.isEmpty
        sensitive = e.body.hasSensitiveData
        nir = e.body.hasNIR
        let c = BreachClock(e.body, now: now)
        deadline = c.deadline
        hoursLeft = c.hoursLeft
        overdue = c.overdue
        clock = c.state
        clockText = c.text(language)
        breach = e.body
    }
}
