import Foundation
import HTTPTypes
import Hummingbird
import SocleActions
import SocleCore
import SocleWeb

/// `/privacy-requests/…`: the public form of a data-subject request (no account) and the tracking page.
/// The form is CSRF-protected like every portal post (the anonymous double-submit cookie), throttled per
/// client address, limited in size, refuses markup, and answers the same whoever the person is.
struct PublicRequestPagesController {
    let state: ServerState
    let pages: Pages
    var requests: RequestActions { state.requests }

    /// The whole form, fields together: far above what a person types, far below the 1 MiB of other forms.
    static let maxFormBytes = 16 * 1024

    func addRoutes(to router: Router<SocleRequestContext>) {
        router.get("privacy-requests/new", use: form)
        router.post("privacy-requests/new", use: submit)
        router.get("privacy-requests/track", use: track)
    }

    func formPage(_ values: [String: String], _ errors: [String: String], _ lang: Language) async throws -> PublicRequestFormPage {
        PublicRequestFormPage(organisations: try await requests.publicOrganisations().map { Choice(value: $0.slug, label: $0.name) },
                              rights: SubjectRight.allCases.map { Choice(value: $0.rawValue, label: $0.label(lang)) },
                              values: values, errors: errors)
    }

    @Sendable func form(_ request: Request, context: SocleRequestContext) async throws -> Response {
        var values: [String: String] = [:]
        if let o = request.uri.queryParameters.get("organisation") { values["organisation"] = String(o.prefix(64)) }
        return try pages.render(try await formPage(values, [:], context.language), request, context)
    }

    /// The form's fields as the action takes them; refusals by field name.
    static func input(_ f: FormFields, _ lang: Language) -> (RequestInput?, [String: String]) {
        var errors: [String: String] = [:]
        var right: SubjectRight?
        if let raw = f["right"] {
            do { right = try SubjectRight.parse(raw, field: "right") } catch let e as SocleError { errors["right"] = e.message(lang) } catch {}
        } else {
            errors["right"] = SocleError(.invalidInput, code: "server.field_required", args: ["field": Catalog.shared.string("web.requests.form.right", language: lang)]).message(lang)
        }
        let ids = SubjectIdentifiers(email: f["id_email"], phone: f["id_phone"], nir: f["id_nir"], name: f["id_name"],
                                     birthDate: f["id_birthDate"], plate: f["id_plate"])
        guard let right else { return (nil, errors) }
        return (RequestInput(right: right, requester: f.raw("requester"), contact: f.raw("contact"), identifiers: ids, message: f.raw("message"),
                             received: f["received"], channel: f["channel"].flatMap { RequestChannel(rawValue: $0) } ?? .publicForm), errors)
    }

    /// The form field a refusal of the action belongs to.
    static func field(_ e: SocleError) -> String {
        let f = e.args["field"] ?? ""
        if f.hasPrefix("identifiers.") { return "id_" + f.dropFirst("identifiers.".count) }
        return f.isEmpty ? "_" : f
    }

    @Sendable func submit(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let f = context.form ?? FormFields()
        let lang = context.language
        var size = 0
        for (name, values) in f.values { size += name.utf8.count + values.reduce(0) { $0 + $1.utf8.count } }
        if size > Self.maxFormBytes {
            throw SocleError(.tooLarge, code: "request.form_too_large", args: ["max": "16 Kio"])
        }
        var values: [String: String] = [:]
        for name in ["organisation", "right", "requester", "contact", "message"] + ["id_email", "id_phone", "id_nir", "id_name", "id_birthDate", "id_plate"] {
            values[name] = f.raw(name)
        }
        // A robot fills every field, the hidden one too: it gets a confirmation, nothing is recorded.
        if !(f["website"] ?? "").isEmpty {
            let page = PublicRequestSentPage(trackingHref: PortalPaths.trackPrivacyRequest(token: Secrets.random(bytes: 32)),
                                             organisation: "", right: "", due: RequestCalendar.addMonths(RequestCalendar.today(), 1))
            return try pages.render(page, request, context)
        }
        let (input, parsed) = Self.input(f, lang)
        var errors = parsed
        if let input, errors.isEmpty {
            do {
                let (e, token) = try await requests.submit(input, organisation: f.raw("organisation").trimmingCharacters(in: .whitespaces),
                                                           client: context.remoteAddress)
                state.notifications.wake.notify()
                let href = PortalPaths.trackPrivacyRequest(token: token)
                let page = PublicRequestSentPage(trackingHref: href, trackingURL: Self.absolute(href, request, state.configuration),
                                                 organisation: e.organisation.name,
                                                 right: e.body.right.label(lang), due: e.body.due)
                return try pages.render(page, request, context, status: .created)
            } catch let e as SocleError where e.kind == .unavailable {
                throw ServerError(.tooManyRequests, e)
            } catch let e as SocleError where e.kind == .invalidInput {
                errors[Self.field(e)] = e.message(lang)
            }
        }
        return try pages.render(try await formPage(values, errors, lang), request, context, status: .badRequest)
    }

    /// `href` with the scheme and host the person reached the site by (the host a proxy forwards), for copying.
    static func absolute(_ href: String, _ request: Request, _ configuration: ServerConfiguration) -> String {
        guard let host = request.head.authority, !host.isEmpty,
              host.allSatisfy({ $0.isLetter || $0.isNumber || ".-:[]".contains($0) }) else { return href }
        return (SocleCookies.secure(request, configuration) ? "https://" : "http://") + host + href
    }

    @Sendable func track(_ request: Request, context: SocleRequestContext) async throws -> Response {
        guard let token = request.uri.queryParameters.get("t"), !token.isEmpty else {
            return try pages.render(PublicRequestTrackPage(organisation: nil), request, context)
        }
        let lang = context.language
        let r = try await requests.track(token: token)
        let page = PublicRequestTrackPage(
            organisation: r.organisation, right: r.right.label(lang), state: r.state.label(lang), stateKey: r.state.rawValue,
            received: r.received, due: r.due, extended: r.extended,
            answer: r.answer.map { .init(text: $0.text, date: $0.date, channel: $0.channel.label(lang)) }, refusal: r.refusal,
            cnilMention: Catalog.shared.string("request.cnil_mention", language: lang))
        return try pages.render(page, request, context)
    }
}

/// `/api/v1/privacy-requests`: the public form and the tracking page as JSON, for anyone.
struct PublicRequestAPIController {
    let state: ServerState

    struct Submission: Decodable {
        var organisation: String
        var request: RequestInput

        enum CodingKeys: String, CodingKey { case organisation }
        init(from decoder: any Decoder) throws {
            organisation = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .organisation) ?? ""
            request = try RequestInput(from: decoder)
        }
    }

    struct Sent: Encodable {
        var organisation: String
        var right: SubjectRight
        var state: RequestState
        var received: String
        var due: String
        var trackingToken: String
        var trackingUrl: String
    }

    func addRoutes(to group: RouterGroup<SocleRequestContext>) {
        group.post("privacy-requests", use: submit)
        group.get("privacy-requests/track", use: track)
    }

    @Sendable func submit(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let data = try await JSONOutput.body(request)
        if data.count > PublicRequestPagesController.maxFormBytes {
            throw SocleError(.tooLarge, code: "request.form_too_large", args: ["max": "16 Kio"])
        }
        let s = try JSONInput.decode(Submission.self, from: data, source: "body")
        do {
            let (e, token) = try await state.requests.submit(s.request, organisation: s.organisation, client: context.remoteAddress)
            state.notifications.wake.notify()
            // What the requester sees is the same whether or not the person is in the data: nothing was looked up.
            return try JSONOutput.response(Sent(organisation: e.organisation.slug, right: e.body.right, state: e.body.state,
                                                received: e.body.received, due: e.body.due, trackingToken: token,
                                                trackingUrl: PortalPaths.trackPrivacyRequest(token: token)), status: .created)
        } catch let e as SocleError where e.kind == .unavailable {
            throw ServerError(.tooManyRequests, e)
        }
    }

    @Sendable func track(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let token = request.uri.queryParameters.get("t") ?? ""
        return try JSONOutput.response(try await state.requests.track(token: token))
    }
}
