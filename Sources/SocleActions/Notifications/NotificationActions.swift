import Foundation
import SocleCore
import SocleStore

/// A notification as its reader sees it: worded in the reader's language, with the page where to act.
public struct NotificationEntry: Sendable, Encodable, Equatable {
    public var id: Int64
    public var kind: String
    public var text: String
    public var href: String
    public var organisation: String?
    public var createdAt: Date
    public var read: Bool
}

/// What the stored body of a notification holds: a catalog key (`notify.<kind>`) with its arguments, the link.
struct NotificationBody: Codable, Sendable, Equatable {
    var args: [String: String]
    var href: String
    var organisation: String?
}

/// Unread notifications per user, kept in memory so that every page's header shows the counter without a
/// query; refreshed from the store after each sweep and each change.
public final class UnreadCounts: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [Int64: Int] = [:]
    public init() {}
    public func count(_ userId: Int64) -> Int { lock.withLock { counts[userId] ?? 0 } }
    func replace(_ new: [Int64: Int]) { lock.withLock { counts = new } }
}

/// What one delivery round did with the outbox.
public struct MailDelivery: Sendable, Equatable {
    public var sent = 0
    public var retried = 0
    public var abandoned = 0
    /// The failures, for the server's log (never thrown into a person's request).
    public var errors: [String] = []
}

/// In-app notifications of the events a DPO must act on, and their e-mails (issue 12, item 6).
///
/// A **sweep** looks at the registers as they stand — the dashboard, every open breach — and stores one notification
/// per event and per person who keeps that organisation's register (`.editRegister`): a new data-subject request, a
/// request due within 7 days or overdue, a breach recorded, a breach with less than 12 hours left on its 72-hour clock
/// or past it, a retention run that left rules unapplied, a dataset whose detected personal columns await review.
/// Each event has a key (`request.new:42`), unique per user: sweeping again adds nothing. The server sweeps
/// periodically and after a public request; `socle register notify` sweeps on demand.
///
/// With `mail: true` (the server, when SMTP is configured), each new notification also puts an e-mail to the
/// person in the outbox, in the same transaction; `deliver` sends the outbox through a `Mailer` with backoff.
public struct NotificationActions: Sendable {
    let store: any SocleStore
    let dashboards: DashboardActions
    public let unread: UnreadCounts
    /// Wakes the server's sweep at once (after a public request) rather than at its next tick.
    public let wake = JobWake()

    /// A breach clock with less than this left notifies.
    public static let breachWarning: TimeInterval = 12 * 3600
    /// Attempts before an e-mail is given up (its error stays in the outbox).
    public static let maxAttempts = 8

    init(store: any SocleStore, dashboards: DashboardActions) {
        self.store = store
        self.dashboards = dashboards
        unread = UnreadCounts()
    }

    // MARK: the sweep

    struct Event {
        var key: String
        var kind: String
        var organisationId: Int64
        var args: [String: String]
        var href: String
    }

    /// Stores the notifications of the events not notified yet; returns how many were stored. `baseURL` makes the
    /// e-mails' links absolute (`socle serve` passes `SOCLE_PUBLIC_URL`).
    @discardableResult
    public func sweep(now: Date = Date(), mail: Bool = false, baseURL: String? = nil) async throws -> Int {
        let system = Principal.system("notifications")
        let orgs = try await store.organisations()
        let orgBySlug = Dictionary(uniqueKeysWithValues: orgs.map { ($0.slug, $0) })
        var events: [Event] = []
        func add(_ key: String, _ kind: String, _ org: String, _ args: [String: String], _ href: String) {
            guard let o = orgBySlug[org] else { return }
            var a = args
            a["organisation"] = o.name
            events.append(Event(key: key, kind: kind, organisationId: o.id, args: a, href: href))
        }
        let french = Language.french
        if orgs.isEmpty { return 0 }
        let board = try await dashboards.dashboard(system, now: now)
        for r in board.requests {
            let right = (SubjectRight(rawValue: r.right)?.label(french)) ?? r.right
            let args = ["id": String(r.id), "right": right, "due": r.due, "received": r.received]
            add("request.new:\(r.id)", "request_new", r.organisation, args, r.href)
            if r.overdue {
                add("request.overdue:\(r.id):\(r.due)", "request_overdue", r.organisation, args, r.href)
            } else if r.dueSoon {
                add("request.due_soon:\(r.id):\(r.due)", "request_due_soon", r.organisation, args.merging(["days": String(r.daysLeft)]) { $1 }, r.href)
            }
        }
        for b in try await dashboards.register.breaches.list(system, now: now) where b.body.status != .closed {
            let args = ["id": String(b.id), "title": b.body.title]
            let href = DashboardLinks.breach(b.id)
            add("breach.new:\(b.id)", "breach_new", b.organisation.slug, args, href)
            let clock = BreachClock(b.body, now: now)
            if clock.state == .overdue {
                add("breach.overdue:\(b.id)", "breach_overdue", b.organisation.slug, args, href)
            } else if clock.state == .running, let left = clock.secondsLeft, left < Self.breachWarning {
                add("breach.deadline:\(b.id)", "breach_deadline", b.organisation.slug,
                    args.merging(["left": BreachClock.duration(left, french)]) { $1 }, href)
            }
        }
        for d in board.unreviewedDatasets {
            add("column.review:\(d.slug):\(d.revision)", "column_review", d.organisation,
                ["dataset": d.title, "columns": d.columns.joined(separator: ", "), "n": String(d.columns.count)], d.href)
        }
        for run in board.retentionRuns where !run.dryRun && run.problems > 0 {
            add("retention.problem:\(run.id)", "retention_problem", run.organisation, ["n": String(run.problems)], run.href)
        }
        return try await record(events, now: now, mail: mail, baseURL: baseURL)
    }

    /// Notifies the keepers of every register that the scheduled retention run failed (the server's schedule
    /// calls it; the error is in the log).
    @discardableResult
    public func retentionFailed(at now: Date = Date(), mail: Bool = false, baseURL: String? = nil) async throws -> Int {
        let stamp = RetentionActions.stamp(now)
        let events = try await store.organisations().map {
            Event(key: "retention.failed:\(stamp)", kind: "retention_failed", organisationId: $0.id,
                  args: ["organisation": $0.name, "at": stamp], href: DashboardLinks.retention)
        }
        return try await record(events, now: now, mail: mail, baseURL: baseURL)
    }

    func record(_ events: [Event], now: Date, mail: Bool, baseURL: String?) async throws -> Int {
        let users = try await store.users().filter { !$0.disabled }
        var drafts: [NotificationDraft] = []
        var seen = Set<String>()
        for e in events {
            for u in users where Permissions.can(.user(u), .editRegister, organisationId: e.organisationId) {
                // An event of several organisations the person keeps (a failed run) is one notification.
                guard seen.insert("\(u.id)\u{0}\(e.key)").inserted else { continue }
                let body = NotificationBody(args: e.args, href: e.href, organisation: e.args["organisation"])
                drafts.append(NotificationDraft(userId: u.id, eventKey: e.key, kind: e.kind, organisationId: e.organisationId,
                                                body: StoreSupport.encodeJSON(body),
                                                mail: mail ? Self.mail(to: u.email, e, baseURL: baseURL) : nil))
            }
        }
        let stored = try await store.addNotifications(drafts, at: now)
        try await refreshCounts()
        return stored.count
    }

    static func mail(to recipient: String, _ e: Event, baseURL: String?) -> MailDraft {
        ActionStrings.register()
        func s(_ key: String, _ language: Language) -> String { Catalog.shared.string(key, language: language, args: e.args) }
        let link = (baseURL ?? "") + e.href
        let body = [s("notify.\(e.kind)", .french), "", "\(s("notify.mail.open", .french)) \(link)", "", "—", "",
                    s("notify.\(e.kind)", .english), "", "\(s("notify.mail.open", .english)) \(link)", "",
                    s("notify.mail.footer", .french), s("notify.mail.footer", .english)].joined(separator: "\n")
        return MailDraft(recipient: recipient, subject: "[Socle] " + s("notify.subject.\(e.kind)", .french), body: body)
    }

    // MARK: reading and marking

    /// The principal's notifications, newest first, in their language.
    public func list(_ principal: Principal, language: Language, limit: Int = 100) async throws -> [NotificationEntry] {
        let user = try Self.user(principal)
        ActionStrings.register()
        return try await store.notifications(userId: user.id, limit: limit).map { n in
            let body = (try? StoreSupport.decodeJSON(NotificationBody.self, n.body)) ?? NotificationBody(args: [:], href: DashboardLinks.dashboard)
            return NotificationEntry(id: n.id, kind: n.kind, text: Catalog.shared.string("notify.\(n.kind)", language: language, args: body.args),
                                     href: body.href, organisation: body.organisation, createdAt: n.createdAt, read: n.readAt != nil)
        }
    }

    /// Unread notifications of the principal (from memory: the header's counter).
    public func unreadCount(_ principal: Principal) -> Int {
        principal.userId.map(unread.count) ?? 0
    }

    /// Marks one notification (or all, `id` nil) of the principal read; `notFound` for an id that is not theirs or
    /// already read is not an error (nothing changes).
    @discardableResult
    public func markRead(_ principal: Principal, id: Int64?, now: Date = Date()) async throws -> Int {
        let user = try Self.user(principal)
        let n = try await store.markNotificationsRead(userId: user.id, id: id, at: now)
        try await refreshCounts()
        return n
    }

    public func refreshCounts() async throws {
        unread.replace(try await store.unreadNotificationCounts())
    }

    static func user(_ principal: Principal) throws -> User {
        switch principal {
        case .user(let u), .token(_, let u): return u
        case .anonymous: throw SocleError(.unauthorized, code: "auth.required")
        case .system: throw SocleError(.forbidden, code: "auth.forbidden")
        }
    }

    // MARK: e-mail

    /// Sends the outbox's due e-mails through `mailer`, from `from`. A failure is retried after 1, 2, 4… minutes
    /// (at most 6 hours), and given up after `maxAttempts`; nothing is thrown.
    public func deliver(via mailer: any Mailer, from: String, now: Date = Date(), limit: Int = 50) async -> MailDelivery {
        var result = MailDelivery()
        let due: [OutboxMail]
        do { due = try await store.dueMail(at: now, limit: limit) } catch {
            result.errors.append("outbox: \(error)")
            return result
        }
        for m in due {
            do {
                try await mailer.send(MailMessage(from: from, to: [m.mail.recipient], subject: m.mail.subject, body: m.mail.body))
                try? await store.recordMailAttempt(id: m.id, at: now, error: nil, retryAt: nil)
                result.sent += 1
            } catch {
                let attempts = m.attempts + 1
                let retry = attempts >= Self.maxAttempts ? nil : now.addingTimeInterval(min(60 * pow(2, Double(attempts - 1)), 6 * 3600))
                try? await store.recordMailAttempt(id: m.id, at: now, error: "\(error)", retryAt: retry)
                if retry == nil { result.abandoned += 1 } else { result.retried += 1 }
                result.errors.append("mail \(m.id) to \(m.mail.recipient): \(error)")
            }
        }
        return result
    }
}
