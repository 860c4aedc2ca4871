import Foundation
import SocleCore

// Data-subject requests: the public form, its confirmation with the private tracking link, the tracking page,
// and the DPO's list and request pages. Values arrive already worded in the page's language.

extension PortalPaths {
    /// The public form (GET) and its submission (POST with `_csrf`).
    public static let newPrivacyRequest = "/privacy-requests/new"
    /// The tracking page: `?t=<token>` (a query, so that the token stays out of the access logs' paths).
    public static let trackPrivacyRequest = "/privacy-requests/track"
    public static func trackPrivacyRequest(token: String) -> String { with(trackPrivacyRequest, [("t", token)]) }
    /// The DPO's requests, one request, and the form for a request received by post, e-mail or at the counter.
    public static let requests = "/register/requests"
    public static let newRequest = "/register/requests/new"
    public static func request(_ id: Int64) -> String { "/register/requests/\(id)" }
    /// POST with `_csrf` and `state` (`reason` for a refusal, `note`).
    public static func requestTransition(_ id: Int64) -> String { request(id) + "/transition" }
    /// POST with `_csrf`, `notified` and `reason`.
    public static func requestExtend(_ id: Int64) -> String { request(id) + "/extend" }
    /// POST with `_csrf`, `text`, `date` and `channel`.
    public static func requestAnswer(_ id: Int64) -> String { request(id) + "/answer" }
    /// POST with `_csrf` and `method`.
    public static func requestIdentity(_ id: Int64) -> String { request(id) + "/identity" }
    /// POST with `_csrf` and `summary`: a note in the history.
    public static func requestNote(_ id: Int64) -> String { request(id) + "/note" }
    /// POST with `_csrf` and the `id_*` identifier fields.
    public static func requestIdentifiers(_ id: Int64) -> String { request(id) + "/identifiers" }
    /// The subject search for a request's person (the lead's subject pages).
    public static func subjectSearch(request id: Int64) -> String { with("/register/subjects", [("request", String(id))]) }
}

/// The public form of a data-subject request: no account needed.
public struct PublicRequestFormPage: PageModel {
    public var organisations: [Choice]
    public var rights: [Choice]
    /// What was typed, by field name (kept when the form comes back with errors).
    public var values: [String: String]
    public var errors: [String: String]
    public init(organisations: [Choice], rights: [Choice], values: [String: String] = [:], errors: [String: String] = [:]) {
        self.organisations = organisations
        self.rights = rights
        self.values = values
        self.errors = errors
    }
}

/// After the form: the private tracking link, shown once.
public struct PublicRequestSentPage: PageModel {
    public var trackingHref: String
    /// The link as the person copies it, with the site's address when known.
    public var trackingURL: String
    public var organisation: String
    public var right: String
    public var due: String
    public init(trackingHref: String, trackingURL: String? = nil, organisation: String, right: String, due: String) {
        self.trackingHref = trackingHref
        self.trackingURL = trackingURL ?? trackingHref
        self.organisation = organisation
        self.right = right
        self.due = due
    }
}

/// What the requester reads through the tracking link: status, due date, the answer once recorded.
public struct PublicRequestTrackPage: PageModel {
    public struct Answer: Sendable {
        public var text: String
        public var date: String
        public var channel: String
        public init(text: String, date: String, channel: String) {
            self.text = text
            self.date = date
            self.channel = channel
        }
    }
    /// Nil: the page asks for the link (no token given).
    public var organisation: String?
    public var right: String
    public var state: String
    public var stateKey: String
    public var received: String
    public var due: String
    public var extended: Bool
    public var answer: Answer?
    public var refusal: String?
    public var cnilMention: String
    public init(organisation: String?, right: String = "", state: String = "", stateKey: String = "", received: String = "", due: String = "",
                extended: Bool = false, answer: Answer? = nil, refusal: String? = nil, cnilMention: String = "") {
        self.organisation = organisation
        self.right = right
        self.state = state
        self.stateKey = stateKey
        self.received = received
        self.due = due
        self.extended = extended
        self.answer = answer
        self.refusal = refusal
        self.cnilMention = cnilMention
    }
}

/// The DPO's requests, by legal due date.
public struct RequestListPage: PageModel {
    public struct Item: Sendable {
        public var id: Int64
        public var organisation: String
        public var right: String
        public var requester: String
        public var state: String
        public var stateKey: String
        public var received: String
        public var due: String
        /// `overdue`, `dueSoon` or empty.
        public var reminder: String
        public var daysLeft: Int
        public var extended: Bool
        public var closed: Bool
        public init(id: Int64, organisation: String, right: String, requester: String, state: String, stateKey: String, received: String,
                    due: String, reminder: String, daysLeft: Int, extended: Bool, closed: Bool) {
            self.id = id
            self.organisation = organisation
            self.right = right
            self.requester = requester
            self.state = state
            self.stateKey = stateKey
            self.received = received
            self.due = due
            self.reminder = reminder
            self.daysLeft = daysLeft
            self.extended = extended
            self.closed = closed
        }
    }
    public var items: [Item]
    public var organisations: [Choice]
    public var organisation: String?
    public var dueSoon: Int
    public var overdue: Int
    public init(items: [Item], organisations: [Choice], organisation: String?, dueSoon: Int, overdue: Int) {
        self.items = items
        self.organisations = organisations
        self.organisation = organisation
        self.dueSoon = dueSoon
        self.overdue = overdue
    }
}

/// One request for the DPO: what was asked, the clock, the actions the state allows, the history.
public struct RequestPage: PageModel {
    public struct Fact: Sendable {
        public var label: String
        public var value: String
        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }
    public struct Event: Sendable {
        public var at: Date
        public var text: String
        public var actor: String
        public init(at: Date, text: String, actor: String) {
            self.at = at
            self.text = text
            self.actor = actor
        }
    }
    public var id: Int64
    public var organisation: String
    public var right: String
    public var requester: String
    public var contact: String
    public var channel: String
    public var message: String
    public var received: String
    public var due: String
    public var initialDue: String
    public var daysLeft: Int
    public var reminder: String
    public var state: String
    public var stateKey: String
    public var closed: Bool
    public var identifiers: [Fact]
    /// The raw identifier values, for the identifiers form.
    public var identifierValues: [String: String]
    public var identityNeeded: Bool
    public var identityCheck: String?
    public var extended: String?
    public var answer: PublicRequestTrackPage.Answer?
    public var refusal: String?
    public var cnilMention: String
    public var events: [Event]
    public var transitions: [Choice]
    public var channels: [Choice]
    public var canAnswer: Bool
    public var canExtend: Bool
    public var today: String
    /// The subject search for this person (rendered when the request has identifiers): the lead's section
    /// of search, access package and erasure actions hangs here (`request-subject` partial).
    public var subjectSearchHref: String?
    /// A tracking link made for a request recorded by the DPO, shown once.
    public var trackingHref: String?
    public var errors: [String: String]
    public var values: [String: String]

    public init(id: Int64, organisation: String, right: String, requester: String, contact: String, channel: String, message: String,
                received: String, due: String, initialDue: String, daysLeft: Int, reminder: String, state: String, stateKey: String,
                closed: Bool, identifiers: [Fact], identifierValues: [String: String], identityNeeded: Bool, identityCheck: String?,
                extended: String?, answer: PublicRequestTrackPage.Answer?, refusal: String?, cnilMention: String, events: [Event],
                transitions: [Choice], channels: [Choice], canAnswer: Bool, canExtend: Bool, today: String, subjectSearchHref: String?,
                trackingHref: String? = nil, errors: [String: String] = [:], values: [String: String] = [:]) {
        self.id = id
        self.organisation = organisation
        self.right = right
        self.requester = requester
        self.contact = contact
        self.channel = channel
        self.message = message
        self.received = received
        self.due = due
        self.initialDue = initialDue
        self.daysLeft = daysLeft
        self.reminder = reminder
        self.state = state
        self.stateKey = stateKey
        self.closed = closed
        self.identifiers = identifiers
        self.identifierValues = identifierValues
        self.identityNeeded = identityNeeded
        self.identityCheck = identityCheck
        self.extended = extended
        self.answer = answer
        self.refusal = refusal
        self.cnilMention = cnilMention
        self.events = events
        self.transitions = transitions
        self.channels = channels
        self.canAnswer = canAnswer
        self.canExtend = canExtend
        self.today = today
        self.subjectSearchHref = subjectSearchHref
        self.trackingHref = trackingHref
        self.errors = errors
        self.values = values
    }
}
