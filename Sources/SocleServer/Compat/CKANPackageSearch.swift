import Foundation
import SocleActions
import SocleCore

/// `package_search` over the readable datasets, in memory: `q` (words, or `field:value`), `fq` (simple
/// `field:value` clauses joined by spaces or `AND`, `-` to negate), `sort`, and the facets CKAN
/// computes with Solr (`organization`, `tags`, `groups`, `license_id`, `res_format`).
struct CKANPackageSearch {
    static let fields = ["organization", "owner_org", "tags", "groups", "license_id", "res_format", "name", "id"]
    static let sortKeys = ["score", "name", "title_string", "title", "metadata_modified", "metadata_created",
                           "num_resources", "num_tags"]

    /// One `field:value` clause of `q` or `fq`.
    struct Clause: Equatable {
        var field: String
        var value: String
        var negated: Bool
    }

    /// The values a dataset has for a search field (folded for comparison by the caller).
    static func values(_ field: String, _ g: ReadGrant) -> [String] {
        switch field {
        case "organization", "owner_org": return [g.organisation.slug]
        case "tags": return g.metadata.keywords
        case "groups": return g.metadata.themes.map { $0.lowercased() }
        case "license_id": return [CKANPackageView.licenceId(g.metadata.licence)]
        case "res_format": return ["CSV"]
        case "name", "id": return [g.dataset.slug]
        default: return []
        }
    }

    /// Splits `fq` (or a `q` made of clauses) into clauses; quoted values may hold spaces.
    static func clauses(_ text: String) throws -> [Clause] {
        var out: [Clause] = []
        var chars = Substring(text)
        while true {
            chars = chars.drop { $0.isWhitespace }
            guard !chars.isEmpty else { break }
            if chars.hasPrefix("AND ") || chars.hasPrefix("&& ") {
                chars = chars.drop { !$0.isWhitespace }
                continue
            }
            var negated = false
            if chars.first == "-" || chars.first == "+" {
                negated = chars.first == "-"
                chars = chars.dropFirst()
            }
            let field = chars.prefix { $0 != ":" && !$0.isWhitespace }
            chars = chars.dropFirst(field.count)
            guard chars.first == ":", !field.isEmpty, fields.contains(String(field)) else {
                throw SocleError(.invalidInput, code: "ckan.search.fq", args: [
                    "clause": String((field + chars.prefix { !$0.isWhitespace }).prefix(80)), "fields": fields.joined(separator: ", ")])
            }
            chars = chars.dropFirst()
            var value: Substring
            if chars.first == "\"" {
                chars = chars.dropFirst()
                value = chars.prefix { $0 != "\"" }
                chars = chars.dropFirst(value.count)
                guard chars.first == "\"" else { throw SocleError(.invalidInput, code: "ckan.search.quote", args: ["field": String(field)]) }
                chars = chars.dropFirst()
            } else {
                value = chars.prefix { !$0.isWhitespace }
                chars = chars.dropFirst(value.count)
            }
            out.append(Clause(field: String(field), value: String(value), negated: negated))
        }
        return out
    }

    static func matches(_ clause: Clause, _ g: ReadGrant) -> Bool {
        let wanted = CatalogSearch.fold(clause.value)
        let found = clause.value == "*" ? !values(clause.field, g).isEmpty
            : values(clause.field, g).contains { CatalogSearch.fold($0) == wanted }
        return clause.negated ? !found : found
    }

    /// Free text: every word must appear in the title, description, keywords, organisation or name.
    static func matchesText(_ text: String, _ g: ReadGrant) -> Bool {
        let words = CatalogSearch.fold(text).split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        if words.isEmpty { return true }
        let m = g.metadata
        let haystack = CatalogSearch.fold(([g.dataset.title, m.description, g.organisation.name, g.organisation.slug,
                                            g.dataset.slug] + m.keywords + m.themes).joined(separator: " "))
        return words.allSatisfy { haystack.contains($0) }
    }

    /// Filters by `q` and `fq`: `q` is either `*:*`, clauses (`tags:vélo`), or words.
    static func filter(_ grants: [ReadGrant], q: String?, fq: String?) throws -> [ReadGrant] {
        var clauses = try fq.map(clauses) ?? []
        var text = ""
        if let q = q?.trimmingCharacters(in: .whitespaces), q != "*:*", !q.isEmpty {
            if let first = q.split(separator: ":").first, q.contains(":"), fields.contains(String(first).trimmingCharacters(in: CharacterSet(charactersIn: "-+"))) {
                clauses += try Self.clauses(q)
            } else {
                text = q
            }
        }
        return grants.filter { g in clauses.allSatisfy { matches($0, g) } && matchesText(text, g) }
    }

    /// Sorts by `sort` (`"metadata_modified desc, name asc"`); `score` keeps the catalog order.
    static func sort(_ grants: [ReadGrant], _ text: String) throws -> [ReadGrant] {
        var keys: [(String, Bool)] = []
        for raw in text.split(separator: ",") {
            let words = raw.split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
            guard let key = words.first else { continue }
            guard sortKeys.contains(key), words.count <= 2, words.count == 1 || ["asc", "desc"].contains(words[1]) else {
                throw SocleError(.invalidInput, code: "ckan.search.sort", args: [
                    "term": String(raw.prefix(80)), "keys": sortKeys.joined(separator: ", ")])
            }
            if key != "score" { keys.append((key, words.count == 2 && words[1] == "desc")) }
        }
        guard !keys.isEmpty else { return grants }
        return grants.sorted { a, b in
            for (key, descending) in keys {
                let order = compare(key, a, b)
                if order == .orderedSame { continue }
                return descending ? order == .orderedDescending : order == .orderedAscending
            }
            return false
        }
    }

    private static func compare(_ key: String, _ a: ReadGrant, _ b: ReadGrant) -> ComparisonResult {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> ComparisonResult { x == y ? .orderedSame : (x < y ? .orderedAscending : .orderedDescending) }
        switch key {
        case "name": return cmp(a.dataset.slug, b.dataset.slug)
        case "title", "title_string": return cmp(CatalogSearch.fold(a.dataset.title), CatalogSearch.fold(b.dataset.title))
        case "metadata_modified": return cmp(a.revision.createdAt, b.revision.createdAt)
        case "metadata_created": return cmp(a.dataset.createdAt, b.dataset.createdAt)
        case "num_tags": return cmp(a.metadata.keywords.count, b.metadata.keywords.count)
        default: return .orderedSame
        }
    }

    /// `search_facets` and the older `facets` for the requested fields.
    static func facets(_ grants: [ReadGrant], fields: [String], limit: Int, minCount: Int,
                       language: Language) -> (search: CompatJSON, plain: CompatJSON) {
        var search: [(String, CompatJSON)] = []
        var plain: [(String, CompatJSON)] = []
        for field in fields {
            var counts: [String: Int] = [:]
            var names: [String: String] = [:]
            for g in grants {
                for v in Set(values(field, g)) {
                    counts[v, default: 0] += 1
                    if names[v] == nil { names[v] = displayName(field, v, g, language) }
                }
            }
            var items = counts.filter { $0.value >= minCount }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            if limit >= 0 { items = Array(items.prefix(limit)) }
            search.append((field, .object([
                ("title", .string(field)),
                ("items", .array(items.map { .object([("name", .string($0.key)), ("display_name", .string(names[$0.key] ?? $0.key)),
                                                      ("count", .int(Int64($0.value)))]) })),
            ])))
            plain.append((field, .object(items.map { ($0.key, .int(Int64($0.value))) })))
        }
        return (.object(search), .object(plain))
    }

    private static func displayName(_ field: String, _ value: String, _ g: ReadGrant, _ language: Language) -> String {
        switch field {
        case "organization", "owner_org": return g.organisation.name
        case "groups": return Catalog.shared.template("web.theme.\(value.uppercased())", language: language) ?? value
        case "license_id": return CKANPackageView.licenceTitle(g.metadata.licence)
        case "name", "id": return g.dataset.title
        default: return value
        }
    }
}
