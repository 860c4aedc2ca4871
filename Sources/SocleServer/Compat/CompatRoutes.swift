import Hummingbird

/// The compatibility APIs: Opendatasoft Explore v2.1 (`/api/explore/v2.1/catalog/…`) and the CKAN
/// Action API with its DataStore (`/api/3/action/…`, `/api/action/…`, `/datastore/dump/…`).
/// Both read only through the read policy, like the native API.
struct CompatRoutes {
    let state: ServerState

    func addRoutes(to router: Router<SocleRequestContext>) {
        ODSController(state: state).addRoutes(to: router.group("api/explore/v2.1/catalog"))
        CKANController(state: state).addRoutes(to: router)
    }
}
