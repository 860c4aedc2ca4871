import Foundation
import SocleCore
import SocleExport
import SocleStore

/// The access / portability package (issue 12, item 3): every row where the person was found, with the
/// processing activities that use those datasets (purpose, legal bases, recipients, retention) — a ZIP the DPO
/// can send: `donnees.json`, one CSV per dataset, and a `LISEZMOI.txt` in the reader's language.
public struct SubjectPackage: Sendable {
    public var fileName: String
    public var bytes: [UInt8]
    public var matches: Int
    public var datasets: Int
}

/// The JSON part of the package.
struct SubjectPackageDocument: Encodable {
    struct DatasetPart: Encodable {
        struct Row: Encodable {
            var revision: Int
            var row: Int64
            var foundIn: [String]
            var values: [String: CellValue]
        }
        var dataset: String
        var title: String
        var organisation: String
        var activities: [PublicActivity]
        var rows: [Row]
    }
    var generatedAt: Date
    var request: Int64?
    var identifiers: String
    var datasets: [DatasetPart]
}

extension SubjectActions {
    public func package(_ query: SubjectQuery, request: Int64?, by principal: Principal, language: Language) async throws -> SubjectPackage {
        if let request { try await checkRequest(request, principal) }
        let (found, _) = try await find(query, principal, .readAudit)
        let orgs = Dictionary(try await store.organisations().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var parts: [SubjectPackageDocument.DatasetPart] = []
        var zip = ZipStreamWriter()
        var out: [UInt8] = []
        var grouped: [String: [Found]] = [:]
        for f in found { grouped[f.match.dataset, default: []].append(f) }
        for (slug, list) in grouped.sorted(by: { $0.key < $1.key }) {
            let dataset = list[0].indexed.dataset
            let activities = try await register.activitiesServing(dataset, principal).map { PublicActivity($0.activity) }
            // One row per (revision, row), with the columns it was found by.
            var rows: [(Found, [String])] = []
            for f in list {
                if let i = rows.firstIndex(where: { $0.0.match.revision == f.match.revision && $0.0.row.row == f.row.row }) {
                    rows[i].1.append(f.match.column)
                } else {
                    rows.append((f, [f.match.column]))
                }
            }
            parts.append(.init(
                dataset: slug, title: dataset.title, organisation: orgs[dataset.organisationId]?.name ?? "",
                activities: activities,
                rows: rows.map { f, columns in
                    let cols = f.indexed.revision.columns
                    return .init(revision: f.match.revision, row: f.row.row, foundIn: columns,
                                 values: Dictionary(uniqueKeysWithValues: zip2(cols.map(\.name), f.row.cells)))
                }))
            // The CSV of the dataset: the revision and row, then the columns of the latest revision found.
            let columns = rows.last?.0.indexed.revision.columns ?? []
            let header = [ExportColumn(name: "revision", label: Catalog.shared.string("subject.package.revision", language: language), type: .integer),
                          ExportColumn(name: "row", label: Catalog.shared.string("subject.package.row", language: language), type: .integer)]
                + columns.map { ExportColumn(name: $0.name, label: $0.label, type: $0.type) }
            var writer = CSVWriter(columns: header, options: ExportOptions(useLabels: true))
            var csv: [UInt8] = []
            writer.begin(into: &csv)
            for (f, _) in rows {
                let names = f.indexed.revision.columns.map(\.name)
                let cells = columns.map { c in names.firstIndex(of: c.name).map { f.row.cells[$0] } ?? .null }
                writer.row([.integer(Int64(f.match.revision)), .integer(f.row.row)] + cells, into: &csv)
            }
            writer.end(into: &csv)
            zip.addEntry(name: "\(slug).csv", content: csv, into: &out)
        }
        let document = SubjectPackageDocument(generatedAt: Date(), request: request, identifiers: query.masked, datasets: parts)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        zip.addEntry(name: "donnees.json", content: Array(try encoder.encode(document)), into: &out)
        let readme = Catalog.shared.string("subject.package.readme", language: language,
                                           args: ["datasets": String(parts.count), "rows": String(parts.map(\.rows.count).reduce(0, +)),
                                                  "date": ISO8601DateFormatter().string(from: Date())])
        zip.addEntry(name: language == .french ? "LISEZMOI.txt" : "README.txt", content: Array(readme.utf8), into: &out)
        zip.finish(into: &out)
        let name = "acces-donnees" + (request.map { "-demande-\($0)" } ?? "") + ".zip"
        let audit = AuditEvent(actor: principal.auditName, action: "subject.package", objectType: "request",
                               objectId: request.map(String.init) ?? "", details: ["datasets": String(parts.count),
                                                                                   "matches": String(found.count),
                                                                                   "identifiers": query.masked])
        _ = try await store.appendAudit(audit)
        return SubjectPackage(fileName: name, bytes: out, matches: found.count, datasets: parts.count)
    }
}

private func zip2<A, B>(_ a: [A], _ b: [B]) -> [(A, B)] { Array(zip(a, b)) }
