import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle
import SocleActions
import SocleCore
import SocleWeb

/// Builds the Socle web application: API, portal, operations routes and the background job service.
/// `socle serve` runs it; the tests drive its router in process (`app.test(.router)`). The platform (the
/// action layer over the chosen store) is built by the caller, the composition root.
public func buildApplication(configuration: ServerConfiguration, platform: Platform) async throws -> some ApplicationProtocol {
    ServerStrings.register()
    let logger = {
        var l = Logger(label: "socle")
        l.logLevel = configuration.logLevel
        return l
    }()
    try FileManager.default.createDirectory(at: configuration.stagingDirectory, withIntermediateDirectories: true)
    let state = ServerState(configuration: configuration, platform: platform, renderer: try PageRenderer(),
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
        let removed = await platform.uploads.cleanStaging(directory: configuration.stagingDirectory, olderThan: started)
        if removed > 0 { logger.info("orphan staged files removed", metadata: ["count": "\(removed)"]) }
    }
    if configuration.runJobs {
        app.addServices(JobService(runner: platform.jobs, accounts: platform.accounts, directory: platform.directory,
                                   wake: platform.uploads.wake, metrics: state.metrics,
                                   pollInterval: configuration.jobPollInterval,
                                   trimMemory: configuration.trimMemoryAfterJobs, logger: logger))
    }
    if let interval = configuration.retentionInterval {
        let notifications = platform.notifications
        app.addServices(RetentionService(retention: platform.retention, interval: interval, logger: logger, onFailure: {
            _ = try? await notifications.retentionFailed(mail: configuration.smtp != nil, baseURL: configuration.publicURL)
        }))
    }
    if let interval = configuration.notificationInterval {
        app.addServices(NotificationService(notifications: platform.notifications, smtp: configuration.smtp, baseURL: configuration.publicURL,
                                            interval: interval, logger: logger))
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
    DatasetAPIController(state: state).addRoutes(to: router.group("api/v1"))
    QueryAPIController(state: state).addRoutes(to: router.group("api/v1"))
    PrivacyAPIController(state: state).addRoutes(to: router.group("api/v1"))
    AnonymiseAPIController(state: state).addRoutes(to: router.group("api/v1"))
    SchemaAPIController(state: state).addRoutes(to: router.group("api/v1"))
    PublicRegisterAPIController(state: state).addRoutes(to: router.group("api/v1"))
    PublicRegisterFilesAPIController(state: state).addRoutes(to: router.group("api/v1"))
    PublicRequestAPIController(state: state).addRoutes(to: router.group("api/v1"))
    CompatRoutes(state: state).addRoutes(to: router)
    DCATController(state: state).addRoutes(to: router)
    OperationsAPIController(state: state)
        .addRoutes(to: router.group("api/v1", context: SignedInContext.self))
    RegisterAPIController(state: state).addRoutes(to: router.group("api/v1", context: SignedInContext.self))
    RegisterFilesAPIController(state: state).addRoutes(to: router.group("api/v1", context: SignedInContext.self))
    RequestAPIController(state: state).addRoutes(to: router.group("api/v1", context: SignedInContext.self))
    SubjectAPIController(state: state).addRoutes(to: router.group("api/v1", context: SignedInContext.self))
    BreachAPIController(state: state).addRoutes(to: router.group("api/v1", context: SignedInContext.self))
    RetentionAPIController(retention: state.retention).addRoutes(to: router.group("api/v1", context: SignedInContext.self))
    DashboardAPIController(state: state).addRoutes(to: router.group("api/v1", context: SignedInContext.self))
    PortalRoutes(state: state, pages: pages).addRoutes(to: router)
    return router
}

/// Registers the string catalogs of every module the server speaks for.
public enum ServerStrings {
    private static let done: Void = {
        Catalog.shared.register(bundle: Bundle.module)
        ActionStrings.register()
    }()
    public static func register() { _ = done }
}
