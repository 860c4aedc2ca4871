import Foundation
import Hummingbird
import SocleActions
import SocleCore

/// The CKAN Action API (`/api/3/action/{action}` and `/api/action/{action}`, GET or POST) and the
/// DataStore dump, so that ckanapi and CKAN harvesters work against Socle. Answers are wrapped in
/// CKAN's `{"help", "success", "result"}`; errors take CKAN's shape (see `CompatErrors.ckan`).
struct CKANController {
    let state: ServerState

    static let actions = [
        "package_list", "package_show", "package_search", "current_package_list_with_resources", "resource_show",
        "organization_list", "organization_show", "group_list", "group_show", "tag_list", "license_list",
        "status_show", "site_read", "help_show", "datastore_search", "datastore_search_sql",
    ]

    static func helpURL(_ action: String) -> String {
        "/api/3/action/help_show?" + CompatURL.query([("name", action)])
    }

    func addRoutes(to router: Router<SocleRequestContext>) {
        for prefix in ["api/3/action", "api/action"] {
            router.get(RouterPath("\(prefix)/{action}"), use: action)
            router.post(RouterPath("\(prefix)/{action}"), use: action)
        }
        router.get("api/3") { _, _ in CompatJSON.object([("version", .int(3))]).response() }
        router.get("datastore/dump/{id}", use: dump)
    }

    @Sendable func action(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let name = context.parameters.get("action") ?? ""
        do {
            let params = try await CKANParameters.read(request)
            let result = try await run(name, params, request, context)
            return CompatJSON.object([("help", .string(Self.helpURL(name))), ("success", .bool(true)), ("result", result)]).response()
        } catch {
            return CompatErrors.ckan(error, action: name, language: context.language, context: context)
        }
    }

    func run(_ name: String, _ p: CKANParameters, _ request: Request, _ context: SocleRequestContext) async throws -> CompatJSON {
        let catalog = CKANCatalogActions(state: state, principal: context.principal, language: context.language,
                                         base: CompatURL.base(request, state.configuration))
        let datastore = CKANDatastore(state: state, principal: context.principal)
        switch name {
        case "package_list": return try await catalog.packageList(p)
        case "package_show": return try await catalog.packageShow(p)
        case "package_search": return try await catalog.packageSearch(p)
        case "current_package_list_with_resources": return try await catalog.currentPackages(p)
        case "resource_show": return try await catalog.resourceShow(p)
        case "organization_list": return try await catalog.organizationList(p)
        case "organization_show": return try await catalog.organizationShow(p)
        case "group_list": return try await catalog.groupList(p)
        case "group_show": return try await catalog.groupShow(p)
        case "tag_list": return try await catalog.tagList(p)
        case "license_list": return .array([Licence.etalab2, .odbl, .none].map(CKANPackageView.licence))
        case "status_show": return catalog.statusShow()
        case "site_read": return .bool(true)
        case "help_show":
            let action = try p.require("name")
            guard Self.actions.contains(action) else { throw Self.unknown(action) }
            return .string(Catalog.shared.string("ckan.help", language: context.language, args: ["action": action]))
        case "datastore_search": return try await datastore.search(p, request: request)
        case "datastore_search_sql": return try await datastore.searchSQL(p)
        default: throw Self.unknown(name)
        }
    }

    static func unknown(_ name: String) -> SocleError {
        SocleError(.invalidInput, code: "ckan.unknown_action", args: ["action": String(name.prefix(80)),
                                                                     "actions": actions.joined(separator: ", ")])
    }

    /// `/datastore/dump/{id}?format=csv|json&bom=true` with the DataStore's `q`, `filters`, `fields`
    /// and `sort`, streamed by the export responder.
    @Sendable func dump(_ request: Request, context: SocleRequestContext) async throws -> Response {
        do {
            let id = try context.parameters.require("id")
            let p = try await CKANParameters.read(request)
            let format = (p.string("format") ?? "csv").lowercased()
            guard ["csv", "json"].contains(format) else {
                throw SocleError(.invalidInput, code: format == "tsv" ? "ckan.dump_tsv" : "ckan.dump_format",
                                 args: ["format": String(format.prefix(40))])
            }
            let bom = try p.bool("bom", default: false)
            let grant = try await state.policy.grant(id, for: context.principal)
            let t = try CKANDatastoreQuery(columns: grant.columns, resource: id)
                .translate(filters: p.json("filters"), q: p.json("q"), fields: try p.list("fields"), sort: p.string("sort"), distinct: false)
            var params = try QueryParameters(raw: "")
            params.pairs = [("select", t.request.select), ("where", t.request.filter), ("order_by", t.request.orderBy)]
                .compactMap { k, v in v.map { (k, $0) } }
            var response = try await ExportResponder(state: state).respond(request, context, format: format, slug: id, params: params)
            if bom, response.status == .ok {
                let body = response.body
                response.body = ResponseBody { writer in
                    try await writer.write(ByteBuffer(bytes: [0xEF, 0xBB, 0xBF]))
                    try await body.write(writer)
                }
            }
            return response
        } catch {
            return CompatErrors.ckan(error, action: "datastore_dump", language: context.language, context: context)
        }
    }
}
