import Foundation

extension Revision {
    /// The argument of a revision's notice that dates an in-place rewrite (rows removed or blanked by retention or
    /// an erasure), as ISO 8601 UTC text.
    public static let rewrittenArg = "rewritten_at"

    /// When rows of this revision were last removed or blanked in place (nil when never).
    public var rewrittenAt: String? {
        warnings.compactMap { $0.args[Self.rewrittenArg] }.max()
    }

    /// What identifies this revision's content: caches keyed by revision use it, since a rewritten revision keeps
    /// its number and table.
    public var contentVersion: String {
        "\(tableName):\(rowCount):\(rewrittenAt ?? "")"
    }

    /// The last time its content changed: its creation, or its last rewrite.
    public var lastChanged: Date {
        guard let text = rewrittenAt, let at = try? Date(text, strategy: .iso8601) else { return createdAt }
        return max(createdAt, at)
    }
}
