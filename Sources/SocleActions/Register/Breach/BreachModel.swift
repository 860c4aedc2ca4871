import Foundation
import SocleCore
import SoclePrivacy

// The breach register (GDPR art. 33 and 34, ../shared/brief/GDPR.md §4): every personal-data breach, notified
// or not, with the 72-hour clock that starts when the authority became aware of it. A breach is a record of the
// register (kind `breach`), with value lists labelled in the catalog like the rest of it.

/// Which security property the breach broke (several may apply).
public enum BreachNature: String, RegisterValue {
    case confidentiality, integrity, availability
    public static let listKey = "breachNature"
}

/// Where the breach came from (the CNIL's notification form distinguishes these).
public enum BreachOrigin: String, RegisterValue {
    case internalAccidental, internalMalicious, externalAccidental, externalMalicious, unknown
    public static let listKey = "breachOrigin"
}

/// What happened, as the CNIL's form lists the usual circumstances.
public enum BreachCause: String, RegisterValue {
    case lostDevice, stolenDevice, lostPaper, misdirectedMail, publishedByMistake, unauthorisedAccess, malware, phishing
    case improperDisposal, systemFailure, other
    public static let listKey = "breachCause"
}

/// How serious the risk for the people is: no risk (no notification needed, say why), a risk (notify the
/// CNIL within 72 hours), a high risk (notify, and inform the people).
public enum BreachRisk: String, RegisterValue {
    case none, risk, high
    public static let listKey = "breachRisk"
}

/// Open while it is handled; closed once every decision is recorded (refused while anything is missing).
public enum BreachStatus: String, RegisterValue {
    case open, closed
    public static let listKey = "breachStatus"
}

/// One notification to the CNIL: the initial one, or a complementary one.
public struct BreachNotification: Codable, Sendable, Equatable {
    public var at: Date
    /// The CNIL's reference of the notification (given on the initial one).
    public var reference: String?
    public var note: String?
    public init(at: Date, reference: String? = nil, note: String? = nil) {
        self.at = at
        self.reference = reference
        self.note = note
    }

    enum CodingKeys: String, CodingKey { case at, reference, note }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let at = try BreachTime.decode(c, .at) else {
            throw SocleError(.invalidInput, code: "server.field_required", args: ["field": "at"])
        }
        self.init(at: at, reference: try c.decodeIfPresent(String.self, forKey: .reference), note: try c.decodeIfPresent(String.self, forKey: .note))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(BreachTime.text(at), forKey: .at)
        try c.encodeIfPresent(reference, forKey: .reference)
        try c.encodeIfPresent(note, forKey: .note)
    }
}

/// One personal-data breach: the fields of GDPR.md §4, the notification steps and the links to the register
/// and the data.
public struct DataBreach: Codable, Sendable, Equatable {
    public var title: String
    public var status: BreachStatus
    /// When it happened (may be unknown at first).
    public var occurredAt: Date?
    /// When the authority became aware of it: starts the 72-hour clock.
    public var awareAt: Date?
    public var natures: [BreachNature]
    public var origin: BreachOrigin?
    public var cause: BreachCause?
    /// What happened, in words.
    public var description: String?
    public var categories: [DataCategory]
    public var people: [PeopleCategory]
    /// Approximate numbers of people and of records concerned.
    public var peopleCount: Int?
    public var recordsCount: Int?
    public var consequences: String?
    public var risk: BreachRisk?
    /// Measures taken (or planned) to end the breach and limit its effects.
    public var measures: String?
    /// The initial notification to the CNIL, then the complementary ones.
    public var notification: BreachNotification?
    public var complementary: [BreachNotification]
    /// Why the CNIL is not notified (the breach is unlikely to result in a risk).
    public var notNotifiedReason: String?
    /// When and how the people were informed, or why not.
    public var peopleInformedAt: Date?
    public var peopleInformedMeans: String?
    public var peopleNotInformedReason: String?
    /// Register ids of the processing activities and processors concerned; slugs of the datasets touched.
    public var activities: [Int64]
    public var processors: [Int64]
    public var datasets: [String]

    public init(title: String, status: BreachStatus = .open, occurredAt: Date? = nil, awareAt: Date? = nil, natures: [BreachNature] = [],
                origin: BreachOrigin? = nil, cause: BreachCause? = nil, description: String? = nil, categories: [DataCategory] = [],
                people: [PeopleCategory] = [], peopleCount: Int? = nil, recordsCount: Int? = nil, consequences: String? = nil,
                risk: BreachRisk? = nil, measures: String? = nil, notification: BreachNotification? = nil,
                complementary: [BreachNotification] = [], notNotifiedReason: String? = nil, peopleInformedAt: Date? = nil,
                peopleInformedMeans: String? = nil, peopleNotInformedReason: String? = nil, activities: [Int64] = [],
                processors: [Int64] = [], datasets: [String] = []) {
        self.title = title
        self.status = status
        self.occurredAt = occurredAt
        self.awareAt = awareAt
        self.natures = natures
        self.origin = origin
        self.cause = cause
        self.description = description
        self.categories = categories
        self.people = people
        self.peopleCount = peopleCount
        self.recordsCount = recordsCount
        self.consequences = consequences
        self.risk = risk
        self.measures = measures
        self.notification = notification
        self.complementary = complementary
        self.notNotifiedReason = notNotifiedReason
        self.peopleInformedAt = peopleInformedAt
        self.peopleInformedMeans = peopleInformedMeans
        self.peopleNotInformedReason = peopleNotInformedReason
        self.activities = activities
        self.processors = processors
        self.datasets = datasets
    }

    enum CodingKeys: String, CodingKey {
        case title, status, occurredAt, awareAt, natures, origin, cause, description, categories, people, peopleCount, recordsCount
        case consequences, risk, measures, notification, complementary, notNotifiedReason, peopleInformedAt, peopleInformedMeans
        case peopleNotInformedReason, activities, processors, datasets
    }

    /// Missing lists are empty, a missing status is open: a client sends only what it knows.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func list<T: Decodable>(_ key: CodingKeys) throws -> [T] { try c.decodeIfPresent([T].self, forKey: key) ?? [] }
        func text(_ key: CodingKeys) throws -> String? { try c.decodeIfPresent(String.self, forKey: key) }
        self.init(title: try text(.title) ?? "", status: try c.decodeIfPresent(BreachStatus.self, forKey: .status) ?? .open,
                  occurredAt: try BreachTime.decode(c, .occurredAt), awareAt: try BreachTime.decode(c, .awareAt),
                  natures: try list(.natures), origin: try c.decodeIfPresent(BreachOrigin.self, forKey: .origin),
                  cause: try c.decodeIfPresent(BreachCause.self, forKey: .cause), description: try text(.description),
                  categories: try c.decodeCategories(forKey: .categories) ?? [], people: try list(.people),
                  peopleCount: try c.decodeIfPresent(Int.self, forKey: .peopleCount), recordsCount: try c.decodeIfPresent(Int.self, forKey: .recordsCount),
                  consequences: try text(.consequences), risk: try c.decodeIfPresent(BreachRisk.self, forKey: .risk), measures: try text(.measures),
                  notification: try c.decodeIfPresent(BreachNotification.self, forKey: .notification), complementary: try list(.complementary),
                  notNotifiedReason: try text(.notNotifiedReason), peopleInformedAt: try BreachTime.decode(c, .peopleInformedAt),
                  peopleInformedMeans: try text(.peopleInformedMeans), peopleNotInformedReason: try text(.peopleNotInformedReason),
                  activities: try list(.activities), processors: try list(.processors), datasets: try list(.datasets))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(occurredAt.map(BreachTime.text), forKey: .occurredAt)
        try c.encodeIfPresent(awareAt.map(BreachTime.text), forKey: .awareAt)
        try c.encode(natures, forKey: .natures)
        try c.encodeIfPresent(origin, forKey: .origin)
        try c.encodeIfPresent(cause, forKey: .cause)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encode(categories, forKey: .categories)
        try c.encode(people, forKey: .people)
        try c.encodeIfPresent(peopleCount, forKey: .peopleCount)
        try c.encodeIfPresent(recordsCount, forKey: .recordsCount)
        try c.encodeIfPresent(consequences, forKey: .consequences)
        try c.encodeIfPresent(risk, forKey: .risk)
        try c.encodeIfPresent(measures, forKey: .measures)
        try c.encodeIfPresent(notification, forKey: .notification)
        try c.encode(complementary, forKey: .complementary)
        try c.encodeIfPresent(notNotifiedReason, forKey: .notNotifiedReason)
        try c.encodeIfPresent(peopleInformedAt.map(BreachTime.text), forKey: .peopleInformedAt)
        try c.encodeIfPresent(peopleInformedMeans, forKey: .peopleInformedMeans)
        try c.encodeIfPresent(peopleNotInformedReason, forKey: .peopleNotInformedReason)
        try c.encode(activities, forKey: .activities)
        try c.encode(processors, forKey: .processors)
        try c.encode(datasets, forKey: .datasets)
    }

    /// Whether the data touched includes the NIR or a sensitive category (art. 9, offences).
    public var hasSensitiveData: Bool { categories.contains { $0.isSensitive } }
    public var hasNIR: Bool { categories.contains(.nir) }

    /// What the record still lacks, as field names (`register.breachField.<name>` in the catalog). A breach
    /// with missing fields is a draft: it is kept and listed as incomplete, and cannot be closed.
    public var missing: [String] {
        var out: [String] = []
        func need(_ ok: Bool, _ field: String) { if !ok { out.append(field) } }
        need(!title.isBlank, "title")
        need(occurredAt != nil, "occurredAt")
        need(awareAt != nil, "awareAt")
        need(!natures.isEmpty, "natures")
        need(origin != nil, "origin")
        need(cause != nil, "cause")
        need(!categories.isEmpty, "categories")
        need(!people.isEmpty, "people")
        need(peopleCount != nil, "peopleCount")
        need(!(consequences ?? "").isBlank, "consequences")
        need(risk != nil, "risk")
        need(!(measures ?? "").isBlank, "measures")
        // Either the CNIL was notified, or the record says why not.
        need(notification != nil || !(notNotifiedReason ?? "").isBlank, "notification")
        // Either the people were informed (when and how), or the record says why not.
        need((peopleInformedAt != nil && !(peopleInformedMeans ?? "").isBlank) || !(peopleNotInformedReason ?? "").isBlank, "peopleInformed")
        return out
    }

    public var isComplete: Bool { missing.isEmpty }
}

/// Instants as the breach register reads and writes them: ISO 8601 in UTC when written; when read, ISO 8601
/// with an offset, or a local time of Paris without one (`2026-12-07T14:30`, `2026-12-07 14:30`), or a day
/// (`2026-12-07`, midnight in Paris). Anything else, or a day that does not exist, is refused with the field.
public enum BreachTime {
    static let paris = TimeZone(identifier: "Europe/Paris")!

    public static func text(_ date: Date) -> String {
        ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withInternetDateTime])
    }

    /// The instant `raw` names, or nil when it names none.
    public static func parse(_ raw: String) -> Date? {
        let s = raw.trimmingCharacters(in: .whitespaces)
        guard s.count >= 10, s.count <= 40 else { return nil }
        let chars = Array(s)
        func int(_ a: Int, _ b: Int) -> Int? {
            guard b <= chars.count, chars[a..<b].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(String(chars[a..<b]))
        }
        guard let y = int(0, 4), chars[4] == "-", let mo = int(5, 7), chars[7] == "-", let d = int(8, 10) else { return nil }
        var hour = 0, minute = 0, second = 0
        var rest = chars.dropFirst(10)
        if let sep = rest.first {
            guard sep == "T" || sep == " ", rest.count >= 6 else { return nil }
            let t = Array(rest.dropFirst())
            guard t.count >= 5, t[2] == ":", let h = Int(String(t[0..<2])), let m = Int(String(t[3..<5])),
                  t[0..<2].allSatisfy(\.isNumber), t[3..<5].allSatisfy(\.isNumber) else { return nil }
            hour = h
            minute = m
            var tail = t.dropFirst(5)
            if tail.first == ":" {
                let sec = Array(tail.dropFirst().prefix(2))
                guard sec.count == 2, sec.allSatisfy(\.isNumber), let sv = Int(String(sec)) else { return nil }
                second = sv
                tail = tail.dropFirst(3)
                if tail.first == "." { tail = tail.dropFirst().drop(while: \.isNumber) }
            }
            rest = tail
        }
        var zone = paris
        let offset = String(rest)
        if offset == "Z" || offset == "z" {
            zone = TimeZone(identifier: "UTC")!
        } else if !offset.isEmpty {
            let o = Array(offset)
            guard o.count == 6, o[0] == "+" || o[0] == "-", o[3] == ":", let oh = Int(String(o[1..<3])), let om = Int(String(o[4..<6])),
                  oh <= 14, om < 60, let tz = TimeZone(secondsFromGMT: (o[0] == "-" ? -1 : 1) * (oh * 3600 + om * 60)) else { return nil }
            zone = tz
        }
        guard (1...12).contains(mo), d >= 1, hour < 24, minute < 60, second < 60 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: y, month: mo, day: d, hour: hour, minute: minute, second: second)
        guard let first = calendar.date(from: DateComponents(year: y, month: mo, day: 1)),
              let days = calendar.range(of: .day, in: .month, for: first), days.contains(d) else { return nil }
        return calendar.date(from: components)
    }

    /// Reads an optional instant of `key`, refusing what is not one with the field's name.
    static func decode<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) throws -> Date? {
        guard let raw = try? c.decodeIfPresent(String.self, forKey: key) else {
            if (try? c.decodeNil(forKey: key)) ?? true { return nil }
            throw SocleError(.invalidInput, code: "breach.bad_datetime", args: ["field": key.stringValue, "value": "?"])
        }
        if raw.isBlank { return nil }
        guard let date = parse(raw) else {
            throw SocleError(.invalidInput, code: "breach.bad_datetime", args: ["field": key.stringValue, "value": String(raw.prefix(40))])
        }
        return date
    }
}
