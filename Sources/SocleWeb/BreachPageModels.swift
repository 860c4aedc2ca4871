import Foundation
import SocleCore

// The breach register's pages: the list with the 72-hour clock, one breach with its notification steps, the
// form. Values arrive already worded in the page's language (the server maps the register's types).

/// The 72-hour clock of one breach, as the pages show it (and `breach-clock.js` keeps ticking).
public struct BreachClockView: Sendable {
    /// unknown, running, overdue, notifiedInTime, notifiedLate, notRequired.
    public var state: String
    public var text: String
    public var deadline: Date?
    /// The words of a running and of an overdue clock with `{time}`, for the script that keeps it ticking.
    public var runningTemplate: String
    public var overdueTemplate: String
    public init(state: String, text: String, deadline: Date?, runningTemplate: String = "", overdueTemplate: String = "") {
        self.state = state
        self.text = text
        self.deadline = deadline
        self.runningTemplate = runningTemplate
        self.overdueTemplate = overdueTemplate
    }
}

/// The breaches of the organisations the viewer belongs to, open ones first.
public struct BreachListPage: PageModel {
    public struct Item: Sendable {
        public var id: Int64
        public var title: String
        public var organisation: String
        public var status: String
        public var open: Bool
        public var awareAt: Date?
        public var clock: BreachClockView
        /// Fields still missing (worded): the breach is a draft while any is.
        public var missing: [String]
        public var sensitive: Bool
        public var archived: Bool
        public init(id: Int64, title: String, organisation: String, status: String, open: Bool, awareAt: Date?, clock: BreachClockView,
                    missing: [String], sensitive: Bool, archived: Bool) {
            self.id = id
            self.title = title
            self.organisation = organisation
            self.status = status
            self.open = open
            self.awareAt = awareAt
            self.clock = clock
            self.missing = missing
            self.sensitive = sensitive
            self.archived = archived
        }
    }
    public var items: [Item]
    public var organisations: [Choice]
    public var organisation: String?
    public var showArchived: Bool
    public var canCreate: Bool
    public init(items: [Item], organisations: [Choice], organisation: String?, showArchived: Bool, canCreate: Bool) {
        self.items = items
        self.organisations = organisations
        self.organisation = organisation
        self.showArchived = showArchived
        self.canCreate = canCreate
    }
}

/// One breach: its clock, its fields, the notification steps and the forms to record them.
public struct BreachPage: PageModel {
    public struct Link: Sendable {
        public var label: String
        public var href: String?
        public init(label: String, href: String?) {
            self.label = label
            self.href = href
        }
    }
    public struct Step: Sendable {
        /// « Notification initiale » or « Notification complémentaire n° 2 ».
        public var label: String
        public var at: Date
        public var reference: String?
        public var note: String?
        public init(label: String, at: Date, reference: String?, note: String?) {
            self.label = label
            self.at = at
            self.reference = reference
            self.note = note
        }
    }
    public var id: Int64
    public var title: String
    public var organisation: String
    public var status: String
    public var open: Bool
    public var archived: Bool
    public var clock: BreachClockView
    public var missing: [String]
    public var fields: [ActivityPage.Field]
    public var activities: [Link]
    public var processors: [Link]
    public var datasets: [Link]
    public var steps: [Step]
    /// Why the CNIL is not notified, when recorded.
    public var notNotifiedReason: String?
    /// The people's information, worded (date and means, or why not); nil when not recorded yet.
    public var peopleInformed: String?
    public var notified: Bool
    public var canEdit: Bool
    /// Localised messages of the step forms, by field name.
    public var errors: [String: String] = [:]
    public init(id: Int64, title: String, organisation: String, status: String, open: Bool, archived: Bool, clock: BreachClockView,
                missing: [String], fields: [ActivityPage.Field], activities: [Link], processors: [Link], datasets: [Link], steps: [Step],
                notNotifiedReason: String?, peopleInformed: String?, notified: Bool, canEdit: Bool) {
        self.id = id
        self.title = title
        self.organisation = organisation
        self.status = status
        self.open = open
        self.archived = archived
        self.clock = clock
        self.missing = missing
        self.fields = fields
        self.activities = activities
        self.processors = processors
        self.datasets = datasets
        self.steps = steps
        self.notNotifiedReason = notNotifiedReason
        self.peopleInformed = peopleInformed
        self.notified = notified
        self.canEdit = canEdit
    }
}

/// The breach form's values, as posted (lists as sets of raw values, instants as `YYYY-MM-DDTHH:MM`, Paris time).
public struct BreachForm: Sendable {
    public var title = ""
    public var status = "open"
    public var occurredAt = ""
    public var awareAt = ""
    public var natures: Set<String> = []
    public var origin = ""
    public var cause = ""
    public var description = ""
    public var categories: Set<String> = []
    public var people: Set<String> = []
    public var peopleCount = ""
    public var recordsCount = ""
    public var consequences = ""
    public var risk = ""
    public var measures = ""
    public var notNotifiedReason = ""
    public var activities: Set<String> = []
    public var processors: Set<String> = []
    public var datasets: Set<String> = []
    public init() {}
}

/// The value lists the breach form offers (value, label), in the page's language.
public struct BreachFormOptions: Sendable {
    public var statuses: [Choice] = []
    public var natures: [Choice] = []
    public var origins: [Choice] = []
    public var causes: [Choice] = []
    public var risks: [Choice] = []
    public var categories: [Choice] = []
    public var people: [Choice] = []
    public var activities: [Choice] = []
    public var processors: [Choice] = []
    public var datasets: [Choice] = []
    public init() {}
}

/// Recording or editing a breach.
public struct BreachFormPage: PageModel {
    /// nil for a new breach.
    public var id: Int64?
    public var form: BreachForm
    public var options: BreachFormOptions
    public var organisations: [Choice]
    public var organisation: String?
    /// Localised messages by form field name; `_` for the whole record.
    public var errors: [String: String]
    public init(id: Int64?, form: BreachForm, options: BreachFormOptions, organisations: [Choice], organisation: String?,
                errors: [String: String]) {
        self.id = id
        self.form = form
        self.options = options
        self.organisations = organisations
        self.organisation = organisation
        self.errors = errors
    }
}

/// A breach touching a dataset, shown to the members of its organisation on the dataset's page.
public struct DatasetBreachAlert: Sendable {
    public var id: Int64
    public var title: String
    public var open: Bool
    public var clock: BreachClockView
    public init(id: Int64, title: String, open: Bool, clock: BreachClockView) {
        self.id = id
        self.title = title
        self.open = open
        self.clock = clock
    }
}

/// The breach register's addresses.
public enum BreachPaths {
    public static let list = "/register/breaches"
    public static let new = "/register/breaches/new"
    public static func breach(_ id: Int64) -> String { "\(list)/\(id)" }
    public static func edit(_ id: Int64) -> String { breach(id) + "/edit" }
    public static func notify(_ id: Int64) -> String { breach(id) + "/notify" }
    public static func notNotified(_ id: Int64) -> String { breach(id) + "/not-notified" }
    public static func inform(_ id: Int64) -> String { breach(id) + "/inform" }
    public static func filtered(organisation: String?, archived: Bool) -> String {
        PortalPaths.with(list, [("organisation", organisation ?? ""), ("archived", archived ? "1" : "")])
    }
}
