import Foundation
import SocleCore
import SoclePrivacy

// The register of processing activities (GDPR art. 30) with the value lists of the CNIL model and of Madis
// (../shared/brief/GDPR.md §1). Every list is a closed enum whose raw value is the API's spelling and whose
// display name is in the string catalog (`register.<list>.<value>`).

/// A value list of the register: its key in the catalog, and every value it allows.
public protocol RegisterValue: RawRepresentable, CaseIterable, Codable, Sendable, Hashable where RawValue == String {
    static var listKey: String { get }
    /// The catalog key of the value's display name.
    var catalogKey: String { get }
}

extension RegisterValue {
    public var catalogKey: String { "register.\(Self.listKey).\(rawValue)" }
    public func label(_ language: Language) -> String {
        ActionStrings.register()
        return Catalog.shared.string(catalogKey, language: language)
    }

    /// Reads the API's spelling, refusing an unknown value with the list of allowed ones.
    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        let field = decoder.codingPath.last(where: { $0.intValue == nil })?.stringValue ?? Self.listKey
        self = try Self.parse(raw, field: field)
    }

    /// Parses the API's spelling; a clear error with the allowed values otherwise.
    public static func parse(_ raw: String, field: String) throws -> Self {
        let clean = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if let v = Self(rawValue: clean) ?? allCases.first(where: { $0.rawValue.lowercased() == clean.lowercased() }) { return v }
        throw SocleError(.invalidInput, code: "register.bad_value",
                         args: ["field": field, "value": String(clean.prefix(60)), "known": allCases.map(\.rawValue).joined(separator: ", ")])
    }
}

public enum ActivityStatus: String, RegisterValue {
    case draft, complete, checked
    public static let listKey = "status"
}

public enum LegalBasis: String, RegisterValue {
    case consent, contract, legalObligation, vitalInterest, publicTask, legitimateInterest
    public static let listKey = "legalBasis"
}

public enum CollectionMethod: String, RegisterValue {
    case webForm, paperForm, contract, receivedList, internalDocument, interview, sensor, partnerDelivery, other
    public static let listKey = "collection"
}

public enum PeopleCategory: String, RegisterValue {
    case residents, agents, elected, businesses, partners, minors, vulnerable, other
    public static let listKey = "people"
}

public enum RecipientKind: String, RegisterValue {
    case internalService, partner, processor, thirdCountry
    public static let listKey = "recipient"
}

public enum TransferSafeguard: String, RegisterValue {
    case adequacy, standardClauses, bindingCorporateRules, codeOfConduct, certification, derogation
    public static let listKey = "safeguard"
}

public enum SecurityMeasure: String, RegisterValue {
    case accessControl, traceability, softwareProtection, backup, encryption, processorControl, other
    public static let listKey = "security"
}

public enum RetentionPhase: String, RegisterValue {
    case active, intermediate
    public static let listKey = "phase"
}

public enum RetentionFate: String, RegisterValue {
    case destroy, anonymise, transfer, sort
    public static let listKey = "fate"
}

public enum RetentionBinding: String, RegisterValue {
    case mandatory, recommended, justifiedDeviation
    public static let listKey = "binding"
}

extension DataCategory: RegisterValue {
    public static let listKey = "category"
}

extension KeyedDecodingContainer {
    /// A data category read with the register's rule (an unknown value is refused with the allowed ones):
    /// `DataCategory`'s own `Decodable` comes from the privacy module, which does not know that rule.
    func decodeCategories(forKey key: Key) throws -> [DataCategory]? {
        try decodeIfPresent([String].self, forKey: key)?.map { try DataCategory.parse($0, field: key.stringValue) }
    }

    func decodeCategory(forKey key: Key) throws -> DataCategory? {
        try decodeIfPresent(String.self, forKey: key).map { try DataCategory.parse($0, field: key.stringValue) }
    }
}

/// A person or body to contact (controller, joint controller, DPO).
public struct RegisterContact: Codable, Sendable, Equatable {
    public var name: String
    public var contact: String?
    public init(name: String, contact: String? = nil) {
        self.name = name
        self.contact = contact
    }
}

/// One recipient of the data.
public struct Recipient: Codable, Sendable, Equatable {
    public var kind: RecipientKind
    public var name: String
    public init(kind: RecipientKind, name: String) {
        self.kind = kind
        self.name = name
    }
}

/// A transfer outside the European Union and its safeguard.
public struct Transfer: Codable, Sendable, Equatable {
    public var country: String
    public var safeguard: TransferSafeguard
    public init(country: String, safeguard: TransferSafeguard) {
        self.country = country
        self.safeguard = safeguard
    }
}

/// How long data is kept (GDPR.md §5): for one data category of the activity (or all of it when nil).
public struct RetentionRule: Codable, Sendable, Equatable {
    public var category: DataCategory?
    public var phase: RetentionPhase
    /// ISO 8601 duration (`P5Y`, `P6M`, `P30D`).
    public var duration: String
    /// What starts the clock: collection, end of contract, last contact, file closed…
    public var startEvent: String
    public var legalSource: String?
    public var binding: RetentionBinding
    public var fate: RetentionFate
    /// The date column of each dataset in the rule's scope that marks the start event (enforcement: `RetentionActions`).
    public var dateColumns: [RetentionDateColumn]
    public init(category: DataCategory?, phase: RetentionPhase = .active, duration: String, startEvent: String,
                legalSource: String? = nil, binding: RetentionBinding = .recommended, fate: RetentionFate = .destroy,
                dateColumns: [RetentionDateColumn] = []) {
        self.dateColumns = dateColumns
        self.category = category
        self.phase = phase
        self.duration = duration
        self.startEvent = startEvent
        self.legalSource = legalSource
        self.binding = binding
        self.fate = fate
    }

    enum CodingKeys: String, CodingKey { case category, phase, duration, startEvent, legalSource, binding, fate, dateColumns }

    /// What a client leaves out takes the defaults of `init` (active phase, recommended, destroyed at the end).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(category: try c.decodeCategory(forKey: .category),
                  phase: try c.decodeIfPresent(RetentionPhase.self, forKey: .phase) ?? .active,
                  duration: try c.decodeIfPresent(String.self, forKey: .duration) ?? "",
                  startEvent: try c.decodeIfPresent(String.self, forKey: .startEvent) ?? "",
                  legalSource: try c.decodeIfPresent(String.self, forKey: .legalSource),
                  binding: try c.decodeIfPresent(RetentionBinding.self, forKey: .binding) ?? .recommended,
                  fate: try c.decodeIfPresent(RetentionFate.self, forKey: .fate) ?? .destroy,
                  dateColumns: try c.decodeIfPresent([RetentionDateColumn].self, forKey: .dateColumns) ?? [])
    }

    /// Date columns only when there are some: a rule without them is written as before they existed.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(category, forKey: .category)
        try c.encode(phase, forKey: .phase)
        try c.encode(duration, forKey: .duration)
        try c.encode(startEvent, forKey: .startEvent)
        try c.encodeIfPresent(legalSource, forKey: .legalSource)
        try c.encode(binding, forKey: .binding)
        try c.encode(fate, forKey: .fate)
        if !dateColumns.isEmpty { try c.encode(dateColumns, forKey: .dateColumns) }
    }
}

/// A column of a dataset that holds data of an activity, as the DPO confirmed it.
public struct DatasetLink: Codable, Sendable, Equatable, Hashable {
    public var dataset: String
    public var column: String
    public var confirmedBy: String?
    public var confirmedAt: Date?
    public init(dataset: String, column: String, confirmedBy: String? = nil, confirmedAt: Date? = nil) {
        self.dataset = dataset
        self.column = column
        self.confirmedBy = confirmedBy
        self.confirmedAt = confirmedAt
    }
}

/// One processing activity ("traitement"): the fields of GDPR.md §1.
public struct ProcessingActivity: Codable, Sendable, Equatable {
    public var name: String
    public var purpose: String
    public var subPurposes: [String]
    public var status: ActivityStatus
    /// The service of the organisation that runs it (its slug), if any.
    public var service: String?
    public var controller: RegisterContact?
    public var jointController: RegisterContact?
    public var dpo: RegisterContact?
    /// Software or paper file used.
    public var software: String?
    /// Shown on the public register.
    public var isPublic: Bool
    public var legalBases: [LegalBasis]
    public var legitimateInterest: String?
    public var collection: [CollectionMethod]
    public var people: [PeopleCategory]
    public var estimatedPeople: Int?
    public var categories: [DataCategory]
    public var recipients: [Recipient]
    public var transfers: [Transfer]
    public var retention: [RetentionRule]
    public var security: [SecurityMeasure]
    public var otherSecurity: String?
    /// Register ids of the processors (sous-traitants) that handle it.
    public var processors: [Int64]
    public var links: [DatasetLink]
    /// The activity this one was duplicated from (a shared DPO's template), as "organisation/id".
    public var template: String?
    /// The DPIA screening and record.
    public var dpia: DPIAScreening?

    public init(name: String, purpose: String, subPurposes: [String] = [], status: ActivityStatus = .draft, service: String? = nil,
                controller: RegisterContact? = nil, jointController: RegisterContact? = nil, dpo: RegisterContact? = nil,
                software: String? = nil, isPublic: Bool = false, legalBases: [LegalBasis] = [], legitimateInterest: String? = nil,
                collection: [CollectionMethod] = [], people: [PeopleCategory] = [], estimatedPeople: Int? = nil,
                categories: [DataCategory] = [], recipients: [Recipient] = [], transfers: [Transfer] = [],
                retention: [RetentionRule] = [], security: [SecurityMeasure] = [], otherSecurity: String? = nil,
                processors: [Int64] = [], links: [DatasetLink] = [], template: String? = nil, dpia: DPIAScreening? = nil) {
        self.name = name
        self.purpose = purpose
        self.subPurposes = subPurposes
        self.status = status
        self.service = service
        self.controller = controller
        self.jointController = jointController
        self.dpo = dpo
        self.software = software
        self.isPublic = isPublic
        self.legalBases = legalBases
        self.legitimateInterest = legitimateInterest
        self.collection = collection
        self.people = people
        self.estimatedPeople = estimatedPeople
        self.categories = categories
        self.recipients = recipients
        self.transfers = transfers
        self.retention = retention
        self.security = security
        self.otherSecurity = otherSecurity
        self.processors = processors
        self.links = links
        self.template = template
        self.dpia = dpia
    }

    enum CodingKeys: String, CodingKey {
        case name, purpose, subPurposes, status, service, controller, jointController, dpo, software, isPublic, legalBases
        case legitimateInterest, collection, people, estimatedPeople, categories, recipients, transfers, retention, security
        case otherSecurity, processors, links, template, dpia
    }

    /// Missing lists are empty, a missing status is a draft: a client sends only what it knows.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func list<T: Decodable>(_ key: CodingKeys) throws -> [T] { try c.decodeIfPresent([T].self, forKey: key) ?? [] }
        self.init(name: try c.decodeIfPresent(String.self, forKey: .name) ?? "",
                  purpose: try c.decodeIfPresent(String.self, forKey: .purpose) ?? "",
                  subPurposes: try list(.subPurposes),
                  status: try c.decodeIfPresent(ActivityStatus.self, forKey: .status) ?? .draft,
                  service: try c.decodeIfPresent(String.self, forKey: .service),
                  controller: try c.decodeIfPresent(RegisterContact.self, forKey: .controller),
                  jointController: try c.decodeIfPresent(RegisterContact.self, forKey: .jointController),
                  dpo: try c.decodeIfPresent(RegisterContact.self, forKey: .dpo),
                  software: try c.decodeIfPresent(String.self, forKey: .software),
                  isPublic: try c.decodeIfPresent(Bool.self, forKey: .isPublic) ?? false,
                  legalBases: try list(.legalBases),
                  legitimateInterest: try c.decodeIfPresent(String.self, forKey: .legitimateInterest),
                  collection: try list(.collection), people: try list(.people),
                  estimatedPeople: try c.decodeIfPresent(Int.self, forKey: .estimatedPeople),
                  categories: try c.decodeCategories(forKey: .categories) ?? [], recipients: try list(.recipients), transfers: try list(.transfers),
                  retention: try list(.retention), security: try list(.security),
                  otherSecurity: try c.decodeIfPresent(String.self, forKey: .otherSecurity),
                  processors: try list(.processors), links: try list(.links),
                  template: try c.decodeIfPresent(String.self, forKey: .template),
                  dpia: try c.decodeIfPresent(DPIAScreening.self, forKey: .dpia))
    }

    /// Whether any of its data categories is sensitive (art. 9, NIR, offences).
    public var hasSensitiveData: Bool { categories.contains { $0.isSensitive } }

    /// What the register still lacks, as catalog keys of the missing fields (`register.field.<name>`).
    public var missing: [String] {
        var out: [String] = []
        func need(_ ok: Bool, _ field: String) { if !ok { out.append(field) } }
        need(!name.isBlank, "name")
        need(!purpose.isBlank, "purpose")
        need(controller.map { !$0.name.isBlank } ?? false, "controller")
        need(!legalBases.isEmpty, "legalBases")
        if legalBases.contains(.legitimateInterest) { need(!(legitimateInterest ?? "").isBlank, "legitimateInterest") }
        need(!collection.isEmpty, "collection")
        need(!people.isEmpty, "people")
        need(!categories.isEmpty, "categories")
        need(!recipients.isEmpty, "recipients")
        need(!retention.isEmpty, "retention")
        need(!security.isEmpty, "security")
        if security.contains(.other) { need(!(otherSecurity ?? "").isBlank, "otherSecurity") }
        return out
    }

    /// The fields the completeness score counts (the conditional ones only when they apply).
    var checkedFields: Int {
        10 + (legalBases.contains(.legitimateInterest) ? 1 : 0) + (security.contains(.other) ? 1 : 0)
    }

    /// Share of the required fields filled in, 0…100.
    public var completeness: Int {
        let total = checkedFields
        return Int((Double(total - missing.count) / Double(total) * 100).rounded())
    }
}

/// A processor (sous-traitant) and the checks of its contract (art. 28).
public struct Processor: Codable, Sendable, Equatable {
    public var name: String
    public var contact: String?
    public var service: String?
    /// The contract has the clauses of art. 28.
    public var contractClauses: Bool
    /// Its security guarantees were checked.
    public var securityChecked: Bool
    /// It keeps its own register of the processing it does for others.
    public var keepsRegister: Bool
    /// It transfers data outside the EU.
    public var transfersAbroad: Bool
    /// It has appointed a DPO.
    public var hasDataProtectionOfficer: Bool
    public var notes: String?
    public init(name: String, contact: String? = nil, service: String? = nil, contractClauses: Bool = false, securityChecked: Bool = false,
                keepsRegister: Bool = false, transfersAbroad: Bool = false, hasDataProtectionOfficer: Bool = false, notes: String? = nil) {
        self.name = name
        self.contact = contact
        self.service = service
        self.contractClauses = contractClauses
        self.securityChecked = securityChecked
        self.keepsRegister = keepsRegister
        self.transfersAbroad = transfersAbroad
        self.hasDataProtectionOfficer = hasDataProtectionOfficer
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case name, contact, service, contractClauses, securityChecked, keepsRegister, transfersAbroad, hasDataProtectionOfficer, notes
    }

    /// Unsent checks are unchecked.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func flag(_ key: CodingKeys) throws -> Bool { try c.decodeIfPresent(Bool.self, forKey: key) ?? false }
        self.init(name: try c.decodeIfPresent(String.self, forKey: .name) ?? "", contact: try c.decodeIfPresent(String.self, forKey: .contact),
                  service: try c.decodeIfPresent(String.self, forKey: .service), contractClauses: try flag(.contractClauses),
                  securityChecked: try flag(.securityChecked), keepsRegister: try flag(.keepsRegister),
                  transfersAbroad: try flag(.transfersAbroad), hasDataProtectionOfficer: try flag(.hasDataProtectionOfficer),
                  notes: try c.decodeIfPresent(String.self, forKey: .notes))
    }

    /// The contract checks still open, as catalog keys (`register.processor.<check>`).
    public var openChecks: [String] {
        var out: [String] = []
        if !contractClauses { out.append("contractClauses") }
        if !securityChecked { out.append("securityChecked") }
        if !keepsRegister { out.append("keepsRegister") }
        return out
    }
}

public enum MeasureStatus: String, RegisterValue {
    case planned, inProgress, done, abandoned
    public static let listKey = "measureStatus"
}

public enum MeasurePriority: String, RegisterValue {
    case low, normal, high
    public static let listKey = "priority"
}

public enum MeasureType: String, RegisterValue {
    case legal, technical, organisational, training, documentation
    public static let listKey = "measureType"
}

/// A protective measure of the action plan, linked to activities.
public struct ProtectiveMeasure: Codable, Sendable, Equatable {
    public var title: String
    public var type: MeasureType
    public var status: MeasureStatus
    public var priority: MeasurePriority
    public var owner: String?
    /// Due date, `YYYY-MM-DD`.
    public var due: String?
    public var activities: [Int64]
    public var notes: String?
    public init(title: String, type: MeasureType, status: MeasureStatus = .planned, priority: MeasurePriority = .normal,
                owner: String? = nil, due: String? = nil, activities: [Int64] = [], notes: String? = nil) {
        self.title = title
        self.type = type
        self.status = status
        self.priority = priority
        self.owner = owner
        self.due = due
        self.activities = activities
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey { case title, type, status, priority, owner, due, activities, notes }

    /// A missing status is planned, a missing priority normal.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(title: try c.decodeIfPresent(String.self, forKey: .title) ?? "",
                  type: try c.decodeIfPresent(MeasureType.self, forKey: .type) ?? .organisational,
                  status: try c.decodeIfPresent(MeasureStatus.self, forKey: .status) ?? .planned,
                  priority: try c.decodeIfPresent(MeasurePriority.self, forKey: .priority) ?? .normal,
                  owner: try c.decodeIfPresent(String.self, forKey: .owner), due: try c.decodeIfPresent(String.self, forKey: .due),
                  activities: try c.decodeIfPresent([Int64].self, forKey: .activities) ?? [],
                  notes: try c.decodeIfPresent(String.self, forKey: .notes))
    }
}

extension String {
    var isBlank: Bool { trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
}

// MARK: DPIA (AIPD) screening — GDPR.md §2

/// The nine criteria of the EDPB/CNIL guidelines: two or more call for a DPIA.
public enum DPIACriterion: String, RegisterValue {
    case evaluation, automatedDecision, systematicMonitoring, sensitiveData, largeScale, matching, vulnerablePeople
    case innovativeTechnology, preventsRight
    public static let listKey = "dpiaCriterion"
}

/// Processing the CNIL's list says always needs a DPIA (the cases a local authority meets).
public enum DPIARequiredCase: String, RegisterValue {
    case socialHousing, socialSupport, largeScaleLocation, publicSpaceMonitoring
    public static let listKey = "dpiaRequired"
}

/// Processing the CNIL's list exempts from a DPIA.
public enum DPIAExemptCase: String, RegisterValue {
    case electoralRoll, schoolServices
    public static let listKey = "dpiaExempt"
}

public enum DPIAStatus: String, RegisterValue {
    case notStarted, inProgress, done
    public static let listKey = "dpiaStatus"
}

/// What the DPO answered for the screening of one activity, and the DPIA record when one is made.
public struct DPIAScreening: Codable, Sendable, Equatable {
    public var criteria: [DPIACriterion]
    public var requiredCases: [DPIARequiredCase]
    public var exemptCases: [DPIAExemptCase]
    public var status: DPIAStatus
    /// `YYYY-MM-DD`.
    public var started: String?
    public var completed: String?
    public var dpoOpinion: String?
    public var controllerOpinion: String?
    /// Measures of the action plan the DPIA decided (register ids).
    public var measures: [Int64]

    public init(criteria: [DPIACriterion] = [], requiredCases: [DPIARequiredCase] = [], exemptCases: [DPIAExemptCase] = [],
                status: DPIAStatus = .notStarted, started: String? = nil, completed: String? = nil, dpoOpinion: String? = nil,
                controllerOpinion: String? = nil, measures: [Int64] = []) {
        self.criteria = criteria
        self.requiredCases = requiredCases
        self.exemptCases = exemptCases
        self.status = status
        self.started = started
        self.completed = completed
        self.dpoOpinion = dpoOpinion
        self.controllerOpinion = controllerOpinion
        self.measures = measures
    }

    enum CodingKeys: String, CodingKey {
        case criteria, requiredCases, exemptCases, status, started, completed, dpoOpinion, controllerOpinion, measures
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func list<T: Decodable>(_ key: CodingKeys) throws -> [T] { try c.decodeIfPresent([T].self, forKey: key) ?? [] }
        self.init(criteria: try list(.criteria), requiredCases: try list(.requiredCases), exemptCases: try list(.exemptCases),
                  status: try c.decodeIfPresent(DPIAStatus.self, forKey: .status) ?? .notStarted,
                  started: try c.decodeIfPresent(String.self, forKey: .started), completed: try c.decodeIfPresent(String.self, forKey: .completed),
                  dpoOpinion: try c.decodeIfPresent(String.self, forKey: .dpoOpinion),
                  controllerOpinion: try c.decodeIfPresent(String.self, forKey: .controllerOpinion), measures: try list(.measures))
    }
}

/// Whether a DPIA is required, and why (catalog keys with their arguments, worded by the surface).
public struct DPIAVerdict: Sendable, Equatable {
    public struct Reason: Sendable, Equatable {
        public var key: String
        public var args: [String: String]
    }
    public var required: Bool
    public var reasons: [Reason]
}

extension ProcessingActivity {
    /// The screening's verdict: the CNIL's required list first, then its exemptions, then the two-criteria rule.
    public var dpiaVerdict: DPIAVerdict {
        let s = dpia ?? DPIAScreening()
        func names<V: RegisterValue>(_ values: [V]) -> String { SocleError.keyList(values.map(\.catalogKey)) }
        if !s.requiredCases.isEmpty {
            return DPIAVerdict(required: true, reasons: [.init(key: "register.dpia.reason.required_list", args: ["cases": names(s.requiredCases)])])
        }
        if !s.exemptCases.isEmpty {
            return DPIAVerdict(required: false, reasons: [.init(key: "register.dpia.reason.exempt_list", args: ["cases": names(s.exemptCases)])])
        }
        let n = s.criteria.count
        if n >= 2 {
            return DPIAVerdict(required: true, reasons: [.init(key: "register.dpia.reason.criteria", args: ["n": String(n), "criteria": names(s.criteria)])])
        }
        return DPIAVerdict(required: false, reasons: [.init(key: n == 1 ? "register.dpia.reason.one_criterion" : "register.dpia.reason.no_criterion",
                                                            args: ["criteria": names(s.criteria)])])
    }

    /// Criteria the activity's own fields point at, for the DPO to confirm (never counted until ticked).
    public var suggestedDPIACriteria: [DPIACriterion] {
        var out: [DPIACriterion] = []
        if categories.contains(where: { $0.isSensitive || $0 == .location || $0 == .financialSituation || $0 == .bankDetails }) { out.append(.sensitiveData) }
        if people.contains(.minors) || people.contains(.vulnerable) || people.contains(.agents) { out.append(.vulnerablePeople) }
        if collection.contains(.sensor) { out.append(.systematicMonitoring) }
        if (estimatedPeople ?? 0) >= 10_000 { out.append(.largeScale) }
        return out.filter { !(dpia?.criteria.contains($0) ?? false) }
    }
}
