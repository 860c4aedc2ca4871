import Foundation
import SocleCore

/// The audit page's filters: who, which family of actions (`dataset`, `privacy`, `user`…), which
/// organisation or dataset the entry concerns, and a date range (inclusive days, UTC).
public struct AuditFilter: Sendable, Equatable {
    public var actor: String?
    public var family: String?
    public var organisation: String?
    public var dataset: String?
    public var from: Date?
    /// The first instant after the range.
    public var until: Date?
    public init(actor: String? = nil, family: String? = nil, organisation: String? = nil, dataset: String? = nil,
                from: Date? = nil, until: Date? = nil) {
        self.actor = actor
        self.family = family
        self.organisation = organisation
        self.dataset = dataset
        self.from = from
        self.until = until
    }

    /// An action's family: what comes before its first dot (`dataset.publish` → `dataset`).
    public static func family(of action: String) -> String {
        String(action.split(separator: ".", maxSplits: 1).first ?? Substring(action))
    }

    /// The dataset an entry is about: its object, or the `dataset`/`source` named in its details.
    public static func datasets(of entry: AuditEntry) -> [String] {
        var out: [String] = []
        if entry.objectType == "dataset" { out.append(entry.objectId) }
        if let data = entry.details.data(using: .utf8),
           let d = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            for key in ["dataset", "source"] { if let s = d[key] as? String, !s.isEmpty { out.append(s) } }
        }
        return out
    }
}

extension Directory {
    /// The entries the filter keeps, in log order. The organisation of an entry is that of the dataset it
    /// concerns, or the organisation itself when it is the object.
    public func auditEntries(by principal: Principal, filter f: AuditFilter, objectType: String? = nil) async throws -> [AuditEntry] {
        var entries = try await auditEntries(by: principal, actor: f.actor, action: nil, objectType: objectType)
        if let family = f.family { entries = entries.filter { AuditFilter.family(of: $0.action) == family } }
        if let from = f.from { entries = entries.filter { $0.at >= from } }
        if let until = f.until { entries = entries.filter { $0.at < until } }
        if let slug = f.dataset { entries = entries.filter { AuditFilter.datasets(of: $0).contains(slug) } }
        if let orgSlug = f.organisation {
            guard let org = try await store.organisations().first(where: { $0.slug == orgSlug }) else { return [] }
            var owned: [String: Bool] = [:]
            var kept: [AuditEntry] = []
            for e in entries {
                if e.objectType == "organisation", e.objectId == org.slug || e.objectId == String(org.id) { kept.append(e); continue }
                for slug in AuditFilter.datasets(of: e) {
                    if owned[slug] == nil { owned[slug] = try await store.dataset(slug: slug).map { $0.organisationId == org.id } ?? false }
                    if owned[slug] == true { kept.append(e); break }
                }
            }
            entries = kept
        }
        return entries
    }

    /// The dataset titles the log names, for its sentences.
    public func datasetTitles(_ slugs: Set<String>) async throws -> [String: String] {
        var out: [String: String] = [:]
        for s in slugs { if let d = try await store.dataset(slug: s) { out[s] = d.title } }
        return out
    }

    /// Display names of people (`user:3` → « Marie Dupont », else their e-mail).
    public func auditPeople(by principal: Principal) async throws -> [String: String] {
        try await requireAuditReader(principal)
        var names: [String: String] = [:]
        for u in try await store.users() { names["user:\(u.id)"] = u.name.isEmpty ? u.email : u.name }
        return names
    }
}
