import Crypto
import Foundation
import SocleCore
import SocleIngest
import SocleStore

/// What a rectification did.
public struct SubjectRectificationReport: Codable, Sendable {
    public var request: Int64
    public var dataset: String
    /// The columns corrected, and their new values as stored.
    public var columns: [String]
    /// The person's rows corrected (a row counted once, whatever the number of revisions holding it).
    public var rowsCorrected: Int
    public var revisionsTouched: [Int]
    /// The revision made with the corrected rows (nil when the current revision held none of them).
    public var newRevision: Int?
    /// SHA-256 over the rows as they were before the correction (the proof kept in the audit log).
    public var sha256: String
    public var compacted: Bool
}

extension SubjectActions {
    /// Corrects the person's rows in one dataset (GDPR art. 16): the columns take the new values in a new current
    /// revision and in every older revision that holds the rows, so the inaccurate values are nowhere left; the
    /// old values are blanked where metadata quotes them; one transaction with its audit entry; the files compacted.
    /// `changes` maps a column name to its new value as a person types it (`""` empties the cell).
    public func rectify(_ query: SubjectQuery, request: Int64, dataset slug: String, changes: [String: String],
                        by principal: Principal) async throws -> SubjectRectificationReport {
        try await checkRequest(request, principal)
        let changes = changes.filter { !$0.key.trimmingCharacters(in: .whitespaces).isEmpty }
        guard !changes.isEmpty else { throw SocleError(.invalidInput, code: "subject.rectify.no_change") }
        let (all, _) = try await find(query, principal, .editRegister)
        let list = all.filter { $0.match.dataset == slug }
        guard let first = list.first else {
            throw SocleError(.notFound, code: "subject.rectify.not_found", args: ["dataset": slug])
        }
        let dataset = first.indexed.dataset
        guard let current = dataset.currentRevision,
              let schema = try await store.revisions(datasetId: dataset.id).first(where: { $0.number == current }) else {
            throw SocleError(.notFound, code: "subject.rectify.not_found", args: ["dataset": slug])
        }
        // Each new value typed as the current revision stores its column.
        var corrections: [String: CellValue] = [:]
        for (name, text) in changes.sorted(by: { $0.key < $1.key }) {
            guard let column = schema.columns.first(where: { $0.name == name }) else {
                let names = schema.columns.map(\.name).joined(separator: ", ")
                throw SocleError(.invalidInput, code: "subject.rectify.unknown_column", args: ["column": name, "columns": names],
                                 location: SourceLocation(column: name))
            }
            guard !column.type.isGeographic else {
                throw SocleError(.invalidInput, code: "subject.rectify.geographic_column", args: ["column": name],
                                 location: SourceLocation(column: name))
            }
            guard let value = SingleCell.value(text, for: column) else {
                throw SocleError(.invalidInput, code: "subject.rectify.invalid_value", args: ["column": name, "value": String(text.prefix(60)),
                                                                                              "expected": Catalog.shared.string("subject.rectify.expect.\(column.type.rawValue)", language: .french)],
                                 location: SourceLocation(column: name))
            }
            corrections[name] = value
        }
        var rows: [Int: Set<Int64>] = [:]
        var seen = Set<String>()
        var digest = SHA256()
        var scrub = Set<String>()
        for f in list {
            rows[f.match.revision, default: []].insert(f.row.row)
            guard seen.insert("\(f.match.revision)/\(f.row.row)").inserted else { continue }
            digest.update(data: Data(Self.canonical(f).utf8))
            // The values replaced, wherever metadata quotes them (short ones are too common to blank).
            for (i, column) in f.indexed.revision.columns.enumerated() where corrections[column.name] != nil && i < f.row.cells.count {
                if let t = Self.text(f.row.cells[i]), t.count >= 4 { scrub.insert(StoreSupport.encodeJSON(t)) }
            }
        }
        let fresh = try await replacement(of: dataset, list, rows: rows, named: "subject.rectification_revision", request: request)
        let hash = Hex.encode(digest.finalize())
        let corrected = Set(list.map { $0.row.row }).count
        let columns = corrections.keys.sorted()
        let event = AuditEvent(actor: principal.auditName, action: "subject.rectify", objectType: "request", objectId: String(request),
                               details: ["dataset": slug, "rows": String(corrected), "columns": columns.joined(separator: ","),
                                         "sha256": hash, "identifiers": query.masked])
        var answered = try await requests.get(request, principal).body
        answered.events.append(RequestEvent(at: Date(), kind: "subject.rectify", summary: Catalog.shared.string(
            "subject.event.rectify", language: .french, args: ["rows": String(corrected), "dataset": slug,
                                                                "columns": columns.joined(separator: ", "), "sha256": hash]),
                                            actor: principal.displayName))
        let target = RowErasure.Target(datasetId: dataset.id, datasetSlug: dataset.slug, rows: rows.mapValues { $0.sorted() },
                                       newRevision: fresh, scrub: scrub.sorted(), expectedCurrent: current, corrections: corrections)
        let result = try await store.eraseRows(RowErasure(targets: [target], audit: [event],
                                                          records: [request: StoreSupport.encodeJSON(answered)]))
        var compacted = true
        do { try await store.compactErased(tables: result.tables) } catch { compacted = false }
        return SubjectRectificationReport(request: request, dataset: slug, columns: columns, rowsCorrected: corrected,
                                          revisionsTouched: rows.keys.sorted(), newRevision: result.newRevisions.first?.number,
                                          sha256: hash, compacted: compacted)
    }

    /// The columns a rectification may correct in each of these datasets (the current revision's, geographic ones
    /// left out), for the DPO's form; datasets outside the principal's organisations are left out.
    public func rectifiableColumns(_ slugs: Set<String>, by principal: Principal) async throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for d in try await scope(principal, .editRegister) where slugs.contains(d.slug) {
            guard let current = d.currentRevision,
                  let r = try await store.revisions(datasetId: d.id).first(where: { $0.number == current }) else { continue }
            out[d.slug] = r.columns.filter { !$0.type.isGeographic }.map(\.name)
        }
        return out
    }
}
