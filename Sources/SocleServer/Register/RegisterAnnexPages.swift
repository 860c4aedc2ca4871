import Foundation
import Hummingbird
import SocleActions
import SocleCore
import SocleWeb

/// The register's processors and action-plan measures: a form each, to create and edit (and archive).
struct RegisterAnnexPagesController {
    let state: ServerState
    let pages: Pages
    var register: RegisterActions { state.register }

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("register/processors/new", use: newProcessor)
        group.post("register/processors/new", use: saveNewProcessor)
        group.get("register/processors/{id}", use: processor)
        group.post("register/processors/{id}", use: saveProcessor)
        group.get("register/measures/new", use: newMeasure)
        group.post("register/measures/new", use: saveNewMeasure)
        group.get("register/measures/{id}", use: measure)
        group.post("register/measures/{id}", use: saveMeasure)
    }

    static let processorChecks = ["contractClauses", "securityChecked", "keepsRegister", "transfersAbroad", "hasDataProtectionOfficer"]

    /// The annexes of the list page: processors with their open checks, measures with their due dates.
    static func annexes(_ processors: [ProcessorEntry], _ measures: [MeasureEntry], _ lang: Language, today: String,
                        withoutContract: Set<Int64> = []) -> RegisterAnnexes {
        RegisterAnnexes(
            processors: processors.map { p in
                .init(id: p.id, name: p.body.name, organisation: p.organisation.name,
                      openChecks: p.body.openChecks.map { Catalog.shared.string("register.processor.\($0)", language: lang) }
                          + (withoutContract.contains(p.id) ? [Catalog.shared.string("register.processor.contractProof", language: lang)] : []))
            },
            measures: measures.map { m in
                .init(id: m.id, title: m.body.title, organisation: m.organisation.name, status: m.body.status.label(lang),
                      priority: m.body.priority.label(lang), owner: m.body.owner ?? "", due: m.body.due ?? "",
                      overdue: (m.body.due.map { $0 < today } ?? false) && m.body.status != .done && m.body.status != .abandoned)
            })
    }

    func s(_ key: String, _ context: SignedInContext, _ args: [String: String] = [:]) -> String {
        Catalog.shared.string("web.register." + key, language: context.language, args: args)
    }

    func editableOrganisations(_ context: SignedInContext) async throws -> [Organisation] {
        let orgs = try await register.organisations(context.principal, .editRegister)
        if orgs.isEmpty { throw SocleError(.forbidden, code: "auth.forbidden") }
        return orgs
    }

    // MARK: processors

    func processorPage(_ p: Processor, id: Int64?, archived: Bool, organisations: [Organisation], chosen: String?,
                       errors: [String: String], _ context: SignedInContext) -> SimpleFormPage {
        let lang = context.language
        var fields: [SimpleFormPage.Field] = []
        if id == nil {
            fields.append(.init(.select, "organisation", label: s("form.organisation", context), value: chosen ?? "",
                                options: organisations.map { Choice(value: $0.slug, label: $0.name) }))
        }
        let checked = Set(zip(Self.processorChecks, [p.contractClauses, p.securityChecked, p.keepsRegister, p.transfersAbroad,
                                                      p.hasDataProtectionOfficer]).filter(\.1).map(\.0))
        fields += [
            .init(.text, "name", label: s("record.name", context), value: p.name, required: true),
            .init(.text, "contact", label: s("record.contact", context), value: p.contact ?? ""),
            .init(.text, "service", label: s("record.service", context), value: p.service ?? ""),
            .init(.checks, "checks", label: s("record.checks", context),
                  options: Self.processorChecks.map { Choice(value: $0, label: Catalog.shared.string("register.processor.\($0)", language: lang)) },
                  checked: checked),
            .init(.textarea, "notes", label: s("record.notes", context), value: p.notes ?? ""),
        ]
        if id != nil {
            fields.append(.init(.checks, "archived", label: s("record.archived", context),
                                options: [Choice(value: "1", label: s("record.archive", context))], checked: archived ? ["1"] : []))
        }
        return SimpleFormPage(heading: id == nil ? s("processor_form_new", context) : s("processor_form_edit", context, ["name": p.name]),
                              action: id.map(PortalPaths.processor) ?? PortalPaths.newProcessor, cancelHref: PortalPaths.register + "#processors",
                              fields: fields, errors: errors, submit: s("submit", context))
    }

    static func processor(from f: FormFields) -> Processor {
        let checks = Set(f.all("checks"))
        return Processor(name: f.raw("name"), contact: f["contact"], service: f["service"], contractClauses: checks.contains("contractClauses"),
                         securityChecked: checks.contains("securityChecked"), keepsRegister: checks.contains("keepsRegister"),
                         transfersAbroad: checks.contains("transfersAbroad"), hasDataProtectionOfficer: checks.contains("hasDataProtectionOfficer"),
                         notes: f["notes"])
    }

    @Sendable func newProcessor(_ request: Request, context: SignedInContext) async throws -> Response {
        let orgs = try await editableOrganisations(context)
        let page = processorPage(Processor(name: ""), id: nil, archived: false, organisations: orgs,
                                 chosen: request.uri.queryParameters.get("organisation"), errors: [:], context)
        return try pages.render(page, request, context.base)
    }

    @Sendable func saveNewProcessor(_ request: Request, context: SignedInContext) async throws -> Response {
        let orgs = try await editableOrganisations(context)
        let form = context.base.form ?? FormFields()
        let p = Self.processor(from: form)
        do {
            _ = try await register.createProcessor(p, organisation: form["organisation"] ?? orgs[0].slug, by: context.principal)
            return pages.redirect(PortalPaths.register + "#processors", request, flash: (.success, "web.register.flash.saved", [:]))
        } catch let e as SocleError where e.kind == .invalidInput {
            let page = processorPage(p, id: nil, archived: false, organisations: orgs, chosen: form["organisation"],
                                     errors: Self.errors(e, context.language), context)
            return try pages.render(page, request, context.base, status: .badRequest)
        }
    }

    @Sendable func processor(_ request: Request, context: SignedInContext) async throws -> Response {
        let e = try await register.processor(try context.parameters.require("id", as: Int64.self), context.principal)
        guard Permissions.can(context.principal, .editRegister, organisationId: e.organisation.id) else { throw SocleError(.forbidden, code: "auth.forbidden") }
        return try pages.render(processorPage(e.body, id: e.id, archived: e.archived, organisations: [], chosen: nil, errors: [:], context),
                                request, context.base)
    }

    @Sendable func saveProcessor(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let form = context.base.form ?? FormFields()
        let p = Self.processor(from: form)
        let archived = form.all("archived").contains("1")
        do {
            _ = try await register.updateProcessor(id, p, archived: archived, by: context.principal)
            return pages.redirect(PortalPaths.register + "#processors", request, flash: (.success, "web.register.flash.saved", [:]))
        } catch let e as SocleError where e.kind == .invalidInput {
            let page = processorPage(p, id: id, archived: archived, organisations: [], chosen: nil, errors: Self.errors(e, context.language), context)
            return try pages.render(page, request, context.base, status: .badRequest)
        }
    }

    // MARK: measures

    func measurePage(_ m: ProtectiveMeasure, id: Int64?, archived: Bool, organisations: [Organisation], chosen: String?,
                     activities: [ActivityEntry], errors: [String: String], _ context: SignedInContext) -> SimpleFormPage {
        let lang = context.language
        func choices<V: RegisterValue>(_ type: V.Type) -> [Choice] { V.allCases.map { Choice(value: $0.rawValue, label: $0.label(lang)) } }
        var fields: [SimpleFormPage.Field] = []
        if id == nil {
            fields.append(.init(.select, "organisation", label: s("form.organisation", context), value: chosen ?? "",
                                options: organisations.map { Choice(value: $0.slug, label: $0.name) }))
        }
        fields += [
            .init(.text, "title", label: s("record.title", context), value: m.title, required: true),
            .init(.select, "type", label: s("record.type", context), value: m.type.rawValue, options: choices(MeasureType.self)),
            .init(.select, "status", label: s("record.status", context), value: m.status.rawValue, options: choices(MeasureStatus.self)),
            .init(.select, "priority", label: s("record.priority", context), value: m.priority.rawValue, options: choices(MeasurePriority.self)),
            .init(.text, "owner", label: s("record.owner", context), value: m.owner ?? ""),
            .init(.date, "due", label: s("record.due", context), value: m.due ?? ""),
        ]
        if !activities.isEmpty {
            fields.append(.init(.checks, "activities", label: s("record.activities", context),
                                options: activities.map { Choice(value: String($0.id), label: $0.body.name) }, checked: Set(m.activities.map(String.init))))
        }
        fields.append(.init(.textarea, "notes", label: s("record.notes", context), value: m.notes ?? ""))
        if id != nil {
            fields.append(.init(.checks, "archived", label: s("record.archived", context),
                                options: [Choice(value: "1", label: s("record.archive", context))], checked: archived ? ["1"] : []))
        }
        return SimpleFormPage(heading: id == nil ? s("measure_form_new", context) : s("measure_form_edit", context, ["name": m.title]),
                              action: id.map(PortalPaths.measure) ?? PortalPaths.newMeasure, cancelHref: PortalPaths.register + "#measures",
                              fields: fields, errors: errors, submit: s("submit", context))
    }

    /// The measure the form describes; an unknown list value is an error on its field.
    static func measure(from f: FormFields, _ lang: Language) -> (ProtectiveMeasure, [String: String]) {
        var errors: [String: String] = [:]
        func parse<V: RegisterValue>(_ name: String, _ fallback: V) -> V {
            guard let raw = f[name], !raw.isEmpty else { return fallback }
            do { return try V.parse(raw, field: name) } catch let e as SocleError { errors[name] = e.message(lang) } catch {}
            return fallback
        }
        let m = ProtectiveMeasure(title: f.raw("title"), type: parse("type", MeasureType.organisational), status: parse("status", MeasureStatus.planned),
                                  priority: parse("priority", MeasurePriority.normal), owner: f["owner"], due: f["due"],
                                  activities: f.all("activities").compactMap { Int64($0) }, notes: f["notes"])
        return (m, errors)
    }

    func organisationActivities(_ slug: String?, _ context: SignedInContext) async throws -> [ActivityEntry] {
        guard let slug, !slug.isEmpty else { return [] }
        return try await register.activities(context.principal, organisation: slug)
    }

    @Sendable func newMeasure(_ request: Request, context: SignedInContext) async throws -> Response {
        let orgs = try await editableOrganisations(context)
        let chosen = orgs.first { $0.slug == request.uri.queryParameters.get("organisation") } ?? orgs[0]
        let page = measurePage(ProtectiveMeasure(title: "", type: .organisational), id: nil, archived: false, organisations: orgs, chosen: chosen.slug,
                               activities: try await organisationActivities(chosen.slug, context), errors: [:], context)
        return try pages.render(page, request, context.base)
    }

    @Sendable func saveNewMeasure(_ request: Request, context: SignedInContext) async throws -> Response {
        let orgs = try await editableOrganisations(context)
        let form = context.base.form ?? FormFields()
        let chosen = orgs.first { $0.slug == form["organisation"] } ?? orgs[0]
        let (m, parsed) = Self.measure(from: form, context.language)
        var errors = parsed
        if errors.isEmpty {
            do {
                _ = try await register.createMeasure(m, organisation: chosen.slug, by: context.principal)
                return pages.redirect(PortalPaths.register + "#measures", request, flash: (.success, "web.register.flash.saved", [:]))
            } catch let e as SocleError where e.kind == .invalidInput {
                errors = Self.errors(e, context.language)
            }
        }
        let page = measurePage(m, id: nil, archived: false, organisations: orgs, chosen: chosen.slug,
                               activities: try await organisationActivities(chosen.slug, context), errors: errors, context)
        return try pages.render(page, request, context.base, status: .badRequest)
    }

    @Sendable func measure(_ request: Request, context: SignedInContext) async throws -> Response {
        let e = try await register.measure(try context.parameters.require("id", as: Int64.self), context.principal)
        guard Permissions.can(context.principal, .editRegister, organisationId: e.organisation.id) else { throw SocleError(.forbidden, code: "auth.forbidden") }
        let page = measurePage(e.body, id: e.id, archived: e.archived, organisations: [], chosen: nil,
                               activities: try await organisationActivities(e.organisation.slug, context), errors: [:], context)
        return try pages.render(page, request, context.base)
    }

    @Sendable func saveMeasure(_ request: Request, context: SignedInContext) async throws -> Response {
        let current = try await register.measure(try context.parameters.require("id", as: Int64.self), context.principal)
        let form = context.base.form ?? FormFields()
        let (m, parsed) = Self.measure(from: form, context.language)
        var errors = parsed
        let archived = form.all("archived").contains("1")
        if errors.isEmpty {
            do {
                _ = try await register.updateMeasure(current.id, m, archived: archived, by: context.principal)
                return pages.redirect(PortalPaths.register + "#measures", request, flash: (.success, "web.register.flash.saved", [:]))
            } catch let e as SocleError where e.kind == .invalidInput {
                errors = Self.errors(e, context.language)
            }
        }
        let page = measurePage(m, id: current.id, archived: archived, organisations: [], chosen: nil,
                               activities: try await organisationActivities(current.organisation.slug, context), errors: errors, context)
        return try pages.render(page, request, context.base, status: .badRequest)
    }

    /// A refusal placed on its field when it names one of the form's.
    static func errors(_ e: SocleError, _ lang: Language) -> [String: String] {
        let field = e.args["field"] ?? ""
        if ["name", "title", "contact", "service", "notes", "owner", "due"].contains(field) { return [field: e.message(lang)] }
        if e.code == "register.unknown_activity" { return ["activities": e.message(lang)] }
        return ["name": e.message(lang)]
    }
}
