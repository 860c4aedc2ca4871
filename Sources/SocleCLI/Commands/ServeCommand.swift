import ArgumentParser
import Foundation
import SocleActions
import SocleCore
import SocleServer
import SocleStore

/// `socle serve`: the web portal, the API and the background jobs, until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Lance le portail, l'API et les tâches de fond / Run the portal, API and jobs.")

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "On an empty data directory, create a demo territory and print its accounts once.") var demo = false
    @Option(help: "Largest accepted upload, in MiB (default: 1024).") var uploadLimitMib: Int64 = 1024
    @Flag(help: "Always mark the session cookie Secure (behind TLS).") var secureCookies = false
    @Option(help: "Name shown in the portal's header (default: $SOCLE_TERRITORY, else Socle).") var territory: String?
    @Option(help: "How often retention rules are applied: 24h (default, else $SOCLE_RETENTION_INTERVAL), 6h, 30m, or off.")
    var retentionInterval: String?
    @Option(help: "Send the DPOs' notifications by e-mail through smtp://user:password@host:port (default: $SOCLE_SMTP_URL; none: no e-mail).")
    var smtpUrl: String?
    @Option(help: "Sender of those e-mails, e.g. \"DPO Socle <dpo@mairie.fr>\" (default: $SOCLE_MAIL_FROM).") var mailFrom: String?
    @Option(help: "How often the notifications are swept and e-mails sent: 1m (default), 30s, or off.") var notificationInterval = "1m"
    @OptionGroup var store: StoreOptions

    func run() async throws {
        ServerStrings.register()
        let env = ProcessInfo.processInfo.environment
        let dataDir = URL(fileURLWithPath: store.dataDir ?? env["SOCLE_DATA_DIR"] ?? "./socle-data")
        let opened = try await Output.guarded { try await store.openStore() }
        do {
            let platform = Platform(store: opened, secretsDirectory: store.keyDirectory, archiveDirectory: store.archiveDirectory)
            if demo { try await Output.guarded { try await createDemo(platform) } }
            let name = territory ?? env["SOCLE_TERRITORY"]
                ?? Output.t(demo ? "serve.demo_territory" : "serve.default_territory")
            var config = ServerConfiguration(host: host, port: port, dataDirectory: dataDir,
                                             uploadLimit: uploadLimitMib * 1024 * 1024, secureCookies: secureCookies,
                                             territoryName: name, secretsDirectory: store.keyDirectory,
                                             publicURL: env["SOCLE_PUBLIC_URL"])
            config.trimMemoryAfterJobs = true
            config.retentionInterval = try Self.interval(retentionInterval ?? env["SOCLE_RETENTION_INTERVAL"] ?? "24h")
            config.notificationInterval = try Self.interval(notificationInterval)
            if let url = smtpUrl ?? env["SOCLE_SMTP_URL"], !url.isEmpty {
                config.smtp = try await Output.guarded { try SMTPConfiguration(url: url, from: mailFrom ?? env["SOCLE_MAIL_FROM"] ?? "") }
            }
            let app = try await buildApplication(configuration: config, platform: platform)
            let shownHost = host.contains(":") ? "[\(host)]" : host
            Output.line(Output.t("serve.listening", ["url": "http://\(shownHost):\(port)/"]))
            try await app.runService()
        } catch {
            try? await opened.close()
            throw error
        }
        try? await opened.close()
    }

    /// `24h`, `30m`, `3600s`, or `off` (nil).
    static func interval(_ text: String) throws -> Duration? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t == "off" || t == "0" { return nil }
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        guard let unit = t.last, let factor = units[unit], let n = Int64(t.dropLast()), n > 0, n <= 366 * 86_400 / factor else {
            Output.error(Output.t("cli.error_prefix") + Output.t("retention.cli.bad_interval", ["value": text]))
            throw ExitCode(1)
        }
        return .seconds(n * factor)
    }

    /// The demo fills an empty instance only; its passwords are printed here and never again.
    func createDemo(_ platform: Platform) async throws {
        guard let credentials = try await platform.createDemoTerritory() else { return Output.line(Output.t("serve.demo_not_empty")) }
        Output.line(Output.t("serve.demo_created"))
        for c in credentials {
            Output.line("  \(c.email)  \(c.password)  (\(c.roles))")
        }
    }
}
