import Foundation
import SocleCore

// The GDPR register's pages: the DPO's list, an activity with its data, the activity form, and the public
// register. Values arrive already worded in the page's language (the server maps the register's types).

/// The register of the organisations the viewer belongs to.
public struct RegisterListPage: PageModel {
    public struct Item: Sendable {
        public var id: Int64
        public var name: String
        public var organisation: String
        public var status: String
        /// draft, complete or checked (for the badge's style).
        public var statusKey: String
        public var completeness: Int
        public var missing: [String]
        public var archived: Bool
        public var isPublic: Bool
        public var sensitive: Bool
        public var linkedColumns: Int
        public init(id: Int64, name: String, organisation: String, status: String, statusKey: String, completeness: Int,
                    missing: [String], archived: Bool, isPublic: Bool, sensitive: Bool, linkedColumns: Int) {
            self.id = id
            self.name = name
            self.organisation = organisation
            self.status = status
            self.statusKey = statusKey
            self.completeness = completeness
            self.missing = missing
            self.archived = archived
            self.isPublic = isPublic
            self.sensitive = sensitive
            self.linkedColumns = linkedColumns
        }
    }
    public var items: [Item]
    /// The organisations whose register the viewer reads (filter), and the one chosen.
    public var organisations: [Choice]
    public var organisation: String?
    public var showArchived: Bool
    /// Organisations where the viewer may add an activity.
    public var canCreate: Bool
    public var annexes = RegisterAnnexes(processors: [], measures: [])
    public init(items: [Item], organisations: [Choice], organisation: String?, showArchived: Bool, canCreate: Bool) {
        self.items = items
        self.organisations = organisations
        self.organisation = organisation
        self.showArchived = showArchived
        self.canCreate = canCreate
    }
}

/// One processing activity: its fields, what it lacks, the datasets and columns that hold its data.
public struct ActivityPage: PageModel {
    /// A field of the register and its values (already worded).
    public struct Field: Sendable {
        public var label: String
        public var values: [String]
        public init(label: String, values: [String]) {
            self.label = label
            self.values = values
        }
    }
    public struct LinkedColumn: Sendable {
        public var name: String
        public var label: String
        public var level: String
        public var category: String?
        public var exposed: Bool
        public init(name: String, label: String, level: String, category: String?, exposed: Bool) {
            self.name = name
            self.label = label
            self.level = level
            self.category = category
            self.exposed = exposed
        }
    }
    public struct LinkedDataset: Sendable {
        public var slug: String
        public var title: String
        public var rows: Int64
        public var published: Bool
        public var columns: [LinkedColumn]
        public init(slug: String, title: String, rows: Int64, published: Bool, columns: [LinkedColumn]) {
            self.slug = slug
            self.title = title
            self.rows = rows
            self.published = published
            self.columns = columns
        }
    }
    public struct Proposal: Sendable {
        /// `dataset:column`, posted back to confirm.
        public var value: String
        public var dataset: String
        public var datasetTitle: String
        public var column: String
        public var category: String
        public init(value: String, dataset: String, datasetTitle: String, column: String, category: String) {
            self.value = value
            self.dataset = dataset
            self.datasetTitle = datasetTitle
            self.column = column
            self.category = category
        }
    }
    public var id: Int64
    public var name: String
    public var organisation: String
    public var status: String
    public var statusKey: String
    public var completeness: Int
    public var missing: [String]
    public var archived: Bool
    public var isPublic: Bool
    public var template: String?
    public var fields: [Field]
    public var datasets: [LinkedDataset]
    public var proposals: [Proposal]
    public var canEdit: Bool
    /// Other organisations where the viewer keeps the register (duplicate targets).
    public var duplicateTargets: [Choice]
    /// The DPIA screening's verdict and reasons, criteria the fields suggest, and the DPIA record's fields.
    public var dpiaRequired = false
    public var dpiaReasons: [String] = []
    public var dpiaSuggestions: [String] = []
    public var dpiaFields: [Field] = []
    public init(id: Int64, name: String, organisation: String, status: String, statusKey: String, completeness: Int, missing: [String],
                archived: Bool, isPublic: Bool, template: String?, fields: [Field], datasets: [LinkedDataset], proposals: [Proposal],
                canEdit: Bool, duplicateTargets: [Choice]) {
        self.id = id
        self.name = name
        self.organisation = organisation
        self.status = status
        self.statusKey = statusKey
        self.completeness = completeness
        self.missing = missing
        self.archived = archived
        self.isPublic = isPublic
        self.template = template
        self.fields = fields
        self.datasets = datasets
        self.proposals = proposals
        self.canEdit = canEdit
        self.duplicateTargets = duplicateTargets
    }
}

/// The activity form's values, as posted (every list a set of raw values; lines for free lists).
public struct ActivityForm: Sendable {
    public struct Retention: Sendable {
        public var category = ""
        public var duration = ""
        public var startEvent = ""
        public var phase = "active"
        public var binding = "recommended"
        public var fate = "destroy"
        public var legalSource = ""
        /// The date column of each dataset that starts the clock, as `dataset:column`, comma-separated.
        public var dateColumns = ""
        public init() {}
        public var isEmpty: Bool { category.isEmpty && duration.isEmpty && startEvent.isEmpty && legalSource.isEmpty && dateColumns.isEmpty }
    }
    public struct TransferRow: Sendable {
        public var country = ""
        public var safeguard = ""
        public init() {}
    }
    public var name = ""
    public var purpose = ""
    public var subPurposes = ""
    public var service = ""
    public var status = "draft"
    public var isPublic = false
    public var controllerName = ""
    public var controllerContact = ""
    public var jointName = ""
    public var jointContact = ""
    public var dpoName = ""
    public var dpoContact = ""
    public var software = ""
    public var legalBases: Set<String> = []
    public var legitimateInterest = ""
    public var collection: Set<String> = []
    public var people: Set<String> = []
    public var estimatedPeople = ""
    public var categories: Set<String> = []
    /// Recipient names, one per line, by recipient kind.
    public var recipients: [String: String] = [:]
    public var transfers: [TransferRow] = []
    public var retention: [Retention] = []
    public var security: Set<String> = []
    public var otherSecurity = ""
    public var processors: Set<String> = []
    public var dpiaCriteria: Set<String> = []
    public var dpiaRequiredCases: Set<String> = []
    public var dpiaExemptCases: Set<String> = []
    public var dpiaStatus = "notStarted"
    public var dpiaStarted = ""
    public var dpiaCompleted = ""
    public var dpiaDpoOpinion = ""
    public var dpiaControllerOpinion = ""
    public init() {}
}

/// The value lists the activity form offers (value, label), in the page's language.
public struct ActivityFormOptions: Sendable {
    public var statuses: [Choice]
    public var legalBases: [Choice]
    public var collection: [Choice]
    public var people: [Choice]
    public var categories: [Choice]
    public var recipientKinds: [Choice]
    public var safeguards: [Choice]
    public var phases: [Choice]
    public var bindings: [Choice]
    public var fates: [Choice]
    public var security: [Choice]
    public var services: [Choice]
    public var processors: [Choice]
    public var dpiaCriteria: [Choice] = []
    public var dpiaRequiredCases: [Choice] = []
    public var dpiaExemptCases: [Choice] = []
    public var dpiaStatuses: [Choice] = []
    public init(statuses: [Choice], legalBases: [Choice], collection: [Choice], people: [Choice], categories: [Choice],
                recipientKinds: [Choice], safeguards: [Choice], phases: [Choice], bindings: [Choice], fates: [Choice],
                security: [Choice], services: [Choice], processors: [Choice]) {
        self.statuses = statuses
        self.legalBases = legalBases
        self.collection = collection
        self.people = people
        self.categories = categories
        self.recipientKinds = recipientKinds
        self.safeguards = safeguards
        self.phases = phases
        self.bindings = bindings
        self.fates = fates
        self.security = security
        self.services = services
        self.processors = processors
    }
}

/// Creating or editing an activity.
public struct ActivityFormPage: PageModel {
    /// nil for a new activity.
    public var id: Int64?
    public var form: ActivityForm
    public var options: ActivityFormOptions
    /// For a new activity: where the viewer may create one, and the one chosen.
    public var organisations: [Choice]
    public var organisation: String?
    /// Localised messages by form field name; `_` for a message about the whole record.
    public var errors: [String: String]
    public init(id: Int64?, form: ActivityForm, options: ActivityFormOptions, organisations: [Choice], organisation: String?,
                errors: [String: String]) {
        self.id = id
        self.form = form
        self.options = options
        self.organisations = organisations
        self.organisation = organisation
        self.errors = errors
    }
}

/// The public register: the activities the organisations chose to show citizens.
public struct PublicRegisterPage: PageModel {
    public struct Item: Sendable {
        public var name: String
        public var organisation: String
        public var purpose: String
        public var fields: [ActivityPage.Field]
        public init(name: String, organisation: String, purpose: String, fields: [ActivityPage.Field]) {
            self.name = name
            self.organisation = organisation
            self.purpose = purpose
            self.fields = fields
        }
    }
    public var items: [Item]
    public var organisations: [Choice]
    public var organisation: String?
    public init(items: [Item], organisations: [Choice], organisation: String?) {
        self.items = items
        self.organisations = organisations
        self.organisation = organisation
    }
}

/// A form described field by field by the server (the register's processors and measures), rendered with the
/// generic `edit` template.
public struct SimpleFormPage: PageModel {
    public enum Kind: Sendable { case text, textarea, date, select, checks }
    public struct Field: Sendable {
        public var kind: Kind
        public var name: String
        public var label: String
        public var value: String
        public var options: [Choice]
        public var checked: Set<String>
        public var required: Bool
        public init(_ kind: Kind, _ name: String, label: String, value: String = "", options: [Choice] = [], checked: Set<String> = [],
                    required: Bool = false) {
            self.kind = kind
            self.name = name
            self.label = label
            self.value = value
            self.options = options
            self.checked = checked
            self.required = required
        }
    }
    public var heading: String
    public var action: String
    public var cancelHref: String
    public var fields: [Field]
    public var errors: [String: String]
    public var submit: String
    public init(heading: String, action: String, cancelHref: String, fields: [Field], errors: [String: String], submit: String) {
        self.heading = heading
        self.action = action
        self.cancelHref = cancelHref
        self.fields = fields
        self.errors = errors
        self.submit = submit
    }
}

/// The register's processors and action plan, listed under the activities.
public struct RegisterAnnexes: Sendable {
    public struct Processor: Sendable {
        public var id: Int64
        public var name: String
        public var organisation: String
        /// The contract checks still open, worded.
        public var openChecks: [String]
        public init(id: Int64, name: String, organisation: String, openChecks: [String]) {
            self.id = id
            self.name = name
            self.organisation = organisation
            self.openChecks = openChecks
        }
    }
    public struct Measure: Sendable {
        public var id: Int64
        public var title: String
        public var organisation: String
        public var status: String
        public var priority: String
        public var owner: String
        public var due: String
        public var overdue: Bool
        public init(id: Int64, title: String, organisation: String, status: String, priority: String, owner: String, due: String, overdue: Bool) {
            self.id = id
            self.title = title
            self.organisation = organisation
            self.status = status
            self.priority = priority
            self.owner = owner
            self.due = due
            self.overdue = overdue
        }
    }
    public var processors: [Processor]
    public var measures: [Measure]
    public init(processors: [Processor], measures: [Measure]) {
        self.processors = processors
        self.measures = measures
    }
}
