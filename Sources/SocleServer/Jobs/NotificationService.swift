import Foundation
import Logging
import ServiceLifecycle
import SocleActions
import SocleCore

/// Sweeps the DPOs' notifications and sends the e-mail outbox, as a ServiceLifecycle service: at start, every
/// `interval`, and when woken (a public data-subject request). With SMTP configured the new notifications queue
/// their e-mails and the outbox is sent; a failure is logged and retried with backoff, never shown to a person.
struct NotificationService: ServiceLifecycle.Service {
    let notifications: NotificationActions
    let smtp: SMTPConfiguration?
    let baseURL: String?
    let interval: Duration
    let logger: Logger

    func run() async throws {
        let wake = notifications.wake
        let ticker = wake.ticker(every: interval)
        defer { ticker.cancel() }
        wake.notify()
        for await _ in wake.signals.cancelOnGracefulShutdown() {
            await round()
            if Task.isShuttingDownGracefully { break }
        }
        logger.info("notifications stopped")
    }

    /// One sweep, then one delivery round when SMTP is configured.
    func round(now: Date = Date()) async {
        do {
            let n = try await notifications.sweep(now: now, mail: smtp != nil, baseURL: baseURL)
            if n > 0 { logger.info("notifications stored", metadata: ["count": "\(n)"]) }
        } catch {
            logger.error("notification sweep failed", metadata: ["error": "\(error)"])
        }
        guard let smtp else { return }
        let result = await notifications.deliver(via: SMTPMailer(smtp), from: smtp.from, now: now)
        if result.sent > 0 { logger.info("e-mails sent", metadata: ["count": "\(result.sent)"]) }
        for e in result.errors { logger.warning("e-mail not sent", metadata: ["error": "\(e)"]) }
    }
}
