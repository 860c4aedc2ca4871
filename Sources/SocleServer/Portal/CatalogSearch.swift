import Foundation
import SocleCore
import SocleActions
import SocleWeb

/// A dataset with everything listings, search and facets need.
struct CatalogEntry: Sendable {
    var visible: VisibleDataset
    var revision: Revision?

    var summary: DatasetSummary {
        let d = visible.dataset, m = visible.metadata
        return DatasetSummary(slug: d.slug, title: d.title, description: m.description,
                              organisationSlug: visible.organisation.slug, organisationName: visible.organisation.name,
                              themes: m.themes, licence: m.licence, status: m.status, classification: m.classification,
                              rowCount: revision?.rowCount, updatedAt: revision?.createdAt ?? d.createdAt)
    }

    var format: String? { revision?.source.format }
}

/// Full-text search over the catalog's metadata, with facets. The catalog of a territory holds
/// hundreds of datasets, not millions: it is searched in memory, accents and case folded.
struct CatalogSearch {
    var query: String
    var filters: [FacetKind: String]
    /// Classification and status facets are for members of an organisation only.
    var member: Bool

    static func entries(_ access: ReadPolicy, principal: Principal) async throws -> [CatalogEntry] {
        var out: [CatalogEntry] = []
        for v in try await access.visibleDatasets(by: principal) {
            out.append(CatalogEntry(visible: v, revision: try await access.revision(v)))
        }
        return out
    }

    static func fold(_ s: String) -> String {
        s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR")).lowercased()
    }

    /// Every word of the query must appear in the title, description, keywords, organisation or themes.
    func matchesText(_ e: CatalogEntry) -> Bool {
        let words = Self.fold(query).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        if words.isEmpty { return true }
        let m = e.visible.metadata
        let haystack = Self.fold(([e.visible.dataset.title, m.description, e.visible.organisation.name,
                                   e.visible.dataset.slug] + m.keywords + m.themes).joined(separator: " "))
        return words.allSatisfy { haystack.contains($0) }
    }

    func value(_ kind: FacetKind, _ e: CatalogEntry) -> [String] {
        let m = e.visible.metadata
        switch kind {
        case .organisation: return [e.visible.organisation.slug]
        case .theme: return m.themes
        case .licence: return [m.licence.rawValue]
        case .format: return e.format.map { [$0] } ?? []
        case .classification: return [m.classification?.rawValue ?? "none"]
        case .status: return [m.status.rawValue]
        }
    }

    var kinds: [FacetKind] {
        member ? FacetKind.allCases : [.organisation, .theme, .licence, .format]
    }

    func matches(_ e: CatalogEntry, except skipped: FacetKind? = nil) -> Bool {
        guard matchesText(e) else { return false }
        for (kind, wanted) in filters where kind != skipped && kinds.contains(kind) {
            if !value(kind, e).contains(wanted) { return false }
        }
        return true
    }

    /// Results (title order) and facets; each facet counts over the results of the other filters, so a
    /// selected value still shows its siblings.
    func run(_ entries: [CatalogEntry]) -> (results: [CatalogEntry], facets: [Facet]) {
        let results = entries.filter { matches($0) }
            .sorted { $0.visible.dataset.title.localizedStandardCompare($1.visible.dataset.title) == .orderedAscending }
        var facets: [Facet] = []
        for kind in kinds {
            var counts: [String: Int] = [:]
            var labels: [String: String] = [:]
            for e in entries where matches(e, except: kind) {
                for v in value(kind, e) {
                    counts[v, default: 0] += 1
                    if kind == .organisation { labels[v] = e.visible.organisation.name }
                    if kind == .format { labels[v] = v.uppercased() }
                }
            }
            let values = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { FacetValue(value: $0.key, label: labels[$0.key], count: $0.value, selected: filters[kind] == $0.key) }
            if !values.isEmpty { facets.append(Facet(kind: kind, values: values)) }
        }
        return (results, facets)
    }
}
