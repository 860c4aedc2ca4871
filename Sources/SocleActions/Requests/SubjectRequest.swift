import Foundation
import SocleCore

// Data-subject requests (GDPR art. 12, 15–22; ../shared/brief/GDPR.md §3): what a person asks, the legal
// due date, the states of the DPO's handling, the answer, and the history of every step. Stored as register
// records of kind `request`; the value lists follow the register's (`register.<list>.<value>` in the catalog).

/// The right a person exercises.
public enum SubjectRight: String, RegisterValue {
    case access, rectification, erasure, restriction, objection, portability, withdrawConsent
    public static let listKey = "right"
}

/// Where a request stands (GDPR.md §3). `answered` and `refused` close it.
public enum RequestState: String, RegisterValue {
    case toHandle, awaitingIdentity, awaitingClarification, awaitingService, answered, refused
    public static let listKey = "requestState"

    public var isClosed: Bool { self == .answered || self == .refused }

    /// The states a DPO may move a request to by hand from this one. `answered` is reached only by recording
    /// the answer (`RequestActions.answer`), which needs its text, date and channel.
    public var next: [RequestState] {
        switch self {
        case .toHandle: return [.awaitingIdentity, .awaitingClarification, .awaitingService, .refused]
        case .awaitingIdentity: return [.toHandle, .awaitingClarification, .refused]
        case .awaitingClarification: return [.toHandle, .awaitingIdentity, .awaitingService, .refused]
        case .awaitingService: return [.toHandle, .awaitingClarification, .refused]
        case .answered, .refused: return []
        }
    }

    /// States from which the answer may be recorded (the person's identity is settled, the request is open).
    public var canAnswer: Bool { self == .toHandle || self == .awaitingClarification || self == .awaitingService }
}

/// How a request arrived, or how the answer left.
public enum RequestChannel: String, RegisterValue {
    case publicForm, email, post, counter, phone, other
    public static let listKey = "channel"
}

/// What may help find the person in the data (the subject search uses these): any one of them is a way to
/// identify the person, the name only with the birth date.
public struct SubjectIdentifiers: Codable, Sendable, Equatable {
    public var email: String?
    public var phone: String?
    /// The NIR (social security number), 13 or 15 characters.
    public var nir: String?
    public var name: String?
    /// `YYYY-MM-DD`, used with the name.
    public var birthDate: String?
    /// A vehicle registration plate.
    public var plate: String?

    public init(email: String? = nil, phone: String? = nil, nir: String? = nil, name: String? = nil, birthDate: String? = nil,
                plate: String? = nil) {
        self.email = email
        self.phone = phone
        self.nir = nir
        self.name = name
        self.birthDate = birthDate
        self.plate = plate
    }

    /// The ways to find the person these give: `email`, `phone`, `nir`, `nameAndBirthDate`, `plate`.
    public var usable: [String] {
        var out: [String] = []
        if email != nil { out.append("email") }
        if phone != nil { out.append("phone") }
        if nir != nil { out.append("nir") }
        if name != nil && birthDate != nil { out.append("nameAndBirthDate") }
        if plate != nil { out.append("plate") }
        return out
    }

    /// No way to find the person: the request waits in the identity check.
    public var isEmpty: Bool { usable.isEmpty }
}

/// The +2 months extension (art. 12(3)): allowed only when the person is told within the first month.
public struct RequestExtension: Codable, Sendable, Equatable {
    /// The day the person was told, `YYYY-MM-DD`.
    public var notified: String
    public var reason: String
    public init(notified: String, reason: String) {
        self.notified = notified
        self.reason = reason
    }
}

/// A recorded check of the requester's identity (an ID seen at the counter, a reply from the known address…).
public struct IdentityCheck: Codable, Sendable, Equatable {
    public var day: String
    public var method: String
    public var by: String
    public init(day: String, method: String, by: String) {
        self.day = day
        self.method = method
        self.by = by
    }
}

/// The answer sent to the person.
public struct RequestAnswer: Codable, Sendable, Equatable {
    public var text: String
    /// `YYYY-MM-DD`.
    public var date: String
    public var channel: RequestChannel
    public init(text: String, date: String, channel: RequestChannel) {
        self.text = text
        self.date = date
        self.channel = channel
    }
}

/// One step of a request's history: a state change, an extension, the answer, a search run, a package
/// produced, an erasure done…
public struct RequestEvent: Codable, Sendable, Equatable {
    public var at: Date
    /// `received`, `state`, `extended`, `identity`, `identifiers`, `answered`, or what another module records
    /// (`search`, `package`, `erasure`…).
    public var kind: String
    public var summary: String
    /// Who did it, as a person reads it.
    public var actor: String
}

/// A data-subject request as the DPO's register keeps it.
public struct SubjectRequest: Codable, Sendable, Equatable {
    public var right: SubjectRight
    /// The requester's name.
    public var requester: String
    /// Where to answer: an e-mail address.
    public var contact: String
    public var identifiers: SubjectIdentifiers
    public var message: String
    /// The day it was received, `YYYY-MM-DD` (the clock starts then).
    public var received: String
    public var channel: RequestChannel
    public var state: RequestState
    public var extended: RequestExtension?
    public var identityCheck: IdentityCheck?
    public var answer: RequestAnswer?
    /// Why it was refused (the answer also names the right to complain to the CNIL).
    public var refusal: String?
    /// SHA-256 of the requester's tracking token; the token itself is never stored.
    public var trackingHash: String?
    public var events: [RequestEvent]

    public init(right: SubjectRight, requester: String, contact: String, identifiers: SubjectIdentifiers = SubjectIdentifiers(),
                message: String = "", received: String, channel: RequestChannel = .publicForm, state: RequestState = .toHandle,
                extended: RequestExtension? = nil, identityCheck: IdentityCheck? = nil, answer: RequestAnswer? = nil,
                refusal: String? = nil, trackingHash: String? = nil, events: [RequestEvent] = []) {
        self.right = right
        self.requester = requester
        self.contact = contact
        self.identifiers = identifiers
        self.message = message
        self.received = received
        self.channel = channel
        self.state = state
        self.extended = extended
        self.identityCheck = identityCheck
        self.answer = answer
        self.refusal = refusal
        self.trackingHash = trackingHash
        self.events = events
    }

    /// The due date without extension: receipt + 1 calendar month (clamped to the month's end).
    public var initialDue: String { RequestCalendar.addMonths(received, 1) }

    /// The legal due date: receipt + 1 month, or + 3 months once extended.
    public var due: String { RequestCalendar.addMonths(received, extended == nil ? 1 : 3) }

    /// The person can be found, or someone checked who they are: the request may leave the identity check.
    public var identitySettled: Bool { !identifiers.isEmpty || identityCheck != nil }

    /// The states the DPO may move it to now: from the identity check, only a refusal until the identity is settled.
    public var allowedStates: [RequestState] {
        state == .awaitingIdentity && !identitySettled ? state.next.filter { $0 == .refused } : state.next
    }

    /// Days left until the due date (negative when overdue), counted from `today`.
    public func daysLeft(today: String) -> Int { RequestCalendar.days(from: today, to: due) }

    /// Open and due in 7 days or less (not yet overdue).
    public func isDueSoon(today: String) -> Bool {
        guard !state.isClosed else { return false }
        let left = daysLeft(today: today)
        return left >= 0 && left <= 7
    }

    public func isOverdue(today: String) -> Bool { !state.isClosed && daysLeft(today: today) < 0 }
}

/// Calendar days as `YYYY-MM-DD`, in the instance's time zone (Europe/Paris): month arithmetic clamped to
/// the month's end (31 January + 1 month = 28 or 29 February), as the CNIL counts the one-month delay.
public enum RequestCalendar {
    static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/Paris") ?? TimeZone(identifier: "UTC")!
        return c
    }()

    /// Today in Paris.
    public static func today(_ now: Date = Date()) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        return format(c.year ?? 1970, c.month ?? 1, c.day ?? 1)
    }

    /// A valid day, trimmed; nil for `2027-02-30`, `31/01/2027` or anything else.
    public static func parse(_ raw: String) -> String? {
        CalendarDay(raw)?.text
    }

    static func parts(_ day: String) -> (Int, Int, Int)? {
        let p = day.split(separator: "-")
        guard p.count == 3, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]) else { return nil }
        return (y, m, d)
    }

    static func format(_ y: Int, _ m: Int, _ d: Int) -> String { String(format: "%04d-%02d-%02d", y, m, d) }

    static func daysIn(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `day` + `months` calendar months, the day clamped to the target month's length.
    public static func addMonths(_ day: String, _ months: Int) -> String {
        guard let (y, m, d) = parts(day) else { return day }
        let index = y * 12 + (m - 1) + months
        let ny = index / 12, nm = index % 12 + 1
        return format(ny, nm, min(d, daysIn(ny, nm)))
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for differences.
    static func ordinal(_ day: String) -> Int {
        guard let (y0, m, d) = parts(day) else { return 0 }
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Whole days from `a` to `b` (negative when `b` is before `a`).
    public static func days(from a: String, to b: String) -> Int { ordinal(b) - ordinal(a) }
}
