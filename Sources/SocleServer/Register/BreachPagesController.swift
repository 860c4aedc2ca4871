import Foundation
import Hummingbird
import SocleActions
import SocleCore
import SocleWeb

/// The breach register's pages: the list with the 72-hour clock, a breach with its notification steps, the
/// form. Members read (`.readRegister`); the DPO and admins record (`.editRegister`).
struct BreachPagesController {
    let state: ServerState
    let pages: Pages
    var register: RegisterActions { state.register }
    var breaches: BreachActions { state.register.breaches }

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("register/breaches", use: list)
        group.get("register/breaches/new", use: newForm)
        group.post("register/breaches/new", use: create)
        group.get("register/breaches/{id}", use: show)
        group.get("register/breaches/{id}/edit", use: editForm)
        group.post("register/breaches/{id}/edit", use: update)
        group.post("register/breaches/{id}/notify", use: notify)
        group.post("register/breaches/{id}/not-notified", use: notNotified)
        group.post("register/breaches/{id}/inform", use: inform)
    }

    // MARK: wording shared with the dataset page

    static func clock(_ b: DataBreach, now: Date, _ lang: Language) -> BreachClockView {
        let c = BreachClock(b, now: now)
        return BreachClockView(state: c.state.rawValue, text: c.text(lang), deadline: c.deadline,
                               runningTemplate: Catalog.shared.string("breach.clock.running", language: lang, args: ["time": "{time}"]),
                               overdueTemplate: Catalog.shared.string("breach.clock.overdue", language: lang, args: ["time": "{time}"]))
    }

    /// The breaches touching a dataset, for its page (members of its organisation only).
    static func alerts(_ state: ServerState, _ d: Dataset, _ principal: Principal, _ lang: Language) async throws -> [DatasetBreachAlert] {
        let now = Date()
        return try await state.register.breaches.touching(d, principal, now: now).map { e in
            DatasetBreachAlert(id: e.id, title: e.body.title, open: e.body.status == .open, clock: clock(e.body, now: now, lang))
        }
    }

    /// Paris time: « 07/12/2026 14:30 » in French, « 2026-12-07 14:30 » in English.
    static func date(_ d: Date, _ lang: Language) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: d)
        let day = lang == .french ? String(format: "%02d/%02d/%04d", c.day ?? 0, c.month ?? 0, c.year ?? 0)
            : String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        return day + String(format: " %02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }

    /// `YYYY-MM-DDTHH:MM` in Paris time, as a `datetime-local` input takes it.
    static func local(_ d: Date?) -> String {
        guard let d else { return "" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: d)
        return String(format: "%04d-%02d-%02dT%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    func s(_ key: String, _ lang: Language, _ args: [String: String] = [:]) -> String {
        Catalog.shared.string("web.breach." + key, language: lang, args: args)
    }

    static func missing(_ b: DataBreach, _ lang: Language) -> [String] {
        b.missing.map { Catalog.shared.string("register.breachField.\($0)", language: lang) }
    }

    // MARK: list and detail

    @Sendable func list(_ request: Request, context: SignedInContext) async throws -> Response {
        let q = request.uri.queryParameters
        let orgs = try await register.organisations(context.principal)
        if orgs.isEmpty { throw SocleError(.forbidden, code: "auth.forbidden") }
        let chosen = q.get("organisation").flatMap { $0.isEmpty ? nil : $0 }
        let archived = q.get("archived") == "1"
        let lang = context.language
        let now = Date()
        let items = try await breaches.list(context.principal, organisation: chosen, includeArchived: archived, now: now).map { e in
            BreachListPage.Item(id: e.id, title: e.body.title, organisation: e.organisation.name, status: e.body.status.label(lang),
                                open: e.body.status == .open, awareAt: e.body.awareAt, clock: Self.clock(e.body, now: now, lang),
                                missing: Self.missing(e.body, lang), sensitive: e.body.hasSensitiveData, archived: e.archived)
        }
        let page = BreachListPage(items: items, organisations: orgs.map { Choice(value: $0.slug, label: $0.name) }, organisation: chosen,
                                  showArchived: archived, canCreate: !(try await register.organisations(context.principal, .editRegister)).isEmpty)
        return try pages.render(page, request, context.base)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let e = try await breaches.breach(try context.parameters.require("id", as: Int64.self), context.principal)
        return try pages.render(try await detailPage(e, context), request, context.base)
    }

    func detailPage(_ e: BreachEntry, _ context: SignedInContext, errors: [String: String] = [:]) async throws -> BreachPage {
        let lang = context.language
        let b = e.body
        func f(_ key: String, _ values: [String]) -> ActivityPage.Field {
            ActivityPage.Field(label: s("field.\(key)", lang), values: values.filter { !$0.isEmpty })
        }
        func labels<V: RegisterValue>(_ values: [V]) -> [String] { values.map { $0.label(lang) } }
        let fields = [
            f("occurredAt", [b.occurredAt.map { Self.date($0, lang) } ?? ""]),
            f("awareAt", [b.awareAt.map { Self.date($0, lang) } ?? ""]),
            f("natures", labels(b.natures)),
            f("origin", [b.origin?.label(lang) ?? ""]),
            f("cause", [b.cause?.label(lang) ?? ""]),
            f("description", [b.description ?? ""]),
            f("categories", b.categories.map { $0.label(lang) + ($0 == .nir ? " ★ NIR" : $0.isSensitive ? " ★" : "") }),
            f("people", labels(b.people)),
            f("peopleCount", [b.peopleCount.map(String.init) ?? ""]),
            f("recordsCount", [b.recordsCount.map(String.init) ?? ""]),
            f("consequences", [b.consequences ?? ""]),
            f("risk", [b.risk?.label(lang) ?? ""]),
            f("measures", [b.measures ?? ""]),
        ]
        let activities = try await register.activities(context.principal, organisation: e.organisation.slug, includeArchived: true)
        let processors = try await register.processors(context.principal, organisation: e.organisation.slug, includeArchived: true)
        let titles = try await breaches.datasetTitles(e)
        let datasets = b.datasets.map { BreachPage.Link(label: titles[$0] ?? $0, href: PortalPaths.dataset($0)) }
        var steps: [BreachPage.Step] = []
        if let n = b.notification { steps.append(.init(label: s("step.initial", lang), at: n.at, reference: n.reference, note: n.note)) }
        for (i, c) in b.complementary.enumerated() {
            steps.append(.init(label: s("step.complementary", lang, ["n": String(i + 1)]), at: c.at, reference: c.reference, note: c.note))
        }
        var informed: String?
        if let at = b.peopleInformedAt {
            informed = s("informed_on", lang, ["date": Self.date(at, lang), "means": b.peopleInformedMeans ?? ""])
        } else if let reason = b.peopleNotInformedReason {
            informed = s("not_informed_because", lang, ["reason": reason])
        }
        var page = BreachPage(
            id: e.id, title: b.title, organisation: e.organisation.name, status: b.status.label(lang), open: b.status == .open,
            archived: e.archived, clock: Self.clock(b, now: Date(), lang), missing: Self.missing(b, lang), fields: fields,
            activities: b.activities.map { id in .init(label: activities.first { $0.id == id }?.body.name ?? "n° \(id)", href: PortalPaths.activity(id)) },
            processors: b.processors.map { id in .init(label: processors.first { $0.id == id }?.body.name ?? "n° \(id)", href: nil) },
            datasets: datasets, steps: steps, notNotifiedReason: b.notNotifiedReason, peopleInformed: informed,
            notified: b.notification != nil, canEdit: Permissions.can(context.principal, .editRegister, organisationId: e.organisation.id))
        page.errors = errors
        return page
    }

    // MARK: the form

    func options(_ organisation: Organisation?, _ context: SignedInContext) async throws -> BreachFormOptions {
        let lang = context.language
        func choices<V: RegisterValue>(_ type: V.Type) -> [Choice] { V.allCases.map { Choice(value: $0.rawValue, label: $0.label(lang)) } }
        var o = BreachFormOptions()
        o.statuses = choices(BreachStatus.self)
        o.natures = choices(BreachNature.self)
        o.origins = choices(BreachOrigin.self)
        o.causes = choices(BreachCause.self)
        o.risks = choices(BreachRisk.self)
        o.categories = DataCategory.allCases.map { Choice(value: $0.rawValue, label: $0.label(lang) + ($0.isSensitive ? " ★" : "")) }
        o.people = choices(PeopleCategory.self)
        if let organisation {
            o.activities = try await register.activities(context.principal, organisation: organisation.slug)
                .map { Choice(value: String($0.id), label: $0.body.name) }
            o.processors = try await register.processors(context.principal, organisation: organisation.slug)
                .map { Choice(value: String($0.id), label: $0.body.name) }
            o.datasets = try await breaches.datasets(of: organisation, context.principal).map { Choice(value: $0.slug, label: $0.title) }
        }
        return o
    }

    static func form(from f: FormFields) -> BreachForm {
        var form = BreachForm()
        form.title = f.raw("title")
        form.status = f["status"] ?? "open"
        form.occurredAt = f.raw("occurredAt")
        form.awareAt = f.raw("awareAt")
        form.natures = Set(f.all("natures"))
        form.origin = f.raw("origin")
        form.cause = f.raw("cause")
        form.description = f.raw("description")
        form.categories = Set(f.all("categories"))
        form.people = Set(f.all("people"))
        form.peopleCount = f.raw("peopleCount")
        form.recordsCount = f.raw("recordsCount")
        form.consequences = f.raw("consequences")
        form.risk = f.raw("risk")
        form.measures = f.raw("measures")
        form.notNotifiedReason = f.raw("notNotifiedReason")
        form.activities = Set(f.all("activities"))
        form.processors = Set(f.all("processors"))
        form.datasets = Set(f.all("datasets"))
        return form
    }

    static func form(from b: DataBreach) -> BreachForm {
        var form = BreachForm()
        form.title = b.title
        form.status = b.status.rawValue
        form.occurredAt = local(b.occurredAt)
        form.awareAt = local(b.awareAt)
        form.natures = Set(b.natures.map(\.rawValue))
        form.origin = b.origin?.rawValue ?? ""
        form.cause = b.cause?.rawValue ?? ""
        form.description = b.description ?? ""
        form.categories = Set(b.categories.map(\.rawValue))
        form.people = Set(b.people.map(\.rawValue))
        form.peopleCount = b.peopleCount.map(String.init) ?? ""
        form.recordsCount = b.recordsCount.map(String.init) ?? ""
        form.consequences = b.consequences ?? ""
        form.risk = b.risk?.rawValue ?? ""
        form.measures = b.measures ?? ""
        form.notNotifiedReason = b.notNotifiedReason ?? ""
        form.activities = Set(b.activities.map(String.init))
        form.processors = Set(b.processors.map(String.init))
        form.datasets = Set(b.datasets)
        return form
    }

    /// The breach the form describes, and the fields it could not read (by form field name, worded).
    static func breach(from f: BreachForm, _ lang: Language) -> (DataBreach, [String: String]) {
        var errors: [String: String] = [:]
        func parse<V: RegisterValue>(_ raw: String, _ field: String) -> V? {
            if raw.isEmpty { return nil }
            do { return try V.parse(raw, field: field) } catch let e as SocleError { errors[field] = e.message(lang) } catch {}
            return nil
        }
        func list<V: RegisterValue>(_ raws: Set<String>, _ field: String) -> [V] {
            let order = Array(V.allCases)
            return raws.compactMap { (parse($0, field) as V?) }.sorted { (order.firstIndex(of: $0) ?? 0) < (order.firstIndex(of: $1) ?? 0) }
        }
        func instant(_ raw: String, _ field: String) -> Date? {
            let clean = raw.trimmingCharacters(in: .whitespaces)
            if clean.isEmpty { return nil }
            if let d = BreachTime.parse(clean) { return d }
            errors[field] = SocleError(.invalidInput, code: "breach.bad_datetime",
                                       args: ["field": Catalog.shared.string("register.breachField.\(field)", language: lang),
                                              "value": String(clean.prefix(40))]).message(lang)
            return nil
        }
        func count(_ raw: String, _ field: String) -> Int? {
            let clean = raw.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{202F}", with: "")
            if clean.isEmpty { return nil }
            if let n = Int(clean), n >= 0 { return n }
            errors[field] = SocleError(.invalidInput, code: "register.bad_number",
                                       args: ["field": Catalog.shared.string("register.breachField.\(field)", language: lang),
                                              "value": String(raw.prefix(20))]).message(lang)
            return nil
        }
        func text(_ s: String) -> String? { s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : s }
        let b = DataBreach(
            title: f.title, status: parse(f.status, "status") ?? .open, occurredAt: instant(f.occurredAt, "occurredAt"),
            awareAt: instant(f.awareAt, "awareAt"), natures: list(f.natures, "natures"), origin: parse(f.origin, "origin"),
            cause: parse(f.cause, "cause"), description: text(f.description), categories: list(f.categories, "categories"),
            people: list(f.people, "people"), peopleCount: count(f.peopleCount, "peopleCount"), recordsCount: count(f.recordsCount, "recordsCount"),
            consequences: text(f.consequences), risk: parse(f.risk, "risk"), measures: text(f.measures),
            notNotifiedReason: text(f.notNotifiedReason), activities: f.activities.compactMap { Int64($0) }.sorted(),
            processors: f.processors.compactMap { Int64($0) }.sorted(), datasets: f.datasets.sorted())
        return (b, errors)
    }

    /// A refusal from the register, placed on its field when it names one of the form's.
    static func errors(_ e: SocleError, _ lang: Language) -> [String: String] {
        let formFields: Set<String> = ["title", "occurredAt", "awareAt", "description", "consequences", "measures", "notNotifiedReason",
                                       "peopleCount", "recordsCount"]
        if e.code == "breach.incomplete" { return ["status": e.message(lang)] }
        if e.code == "register.unknown_activity" { return ["activities": e.message(lang)] }
        if e.code == "register.unknown_processor" { return ["processors": e.message(lang)] }
        if e.code == "breach.unknown_dataset" { return ["datasets": e.message(lang)] }
        if let field = e.args["field"], formFields.contains(field) { return [field: e.message(lang)] }
        return ["_": e.message(lang)]
    }

    func editableOrganisations(_ context: SignedInContext) async throws -> [Organisation] {
        let orgs = try await register.organisations(context.principal, .editRegister)
        if orgs.isEmpty { throw SocleError(.forbidden, code: "auth.forbidden") }
        return orgs
    }

    @Sendable func newForm(_ request: Request, context: SignedInContext) async throws -> Response {
        let orgs = try await editableOrganisations(context)
        let chosen = orgs.first { $0.slug == request.uri.queryParameters.get("organisation") } ?? orgs[0]
        var form = BreachForm()
        form.awareAt = Self.local(Date())
        let page = BreachFormPage(id: nil, form: form, options: try await options(chosen, context),
                                  organisations: orgs.map { Choice(value: $0.slug, label: $0.name) }, organisation: chosen.slug, errors: [:])
        return try pages.render(page, request, context.base)
    }

    @Sendable func create(_ request: Request, context: SignedInContext) async throws -> Response {
        let orgs = try await editableOrganisations(context)
        let fields = context.base.form ?? FormFields()
        let chosen = orgs.first { $0.slug == fields["organisation"] } ?? orgs[0]
        let form = Self.form(from: fields)
        let (breach, parsed) = Self.breach(from: form, context.language)
        var errors = parsed
        if errors.isEmpty {
            do {
                let e = try await breaches.create(breach, organisation: chosen.slug, by: context.principal)
                return pages.redirect(BreachPaths.breach(e.id), request, flash: (.success, "web.breach.flash.created", ["title": e.body.title]))
            } catch let e as SocleError where e.kind == .invalidInput {
                errors = Self.errors(e, context.language)
            }
        }
        let page = BreachFormPage(id: nil, form: form, options: try await options(chosen, context),
                                  organisations: orgs.map { Choice(value: $0.slug, label: $0.name) }, organisation: chosen.slug, errors: errors)
        return try pages.render(page, request, context.base, status: .badRequest)
    }

    func editable(_ context: SignedInContext) async throws -> BreachEntry {
        let e = try await breaches.breach(try context.parameters.require("id", as: Int64.self), context.principal)
        guard Permissions.can(context.principal, .editRegister, organisationId: e.organisation.id) else {
            throw SocleError(.forbidden, code: "auth.forbidden")
        }
        return e
    }

    @Sendable func editForm(_ request: Request, context: SignedInContext) async throws -> Response {
        let e = try await editable(context)
        let page = BreachFormPage(id: e.id, form: Self.form(from: e.body), options: try await options(e.organisation, context),
                                  organisations: [], organisation: e.organisation.slug, errors: [:])
        return try pages.render(page, request, context.base)
    }

    @Sendable func update(_ request: Request, context: SignedInContext) async throws -> Response {
        let current = try await editable(context)
        let form = Self.form(from: context.base.form ?? FormFields())
        var (breach, errors) = Self.breach(from: form, context.language)
        if errors.isEmpty {
            // The form does not record the notification steps nor the people's information (the breach page does).
            breach.notification = current.body.notification
            breach.complementary = current.body.complementary
            breach.peopleInformedAt = current.body.peopleInformedAt
            breach.peopleInformedMeans = current.body.peopleInformedMeans
            breach.peopleNotInformedReason = current.body.peopleNotInformedReason
            do {
                let e = try await breaches.update(current.id, breach, by: context.principal)
                return pages.redirect(BreachPaths.breach(e.id), request, flash: (.success, "web.breach.flash.updated", ["title": e.body.title]))
            } catch let e as SocleError where e.kind == .invalidInput {
                errors = Self.errors(e, context.language)
            }
        }
        let page = BreachFormPage(id: current.id, form: form, options: try await options(current.organisation, context),
                                  organisations: [], organisation: current.organisation.slug, errors: errors)
        return try pages.render(page, request, context.base, status: .badRequest)
    }

    // MARK: the steps

    /// Runs a step; a refusal shows the breach page again with the message on the field.
    func step(_ request: Request, _ context: SignedInContext, field: String, flash: String,
              _ run: (BreachEntry, FormFields) async throws -> BreachEntry) async throws -> Response {
        let current = try await editable(context)
        let form = context.base.form ?? FormFields()
        do {
            let e = try await run(current, form)
            return pages.redirect(BreachPaths.breach(e.id) + "#steps", request, flash: (.success, flash, [:]))
        } catch let e as SocleError where e.kind == .invalidInput {
            let message = e.message(context.language)
            let page = try await detailPage(current, context, errors: [field: message])
            return try pages.render(page, request, context.base, status: .badRequest, flash: [Flash(.error, message)])
        }
    }

    func instant(_ form: FormFields, _ name: String, field: String, _ lang: Language) throws -> Date? {
        guard let raw = form[name] else { return nil }
        guard let d = BreachTime.parse(raw) else {
            throw SocleError(.invalidInput, code: "breach.bad_datetime",
                             args: ["field": Catalog.shared.string("register.breachField.\(field)", language: lang), "value": String(raw.prefix(40))])
        }
        return d
    }

    @Sendable func notify(_ request: Request, context: SignedInContext) async throws -> Response {
        try await step(request, context, field: "at", flash: "web.breach.flash.notified") { current, form in
            guard let at = try instant(form, "at", field: "notificationAt", context.language) else {
                throw SocleError(.invalidInput, code: "server.field_required",
                                 args: ["field": Catalog.shared.string("register.breachField.notificationAt", language: context.language)])
            }
            return try await breaches.notify(current.id, BreachNotification(at: at, reference: form["reference"], note: form["note"]),
                                             complementary: form["complementary"] == "1", by: context.principal)
        }
    }

    @Sendable func notNotified(_ request: Request, context: SignedInContext) async throws -> Response {
        try await step(request, context, field: "reason", flash: "web.breach.flash.not_notified") { current, form in
            try await breaches.notNotified(current.id, reason: form.raw("reason"), by: context.principal)
        }
    }

    @Sendable func inform(_ request: Request, context: SignedInContext) async throws -> Response {
        try await step(request, context, field: "informedAt", flash: "web.breach.flash.informed") { current, form in
            try await breaches.inform(current.id, at: try instant(form, "informedAt", field: "peopleInformedAt", context.language),
                                      means: form["means"], notInformedReason: form["notInformedReason"], by: context.principal)
        }
    }
}
