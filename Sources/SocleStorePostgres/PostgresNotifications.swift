import Foundation
import PostgresNIO
import SocleCore
import SocleStore

/// `NotificationStore` on PostgreSQL.
extension PostgresStore {
    public func addNotifications(_ drafts: [NotificationDraft], at: Date) async throws -> [StoredNotification] {
        if drafts.isEmpty { return [] }
        return try await transaction { conn in
            var out: [StoredNotification] = []
            for d in drafts {
                let ids = try await self.all(conn, """
                    INSERT INTO notifications (user_id, event_key, kind, organisation_id, body, created_at)
                    VALUES (\(d.userId), \(d.eventKey), \(d.kind), \(d.organisationId), \(d.body), \(at))
                    ON CONFLICT (user_id, event_key) DO NOTHING RETURNING id
                    """) { try $0.decode(Int64.self) }
                guard let id = ids.first else { continue }
                if let m = d.mail {
                    _ = try await self.run(conn, """
                        INSERT INTO mail_outbox (recipient, subject, body, status, attempts, next_attempt_at, created_at)
                        VALUES (\(m.recipient), \(m.subject), \(m.body), 'pending', 0, \(at), \(at))
                        """)
                }
                out.append(StoredNotification(id: id, userId: d.userId, eventKey: d.eventKey, kind: d.kind, organisationId: d.organisationId,
                                              body: d.body, createdAt: at, readAt: nil))
            }
            return out
        }
    }

    public func notifications(userId: Int64, limit: Int) async throws -> [StoredNotification] {
        try await connection { conn in
            try await self.all(conn, """
                SELECT id, user_id, event_key, kind, organisation_id, body, created_at, read_at FROM notifications
                WHERE user_id = \(userId) ORDER BY id DESC LIMIT \(limit)
                """) { row in
                let (id, user, key, kind, org, body, created, read) = try row.decode((Int64, Int64, String, String, Int64?, String, Date, Date?).self)
                return StoredNotification(id: id, userId: user, eventKey: key, kind: kind, organisationId: org, body: body, createdAt: created, readAt: read)
            }
        }
    }

    public func unreadNotificationCounts() async throws -> [Int64: Int] {
        try await connection { conn in
            let rows = try await self.all(conn, "SELECT user_id, count(*) FROM notifications WHERE read_at IS NULL GROUP BY user_id") {
                try $0.decode((Int64, Int64).self)
            }
            return Dictionary(uniqueKeysWithValues: rows.map { ($0.0, Int($0.1)) })
        }
    }

    public func markNotificationsRead(userId: Int64, id: Int64?, at: Date) async throws -> Int {
        try await connection { conn in
            if let id {
                return try await self.run(conn, """
                    UPDATE notifications SET read_at = \(at) WHERE user_id = \(userId) AND id = \(id) AND read_at IS NULL RETURNING 1
                    """)
            }
            return try await self.run(conn, "UPDATE notifications SET read_at = \(at) WHERE user_id = \(userId) AND read_at IS NULL RETURNING 1")
        }
    }

    public func dueMail(at: Date, limit: Int) async throws -> [OutboxMail] {
        try await connection { conn in
            try await self.all(conn, """
                SELECT id, recipient, subject, body, attempts, created_at FROM mail_outbox
                WHERE status = 'pending' AND next_attempt_at <= \(at) ORDER BY id LIMIT \(limit)
                """) { row in
                let (id, to, subject, body, attempts, created) = try row.decode((Int64, String, String, String, Int32, Date).self)
                return OutboxMail(id: id, mail: MailDraft(recipient: to, subject: subject, body: body), attempts: Int(attempts), createdAt: created)
            }
        }
    }

    public func recordMailAttempt(id: Int64, at: Date, error: String?, retryAt: Date?) async throws {
        try await connection { conn in
            if let error {
                let status = retryAt == nil ? "failed" : "pending"
                _ = try await self.run(conn, """
                    UPDATE mail_outbox SET attempts = attempts + 1, last_error = \(String(error.prefix(1_000))), status = \(status),
                        next_attempt_at = \(retryAt ?? at) WHERE id = \(id)
                    """)
            } else {
                _ = try await self.run(conn, """
                    UPDATE mail_outbox SET attempts = attempts + 1, status = 'sent', sent_at = \(at), last_error = NULL WHERE id = \(id)
                    """)
            }
        }
    }
}
