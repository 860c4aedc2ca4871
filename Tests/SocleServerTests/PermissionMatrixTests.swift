import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SocleCore
import SocleServer
import SocleTestSupport
import Testing

/// Every route × every kind of principal → the expected status, in one table and one loop
/// (issue 3, point 8). The rules themselves live in `Permissions.can`; this checks that each route
/// asks the right question and answers with the right status.
@Suite("Permission matrix")
struct PermissionMatrixTests {
    /// What one request is: a method, a path and, for writes, a body.
    enum Body: Sendable {
        case none
        case json(String)
        /// A URL-encoded portal form; the principal's CSRF token is added.
        case form
        /// A small CSV as the raw body.
        case csv
    }

    struct Row: Sendable {
        var method: HTTPRequest.Method
        var path: String
        var body: Body
        /// Statuses in `Who.allCases` order: anonymous, agent, steward, dpo, admin, tokenRead, tokenWrite, otherAdmin.
        var expected: [Int]

        init(_ method: HTTPRequest.Method, _ path: String, _ body: Body, _ expected: [Int]) {
            self.method = method
            self.path = path
            self.body = body
            self.expected = expected
        }

        init(_ method: HTTPRequest.Method, _ path: String, _ expected: [Int]) {
            self.init(method, path, .none, expected)
        }
    }

    //                                                            anon agent stew  dpo admin tokR tokW other
    static let rows: [Row] = [
        // API, reads
        Row(.get, "/api/v1/datasets", [200, 200, 200, 200, 200, 200, 200, 200]),
        Row(.get, "/api/v1/datasets/public", [200, 200, 200, 200, 200, 200, 200, 200]),
        Row(.get, "/api/v1/datasets/prive", [404, 200, 200, 200, 200, 200, 200, 404]),
        Row(.get, "/api/v1/datasets/prive/revisions", [404, 200, 200, 200, 200, 200, 200, 404]),
        Row(.get, "/api/v1/datasets/prive/rows", [404, 200, 200, 200, 200, 200, 200, 404]),
        Row(.get, "/api/v1/datasets/prive/download.csv", [404, 200, 200, 200, 200, 200, 200, 404]),
        Row(.get, "/api/v1/datasets/public/download.csv", [200, 200, 200, 200, 200, 200, 200, 200]),
        Row(.get, "/api/v1/jobs/{job}", [401, 200, 200, 200, 200, 200, 200, 404]),
        Row(.get, "/api/v1/inventory", [401, 200, 200, 200, 200, 200, 200, 200]),
        Row(.get, "/api/v1/audit", [401, 403, 403, 200, 200, 403, 403, 200]),
        Row(.get, "/api/v1/datasets/public/records", [200, 200, 200, 200, 200, 200, 200, 200]),
        Row(.get, "/api/v1/datasets/prive/records", [404, 200, 200, 200, 200, 200, 200, 404]),
        Row(.get, "/api/v1/datasets/prive/facets", [404, 200, 200, 200, 200, 200, 200, 404]),
        Row(.get, "/api/v1/datasets/prive/exports/csv", [404, 200, 200, 200, 200, 200, 200, 404]),
        Row(.get, "/api/v1/datasets/prive/privacy", [401, 200, 200, 200, 200, 200, 200, 404]),
        // API, writes
        Row(.post, "/api/v1/datasets", .json(#"{"title": "Nouveau", "organisation": "ville", "slug": "n-{who}"}"#),
            [401, 201, 201, 201, 201, 403, 201, 403]),
        Row(.put, "/api/v1/datasets/prive", .json(#"{"description": "Décrit."}"#), [401, 200, 200, 200, 200, 403, 200, 403]),
        Row(.post, "/api/v1/datasets/prive/upload?filename=maj.csv", .csv, [401, 202, 202, 202, 202, 403, 202, 403]),
        Row(.post, "/api/v1/datasets/prive/publish", [401, 403, 409, 409, 409, 403, 409, 403]),
        Row(.post, "/api/v1/datasets/prive/unpublish", [401, 403, 200, 200, 200, 403, 200, 403]),
        Row(.put, "/api/v1/datasets/prive/privacy/commune", .json(#"{"verdict": "public"}"#), [401, 403, 200, 200, 200, 403, 200, 404]),
        Row(.post, "/api/v1/datasets/prive/anonymise", .json(#"{"into": "a-{who}", "drop": ["commune"]}"#),
            [401, 403, 201, 201, 201, 403, 201, 404]),
        Row(.put, "/api/v1/datasets/inconnu", .json(#"{"description": "x"}"#), [401, 404, 404, 404, 404, 404, 404, 404]),
        // Portal, public pages
        Row(.get, "/", [200, 200, 200, 200, 200, 200, 200, 200]),
        Row(.get, "/catalog", [200, 200, 200, 200, 200, 200, 200, 200]),
        Row(.get, "/organisations/ville", [200, 200, 200, 200, 200, 200, 200, 200]),
        Row(.get, "/datasets/public", [200, 200, 200, 200, 200, 200, 200, 200]),
        Row(.get, "/datasets/prive", [404, 200, 200, 200, 200, 200, 200, 404]),
        // The load report shows sample values of every column: members only.
        Row(.get, "/datasets/public/revisions/1/report", [404, 200, 200, 200, 200, 200, 200, 404]),
        Row(.get, "/login", [200, 303, 303, 303, 303, 303, 303, 303]),
        // Portal, signed-in pages (anonymous visitors are sent to sign in)
        Row(.get, "/upload", [303, 200, 200, 200, 200, 200, 200, 200]),
        Row(.get, "/jobs/{job}", [303, 200, 200, 200, 200, 200, 200, 404]),
        Row(.get, "/datasets/new", [303, 200, 200, 200, 200, 200, 200, 200]),
        Row(.get, "/datasets/prive/edit", [303, 200, 200, 200, 200, 403, 200, 403]),
        Row(.get, "/inventory", [303, 200, 200, 200, 200, 200, 200, 200]),
        Row(.get, "/admin/organisations", [303, 403, 403, 403, 200, 403, 403, 200]),
        Row(.get, "/admin/services", [303, 403, 403, 403, 200, 403, 403, 200]),
        Row(.get, "/admin/users", [303, 403, 403, 403, 200, 403, 403, 200]),
        Row(.get, "/admin/tokens", [303, 200, 200, 200, 200, 200, 200, 200]),
        Row(.get, "/admin/audit", [303, 403, 403, 200, 200, 403, 403, 200]),
        // Portal forms (with the right CSRF token)
        Row(.post, "/datasets/prive/edit", .form, [401, 303, 303, 303, 303, 403, 303, 403]),
        Row(.post, "/datasets/prive/publish", .form, [401, 403, 303, 303, 303, 403, 303, 403]),
        Row(.post, "/datasets/prive/unpublish", .form, [401, 403, 303, 303, 303, 403, 303, 403]),
        Row(.post, "/admin/services", .form, [401, 403, 403, 403, 400, 403, 403, 400]),
    ]

    @Test("routes × principals", arguments: Backend.all)
    func matrix(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("public", csv: ServerFixture.csv, publish: true)
            try await f.dataset("prive", csv: ServerFixture.csv)
            let job = try await f.store.createJob(kind: "ingest", datasetSlug: "prive", payload: "{}",
                                                  createdBy: f.users[.steward]!.id)
            for row in Self.rows {
                #expect(row.expected.count == Who.allCases.count, "\(row.method) \(row.path): wrong row width")
                for (who, expected) in zip(Who.allCases, row.expected) {
                    let path = row.path.replacingOccurrences(of: "{job}", with: String(job.id))
                    var headers = f.headers(who, csrf: true)
                    var body: ByteBuffer?
                    switch row.body {
                    case .none: break
                    case .json(let text):
                        headers[.contentType] = "application/json"
                        body = ByteBuffer(string: text.replacingOccurrences(of: "{who}", with: who.rawValue.lowercased()))
                    case .csv:
                        headers[.contentType] = "text/csv"
                        body = ByteBuffer(string: "commune;population\nVire;1\n")
                    case .form:
                        headers[.contentType] = "application/x-www-form-urlencoded"
                        body = ByteBuffer(string: "_csrf=\(f.csrf(who))&title=Jeu+priv%C3%A9")
                    }
                    let r = try await client.execute(uri: path, method: row.method, headers: headers, body: body)
                    #expect(Int(r.status.code) == expected, "\(row.method) \(row.path) as \(who.rawValue): \(r.status.code) \(r.text.prefix(200))")
                }
            }
        }
    }
}
