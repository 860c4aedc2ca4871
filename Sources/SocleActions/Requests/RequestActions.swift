import Foundation
import SocleCore
import SocleStore

extension SubjectRequest: RegisterBody { public static let registerKind = "request" }

public typealias RequestEntry = RegisterEntry<SubjectRequest>

/// A request as a person or a DPO hands it in (the public form, the API, the CLI).
public struct RequestInput: Decodable, Sendable, Equatable {
    public var right: SubjectRight
    public var requester: String
    public var contact: String
    public var identifiers: SubjectIdentifiers
    public var message: String
    /// `YYYY-MM-DD`; today when absent (always today for the public form).
    public var received: String?
    public var channel: RequestChannel

    public init(right: SubjectRight, requester: String, contact: String, identifiers: SubjectIdentifiers = SubjectIdentifiers(),
                message: String = "", received: String? = nil, channel: RequestChannel = .publicForm) {
        self.right = right
        self.requester = requester
        self.contact = contact
        self.identifiers = identifiers
        self.message = message
        self.received = received
        self.channel = channel
    }

    enum CodingKeys: String, CodingKey { case right, requester, contact, identifiers, message, received, channel }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(right: try c.decode(SubjectRight.self, forKey: .right),
                  requester: try c.decodeIfPresent(String.self, forKey: .requester) ?? "",
                  contact: try c.decodeIfPresent(String.self, forKey: .contact) ?? "",
                  identifiers: try c.decodeIfPresent(SubjectIdentifiers.self, forKey: .identifiers) ?? SubjectIdentifiers(),
                  message: try c.decodeIfPresent(String.self, forKey: .message) ?? "",
                  received: try c.decodeIfPresent(String.self, forKey: .received),
                  channel: try c.decodeIfPresent(RequestChannel.self, forKey: .channel) ?? .other)
    }
}

/// What the requester sees through the tracking link: where the request stands, when it is due, and the
/// answer once recorded. Nothing of the handling (identifiers, history, searches).
public struct TrackedRequest: Sendable, Equatable, Encodable {
    public var organisation: String
    public var right: SubjectRight
    public var state: RequestState
    public var received: String
    public var due: String
    public var extended: Bool
    public var answer: RequestAnswer?
    public var refusal: String?
}

/// Data-subject requests, from the public form to the recorded answer. The public submits (no account,
/// throttled per client address) and follows its request with a private token; the DPO (or an
/// administrator) of the organisation reads and handles them — agents do not: a request holds a citizen's
/// identity. Every change is audited in the same transaction and written to the request's history.
public struct RequestActions: Sendable {
    let register: RegisterActions
    /// Public submissions per client address (10 an hour by default) and for the whole instance (300 an hour).
    public let throttle: LoginThrottle
    let globalThrottle: LoginThrottle

    static let maxMessage = 5_000
    static let maxName = 200
    static let maxIdentifier = 100
    static let maxEvents = 1_000

    public init(register: RegisterActions, throttle: LoginThrottle = LoginThrottle(limit: 10, window: 3600),
                globalThrottle: LoginThrottle = LoginThrottle(limit: 300, window: 3600)) {
        self.register = register
        self.throttle = throttle
        self.globalThrottle = globalThrottle
    }

    var store: any SocleStore { register.store }

    // MARK: the public side

    /// Every organisation of the instance, for the public form's choice.
    public func publicOrganisations() async throws -> [Organisation] {
        try await store.organisations().sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
    }

    /// Records a request from the public form and returns it with the requester's tracking token (shown once,
    /// only its hash kept). Refused when `client` sent too many lately. The answer is the same whoever the
    /// person is: nothing is looked up in the data here.
    public func submit(_ input: RequestInput, organisation slug: String, client: String, now: Date = Date()) async throws -> (RequestEntry, String) {
        let keys = ["request:" + client]
        if let wait = throttle.retryAfter(keys: keys, now: now) ?? globalThrottle.retryAfter(keys: ["request:*"], now: now) {
            throw SocleError(.unavailable, code: "request.throttled", args: ["minutes": String(max(1, Int((wait / 60).rounded(.up))))])
        }
        throttle.recordFailure(keys: keys, now: now)
        globalThrottle.recordFailure(keys: ["request:*"], now: now)
        var clean = input
        clean.received = nil
        clean.channel = .publicForm
        return try await record(clean, organisation: try await anyOrganisation(slug), by: .anonymous, now: now)
    }

    /// What the tracking link shows. An unknown token and a wrong one get the same not-found.
    public func track(token: String) async throws -> TrackedRequest {
        let notFound = SocleError(.notFound, code: "request.unknown_tracking")
        let raw = token.trimmingCharacters(in: .whitespaces)
        guard raw.count >= 20, raw.count <= 100 else { throw notFound }
        let hash = Secrets.sha256(raw)
        for r in try await store.registerRecords(kind: SubjectRequest.registerKind, organisationIds: nil) where !r.archived {
            let body = try StoreSupport.decodeJSON(SubjectRequest.self, r.body)
            guard let h = body.trackingHash, Secrets.equalConstantTime(h, hash) else { continue }
            let org = try await register.policy.organisation(id: r.organisationId)
            return TrackedRequest(organisation: org.name, right: body.right, state: body.state, received: body.received, due: body.due,
                                  extended: body.extended != nil, answer: body.answer, refusal: body.refusal)
        }
        throw notFound
    }

    // MARK: the DPO's side

    /// Organisations whose requests the principal handles.
    public func organisations(_ principal: Principal) async throws -> [Organisation] {
        try await register.organisations(principal, .editRegister)
    }

    /// Requests of the organisations the principal handles (or of one), open ones first by legal due date,
    /// then the closed ones.
    public func list(_ principal: Principal, organisation slug: String? = nil, includeArchived: Bool = false) async throws -> [RequestEntry] {
        var ids = try await organisations(principal).map(\.id)
        if let slug, !slug.isEmpty { ids = [try await register.organisation(slug, principal, .editRegister).id] }
        let list: [RequestEntry] = try await register.entries(principal, organisationIds: ids, includeArchived: includeArchived)
        return list.sorted { a, b in
            if a.body.state.isClosed != b.body.state.isClosed { return !a.body.state.isClosed }
            if a.body.due != b.body.due { return a.body.due < b.body.due }
            return a.id < b.id
        }
    }

    /// One request (its history included). Not found for anyone outside its organisation; forbidden for a
    /// member who does not keep the register.
    public func get(_ id: Int64, _ principal: Principal) async throws -> RequestEntry {
        try await register.entry(id, principal, .editRegister)
    }

    /// The identifiers the requester gave (or the DPO recorded), for the subject search.
    public func identifiers(_ id: Int64, _ principal: Principal) async throws -> SubjectIdentifiers {
        try await get(id, principal).body.identifiers
    }

    /// Open requests due in 7 days or less, by due date.
    public func dueSoon(_ principal: Principal, today: String = RequestCalendar.today()) async throws -> [RequestEntry] {
        try await list(principal).filter { $0.body.isDueSoon(today: today) }
    }

    /// Open requests past their due date, by due date.
    public func overdue(_ principal: Principal, today: String = RequestCalendar.today()) async throws -> [RequestEntry] {
        try await list(principal).filter { $0.body.isOverdue(today: today) }
    }

    /// Records a request received another way (a letter, an e-mail, at the counter); returns it with a
    /// tracking token the DPO may pass on.
    public func create(_ input: RequestInput, organisation slug: String, by principal: Principal, now: Date = Date()) async throws -> (RequestEntry, String) {
        try await record(input, organisation: try await register.organisation(slug, principal, .editRegister), by: principal, now: now)
    }

    /// Moves a request to another state, if the rules allow it (`RequestState.next`); a refusal needs its
    /// reason. A request nobody can identify does not leave the identity check except to be refused.
    public func transition(_ id: Int64, to state: RequestState, reason: String? = nil, note: String? = nil,
                           by principal: Principal) async throws -> RequestEntry {
        let current = try await get(id, principal)
        var body = current.body
        guard body.state.next.contains(state) else {
            throw SocleError(.invalidInput, code: state == .answered ? "request.answer_needed" : "request.bad_transition",
                             args: ["from": body.state.catalogKeyList, "to": state.catalogKeyList,
                                    "allowed": SocleError.keyList(body.state.next.map(\.catalogKey))])
        }
        if body.state == .awaitingIdentity, state != .refused, !body.identitySettled {
            throw SocleError(.invalidInput, code: "request.identity_needed")
        }
        var summary = state.catalogKey
        if state == .refused {
            body.refusal = try text(reason ?? "", "reason", max: Self.maxMessage, required: true)
        }
        let cleanNote = try optionalText(note, "note", max: Self.maxMessage) ?? (state == .refused ? body.refusal : nil)
        body.state = state
        if let cleanNote { summary += "\u{1}" + cleanNote }
        return try await save(current, body, event: "state", summary: summary, action: "request.transition", by: principal,
                              details: ["state": state.rawValue])
    }

    /// Extends the due date by two months. Allowed once, and only when the person was told (on `notified`)
    /// within the first month; the reason is what they were told.
    public func extend(_ id: Int64, notified: String, reason: String, by principal: Principal, now: Date = Date()) async throws -> RequestEntry {
        let current = try await get(id, principal)
        var body = current.body
        if body.state.isClosed { throw SocleError(.invalidInput, code: "request.closed") }
        if body.extended != nil { throw SocleError(.invalidInput, code: "request.already_extended", args: ["due": body.due]) }
        let day = try date(notified, "notified")
        let today = RequestCalendar.today(now)
        if day > today { throw SocleError(.invalidInput, code: "request.date_future", args: ["field": "notified", "value": day]) }
        if day < body.received {
            throw SocleError(.invalidInput, code: "request.before_receipt", args: ["field": "notified", "value": day, "received": body.received])
        }
        if day > body.initialDue {
            throw SocleError(.invalidInput, code: "request.extension_late", args: ["notified": day, "due": body.initialDue])
        }
        body.extended = RequestExtension(notified: day, reason: try text(reason, "reason", max: Self.maxMessage, required: true))
        return try await save(current, body, event: "extended", summary: "request.event.extended\u{1}" + body.due, action: "request.extend",
                              by: principal, details: ["due": body.due])
    }

    /// Records the answer sent (its text, the day, the channel) and closes the request.
    public func answer(_ id: Int64, text answerText: String, date raw: String, channel: RequestChannel, by principal: Principal,
                       now: Date = Date()) async throws -> RequestEntry {
        let current = try await get(id, principal)
        var body = current.body
        guard body.state.canAnswer else {
            throw SocleError(.invalidInput, code: body.state == .awaitingIdentity ? "request.identity_needed" : "request.closed")
        }
        let day = try date(raw, "date")
        if day > RequestCalendar.today(now) { throw SocleError(.invalidInput, code: "request.date_future", args: ["field": "date", "value": day]) }
        if day < body.received {
            throw SocleError(.invalidInput, code: "request.before_receipt", args: ["field": "date", "value": day, "received": body.received])
        }
        body.answer = RequestAnswer(text: try text(answerText, "text", max: Self.maxMessage, required: true), date: day, channel: channel)
        body.state = .answered
        return try await save(current, body, event: "answered", summary: "request.event.answered\u{1}" + day, action: "request.answer",
                              by: principal, details: ["channel": channel.rawValue])
    }

    /// Records who checked the requester's identity and how: the request may then leave the identity check.
    public func confirmIdentity(_ id: Int64, method: String, by principal: Principal, now: Date = Date()) async throws -> RequestEntry {
        let current = try await get(id, principal)
        var body = current.body
        if body.state.isClosed { throw SocleError(.invalidInput, code: "request.closed") }
        let how = try text(method, "method", max: Self.maxName, required: true)
        body.identityCheck = IdentityCheck(day: RequestCalendar.today(now), method: how, by: principal.displayName)
        return try await save(current, body, event: "identity", summary: "request.event.identity\u{1}" + how, action: "request.identity",
                              by: principal)
    }

    /// Replaces the identifiers (the DPO completes them from the requester's reply). Without any, an open
    /// request whose identity nobody checked goes back to the identity check.
    public func setIdentifiers(_ id: Int64, _ identifiers: SubjectIdentifiers, by principal: Principal, now: Date = Date()) async throws -> RequestEntry {
        let current = try await get(id, principal)
        var body = current.body
        if body.state.isClosed { throw SocleError(.invalidInput, code: "request.closed") }
        body.identifiers = try validated(identifiers, today: RequestCalendar.today(now))
        if !body.identitySettled && body.state != .awaitingIdentity { body.state = .awaitingIdentity }
        return try await save(current, body, event: "identifiers", summary: "request.event.identifiers\u{1}" + body.identifiers.usable.map { "request.identifier." + $0 }.joined(separator: ","),
                              action: "request.identifiers", by: principal)
    }

    /// Adds a step to a request's history (the subject search, the access package, an erasure…), audited.
    /// `kind` is a short lowercase word (`search`, `package`, `erasure`); `summary` is shown as written.
    @discardableResult
    public func recordEvent(_ id: Int64, kind: String, summary: String, by principal: Principal) async throws -> RequestEntry {
        let current = try await get(id, principal)
        let k = kind.trimmingCharacters(in: .whitespaces)
        guard (1...40).contains(k.count), k.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || $0 == "." || $0 == "_" }) else {
            throw SocleError(.invalidInput, code: "request.bad_event_kind", args: ["value": String(kind.prefix(40))])
        }
        let s = try text(summary, "summary", max: 1_000, required: true)
        return try await save(current, current.body, event: k, summary: s, action: "request.event", by: principal, details: ["kind": k])
    }

    // MARK: recording

    func anyOrganisation(_ slug: String) async throws -> Organisation {
        guard !slug.isEmpty, let o = try await store.organisation(slug: slug) else {
            throw SocleError(.invalidInput, code: "request.unknown_organisation", args: ["field": "organisation", "slug": String(slug.prefix(64))])
        }
        return o
    }

    func record(_ input: RequestInput, organisation org: Organisation, by principal: Principal, now: Date) async throws -> (RequestEntry, String) {
        let today = RequestCalendar.today(now)
        var received = today
        if let raw = input.received, !raw.isBlank {
            received = try date(raw, "received")
            if received > today { throw SocleError(.invalidInput, code: "request.date_future", args: ["field": "received", "value": received]) }
        }
        let requester = try text(input.requester, "requester", max: Self.maxName, required: true)
        let contact = try email(input.contact, "contact", required: true) ?? ""
        let identifiers = try validated(input.identifiers, today: today)
        let message = try text(input.message, "message", max: Self.maxMessage)
        let token = Secrets.random(bytes: 32)
        let state: RequestState = identifiers.isEmpty ? .awaitingIdentity : .toHandle
        let event = RequestEvent(at: now, kind: "received", summary: "request.event.received\u{1}" + input.channel.catalogKey, actor: principal.displayName)
        let body = SubjectRequest(right: input.right, requester: requester, contact: contact, identifiers: identifiers, message: message,
                                  received: received, channel: input.channel, state: state, trackingHash: Secrets.sha256(token), events: [event])
        let e = try await register.create(body, in: org, action: principal == .anonymous ? "request.submit" : "request.create", by: principal,
                                          details: ["right": input.right.rawValue, "state": state.rawValue])
        return (e, token)
    }

    func save(_ current: RequestEntry, _ body: SubjectRequest, event kind: String, summary: String, action: String, by principal: Principal,
              details: [String: String] = [:]) async throws -> RequestEntry {
        var b = body
        if b.events.count >= Self.maxEvents { throw SocleError(.invalidInput, code: "request.too_many_events", args: ["max": String(Self.maxEvents)]) }
        b.events.append(RequestEvent(at: Date(), kind: kind, summary: summary, actor: principal.displayName))
        return try await register.update(current, body: b, archived: current.archived, action: action, by: principal, details: details)
    }
}
