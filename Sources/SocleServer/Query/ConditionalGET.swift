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
        // Table, row count and last in-place rewrite (retention, erasure): a purged revision gets a new tag.
        h.update(data: Data(grant.revision.contentVersion.utf8))
        h.update(data: Data(((grant.isMember ? "m" : "p") + grant.hiddenColumns.joined(separator: ",")).utf8))
        h.update(data: Data(request.uri.path.utf8))
        h.update(data: Data((request.uri.query ?? "").utf8))
        h.update(data: Data(variant.utf8))
        etag = "W/\"" + Hex.encode(h.finalize().prefix(12)) + "\""
        lastModified = grant.revision.lastChanged
    }

    /// Answers 304 when the client's copy is still good, else the response `produce` makes; both carry the
    /// validators. If-None-Match is ours (the entity tag); the date side (`Last-Modified`, and
    /// If-Modified-Since when there is no If-None-Match, RFC 9110 §13.1.3) is Hummingbird's
    /// `ifModifiedSince`, kept over the hand-written one by issue 11's rule: bench/libraries measured it
    /// 1.3 µs slower per response, 0.2 % of a records request (0.62 ms of CPU), and 28× faster at reading an
    /// If-Modified-Since (the hand-written parser built a `DateFormatter` each time).
    func respond(_ request: Request, _ context: some RequestContext,
                 _ produce: () async throws -> Response) async throws -> Response {
        let headers: HTTPFields = [.eTag: etag, .cacheControl: "no-cache"]
        guard let tags = request.headers[.ifNoneMatch] else {
            return try await request.ifModifiedSince(headers: headers, modificationDate: lastModified, context: context, process: produce)
        }
        let matched = tags.split(separator: ",").contains {
            let tag = $0.trimmingCharacters(in: .whitespaces)
            return tag == etag || tag == "*"
        }
        if matched { return Response(status: .notModified, headers: headers) }
        var head = request.head
        head.headerFields[.ifModifiedSince] = nil
        return try await Request(head: head, body: request.body)
            .ifModifiedSince(headers: headers, modificationDate: lastModified, context: context, process: produce)
    }
}
