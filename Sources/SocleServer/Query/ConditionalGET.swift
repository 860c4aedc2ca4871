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
        etag = "W/\"" + Hex.encode(h.finalize().prefix(12)) + "\""
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

    static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// RFC 9110 IMF-fixdate, computed by hand: building a `DateFormatter` (ICU) on every response cost
    /// more than the rest of the header work together.
    static func format(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        // Stored dates are a few decades from 1970; anything else would trap the conversion below.
        guard seconds.isFinite, abs(seconds) < 1e11 else { return "Thu, 01 Jan 1970 00:00:00 GMT" }
        let t = Int64(seconds.rounded(.down))
        let days = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
        let secs = t - days * 86_400
        let (year, month, day) = CivilCalendar.date(fromDays: days)
        let weekday = weekdays[Int(((days % 7) + 7) % 7)]
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(weekday), \(two(day)) \(months[Int(month - 1)]) \(year) \(two(secs / 3_600)):\(two(secs % 3_600 / 60)):\(two(secs % 60)) GMT"
    }

    static func parse(_ text: String) -> Date? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return f.date(from: text)
    }
}
