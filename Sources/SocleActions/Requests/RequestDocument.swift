import Foundation
import SocleCore

/// A request as the API and the CLI give it to the DPO: the record, its clock, what the state allows, the
/// history in words. Never the tracking token's hash.
public struct RequestDocument: Encodable, Sendable {
    public struct Event: Encodable, Sendable {
        public var at: Date
        public var kind: String
        public var summary: String
        public var actor: String
    }
    public var id: Int64
    public var organisation: ActivityDocument.Owner
    public var archived: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var right: SubjectRight
    public var requester: String
    public var contact: String
    public var identifiers: SubjectIdentifiers
    /// How the person can be found: `email`, `phone`, `nir`, `nameAndBirthDate`, `plate`.
    public var usableIdentifiers: [String]
    public var message: String
    public var received: String
    public var channel: RequestChannel
    public var state: RequestState
    public var due: String
    public var initialDue: String
    public var daysLeft: Int
    /// `overdue`, `dueSoon`, or absent.
    public var reminder: String?
    public var extension_: RequestExtension?
    public var identityCheck: IdentityCheck?
    public var answer: RequestAnswer?
    public var refusal: String?
    public var allowedStates: [RequestState]
    public var canAnswer: Bool
    public var events: [Event]

    enum CodingKeys: String, CodingKey {
        case id, organisation, archived, createdAt, updatedAt, right, requester, contact, identifiers, usableIdentifiers, message, received
        case channel, state, due, initialDue, daysLeft, reminder, extension_ = "extension", identityCheck, answer, refusal, allowedStates
        case canAnswer, events
    }

    public init(_ e: RequestEntry, language: Language = .current, today: String = RequestCalendar.today()) {
        let r = e.body
        id = e.id
        organisation = ActivityDocument.Owner(slug: e.organisation.slug, name: e.organisation.name)
        archived = e.archived
        createdAt = e.createdAt
        updatedAt = e.updatedAt
        right = r.right
        requester = r.requester
        contact = r.contact
        identifiers = r.identifiers
        usableIdentifiers = r.identifiers.usable
        message = r.message
        received = r.received
        channel = r.channel
        state = r.state
        due = r.due
        initialDue = r.initialDue
        daysLeft = r.daysLeft(today: today)
        reminder = r.isOverdue(today: today) ? "overdue" : r.isDueSoon(today: today) ? "dueSoon" : nil
        extension_ = r.extended
        identityCheck = r.identityCheck
        answer = r.answer
        refusal = r.refusal
        allowedStates = r.allowedStates
        canAnswer = r.state.canAnswer
        events = r.events.map { Event(at: $0.at, kind: $0.kind, summary: $0.text(language), actor: $0.actor) }
    }
}

extension RegisterValue {
    /// The value as an argument that the message words in the reader's language.
    var catalogKeyList: String { SocleError.keyList([catalogKey]) }
}

extension RequestEvent {
    /// The summary in words: recorded as a catalog key (and one argument after `\u{1}`) when Socle wrote it,
    /// as free text when another module or a person did.
    public func text(_ language: Language) -> String {
        ActionStrings.register()
        let parts = summary.split(separator: "\u{1}", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let key = parts[0]
        guard key.hasPrefix("register.") || key.hasPrefix("request.event."),
              Catalog.shared.template(key, language: language) != nil else { return summary }
        let arg = parts.count > 1 ? parts[1] : ""
        if key.hasPrefix("register.") {
            let label = Catalog.shared.string(key, language: language)
            let state = Catalog.shared.string("request.event.state", language: language, args: ["state": label])
            return arg.isEmpty ? state : state + " — " + arg
        }
        // An argument is free text, or catalog keys joined by `,` (the channel, the kinds of identifiers).
        let keys = arg.split(separator: ",").map(String.init)
        let worded = !keys.isEmpty && keys.allSatisfy({ $0.hasPrefix("register.") || $0.hasPrefix("request.identifier.") })
            ? keys.map { Catalog.shared.string($0, language: language) }.joined(separator: ", ") : arg
        return Catalog.shared.string(key, language: language, args: ["value": worded])
    }
}
