import Foundation
import SocleActions
import SocleCore

/// CKAN's catalog actions over what the reader may read (`ReadPolicy.grants`): packages,
/// organizations, groups (EU themes), tags, licences and the site's status.
struct CKANCatalogActions {
    let state: ServerState
    let principal: Principal
    let language: Language
    let base: String

    static let maxRows = 1000

    func grants() async throws -> [ReadGrant] {
        try await state.policy.grants(for: principal)
    }

    func grant(_ p: CKANParameters) async throws -> ReadGrant {
        let id = try p.string("id") ?? p.string("name_or_id") ?? p.require("id")
        return try await state.policy.grant(id, for: principal)
    }

    func packageList(_ p: CKANParameters) async throws -> CompatJSON {
        let names = try await grants().map(\.dataset.slug).sorted()
        let offset = try p.natural("offset", default: 0)
        let limit = try p.natural("limit", default: names.count)
        return .array(names.dropFirst(offset).prefix(limit).map { .string($0) })
    }

    func packageShow(_ p: CKANParameters) async throws -> CompatJSON {
        CKANPackageView.package(try await grant(p), base: base, language: language)
    }

    func currentPackages(_ p: CKANParameters) async throws -> CompatJSON {
        let all = try await grants().sorted { $0.revision.createdAt > $1.revision.createdAt }
        let offset = try p.natural("offset", default: 0)
        let limit = try p.natural("limit", default: all.count)
        return .array(all.dropFirst(offset).prefix(limit).map { CKANPackageView.package($0, base: base, language: language) })
    }

    func resourceShow(_ p: CKANParameters) async throws -> CompatJSON {
        let g = try await state.policy.grant(try p.require("id"), for: principal)
        return CKANPackageView.resource(g, base: base)
    }

    func packageSearch(_ p: CKANParameters) async throws -> CompatJSON {
        let rows = try p.natural("rows", default: 10, max: Self.maxRows)
        let start = try p.natural("start", default: 0)
        let sort = p.string("sort") ?? "score desc, metadata_modified desc"
        let facetFields = try p.list("facet.field") ?? []
        let facetLimit = try facetLimit(p)
        let minCount = try p.natural("facet.mincount", default: 1)
        var found = try CKANPackageSearch.filter(try await grants(), q: p.string("q"), fq: p.string("fq"))
        found = try CKANPackageSearch.sort(found, sort)
        let facets = CKANPackageSearch.facets(found, fields: facetFields, limit: facetLimit, minCount: minCount, language: language)
        return .object([
            ("count", .int(Int64(found.count))),
            ("facets", facets.plain),
            ("results", .array(found.dropFirst(start).prefix(rows).map { CKANPackageView.package($0, base: base, language: language) })),
            ("sort", .string(sort)),
            ("search_facets", facets.search),
        ])
    }

    /// `facet.limit`: 50 by default, a negative number for every value.
    private func facetLimit(_ p: CKANParameters) throws -> Int {
        guard let text = p.string("facet.limit") else { return 50 }
        guard let n = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw SocleError(.invalidInput, code: "ckan.not_integer", args: ["name": "facet.limit", "value": String(text.prefix(40))])
        }
        return n < 0 ? -1 : n
    }

    // MARK: organizations, groups, tags

    func organizationList(_ p: CKANParameters) async throws -> CompatJSON {
        let counts = Dictionary(try await grants().map { ($0.organisation.slug, 1) }, uniquingKeysWith: +)
        var orgs = try await state.directory.organisations()
        if let wanted = try p.list("organizations") { orgs = orgs.filter { wanted.contains($0.slug) } }
        let sort = (p.string("sort") ?? "name asc").lowercased()
        let byTitle = sort.hasPrefix("title")
        orgs.sort { byTitle ? CatalogSearch.fold($0.name) < CatalogSearch.fold($1.name) : $0.slug < $1.slug }
        if sort.hasSuffix("desc") { orgs.reverse() }
        let offset = try p.natural("offset", default: 0)
        let limit = try p.natural("limit", default: orgs.count)
        let page = orgs.dropFirst(offset).prefix(limit)
        guard try p.bool("all_fields", default: false) else { return .array(page.map { .string($0.slug) }) }
        return .array(page.map { CKANPackageView.organization($0, packageCount: counts[$0.slug] ?? 0) })
    }

    func organizationShow(_ p: CKANParameters) async throws -> CompatJSON {
        let id = try p.require("id")
        guard let org = try await state.directory.organisations().first(where: { $0.slug == id || String($0.id) == id }) else {
            throw SocleError(.notFound, code: "ckan.not_found", args: ["what": "organization", "id": String(id.prefix(80))])
        }
        let packages = try await grants().filter { $0.organisation.id == org.id }
        guard case .object(var pairs) = CKANPackageView.organization(org, packageCount: packages.count) else { return .null }
        if try p.bool("include_datasets", default: false) {
            pairs.append(("packages", .array(packages.map { CKANPackageView.package($0, base: base, language: language) })))
        }
        return .object(pairs)
    }

    /// The EU themes of the readable datasets, as CKAN groups.
    func themes() async throws -> [(String, [ReadGrant])] {
        var by: [String: [ReadGrant]] = [:]
        for g in try await grants() {
            for t in Set(g.metadata.themes) { by[t, default: []].append(g) }
        }
        return by.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    func groupList(_ p: CKANParameters) async throws -> CompatJSON {
        let themes = try await themes()
        let allFields = try p.bool("all_fields", default: false)
        return .array(themes.map { theme, packages in
            allFields ? CKANPackageView.group(theme, language: language, packageCount: packages.count) : .string(theme.lowercased())
        })
    }

    func groupShow(_ p: CKANParameters) async throws -> CompatJSON {
        let id = try p.require("id").uppercased()
        guard let (theme, packages) = try await themes().first(where: { $0.0 == id }) else {
            throw SocleError(.notFound, code: "ckan.not_found", args: ["what": "group", "id": String(id.lowercased().prefix(80))])
        }
        guard case .object(var pairs) = CKANPackageView.group(theme, language: language, packageCount: packages.count) else { return .null }
        if try p.bool("include_datasets", default: false) {
            pairs.append(("packages", .array(packages.map { CKANPackageView.package($0, base: base, language: language) })))
        }
        return .object(pairs)
    }

    func tagList(_ p: CKANParameters) async throws -> CompatJSON {
        var tags = Set<String>()
        for g in try await grants() { tags.formUnion(g.metadata.keywords) }
        var sorted = tags.sorted()
        if let q = p.string("query") {
            let folded = CatalogSearch.fold(q)
            sorted = sorted.filter { CatalogSearch.fold($0).contains(folded) }
        }
        return .array(sorted.map { .string($0) })
    }

    func statusShow() -> CompatJSON {
        .object([
            ("site_title", .string(state.configuration.territoryName)), ("site_description", .string("")),
            ("site_url", .string(base)), ("ckan_version", .string("2.10.4")), ("error_emails_to", .null),
            ("locale_default", .string("fr")), ("extensions", .array([.string("datastore")])),
        ])
    }
}
