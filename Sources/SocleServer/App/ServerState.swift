import Foundation
import Logging
import SocleActions
import SocleWeb

/// The dependencies every controller shares: configuration, the actions (never the store), renderer,
/// metrics.
struct ServerState: Sendable {
    let configuration: ServerConfiguration
    let renderer: PageRenderer
    let accounts: AccountActions
    let catalog: CatalogActions
    let queries: CatalogQueries
    let directory: Directory
    let uploads: UploadActions
    let inventory: InventoryActions
    /// The one access rule: who sees which dataset, revision and columns, who may change what.
    let policy: ReadPolicy
    /// The single read path's engine.
    let reads: QueryService
    let privacy: PrivacyActions
    let schemas: SchemaActions
    /// The GDPR register.
    let register: RegisterActions
    /// Data-subject requests.
    let requests: RequestActions
    let subjects: SubjectActions
    /// Retention rules enforced.
    let retention: RetentionActions
    let dashboard: DashboardActions
    let notifications: NotificationActions
    let metrics: ServerMetrics
    let logger: Logger

    init(configuration: ServerConfiguration, platform: Platform, renderer: PageRenderer, metrics: ServerMetrics,
         logger: Logger) {
        self.configuration = configuration
        self.renderer = renderer
        accounts = platform.accounts
        catalog = platform.catalog
        queries = platform.queries
        directory = platform.directory
        uploads = platform.uploads
        inventory = platform.inventory
        policy = platform.policy
        reads = platform.reads
        privacy = platform.privacy
        schemas = platform.schemas
        register = platform.register
        requests = platform.requests
        subjects = platform.subjects
        retention = platform.retention
        dashboard = platform.dashboard
        notifications = platform.notifications
        self.metrics = metrics
        self.logger = logger
    }
}
