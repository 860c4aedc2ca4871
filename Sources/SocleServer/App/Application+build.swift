import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle
import SocleActions
import SocleCore
import SocleIngest
import SocleStore
import SocleWeb

/// Builds the Socle web application: API, portal, operations routes and the background job service.
/// `socle serve` runs it; the tests drive its router in process (`app.test(.router)`).
public func buildApplication(configuration: ServerConfiguration, store: any SocleStore) async throws -> some ApplicationProtocol {
    ServerStrings.register()
    let logger = {
        var l = Logger(label: "socle")
        l.logLevel = configuration.logLevel
        return l
    }()
    try FileManager.default.createDirectory(at: configuration.stagingDirectory, withIntermediateDirectories: true)
    let state = ServerState(configuration: configuration, store: store, renderer: try PageRenderer(),
                            metrics: .shared, logger: logger)
    let limiter = ConnectionLimiter(perAddress: configuration.maxConnectionsPerAddress)
    let (seconds, attoseconds) = configuration.idleTimeout.components
    var app = Application(
        router: buildRouter(state),
        server: .http1(configuration: .init(
            additionalChannelHandlers: [ConnectionGuardHandler(limiter: limiter)],
            idleTimeout: .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Socle",
                             availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections, logger: logger)),
        logger: logger)
    let started = Date()
    app.beforeServerStarts {
        await StagingCleaner(store: store, directory: configuration.stagingDirectory, logger: logger).clean(olderThan: started)
    }
    if configuration.runJobs {
        app.addServices(JobService(runner: JobRunner(store: store), store: store, signal: state.jobSignal,
                                   metrics: state.metrics, pollInterval: configuration.jobPollInterval, logger: logger))
    }
    return app
}

/// The routes, behind the middleware every request crosses (outermost first): request id and logs,
/// metrics, principal, errors, CSRF.
func buildRouter(_ state: ServerState) -> Router<SocleRequestContext> {
    // HEAD answers as GET without the body (RFC 9110: a general-purpose server supports both): clients and
    // harvesters check `ETag`, `Last-Modified` and sizes that way.
    let router = Router(context: SocleRequestContext.self, options: .autoGenerateHeadEndpoints)
    let pages = Pages(state: state)
    let errors = ErrorResponder(pages: pages)
    router.add(middleware: SecurityHeadersMiddleware(alwaysTLS: state.configuration.secureCookies))
    router.add(middleware: RequestIdMiddleware())
    router.add(middleware: MethodMiddleware())
    router.add(middleware: RequestMetricsMiddleware(metrics: state.metrics))
    router.add(middleware: AuthMiddleware(accounts: state.accounts, errors: errors))
    router.add(middleware: ErrorMiddleware(errors: errors))
    router.add(middleware: CSRFMiddleware())

    SystemController(state: state).addRoutes(to: router)
    let datasets = DatasetAPIController(state: state)
    datasets.addRoutes(to: router.group("api/v1"))
    QueryAPIController(state: state).addRoutes(to: router.group("api/v1"))
    PrivacyAPIController(state: state).addRoutes(to: router.group("api/v1"))
    AnonymiseAPIController(state: state).addRoutes(to: router.group("api/v1"))
    CompatRoutes(state: state).addRoutes(to: router)
    DCATController(state: state).addRoutes(to: router)
    OperationsAPIController(state: state)
        .addRoutes(to: router.group("api/v1", context: SignedInContext.self))
    PortalRoutes(state: state, pages: pages, datasets: datasets).addRoutes(to: router)
    return router
}

/// Registers the string catalogs of every module the server speaks for.
public enum ServerStrings {
    private static let done: Void = {
        Catalog.shared.register(bundle: Bundle.module)
        ActionStrings.register()
        IngestError.registerCatalog()
    }()
    public static func register() { _ = done }
}

/// Removes staged files no job will read: uploads cut by a crash and files of jobs that will never run.
struct StagingCleaner {
    let store: any SocleStore
    let directory: URL
    let logger: Logger

    func clean(olderThan start: Date) async {
        var keep = Set<String>()
        // Only queued jobs will still read their file: at start-up a job left `running` was cut by the crash
        // and is marked failed by the job service (found by the fault-injection harness: its file stayed).
        for status in [JobStatus.queued] {
            for job in (try? await store.jobs(status: status, limit: 100_000)) ?? [] {
                if let p = try? StoreSupport.decodeJSON(UploadPayload.self, job.payload) {
                    keep.insert(URL(fileURLWithPath: p.path).standardizedFileURL.path)
                }
            }
        }
        let fm = FileManager.default
        let files = (try? fm.contentsOfDirectory(at: directory, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        var removed = 0
        for f in files where !keep.contains(f.standardizedFileURL.path) {
            let modified = (try? f.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate ?? .distantPast
            if modified < start, (try? fm.removeItem(at: f)) != nil { removed += 1 }
        }
        if removed > 0 { logger.info("orphan staged files removed", metadata: ["count": "\(removed)"]) }
    }
}
