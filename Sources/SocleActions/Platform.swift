import Foundation
import SocleCore
import SocleStore

/// The action layer as one value: the composition root (`socle serve`, each CLI command) opens a store,
/// builds this once, and hands it to the server or the command. Nothing outside SocleActions holds the
/// store: every rule — access, catalog, permissions, audit — is applied here, once.
public struct Platform: Sendable {
    public let accounts: AccountActions
    public let catalog: CatalogActions
    public let queries: CatalogQueries
    public let directory: Directory
    public let uploads: UploadActions
    public let jobs: JobRunner
    public let inventory: InventoryActions
    /// The single access rule (datasets, revisions, columns, jobs).
    public let policy: ReadPolicy
    /// The single read path's engine (records, aggregates, exports, the SQL endpoint).
    public let reads: QueryService
    public let privacy: PrivacyActions
    /// The bundled SCDL schemas: suggestions, validation of a dataset, renaming its columns to a schema's.
    public let schemas: SchemaActions
    public let audit: AuditRecorder
    /// The GDPR register of processing activities, processors and measures.
    public let register: RegisterActions
    /// Data-subject requests (the public form, the DPO's handling).
    public let requests: RequestActions
    /// Data subjects across every dataset: search, access package, erasure.
    public let subjects: SubjectActions
    /// The subject index's key (beside the other secrets): every load made through the platform indexes.
    public let subjectIndexer: SubjectIndexer
    /// Retention rules enforced: runs, dry runs, their record.
    public let retention: RetentionActions
    /// The DPO's dashboard, and the notifications (in-app, e-mail) of what it shows.
    public let dashboard: DashboardActions
    public let notifications: NotificationActions
    let store: any SocleStore

    /// `secretsDirectory` holds the pseudonymisation key; `sharedGrants` keeps anonymous grants between
    /// requests (a server wants it; a one-shot command does not).
    /// `archiveDirectory` receives the rows retention transfers to archives (default: `retention` beside the secrets).
    public init(store: any SocleStore, secretsDirectory: URL, sharedGrants: Bool = true, throttle: LoginThrottle = LoginThrottle(),
                archiveDirectory: URL? = nil) {
        // Every surface words what the actions return (labels, exports, messages) from the actions' catalogs.
        ActionStrings.register()
        accounts = AccountActions(store: store, throttle: throttle)
        catalog = CatalogActions(store: store)
        queries = CatalogQueries(store: store)
        directory = Directory(store: store)
        uploads = UploadActions(store: store)
        subjectIndexer = SubjectIndexer(directory: secretsDirectory)
        jobs = JobRunner(store: store, subjects: subjectIndexer)
        inventory = InventoryActions(store: store)
        policy = ReadPolicy(store: store, cache: sharedGrants ? GrantCache() : nil)
        reads = QueryService(store: store)
        privacy = PrivacyActions(store: store, keyDirectory: secretsDirectory)
        schemas = SchemaActions(store: store, subjects: subjectIndexer)
        audit = AuditRecorder(store: store)
        register = RegisterActions(store: store, policy: policy, privacy: privacy)
        requests = RequestActions(register: register)
        subjects = SubjectActions(store: store, indexer: subjectIndexer, register: register, requests: requests)
        retention = RetentionActions(store: store, register: register,
                                     archiveDirectory: archiveDirectory ?? secretsDirectory.deletingLastPathComponent().appendingPathComponent("retention"))
        dashboard = DashboardActions(register: register, requests: requests, retention: retention)
        notifications = NotificationActions(store: store, dashboards: dashboard)
        self.store = store
    }

    /// The demo territory, on an empty instance only (nil otherwise): its accounts with their passwords.
    public func createDemoTerritory() async throws -> [DemoTerritory.Credential]? {
        let demo = DemoTerritory(store: store, subjects: subjectIndexer)
        guard try await demo.isEmpty() else { return nil }
        return try await demo.create()
    }
}
