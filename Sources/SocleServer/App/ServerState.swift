import Foundation
import Logging
import SocleActions
import SocleStore
import SocleWeb

/// The dependencies every controller shares: configuration, store, actions, renderer, jobs, metrics.
struct ServerState: Sendable {
    let configuration: ServerConfiguration
    let store: any SocleStore
    let renderer: PageRenderer
    let accounts: AccountActions
    let catalog: CatalogActions
    let queries: CatalogQueries
    let uploads: UploadActions
    let inventory: InventoryActions
    /// The single read path: who reads which revision and columns, and the query engine behind it.
    let policy: ReadPolicy
    let reads: QueryService
    let privacy: PrivacyActions
    let jobSignal: JobSignal
    let metrics: ServerMetrics
    let logger: Logger

    init(configuration: ServerConfiguration, store: any SocleStore, renderer: PageRenderer, metrics: ServerMetrics,
         logger: Logger) {
        self.configuration = configuration
        self.store = store
        self.renderer = renderer
        // One throttle for the whole process: failures are counted across requests.
        accounts = AccountActions(store: store, throttle: LoginThrottle())
        catalog = CatalogActions(store: store)
        queries = CatalogQueries(store: store)
        uploads = UploadActions(store: store)
        inventory = InventoryActions(store: store)
        policy = ReadPolicy(store: store, cache: GrantCache())
        reads = QueryService(store: store)
        privacy = PrivacyActions(store: store)
        jobSignal = JobSignal()
        self.metrics = metrics
        self.logger = logger
    }
}
