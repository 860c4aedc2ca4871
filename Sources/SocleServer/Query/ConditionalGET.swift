import Crypto
import Foundation
import Hummingbird
import SocleActions
import SocleCore

/// Validators for read responses: an entity tag from what decides the answer (revision table, who may
/// see which columns, the exact query) and the revision's date, so that clients and caches revalidate
/// for free and a 304 costs no query at all.
struct ConditionalGET: Sendable {
    let etag: String
    let lastModified: Date

    init(grant: ReadGrant, request: Request, variant: String = "") {
        var h = SHA256()
        h.update(data: Data(grant.revision.tableName.utf8))
        h.update(data: Data(((grant.isMember ? "m" : "p") + grant.hiddenColumns.joined(separator: ",")).utf8))
        h.update(data: Data(request.uri.path.utf8))
        h.update(data: Data((request.uri.query ?? "").utf8))
        h.update(data: Data(variant.utf8))
        etag = "W/\"" + h.finalize().prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
        lastModified = grant.revision.createdAt
    }

    /// True when the client's copy is still good (If-None-Match wins over If-Modified-Since).
    func notModified(_ request: Request) -> Bool {
        if let tags = request.headers[.ifNoneMatch] {
            return tags.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*" }
        }
        if let since = request.headers[.ifModifiedSince], let date = Self.parse(since) {
            return lastModified.timeIntervalSince1970.rounded(.down) <= date.timeIntervalSince1970
        }
        return false
    }

    func apply(to response: inout Response) {
        response.headers[.eTag] = etag
        response.headers[.lastModified] = Self.format(lastModified)
        response.headers[.cacheControl] = "no-cache"
    }

    func notModifiedResponse() -> Response {
        var r = Response(status: .notModified)
        apply(to: &r)
        return r
    }

    static func format(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return f.string(from: date)
    }

    static func parse(_ text: String) -> Date? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return f.date(from: text)
    }
}
