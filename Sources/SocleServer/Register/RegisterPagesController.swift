import Foundation
import Hummingbird
import SocleActions
import SocleCore
import SocleWeb

/// The DPO's register pages: the list, an activity with its data, the form, archive, duplicate and links.
struct RegisterPagesController {
    let state: ServerState
    let pages: Pages
    var register: RegisterActions { state.register }

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("register", use: list)
        group.get("register/new", use: newForm)
        group.post("register/new", use: create)
        group.get("register/activities/{id}", use: show)
        group.get("register/activities/{id}/edit", use: editForm)
        group.post("register/activities/{id}/edit", use: update)
        group.post("register/activities/{id}/archive", use: archive)
        group.post("register/activities/{id}/duplicate", use: duplicate)
        group.post("register/activities/{id}/links", use: links)
    }

    // MARK: list and detail

    @Sendable func list(_ request: Request, context: SignedInContext) async throws -> Response {
        let q = request.uri.queryParameters
        let principal = context.principal
        let orgs = try await register.organisations(principal)
        if orgs.isEmpty { throw SocleError(.forbidden, code: "auth.forbidden") }
        let chosen = q.get("organisation").flatMap { $0.isEmpty ? nil : $0 }
        let archived = q.get("archived") == "1"
        let lang = context.language
        let items = try await register.activities(principal, organisation: chosen, includeArchived: archived).map { e in
            RegisterListPage.Item(id: e.id, name: e.body.name, organisation: e.organisation.name, status: e.body.status.label(lang),
                                  statusKey: e.body.status.rawValue, completeness: e.body.completeness,
                                  missing: e.body.missing.map { Catalog.shared.string("register.field.\($0)", language: lang) },
                                  archived: e.archived, isPublic: e.body.isPublic, sensitive: e.body.hasSensitiveData,
                                  linkedColumns: e.body.links.count)
        }
        var page = RegisterListPage(items: items, organisations: orgs.map { Choice(value: $0.slug, label: $0.name) }, organisation: chosen,
                                    showArchived: archived, canCreate: !(try await register.organisations(principal, .editRegister)).isEmpty)
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        let processors = try await register.processors(principal, organisation: chosen, includeArchived: archived)
        page.annexes = RegisterAnnexPagesController.annexes(
            processors, try await register.measures(principal, organisation: chosen, includeArchived: archived), lang, today: today,
            withoutContract: register.processorsWithoutContract(processors, proofs: try await register.proofs(principal, organisation: chosen)))
        return try pages.render(page, request, context.base)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let e = try await register.activity(try context.parameters.require("id", as: Int64.self), context.principal)
        return try pages.render(try await detailPage(e, context), request, context.base)
    }

    func detailPage(_ e: ActivityEntry, _ context: SignedInContext) async throws -> ActivityPage {
        let lang = context.language
        let canEdit = Permissions.can(context.principal, .editRegister, organisationId: e.organisation.id)
        let datasets = try await register.linkedDatasets(e).map { d in
            ActivityPage.LinkedDataset(slug: d.slug, title: d.title, rows: d.rows, published: d.publishedRevision != nil, columns: d.columns.map { c in
                ActivityPage.LinkedColumn(name: c.name, label: c.label,
                                          level: c.level.map { Catalog.shared.string("web.privacy.level.\($0.rawValue)", language: lang) }
                                              ?? Catalog.shared.string("web.register.column_gone", language: lang),
                                          category: c.category?.label(lang), exposed: c.publiclyVisible)
            })
        }
        let proposals = canEdit ? try await register.proposals(e.id, context.principal).map { p in
            ActivityPage.Proposal(value: p.dataset + ":" + p.column, dataset: p.dataset, datasetTitle: p.datasetTitle,
                                  column: p.label == p.column ? p.column : "\(p.column) (\(p.label))", category: p.category.label(lang))
        } : []
        let targets = try await register.organisations(context.principal, .editRegister).filter { $0.id != e.organisation.id }
        let processors = try await processorNames(e, context)
        let services = Dictionary(uniqueKeysWithValues: try await state.directory.services(of: e.organisation.id).map { ($0.slug, $0.name) })
        return ActivityPage(id: e.id, name: e.body.name, organisation: e.organisation.name, status: e.body.status.label(lang),
                            statusKey: e.body.status.rawValue, completeness: e.body.completeness,
                            missing: e.body.missing.map { Catalog.shared.string("register.field.\($0)", language: lang) },
                            archived: e.archived, isPublic: e.body.isPublic, template: e.body.template,
                            fields: Self.fields(e, processors: processors, services: services, lang), datasets: datasets,
                            proposals: proposals, canEdit: canEdit, duplicateTargets: targets.map { Choice(value: $0.slug, label: $0.name) })
            .withDPIA(e.body, lang)
    }

    func processorNames(_ e: ActivityEntry, _ context: SignedInContext) async throws -> [Int64: String] {
        if e.body.processors.isEmpty { return [:] }
        let all = try await register.processors(context.principal, organisation: e.organisation.slug, includeArchived: true)
        return Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.body.name) })
    }

    /// The record's fields, worded: for the activity page (everything) or the public register (`public`).
    static func fields(_ e: ActivityEntry, processors: [Int64: String] = [:], services: [String: String] = [:], _ lang: Language,
                       public: Bool = false) -> [ActivityPage.Field] {
        let a = e.body
        func f(_ key: String, _ values: [String]) -> ActivityPage.Field {
            ActivityPage.Field(label: Catalog.shared.string("web.register.field.\(key)", language: lang), values: values.filter { !$0.isEmpty })
        }
        func contact(_ c: RegisterContact?) -> [String] { c.map { [$0.name + ($0.contact.map { " — \($0)" } ?? "")] } ?? [] }
        func labels<V: RegisterValue>(_ values: [V]) -> [String] { values.map { $0.label(lang) } }
        let retention = a.retention.map { r -> String in
            let what = r.category?.label(lang) ?? Catalog.shared.string("web.register.form.all_categories", language: lang)
            var text = "\(what) : \(ISODuration.describe(r.duration, lang)), \(r.startEvent) → \(r.fate.label(lang)) (\(r.phase.label(lang)), \(r.binding.label(lang).lowercased()))"
            if let s = r.legalSource { text += " — \(s)" }
            // The date columns name datasets: members only, never the public register.
            if !`public` && !r.dateColumns.isEmpty {
                text += " — " + Catalog.shared.string("web.retention.date_columns", language: lang,
                                                      args: ["columns": r.dateColumns.map { "\($0.dataset).\($0.column)" }.joined(separator: ", ")])
            }
            return text
        }
        var out = [
            f("controller", contact(a.controller)), f("dpo", contact(a.dpo)),
            f("legalBases", labels(a.legalBases)), f("people", labels(a.people)),
            f("categories", a.categories.map { $0.label(lang) + ($0.isSensitive ? " ★" : "") }),
            f("recipients", a.recipients.map { "\($0.name) (\($0.kind.label(lang)))" }),
            f("transfers", a.transfers.map { "\($0.country) (\($0.safeguard.label(lang)))" }),
            f("retention", retention),
        ]
        if `public` { return out }
        out.insert(contentsOf: [f("purpose", [a.purpose]), f("subPurposes", a.subPurposes), f("service", [a.service.map { services[$0] ?? $0 } ?? ""])], at: 0)
        out.insert(f("jointController", contact(a.jointController)), at: 4)
        out += [
            f("software", [a.software ?? ""]),
            f("legitimateInterest", [a.legitimateInterest ?? ""]),
            f("collection", labels(a.collection)),
            f("estimatedPeople", [a.estimatedPeople.map(String.init) ?? ""]),
            f("security", labels(a.security) + [a.otherSecurity ?? ""]),
            f("processors", a.processors.map { processors[$0] ?? "n° \($0)" }),
        ]
        return out
    }

    // MARK: the form

    func options(_ organisation: Organisation?, _ context: SignedInContext) async throws -> ActivityFormOptions {
        let lang = context.language
        func choices<V: RegisterValue>(_ type: V.Type) -> [Choice] { V.allCases.map { Choice(value: $0.rawValue, label: $0.label(lang)) } }
        var services: [Choice] = []
        var processors: [Choice] = []
        if let organisation {
            services = try await state.directory.services(of: organisation.id).map { Choice(value: $0.slug, label: $0.name) }
            processors = try await register.processors(context.principal, organisation: organisation.slug).map { Choice(value: String($0.id), label: $0.body.name) }
        }
        var o = ActivityFormOptions(
            statuses: choices(ActivityStatus.self), legalBases: choices(LegalBasis.self), collection: choices(CollectionMethod.self),
            people: choices(PeopleCategory.self),
            categories: DataCategory.allCases.map { Choice(value: $0.rawValue, label: $0.label(lang) + ($0.isSensitive ? " ★" : "")) },
            recipientKinds: choices(RecipientKind.self), safeguards: choices(TransferSafeguard.self), phases: choices(RetentionPhase.self),
            bindings: choices(RetentionBinding.self), fates: choices(RetentionFate.self), security: choices(SecurityMeasure.self),
            services: services, processors: processors)
        o.dpiaCriteria = choices(DPIACriterion.self)
        o.dpiaRequiredCases = choices(DPIARequiredCase.self)
        o.dpiaExemptCases = choices(DPIAExemptCase.self)
        o.dpiaStatuses = choices(DPIAStatus.self)
        return o
    }

    @Sendable func newForm(_ request: Request, context: SignedInContext) async throws -> Response {
        let orgs = try await register.organisations(context.principal, .editRegister)
        guard !orgs.isEmpty else { throw SocleError(.forbidden, code: "auth.forbidden") }
        let chosen = orgs.first { $0.slug == request.uri.queryParameters.get("organisation") } ?? orgs[0]
        var form = ActivityForm()
        form.controllerName = chosen.name
        let page = ActivityFormPage(id: nil, form: form, options: try await options(chosen, context),
                                    organisations: orgs.map { Choice(value: $0.slug, label: $0.name) }, organisation: chosen.slug, errors: [:])
        return try pages.render(page, request, context.base)
    }

    @Sendable func create(_ request: Request, context: SignedInContext) async throws -> Response {
        let fields = context.base.form ?? FormFields()
        let orgs = try await register.organisations(context.principal, .editRegister)
        guard !orgs.isEmpty else { throw SocleError(.forbidden, code: "auth.forbidden") }
        let chosen = orgs.first { $0.slug == fields["organisation"] } ?? orgs[0]
        let form = Self.form(from: fields)
        var (activity, errors) = Self.activity(from: form, context.language)
        if errors.isEmpty {
            do {
                let e = try await register.createActivity(activity, organisation: chosen.slug, by: context.principal)
                return pages.redirect(PortalPaths.activity(e.id), request, flash: (.success, "web.register.flash.created", ["name": e.body.name]))
            } catch let e as SocleError where e.kind == .invalidInput {
                errors = Self.errors(e, context.language)
            }
        }
        activity.links = []
        let page = ActivityFormPage(id: nil, form: form, options: try await options(chosen, context),
                                    organisations: orgs.map { Choice(value: $0.slug, label: $0.name) }, organisation: chosen.slug, errors: errors)
        return try pages.render(page, request, context.base, status: .badRequest)
    }

    @Sendable func editForm(_ request: Request, context: SignedInContext) async throws -> Response {
        let e = try await editable(context)
        let page = ActivityFormPage(id: e.id, form: Self.form(from: e.body), options: try await options(e.organisation, context),
                                    organisations: [], organisation: e.organisation.slug, errors: [:])
        return try pages.render(page, request, context.base)
    }

    @Sendable func update(_ request: Request, context: SignedInContext) async throws -> Response {
        let current = try await editable(context)
        let form = Self.form(from: context.base.form ?? FormFields())
        var (activity, errors) = Self.activity(from: form, context.language)
        if errors.isEmpty {
            // The form does not edit the links to datasets (the activity page does), nor the template.
            activity.links = current.body.links
            activity.template = current.body.template
            if let measures = current.body.dpia?.measures, !measures.isEmpty {
                var d = activity.dpia ?? DPIAScreening()
                d.measures = measures
                activity.dpia = d
            }
            do {
                let e = try await register.updateActivity(current.id, activity, by: context.principal)
                return pages.redirect(PortalPaths.activity(e.id), request, flash: (.success, "web.register.flash.updated", ["name": e.body.name]))
            } catch let e as SocleError where e.kind == .invalidInput {
                errors = Self.errors(e, context.language)
            }
        }
        let page = ActivityFormPage(id: current.id, form: form, options: try await options(current.organisation, context),
                                    organisations: [], organisation: current.organisation.slug, errors: errors)
        return try pages.render(page, request, context.base, status: .badRequest)
    }

    /// The activity, for someone who may change it (403 otherwise, 404 when unreadable).
    func editable(_ context: SignedInContext) async throws -> ActivityEntry {
        let e = try await register.activity(try context.parameters.require("id", as: Int64.self), context.principal)
        guard Permissions.can(context.principal, .editRegister, organisationId: e.organisation.id) else {
            throw SocleError(.forbidden, code: "auth.forbidden")
        }
        return e
    }

    // MARK: actions

    @Sendable func archive(_ request: Request, context: SignedInContext) async throws -> Response {
        let restore = context.base.form?["restore"] == "1"
        let e = try await register.archiveActivity(try context.parameters.require("id", as: Int64.self), archived: !restore, by: context.principal)
        return pages.redirect(PortalPaths.activity(e.id), request,
                              flash: (.success, restore ? "web.register.flash.restored" : "web.register.flash.archived", [:]))
    }

    @Sendable func duplicate(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let targets = context.base.form?.all("organisation") ?? []
        do {
            let copies = try await register.duplicateActivity(id, into: targets, by: context.principal)
            return pages.redirect(copies.count == 1 ? PortalPaths.activity(copies[0].id) : PortalPaths.register, request,
                                  flash: (.success, "web.register.flash.duplicated", ["n": String(copies.count)]))
        } catch let e as SocleError where e.kind == .invalidInput {
            let page = try await detailPage(try await register.activity(id, context.principal), context)
            return try pages.render(page, request, context.base, status: .badRequest, flash: [Flash(.error, e.message(context.language))])
        }
    }

    @Sendable func links(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let form = context.base.form ?? FormFields()
        do {
            let add = try form.all("add").map(RegisterActions.columnRef)
            let remove = try form.all("remove").map(RegisterActions.columnRef)
            _ = try await register.setLinks(id, add: add, remove: remove, by: context.principal)
            return pages.redirect(PortalPaths.activity(id), request, flash: (.success, "web.register.flash.links", [:]))
        } catch let e as SocleError where e.kind == .invalidInput {
            let page = try await detailPage(try await register.activity(id, context.principal), context)
            return try pages.render(page, request, context.base, status: .badRequest, flash: [Flash(.error, e.message(context.language))])
        }
    }


    // MARK: form ↔ activity

    static let maxRows = 20

    static func form(from f: FormFields) -> ActivityForm {
        var form = ActivityForm()
        form.name = f.raw("name")
        form.purpose = f.raw("purpose")
        form.subPurposes = f.raw("subPurposes")
        form.service = f.raw("service")
        form.status = f["status"] ?? "draft"
        form.isPublic = f.all("isPublic").contains("1")
        form.controllerName = f.raw("controllerName")
        form.controllerContact = f.raw("controllerContact")
        form.jointName = f.raw("jointName")
        form.jointContact = f.raw("jointContact")
        form.dpoName = f.raw("dpoName")
        form.dpoContact = f.raw("dpoContact")
        form.software = f.raw("software")
        form.legalBases = Set(f.all("legalBases"))
        form.legitimateInterest = f.raw("legitimateInterest")
        form.collection = Set(f.all("collection"))
        form.people = Set(f.all("people"))
        form.estimatedPeople = f.raw("estimatedPeople")
        form.categories = Set(f.all("categories"))
        for kind in RecipientKind.allCases { form.recipients[kind.rawValue] = f.raw("recipients_" + kind.rawValue) }
        for i in 0..<maxRows {
            var t = ActivityForm.TransferRow()
            t.country = f.raw("transfer_country_\(i)")
            t.safeguard = f.raw("transfer_safeguard_\(i)")
            if !t.country.isEmpty || !t.safeguard.isEmpty { form.transfers.append(t) }
            var r = ActivityForm.Retention()
            r.category = f.raw("retention_category_\(i)")
            r.duration = f.raw("retention_duration_\(i)")
            r.startEvent = f.raw("retention_start_\(i)")
            r.phase = f["retention_phase_\(i)"] ?? r.phase
            r.fate = f["retention_fate_\(i)"] ?? r.fate
            r.binding = f["retention_binding_\(i)"] ?? r.binding
            r.legalSource = f.raw("retention_source_\(i)")
            r.dateColumns = f.raw("retention_dates_\(i)")
            if !r.isEmpty { form.retention.append(r) }
        }
        form.security = Set(f.all("security"))
        form.otherSecurity = f.raw("otherSecurity")
        form.processors = Set(f.all("processors"))
        form.dpiaCriteria = Set(f.all("dpiaCriteria"))
        form.dpiaRequiredCases = Set(f.all("dpiaRequiredCases"))
        form.dpiaExemptCases = Set(f.all("dpiaExemptCases"))
        form.dpiaStatus = f["dpiaStatus"] ?? form.dpiaStatus
        form.dpiaStarted = f.raw("dpiaStarted")
        form.dpiaCompleted = f.raw("dpiaCompleted")
        form.dpiaDpoOpinion = f.raw("dpiaDpoOpinion")
        form.dpiaControllerOpinion = f.raw("dpiaControllerOpinion")
        return form
    }

    static func form(from a: ProcessingActivity) -> ActivityForm {
        var form = ActivityForm()
        form.name = a.name
        form.purpose = a.purpose
        form.subPurposes = a.subPurposes.joined(separator: "\n")
        form.service = a.service ?? ""
        form.status = a.status.rawValue
        form.isPublic = a.isPublic
        form.controllerName = a.controller?.name ?? ""
        form.controllerContact = a.controller?.contact ?? ""
        form.jointName = a.jointController?.name ?? ""
        form.jointContact = a.jointController?.contact ?? ""
        form.dpoName = a.dpo?.name ?? ""
        form.dpoContact = a.dpo?.contact ?? ""
        form.software = a.software ?? ""
        form.legalBases = Set(a.legalBases.map(\.rawValue))
        form.legitimateInterest = a.legitimateInterest ?? ""
        form.collection = Set(a.collection.map(\.rawValue))
        form.people = Set(a.people.map(\.rawValue))
        form.estimatedPeople = a.estimatedPeople.map(String.init) ?? ""
        form.categories = Set(a.categories.map(\.rawValue))
        for kind in RecipientKind.allCases {
            form.recipients[kind.rawValue] = a.recipients.filter { $0.kind == kind }.map(\.name).joined(separator: "\n")
        }
        form.transfers = a.transfers.map { t in
            var row = ActivityForm.TransferRow()
            row.country = t.country
            row.safeguard = t.safeguard.rawValue
            return row
        }
        form.retention = a.retention.map { r in
            var row = ActivityForm.Retention()
            row.category = r.category?.rawValue ?? ""
            row.duration = r.duration
            row.startEvent = r.startEvent
            row.phase = r.phase.rawValue
            row.binding = r.binding.rawValue
            row.fate = r.fate.rawValue
            row.legalSource = r.legalSource ?? ""
            row.dateColumns = r.dateColumns.map { "\($0.dataset):\($0.column)" }.joined(separator: ", ")
            return row
        }
        form.security = Set(a.security.map(\.rawValue))
        form.otherSecurity = a.otherSecurity ?? ""
        form.processors = Set(a.processors.map(String.init))
        if let d = a.dpia {
            form.dpiaCriteria = Set(d.criteria.map(\.rawValue))
            form.dpiaRequiredCases = Set(d.requiredCases.map(\.rawValue))
            form.dpiaExemptCases = Set(d.exemptCases.map(\.rawValue))
            form.dpiaStatus = d.status.rawValue
            form.dpiaStarted = d.started ?? ""
            form.dpiaCompleted = d.completed ?? ""
            form.dpiaDpoOpinion = d.dpoOpinion ?? ""
            form.dpiaControllerOpinion = d.controllerOpinion ?? ""
        }
        return form
    }

    /// The activity the form describes, and the fields it could not read (by form field name, worded).
    static func activity(from f: ActivityForm, _ lang: Language) -> (ProcessingActivity, [String: String]) {
        var errors: [String: String] = [:]
        func parse<V: RegisterValue>(_ raw: String, _ field: String) -> V? {
            do { return try V.parse(raw, field: field) } catch let e as SocleError {
                errors[field] = e.message(lang)
            } catch {}
            return nil
        }
        func list<V: RegisterValue>(_ raws: Set<String>, _ field: String) -> [V] {
            // In the list's own order, whatever order the browser posted.
            let order = Array(V.allCases)
            return raws.compactMap { (parse($0, field) as V?) }.sorted { (order.firstIndex(of: $0) ?? 0) < (order.firstIndex(of: $1) ?? 0) }
        }
        func lines(_ s: String) -> [String] {
            s.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        func contact(_ name: String, _ c: String) -> RegisterContact? {
            let n = name.trimmingCharacters(in: .whitespaces)
            let k = c.trimmingCharacters(in: .whitespaces)
            return n.isEmpty && k.isEmpty ? nil : RegisterContact(name: n, contact: k.isEmpty ? nil : k)
        }
        var a = ProcessingActivity(name: f.name, purpose: f.purpose)
        a.subPurposes = lines(f.subPurposes)
        a.service = f.service.isEmpty ? nil : f.service
        a.status = parse(f.status, "status") ?? .draft
        a.isPublic = f.isPublic
        a.controller = contact(f.controllerName, f.controllerContact)
        a.jointController = contact(f.jointName, f.jointContact)
        a.dpo = contact(f.dpoName, f.dpoContact)
        a.software = f.software.isEmpty ? nil : f.software
        a.legalBases = list(f.legalBases, "legalBases")
        a.legitimateInterest = f.legitimateInterest.isEmpty ? nil : f.legitimateInterest
        a.collection = list(f.collection, "collection")
        a.people = list(f.people, "people")
        let estimated = f.estimatedPeople.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{202F}", with: "")
        if !estimated.isEmpty {
            if let n = Int(estimated), n >= 0 { a.estimatedPeople = n } else {
                errors["estimatedPeople"] = SocleError(.invalidInput, code: "register.bad_number",
                                                       args: ["field": Catalog.shared.string("web.register.form.estimatedPeople", language: lang),
                                                              "value": String(f.estimatedPeople.prefix(20))]).message(lang)
            }
        }
        a.categories = list(f.categories, "categories")
        for kind in RecipientKind.allCases {
            a.recipients += lines(f.recipients[kind.rawValue] ?? "").map { Recipient(kind: kind, name: $0) }
        }
        for (i, t) in f.transfers.enumerated() {
            guard let safeguard: TransferSafeguard = parse(t.safeguard, "transfer_safeguard_\(i)") else { continue }
            if t.country.trimmingCharacters(in: .whitespaces).isEmpty {
                errors["transfer_country_\(i)"] = SocleError(.invalidInput, code: "server.field_required",
                                                             args: ["field": Catalog.shared.string("web.register.form.country", language: lang)]).message(lang)
                continue
            }
            a.transfers.append(Transfer(country: t.country, safeguard: safeguard))
        }
        for (i, r) in f.retention.enumerated() {
            let category: DataCategory? = r.category.isEmpty ? nil : DataCategory(rawValue: r.category)
            if !r.category.isEmpty && category == nil {
                errors["retention_category_\(i)"] = SocleError(.invalidInput, code: "register.bad_value",
                                                               args: ["field": "category", "value": String(r.category.prefix(40)), "known": ""]).message(lang)
            }
            if !ISODuration.isValid(r.duration) {
                errors["retention_duration_\(i)"] = SocleError(.invalidInput, code: "register.bad_duration", args: ["value": String(r.duration.prefix(40))]).message(lang)
            }
            if r.startEvent.trimmingCharacters(in: .whitespaces).isEmpty {
                errors["retention_start_\(i)"] = SocleError(.invalidInput, code: "server.field_required",
                                                            args: ["field": Catalog.shared.string("web.register.form.startEvent", language: lang)]).message(lang)
            }
            guard let phase: RetentionPhase = parse(r.phase, "retention_phase_\(i)"), let fate: RetentionFate = parse(r.fate, "retention_fate_\(i)"),
                  let binding: RetentionBinding = parse(r.binding, "retention_binding_\(i)") else { continue }
            var dates: [RetentionDateColumn] = []
            for ref in r.dateColumns.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !ref.isEmpty {
                if let (dataset, column) = try? RegisterActions.columnRef(ref) {
                    dates.append(RetentionDateColumn(dataset: dataset, column: column))
                } else {
                    errors["retention_dates_\(i)"] = SocleError(.invalidInput, code: "register.bad_column_ref", args: ["value": String(ref.prefix(80))]).message(lang)
                }
            }
            a.retention.append(RetentionRule(category: category, phase: phase, duration: r.duration, startEvent: r.startEvent,
                                             legalSource: r.legalSource.isEmpty ? nil : r.legalSource, binding: binding, fate: fate,
                                             dateColumns: dates))
        }
        a.security = list(f.security, "security")
        a.otherSecurity = f.otherSecurity.isEmpty ? nil : f.otherSecurity
        a.processors = f.processors.compactMap { Int64($0) }.sorted()
        var dpia = DPIAScreening(criteria: list(f.dpiaCriteria, "dpiaCriteria"), requiredCases: list(f.dpiaRequiredCases, "dpiaRequiredCases"),
                                 exemptCases: list(f.dpiaExemptCases, "dpiaExemptCases"), status: parse(f.dpiaStatus, "dpiaStatus") ?? .notStarted,
                                 started: f.dpiaStarted.isEmpty ? nil : f.dpiaStarted, completed: f.dpiaCompleted.isEmpty ? nil : f.dpiaCompleted,
                                 dpoOpinion: f.dpiaDpoOpinion.isEmpty ? nil : f.dpiaDpoOpinion,
                                 controllerOpinion: f.dpiaControllerOpinion.isEmpty ? nil : f.dpiaControllerOpinion)
        dpia.measures = []
        a.dpia = dpia == DPIAScreening() ? nil : dpia
        return (a, errors)
    }

    /// A refusal from the register, placed on its field when it names one.
    static func errors(_ e: SocleError, _ lang: Language) -> [String: String] {
        if e.code == "register.incomplete" { return ["status": e.message(lang)] }
        if e.args["field"] == "dpia.started" { return ["dpiaStarted": e.message(lang)] }
        if e.args["field"] == "dpia.completed" || e.code == "register.dates_order" { return ["dpiaCompleted": e.message(lang)] }
        if let field = e.args["field"], !field.isEmpty, ["name", "purpose", "software", "legitimateInterest", "otherSecurity", "estimatedPeople", "service"].contains(field) {
            return [field: e.message(lang)]
        }
        if e.code == "register.unknown_service" { return ["service": e.message(lang)] }
        if e.code == "register.unknown_processor" { return ["processors": e.message(lang)] }
        return ["_": e.message(lang)]
    }
}

extension ActivityPage {
    /// The screening's verdict in words, the criteria the record suggests, and the DPIA record's fields.
    func withDPIA(_ a: ProcessingActivity, _ lang: Language) -> ActivityPage {
        var page = self
        let verdict = a.dpiaVerdict
        page.dpiaRequired = verdict.required
        page.dpiaReasons = verdict.reasons.map { $0.text(lang) }
        page.dpiaSuggestions = a.suggestedDPIACriteria.map { $0.label(lang) }
        if let d = a.dpia {
            func f(_ key: String, _ values: [String]) -> Field {
                Field(label: Catalog.shared.string("web.register.field.\(key)", language: lang), values: values.filter { !$0.isEmpty })
            }
            page.dpiaFields = [
                f("dpiaStatus", [d.status.label(lang)]),
                f("dpiaDates", [[d.started, d.completed].compactMap { $0 }.joined(separator: " → ")]),
                f("dpiaDpoOpinion", [d.dpoOpinion ?? ""]),
                f("dpiaControllerOpinion", [d.controllerOpinion ?? ""]),
                f("dpiaMeasures", d.measures.map { "n° \($0)" }),
            ]
        }
        return page
    }
}

/// `/register/public`: the public register, for citizens.
struct PublicRegisterPagesController {
    let state: ServerState
    let pages: Pages

    func addRoutes(to router: Router<SocleRequestContext>) {
        router.get("register/public", use: show)
    }

    @Sendable func show(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let chosen = request.uri.queryParameters.get("organisation").flatMap { $0.isEmpty ? nil : $0 }
        let lang = context.language
        let all = try await state.register.publicActivities()
        let shown = chosen.map { slug in all.filter { $0.organisation.slug == slug } } ?? all
        var seen = Set<String>()
        let organisations = all.compactMap { e -> Choice? in
            seen.insert(e.organisation.slug).inserted ? Choice(value: e.organisation.slug, label: e.organisation.name) : nil
        }
        let items = shown.map { e in
            PublicRegisterPage.Item(name: e.body.name, organisation: e.organisation.name, purpose: e.body.purpose,
                                    fields: RegisterPagesController.fields(e, lang, public: true))
        }
        return try pages.render(PublicRegisterPage(items: items, organisations: organisations, organisation: chosen), request, context)
    }
}
