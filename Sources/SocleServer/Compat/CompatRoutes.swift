import Hummingbird

/// The compatibility APIs (Opendatasoft Explore v2.1, CKAN Action API). PLACEHOLDER: the compat helper replaces it.
struct CompatRoutes {
    let state: ServerState
    func addRoutes(to router: Router<SocleRequestContext>) {}
}
