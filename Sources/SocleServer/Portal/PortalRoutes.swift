import Foundation
import Hummingbird
import SocleWeb

/// The server-rendered portal: public pages, then the signed-in ones (`SignedInContext`), then the
/// French addresses people type or print (`/catalogue`, `/connexion`…) redirected to the canonical ones.
struct PortalRoutes {
    let state: ServerState
    let pages: Pages

    func addRoutes(to router: Router<SocleRequestContext>) {
        let state = state
        router.get("datasets/{slug}/download.csv") { request, context in
            try await ExportResponder(state: state).respond(request, context, format: "csv")
        }
        let publicPages = PublicPagesController(state: state, pages: pages)
        publicPages.addRoutes(to: router)
        APIDocsController(state: state, pages: pages).addRoutes(to: router)
        PublicRegisterPagesController(state: state, pages: pages).addRoutes(to: router)
        PublicRequestPagesController(state: state, pages: pages).addRoutes(to: router)
        router.post("connexion", use: publicPages.login)
        router.post("deconnexion", use: publicPages.logout)
        let signedIn = router.group(context: SignedInContext.self)
        AgentPagesController(state: state, pages: pages).addRoutes(to: signedIn)
        AdminPagesController(state: state, pages: pages).addRoutes(to: signedIn)
        PrivacyPagesController(state: state, pages: pages).addRoutes(to: signedIn)
        RegisterPagesController(state: state, pages: pages).addRoutes(to: signedIn)
        SubjectPagesController(state: state, pages: pages).addRoutes(to: signedIn)
        RegisterAnnexPagesController(state: state, pages: pages).addRoutes(to: signedIn)
        RegisterFilesPagesController(state: state, pages: pages).addRoutes(to: signedIn)
        RequestPagesController(state: state, pages: pages).addRoutes(to: signedIn)
        BreachPagesController(state: state, pages: pages).addRoutes(to: signedIn)
        RetentionPagesController(state: state, pages: pages).addRoutes(to: signedIn)
        DashboardPagesController(state: state, pages: pages).addRoutes(to: signedIn)
        AnonymiseWizardController(state: state, pages: pages).addRoutes(to: signedIn)

        let aliases: [(String, String)] = [
            ("catalogue", PortalPaths.catalog), ("connexion", PortalPaths.login), ("televerser", PortalPaths.upload),
            ("inventaire", PortalPaths.inventory), ("journal", PortalPaths.audit),
            ("administration", PortalPaths.adminOrganisations),
        ]
        for (alias, target) in aliases {
            router.get(RouterPath(alias)) { request, _ in Self.moved(target, request) }
        }
        router.get("jeux-de-donnees/{slug}") { request, context in
            Self.moved(PortalPaths.dataset(try context.parameters.require("slug")), request)
        }
    }

    /// 301 to the canonical address, keeping the query (`?lang=en`, `?next=`…).
    static func moved(_ target: String, _ request: Request) -> Response {
        let query = request.uri.query.map { "?" + $0 } ?? ""
        return Response.redirect(to: target + query, type: .permanent)
    }
}
