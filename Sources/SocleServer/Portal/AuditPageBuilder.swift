import Foundation
import Hummingbird
import SocleActions
import SocleCore
import SocleWeb

/// `/admin/audit`: the log as sentences, filtered by actor, action family, organisation, dataset and
/// dates (`?actor=&family=&organisation=&dataset=&from=&to=&page=`; the older `action` and `objectType`
/// filters still work).
struct AuditPageBuilder {
    let state: ServerState

    func render(_ request: Request, _ context: SignedInContext, _ pages: Pages) async throws -> Response {
        let q = request.uri.queryParameters
        func filter(_ name: String) -> String { q.get(name)?.trimmingCharacters(in: .whitespaces) ?? "" }
        func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
        let actor = filter("actor"), action = filter("action"), objectType = filter("objectType")
        let family = filter("family"), organisation = filter("organisation"), dataset = filter("dataset")
        let from = filter("from"), to = filter("to")
        var errors: [String: String] = [:]
        let bad = Catalog.shared.string("web.audit.bad_date", language: context.language)
        let start = Self.day(from), end = Self.day(to)
        if !from.isEmpty, start == nil { errors["from"] = bad }
        if !to.isEmpty, end == nil { errors["to"] = bad }
        let f = AuditFilter(actor: nonEmpty(actor), family: nonEmpty(family), organisation: nonEmpty(organisation),
                            dataset: nonEmpty(dataset), from: start, until: end.map { $0.addingTimeInterval(86_400) })
        var entries = try await state.directory.auditEntries(by: context.principal, filter: f, objectType: nonEmpty(objectType))
        if !action.isEmpty { entries = entries.filter { $0.action == action } }
        // The log is read forward by sequence; the page shows it newest first.
        let size = 50
        let pageNumber = max(1, Int(q.get("page") ?? "") ?? 1)
        let shown = Array(entries.reversed().dropFirst((pageNumber - 1) * size).prefix(size))
        var page = AuditPage(entries: shown, actor: actor, action: action, objectType: objectType,
                             paging: Paging(page: pageNumber, pageSize: size, total: entries.count,
                                            hasMore: pageNumber * size < entries.count),
                             actorNames: try await state.directory.auditActorNames(by: context.principal),
                             chainIntact: try await state.directory.auditChainIntact(by: context.principal))
        page.family = family
        page.organisation = organisation
        page.dataset = dataset
        page.from = from
        page.to = to
        page.filterErrors = errors
        page.people = try await state.directory.auditPeople(by: context.principal)
        page.organisations = try await state.directory.organisations().map { ($0.slug, $0.name) }
        let all = try await state.directory.auditEntries(by: context.principal, actor: nil, action: nil, objectType: nil)
        page.families = Array(Set(all.map { AuditFilter.family(of: $0.action) })).sorted()
        page.datasetTitles = try await state.directory.datasetTitles(Set(shown.flatMap { AuditFilter.datasets(of: $0) }))
        return try pages.render(page, request, context.base, status: errors.isEmpty ? .ok : .badRequest)
    }

    /// A `yyyy-mm-dd` day at midnight, Paris time (nil when malformed).
    static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, text.count == 10 else { return nil }
        var c = DateComponents()
        c.year = parts[0]
        c.month = parts[1]
        c.day = parts[2]
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "Europe/Paris") ?? TimeZone(identifier: "UTC")!
        guard let d = cal.date(from: c), cal.component(.day, from: d) == parts[2], cal.component(.month, from: d) == parts[1] else { return nil }
        return d
    }
}
