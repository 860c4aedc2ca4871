import Foundation
import SocleCore
import SocleExport
import SoclePrivacy

/// An activity as the API and the CLI give it: the record, where it stands, and its fields.
public struct ActivityDocument: Encodable, Sendable {
    public struct Owner: Encodable, Sendable {
        public var slug: String
        public var name: String
    }
    public var id: Int64
    public var organisation: Owner
    public var archived: Bool
    public var createdAt: Date
    public var updatedAt: Date
    /// Share of the required fields filled in, 0…100, and the fields still missing.
    public var completeness: Int
    public var missing: [String]
    public var sensitive: Bool
    /// Whether a DPIA is required, with the reasons in the reader's language.
    public var dpiaRequired: Bool
    public var dpiaReasons: [String]
    public var activity: ProcessingActivity

    public init(_ e: ActivityEntry, language: Language = .current) {
        id = e.id
        organisation = Owner(slug: e.organisation.slug, name: e.organisation.name)
        archived = e.archived
        createdAt = e.createdAt
        updatedAt = e.updatedAt
        completeness = e.body.completeness
        missing = e.body.missing
        sensitive = e.body.hasSensitiveData
        let verdict = e.body.dpiaVerdict
        dpiaRequired = verdict.required
        dpiaReasons = verdict.reasons.map { $0.text(language) }
        activity = e.body
    }
}

/// What the public register shows of an activity (art. 30 asks for the register to be available; Socle
/// publishes the activities marked public): never the links to datasets, the processors or the security
/// measures.
public struct PublicActivity: Encodable, Sendable {
    public var id: Int64
    public var organisation: String
    public var organisationName: String
    public var name: String
    public var purpose: String
    public var subPurposes: [String]
    public var controller: RegisterContact?
    public var dpo: RegisterContact?
    public var legalBases: [LegalBasis]
    public var people: [PeopleCategory]
    public var categories: [DataCategory]
    public var recipients: [Recipient]
    public var transfers: [Transfer]
    public var retention: [RetentionRule]
    public var updatedAt: Date

    public init(_ e: ActivityEntry) {
        id = e.id
        organisation = e.organisation.slug
        organisationName = e.organisation.name
        name = e.body.name
        purpose = e.body.purpose
        subPurposes = e.body.subPurposes
        controller = e.body.controller
        dpo = e.body.dpo
        legalBases = e.body.legalBases
        people = e.body.people
        categories = e.body.categories
        recipients = e.body.recipients
        transfers = e.body.transfers
        // The date columns name datasets and columns: links to the data stay private.
        retention = e.body.retention.map { var r = $0; r.dateColumns = []; return r }
        updatedAt = e.updatedAt
    }
}

extension DPIAVerdict.Reason {
    /// The reason in words.
    public func text(_ language: Language) -> String {
        ActionStrings.register()
        return SocleError(.invalidInput, code: key, args: args).message(language)
    }
}

extension RegisterActions {
    /// The register as CSV (one line per activity, lists joined by ` ; `), in the reader's language: what a
    /// DPO hands over or opens in a spreadsheet.
    public func csv(_ activities: [ActivityEntry], language: Language) -> [UInt8] {
        let headers = ["id", "organisation", "name", "purpose", "status", "completeness", "missing", "legalBases", "people",
                       "categories", "sensitive", "recipients", "transfers", "retention", "security", "processors", "datasets",
                       "public", "archived", "updatedAt"]
        let columns = headers.map { ExportColumn(name: $0, label: Catalog.shared.string("register.csv.\($0)", language: language), type: .text) }
        var writer = CSVWriter(columns: columns, options: ExportOptions(useLabels: true))
        var out: [UInt8] = []
        writer.begin(into: &out)
        func labels<V: RegisterValue>(_ values: [V]) -> String { values.map { $0.label(language) }.joined(separator: " ; ") }
        let yes = Catalog.shared.string("register.yes", language: language)
        let no = Catalog.shared.string("register.no", language: language)
        for e in activities {
            let a = e.body
            let retention = a.retention.map { r in
                [r.category?.label(language), r.duration, r.startEvent, r.fate.label(language)].compactMap { $0 }.joined(separator: " / ")
            }
            let cells: [String] = [
                String(e.id), e.organisation.name, a.name, a.purpose, a.status.label(language), "\(a.completeness) %",
                a.missing.map { Catalog.shared.string("register.field.\($0)", language: language) }.joined(separator: " ; "),
                labels(a.legalBases), labels(a.people), labels(a.categories), a.hasSensitiveData ? yes : no,
                a.recipients.map { "\($0.name) (\($0.kind.label(language)))" }.joined(separator: " ; "),
                a.transfers.map { "\($0.country) (\($0.safeguard.label(language)))" }.joined(separator: " ; "),
                retention.joined(separator: " ; "), labels(a.security), a.processors.map(String.init).joined(separator: " ; "),
                a.links.map { "\($0.dataset).\($0.column)" }.joined(separator: " ; "),
                a.isPublic ? yes : no, e.archived ? yes : no, ISO8601DateFormatter().string(from: e.updatedAt),
            ]
            writer.row(cells.map { .text($0) }, into: &out)
        }
        writer.end(into: &out)
        return out
    }
}
