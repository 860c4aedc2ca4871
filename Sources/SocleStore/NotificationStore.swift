import Foundation
import SocleCore

/// An e-mail to send later, through the outbox (nothing leaves the server unless a mailer is configured).
public struct MailDraft: Sendable, Equatable {
    public var recipient: String
    public var subject: String
    /// Plain text, UTF-8.
    public var body: String
    public init(recipient: String, subject: String, body: String) {
        self.recipient = recipient
        self.subject = subject
        self.body = body
    }
}

/// An in-app notification to store for one user, once per event: `eventKey` names the event
/// (`request.new:42`), and a second draft with the same user and key is ignored. Its e-mail, when given, goes
/// into the outbox in the same transaction.
public struct NotificationDraft: Sendable, Equatable {
    public var userId: Int64
    public var eventKey: String
    public var kind: String
    public var organisationId: Int64?
    /// JSON: what the surfaces word (catalog arguments, the link to act on).
    public var body: String
    public var mail: MailDraft?
    public init(userId: Int64, eventKey: String, kind: String, organisationId: Int64?, body: String, mail: MailDraft? = nil) {
        self.userId = userId
        self.eventKey = eventKey
        self.kind = kind
        self.organisationId = organisationId
        self.body = body
        self.mail = mail
    }
}

public struct StoredNotification: Sendable, Equatable {
    public var id: Int64
    public var userId: Int64
    public var eventKey: String
    public var kind: String
    public var organisationId: Int64?
    public var body: String
    public var createdAt: Date
    public var readAt: Date?
    public init(id: Int64, userId: Int64, eventKey: String, kind: String, organisationId: Int64?, body: String, createdAt: Date, readAt: Date?) {
        self.id = id
        self.userId = userId
        self.eventKey = eventKey
        self.kind = kind
        self.organisationId = organisationId
        self.body = body
        self.createdAt = createdAt
        self.readAt = readAt
    }
}

/// A message of the outbox waiting for (another) attempt.
public struct OutboxMail: Sendable, Equatable {
    public var id: Int64
    public var mail: MailDraft
    public var attempts: Int
    public var createdAt: Date
    public init(id: Int64, mail: MailDraft, attempts: Int, createdAt: Date) {
        self.id = id
        self.mail = mail
        self.attempts = attempts
        self.createdAt = createdAt
    }
}

/// In-app notifications per user and the e-mail outbox (migration `0006-notifications`).
public protocol NotificationStore: Sendable {
    /// Stores the drafts whose (user, event) pair is new — with their e-mails in the outbox — in one transaction;
    /// returns the notifications stored.
    func addNotifications(_ drafts: [NotificationDraft], at: Date) async throws -> [StoredNotification]
    /// A user's notifications, newest first.
    func notifications(userId: Int64, limit: Int) async throws -> [StoredNotification]
    /// Unread notifications per user (users with none are absent).
    func unreadNotificationCounts() async throws -> [Int64: Int]
    /// Marks one of the user's notifications read (`id`), or all of them (nil); returns how many changed.
    func markNotificationsRead(userId: Int64, id: Int64?, at: Date) async throws -> Int
    /// Pending e-mails whose next attempt is due, oldest first.
    func dueMail(at: Date, limit: Int) async throws -> [OutboxMail]
    /// Records a delivery (`error` nil), or a failed attempt: tried again at `retryAt`, or given up when nil.
    func recordMailAttempt(id: Int64, at: Date, error: String?, retryAt: Date?) async throws
}
