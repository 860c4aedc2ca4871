import Foundation
import Logging

/// What `socle serve` and the tests configure: where to listen, where files go, limits and cookies.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The data directory (SQLite database, staging area).
    public var dataDirectory: URL
    /// Where uploads are streamed before their ingest job runs: `<data>/uploads` by default.
    public var stagingDirectory: URL
    /// Largest accepted upload, in bytes (1 GiB by default).
    public var uploadLimit: Int64
    /// Marks the session cookie `Secure` (always, rather than only behind `X-Forwarded-Proto: https`).
    public var secureCookies: Bool
    /// Shown in the portal's header ("Territoire de Saint-Aubin").
    public var territoryName: String
    /// Runs the background job runner inside the server (tests may turn it off to drive jobs by hand).
    public var runJobs: Bool
    /// How often the job runner looks for queued jobs when nobody signals one.
    public var jobPollInterval: Duration
    /// Level of the structured logs (one line per request, with its request id).
    public var logLevel: Logger.Level
    /// A connection that has not completed a request head, or sits idle between requests (or between two
    /// chunks of a body), this long is closed: the header-read and idle timeout.
    public var idleTimeout: Duration = .seconds(30)
    /// Most open connections from one client address, and in all: beyond them a new connection is closed
    /// at once (or not accepted), so a flood of half-open connections cannot take the server down.
    public var maxConnectionsPerAddress: Int = 256
    public var maxConnections: Int = 4_096

    /// Secrets kept outside the database (the pseudonymisation key): `<data>/secrets` unless the composition
    /// root says otherwise (`socle serve` passes `$SOCLE_SECRETS_DIR`).
    public var secretsDirectory: URL
    /// The public base URL for absolute links (CKAN resources, DCAT): `socle serve` passes `$SOCLE_PUBLIC_URL`;
    /// nil uses what each request says about itself.
    public var publicURL: String?
    /// Give freed memory back to the system after each job (`malloc_trim`): a process-wide allocator policy that
    /// `socle serve` turns on; off for servers that share a process (the tests run hundreds).
    public var trimMemoryAfterJobs = false
    /// How often the retention rules are applied (`RetentionService`); nil never (the tests' default: `socle serve`
    /// sets a day unless told otherwise).
    public var retentionInterval: Duration?
    /// How often the DPOs' notifications are swept and the e-mail outbox is sent (`NotificationService`); nil never
    /// (the tests' default: `socle serve` sets a minute).
    public var notificationInterval: Duration?
    /// Where e-mail goes (`--smtp-url`, `--mail-from`); nil: nothing leaves the server.
    public var smtp: SMTPConfiguration?

    public init(host: String = "127.0.0.1", port: Int = 8080, dataDirectory: URL,
                stagingDirectory: URL? = nil, uploadLimit: Int64 = 1 << 30, secureCookies: Bool = false,
                territoryName: String = "Socle", runJobs: Bool = true, jobPollInterval: Duration = .seconds(1),
                logLevel: Logger.Level = .info, secretsDirectory: URL? = nil, publicURL: String? = nil) {
        self.secretsDirectory = secretsDirectory ?? dataDirectory.appendingPathComponent("secrets")
        self.publicURL = publicURL.flatMap { $0.isEmpty ? nil : ($0.hasSuffix("/") ? String($0.dropLast()) : $0) }
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.stagingDirectory = stagingDirectory ?? dataDirectory.appendingPathComponent("uploads")
        self.uploadLimit = uploadLimit
        self.secureCookies = secureCookies
        self.territoryName = territoryName
        self.runJobs = runJobs
        self.jobPollInterval = jobPollInterval
        self.logLevel = logLevel
    }
}
