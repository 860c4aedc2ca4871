import Foundation
import GRDB
import SocleCore
import SocleStore

/// `NotificationStore` on SQLite.
extension SQLiteStore {
    public func addNotifications(_ drafts: [NotificationDraft], at: Date) async throws -> [StoredNotification] {
        if drafts.isEmpty { return [] }
        return try await writing { db in
            let now = StoreSupport.isoString(at)
            var out: [StoredNotification] = []
            for d in drafts {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO notifications (user_id, event_key, kind, organisation_id, body, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [d.userId, d.eventKey, d.kind, d.organisationId, d.body, now])
                guard db.changesCount > 0 else { continue }
                let id = db.lastInsertedRowID
                if let m = d.mail {
                    try db.execute(sql: """
                        INSERT INTO mail_outbox (recipient, subject, body, status, attempts, next_attempt_at, created_at)
                        VALUES (?, ?, ?, 'pending', 0, ?, ?)
                        """, arguments: [m.recipient, m.subject, m.body, now, now])
                }
                out.append(StoredNotification(id: id, userId: d.userId, eventKey: d.eventKey, kind: d.kind, organisationId: d.organisationId,
                                              body: d.body, createdAt: at, readAt: nil))
            }
            return out
        }
    }

    public func notifications(userId: Int64, limit: Int) async throws -> [StoredNotification] {
        try await reading { db in
            try Row.fetchAll(db, sql: "SELECT * FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT ?", arguments: [userId, limit]).map { r in
                StoredNotification(id: r["id"], userId: r["user_id"], eventKey: r["event_key"], kind: r["kind"], organisationId: r["organisation_id"],
                                   body: r["body"], createdAt: StoreSupport.parseISO(r["created_at"]) ?? Date(timeIntervalSince1970: 0),
                                   readAt: (r["read_at"] as String?).flatMap(StoreSupport.parseISO))
            }
        }
    }

    public func unreadNotificationCounts() async throws -> [Int64: Int] {
        try await reading { db in
            var out: [Int64: Int] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT user_id, count(*) AS n FROM notifications WHERE read_at IS NULL GROUP BY user_id") {
                out[r["user_id"]] = r["n"]
            }
            return out
        }
    }

    public func markNotificationsRead(userId: Int64, id: Int64?, at: Date) async throws -> Int {
        try await writing { db in
            if let id {
                try db.execute(sql: "UPDATE notifications SET read_at = ? WHERE user_id = ? AND id = ? AND read_at IS NULL",
                               arguments: [StoreSupport.isoString(at), userId, id])
            } else {
                try db.execute(sql: "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL",
                               arguments: [StoreSupport.isoString(at), userId])
            }
            return db.changesCount
        }
    }

    public func dueMail(at: Date, limit: Int) async throws -> [OutboxMail] {
        try await reading { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?
                """, arguments: [StoreSupport.isoString(at), limit]).map { r in
                OutboxMail(id: r["id"], mail: MailDraft(recipient: r["recipient"], subject: r["subject"], body: r["body"]),
                           attempts: r["attempts"], createdAt: StoreSupport.parseISO(r["created_at"]) ?? Date(timeIntervalSince1970: 0))
            }
        }
    }

    public func recordMailAttempt(id: Int64, at: Date, error: String?, retryAt: Date?) async throws {
        try await writing { db in
            let stamp = StoreSupport.isoString(at)
            if let error {
                try db.execute(sql: """
                    UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, status = ?, next_attempt_at = ? WHERE id = ?
                    """, arguments: [String(error.prefix(1_000)), retryAt == nil ? "failed" : "pending", StoreSupport.isoString(retryAt ?? at), id])
            } else {
                try db.execute(sql: "UPDATE mail_outbox SET attempts = attempts + 1, status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?",
                               arguments: [stamp, id])
            }
        }
    }
}
