import Foundation
import Hummingbird
import SocleActions
import SocleCore
import SocleWeb

/// `/register/requests…`: the DPO's data-subject requests — the list by legal due date, a request with its
/// clock, state, answer and history, and the form for a request received by post, e-mail or at the counter.
struct RequestPagesController {
    let state: ServerState
    let pages: Pages
    var requests: RequestActions { state.requests }

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("register/requests", use: list)
        group.get("register/requests/new", use: newForm)
        group.post("register/requests/new", use: create)
        group.get("register/requests/{id}", use: show)
        group.post("register/requests/{id}/transition", use: transition)
        group.post("register/requests/{id}/extend", use: extend)
        group.post("register/requests/{id}/answer", use: answer)
        group.post("register/requests/{id}/identity", use: identity)
        group.post("register/requests/{id}/identifiers", use: identifiers)
        group.post("register/requests/{id}/note", use: note)
    }

    static func reminder(_ r: SubjectRequest, today: String) -> String {
        r.isOverdue(today: today) ? "overdue" : r.isDueSoon(today: today) ? "dueSoon" : ""
    }

    @Sendable func list(_ request: Request, context: SignedInContext) async throws -> Response {
        let orgs = try await requests.organisations(context.principal)
        if orgs.isEmpty { throw SocleError(.forbidden, code: "auth.forbidden") }
        let chosen = request.uri.queryParameters.get("organisation").flatMap { $0.isEmpty ? nil : $0 }
        let lang = context.language
        let today = RequestCalendar.today()
        let list = try await requests.list(context.principal, organisation: chosen)
        let items = list.map { e in
            RequestListPage.Item(id: e.id, organisation: e.organisation.name, right: e.body.right.label(lang), requester: e.body.requester,
                                 state: e.body.state.label(lang), stateKey: e.body.state.rawValue, received: e.body.received, due: e.body.due,
                                 reminder: Self.reminder(e.body, today: today), daysLeft: e.body.daysLeft(today: today),
                                 extended: e.body.extended != nil, closed: e.body.state.isClosed)
        }
        let page = RequestListPage(items: items, organisations: orgs.map { Choice(value: $0.slug, label: $0.name) }, organisation: chosen,
                                   dueSoon: items.filter { $0.reminder == "dueSoon" }.count, overdue: items.filter { $0.reminder == "overdue" }.count)
        return try pages.render(page, request, context.base)
    }

    func page(_ e: RequestEntry, _ context: SignedInContext, errors: [String: String] = [:], values: [String: String] = [:],
              trackingHref: String? = nil) -> RequestPage {
        let lang = context.language
        let r = e.body
        let today = RequestCalendar.today()
        let ids = r.identifiers
        var facts: [RequestPage.Fact] = []
        func fact(_ key: String, _ value: String?) {
            if let value { facts.append(.init(label: Catalog.shared.string("web.requests.form." + key, language: lang), value: value)) }
        }
        fact("id_email", ids.email)
        fact("id_phone", ids.phone)
        fact("id_nir", ids.nir)
        fact("id_name", ids.name)
        fact("id_birthDate", ids.birthDate)
        fact("id_plate", ids.plate)
        let identifierValues = ["id_email": ids.email, "id_phone": ids.phone, "id_nir": ids.nir, "id_name": ids.name,
                                "id_birthDate": ids.birthDate, "id_plate": ids.plate].compactMapValues { $0 }
        return RequestPage(
            id: e.id, organisation: e.organisation.name, right: r.right.label(lang), requester: r.requester, contact: r.contact,
            channel: r.channel.label(lang), message: r.message, received: r.received, due: r.due, initialDue: r.initialDue,
            daysLeft: r.daysLeft(today: today), reminder: Self.reminder(r, today: today), state: r.state.label(lang), stateKey: r.state.rawValue,
            closed: r.state.isClosed, identifiers: facts, identifierValues: identifierValues, identityNeeded: !r.identitySettled,
            identityCheck: r.identityCheck.map { "\($0.day) — \($0.method) (\($0.by))" },
            extended: r.extended.map { "\($0.notified) — \($0.reason)" },
            answer: r.answer.map { .init(text: $0.text, date: $0.date, channel: $0.channel.label(lang)) }, refusal: r.refusal,
            cnilMention: Catalog.shared.string("request.cnil_mention", language: lang),
            events: r.events.reversed().map { .init(at: $0.at, text: $0.text(lang), actor: $0.actor) },
            transitions: r.allowedStates.map { Choice(value: $0.rawValue, label: $0.label(lang)) },
            channels: RequestChannel.allCases.filter { $0 != .publicForm }.map { Choice(value: $0.rawValue, label: $0.label(lang)) },
            canAnswer: r.state.canAnswer, canExtend: !r.state.isClosed && r.extended == nil && today <= r.initialDue, today: today,
            subjectSearchHref: ids.isEmpty ? nil : PortalPaths.subjectSearch(request: e.id), trackingHref: trackingHref,
            errors: errors, values: values)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let e = try await requests.get(try context.parameters.require("id", as: Int64.self), context.principal)
        return try pages.render(page(e, context), request, context.base)
    }

    // MARK: a request received another way

    func formPage(_ values: [String: String], _ errors: [String: String], _ context: SignedInContext) async throws -> SimpleFormPage {
        let lang = context.language
        func s(_ key: String) -> String { Catalog.shared.string("web.requests.form." + key, language: lang) }
        let orgs = try await requests.organisations(context.principal)
        if orgs.isEmpty { throw SocleError(.forbidden, code: "auth.forbidden") }
        var fields: [SimpleFormPage.Field] = [
            .init(.select, "organisation", label: s("organisation"), value: values["organisation"] ?? "", options: orgs.map { Choice(value: $0.slug, label: $0.name) }),
            .init(.select, "right", label: s("right"), value: values["right"] ?? "",
                  options: SubjectRight.allCases.map { Choice(value: $0.rawValue, label: $0.label(lang)) }),
            .init(.text, "requester", label: s("requester"), value: values["requester"] ?? "", required: true),
            .init(.text, "contact", label: s("contact"), value: values["contact"] ?? "", required: true),
            .init(.date, "received", label: s("received"), value: values["received"] ?? RequestCalendar.today()),
            .init(.select, "channel", label: s("answer_channel"), value: values["channel"] ?? "post",
                  options: RequestChannel.allCases.map { Choice(value: $0.rawValue, label: $0.label(lang)) }),
        ]
        for name in ["id_email", "id_phone", "id_nir", "id_name", "id_birthDate", "id_plate"] {
            fields.append(.init(.text, name, label: s(name), value: values[name] ?? ""))
        }
        fields.append(.init(.textarea, "message", label: s("message"), value: values["message"] ?? ""))
        return SimpleFormPage(heading: Catalog.shared.string("web.requests.new.title", language: lang), action: PortalPaths.newRequest,
                              cancelHref: PortalPaths.requests, fields: fields, errors: errors,
                              submit: Catalog.shared.string("web.register.submit", language: lang))
    }

    @Sendable func newForm(_ request: Request, context: SignedInContext) async throws -> Response {
        try pages.render(try await formPage([:], [:], context), request, context.base)
    }

    @Sendable func create(_ request: Request, context: SignedInContext) async throws -> Response {
        let f = context.base.form ?? FormFields()
        var values: [String: String] = [:]
        for (k, v) in f.values where k != "_csrf" { values[k] = v.first ?? "" }
        let (input, parsed) = PublicRequestPagesController.input(f, context.language)
        var errors = parsed
        if let input, errors.isEmpty {
            do {
                let (e, token) = try await requests.create(input, organisation: f.raw("organisation"), by: context.principal)
                return try pages.render(page(e, context, trackingHref: PortalPaths.trackPrivacyRequest(token: token)), request, context.base,
                                        status: .created)
            } catch let e as SocleError where e.kind == .invalidInput {
                errors[PublicRequestPagesController.field(e)] = e.message(context.language)
            }
        }
        return try pages.render(try await formPage(values, errors, context), request, context.base, status: .badRequest)
    }

    // MARK: handling

    /// Runs one handling step: back to the request with a flash, or the page again with the refusal (400).
    func step(_ request: Request, _ context: SignedInContext, errorField: (SocleError) -> String = PublicRequestPagesController.field,
              _ body: (Int64, FormFields) async throws -> RequestEntry) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let f = context.base.form ?? FormFields()
        do {
            _ = try await body(id, f)
            return pages.redirect(PortalPaths.request(id), request, flash: (.success, "web.requests.flash.saved", [:]))
        } catch let e as SocleError where e.kind == .invalidInput {
            let current = try await requests.get(id, context.principal)
            var values: [String: String] = [:]
            for (k, v) in f.values where k != "_csrf" { values[k] = v.first ?? "" }
            return try pages.render(page(current, context, errors: [errorField(e): e.message(context.language)], values: values), request,
                                    context.base, status: .badRequest)
        }
    }

    @Sendable func transition(_ request: Request, context: SignedInContext) async throws -> Response {
        try await step(request, context, errorField: { e in e.args["field"] == "reason" ? "reason" : "state" }) { id, f in
            let target = try RequestState.parse(try f.require("state"), field: "state")
            return try await requests.transition(id, to: target, reason: f["reason"], note: f["note"], by: context.principal)
        }
    }

    @Sendable func extend(_ request: Request, context: SignedInContext) async throws -> Response {
        try await step(request, context, errorField: { e in e.args["field"] == "reason" ? "extendReason" : "notified" }) { id, f in
            try await requests.extend(id, notified: f.raw("notified"), reason: f.raw("reason"), by: context.principal)
        }
    }

    @Sendable func answer(_ request: Request, context: SignedInContext) async throws -> Response {
        try await step(request, context, errorField: { e in ["text", "date", "channel"].contains(e.args["field"] ?? "") ? e.args["field"]! : "text" }) { id, f in
            let channel = try RequestChannel.parse(f["channel"] ?? "email", field: "channel")
            return try await requests.answer(id, text: f.raw("text"), date: f.raw("date"), channel: channel, by: context.principal)
        }
    }

    @Sendable func identity(_ request: Request, context: SignedInContext) async throws -> Response {
        try await step(request, context, errorField: { _ in "method" }) { id, f in
            try await requests.confirmIdentity(id, method: f.raw("method"), by: context.principal)
        }
    }

    @Sendable func identifiers(_ request: Request, context: SignedInContext) async throws -> Response {
        try await step(request, context) { id, f in
            try await requests.setIdentifiers(id, SubjectIdentifiers(email: f["id_email"], phone: f["id_phone"], nir: f["id_nir"], name: f["id_name"],
                                                                     birthDate: f["id_birthDate"], plate: f["id_plate"]), by: context.principal)
        }
    }

    @Sendable func note(_ request: Request, context: SignedInContext) async throws -> Response {
        try await step(request, context, errorField: { _ in "summary" }) { id, f in
            try await requests.recordEvent(id, kind: "note", summary: f.raw("summary"), by: context.principal)
        }
    }
}
