import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SocleCore
import SocleServer
import SocleTestSupport
import Testing

/// The API contract of issue 3, end to end through the real router, on both backends.
@Suite("API contract")
struct APIContractTests {
    @Test("declare, upload twice, publish refused then accepted, anonymous reads, unpublish", arguments: Backend.all)
    func lifecycle(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let write = f.headers(.tokenWrite)

            // Declare: only a title and an organisation are needed.
            let created = try await client.json("/api/v1/datasets", .post, headers: write,
                                                ["title": "Population des communes", "organisation": "ville"])
            #expect(created.status == .created)
            let slug = try #require(created.json["slug"] as? String)
            #expect(slug == "population-des-communes")
            #expect(created.headers[.location] == "/api/v1/datasets/\(slug)")

            // Upload as a multipart form, then as a raw body.
            let bytes = Array(ServerFixture.csv.utf8)
            let first = try await client.multipart("/api/v1/datasets/\(slug)/upload", headers: write,
                                                   Multipart(file: ("file", "population.csv", bytes)))
            #expect(first.status == .accepted)
            let job1 = try #require(first.json["job"] as? Int)
            let done1 = try await client.waitForJob(job1, headers: write)
            #expect(done1["status"] as? String == "succeeded")
            #expect(done1["rows"] as? Int == 3)
            #expect(done1["progress"] as? Double == 1)
            #expect(done1["revision"] as? Int == 1)
            #expect(done1["dataset"] as? String == slug)
            #expect(done1["error"] is NSNull || done1["error"] == nil)

            var raw = write
            raw[.contentType] = "text/csv"
            let second = try await client.execute(uri: "/api/v1/datasets/\(slug)/upload?filename=population-2.csv", method: .post,
                                                  headers: raw, body: ByteBuffer(string: ServerFixture.csv + "Lisieux;20000\n"))
            #expect(second.status == .accepted)
            let done2 = try await client.waitForJob(try #require(second.json["job"] as? Int), headers: write)
            #expect(done2["status"] as? String == "succeeded")
            #expect(done2["revision"] as? Int == 2)

            // The dataset: metadata and current revision.
            let shown = try await client.json("/api/v1/datasets/\(slug)", headers: write)
            #expect(shown.status == .ok)
            let rev = try #require(shown.json["current_revision"] as? [String: Any])
            #expect(rev["number"] as? Int == 2)
            #expect(rev["rows"] as? Int == 4)
            #expect(rev["file"] as? String == "population-2.csv")
            #expect((rev["sha256"] as? String)?.count == 64)
            #expect((rev["columns"] as? [[String: Any]])?.map { $0["name"] as? String } == ["commune", "population"])
            #expect((shown.json["metadata"] as? [String: Any])?["status"] as? String == "loaded")

            // Revisions with their change summary, rows, CSV download.
            let revisions = try await client.json("/api/v1/datasets/\(slug)/revisions", headers: write)
            let list = try #require(revisions.json["revisions"] as? [[String: Any]])
            #expect(list.map { $0["number"] as? Int } == [2, 1])
            #expect((list[0]["change"] as? [String: Any])?["row_delta"] as? Int == 1)
            let rows = try await client.json("/api/v1/datasets/\(slug)/rows?limit=2&offset=1", headers: write)
            #expect(rows.json["total"] as? Int == 4)
            #expect((rows.json["rows"] as? [[Any]])?.first?.first as? String == "Caen")
            let csv = try await client.execute(uri: "/api/v1/datasets/\(slug)/download.csv", method: .get, headers: write)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text == "commune,population\r\nVire,12000\r\nCaen,105000\r\nBayeux,13000\r\nLisieux,20000\r\n")

            // Not publishable yet: every reason is listed.
            let refused = try await client.json("/api/v1/datasets/\(slug)/publish", .post, headers: write)
            #expect(refused.status == .conflict)
            #expect(refused.errorCode == "publish.refused")
            let reasons = try #require(refused.json["reasons"] as? [String])
            #expect(reasons.count == 6)
            #expect(reasons.contains { $0.contains("licence") })
            // The two columns have not been reviewed by a person yet.
            #expect(reasons.filter { $0.contains("n'a pas été revue") }.count == 2)
            let privacy = try await client.json("/api/v1/datasets/\(slug)/privacy", headers: write)
            #expect(privacy.status == .ok)
            #expect((privacy.json["columns"] as? [[String: Any]])?.map { $0["needs_review"] as? Bool } == [true, true])
            for column in ["commune", "population"] {
                let reviewed = try await client.json("/api/v1/datasets/\(slug)/privacy/\(column)", .put, headers: write, ["verdict": "public"])
                #expect(reviewed.status == .ok)
            }
            let badVerdict = try await client.json("/api/v1/datasets/\(slug)/privacy/commune", .put, headers: write, ["verdict": "secret"])
            #expect(badVerdict.status == .badRequest)
            #expect(badVerdict.errorCode == "privacy.bad_level")

            // Still private: anonymous visitors get 404, not 401/403.
            #expect(try await client.json("/api/v1/datasets/\(slug)").status == .notFound)

            // Fix the metadata, publish.
            let fixed = try await client.json("/api/v1/datasets/\(slug)", .put, headers: write, [
                "description": "Population municipale.", "licence": "etalab-2.0", "access_level": "public",
                "classification": "public", "themes": ["SOCI"], "owner_service": "urbanisme",
                "steward": "Jeanne Martin", "processing_activity": "Recensement",
            ])
            #expect(fixed.status == .ok)
            #expect(fixed.json["owner_service"] as? String == "urbanisme")
            #expect(fixed.json["title"] as? String == "Population des communes")
            let published = try await client.json("/api/v1/datasets/\(slug)/publish", .post, headers: write)
            #expect(published.status == .ok)
            #expect(published.json["published_revision"] as? Int == 2)

            // Anonymous readers now see it, and the listing shows it.
            let anonymous = try await client.json("/api/v1/datasets/\(slug)")
            #expect(anonymous.status == .ok)
            #expect((anonymous.json["current_revision"] as? [String: Any])?["number"] as? Int == 2)
            // Internal fields (a steward's name is personal data) are not shown to the public…
            #expect(!anonymous.text.contains("Jeanne Martin"))
            #expect(!anonymous.text.contains("Recensement"))
            // …but members still see them.
            let member = try await client.json("/api/v1/datasets/\(slug)", headers: write)
            #expect(member.text.contains("Jeanne Martin"))
            let listing = try await client.json("/api/v1/datasets")
            #expect((listing.json["datasets"] as? [[String: Any]])?.map { $0["slug"] as? String } == [slug])
            #expect(try await client.json("/api/v1/datasets/\(slug)/rows").status == .ok)

            // Unpublish: anonymous 404 again.
            #expect(try await client.json("/api/v1/datasets/\(slug)/unpublish", .post, headers: write).status == .ok)
            #expect(try await client.json("/api/v1/datasets/\(slug)").status == .notFound)
            #expect(try await client.json("/api/v1/datasets/\(slug)/download.csv").status == .notFound)

            // Every change is in the audit log.
            let audit = try await client.json("/api/v1/audit?object_type=dataset", headers: f.headers(.dpo))
            let actions = (audit.json["entries"] as? [[String: Any]])?.compactMap { $0["action"] as? String } ?? []
            for a in ["dataset.declare", "dataset.upload", "dataset.update", "privacy.classify", "dataset.publish", "dataset.unpublish"] {
                #expect(actions.contains(a), "missing \(a)")
            }
        }
    }

    @Test("the public sees the published revision, not a newer upload", arguments: Backend.all)
    func publishedRevisionStays(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("stable", csv: ServerFixture.csv, publish: true)
            var raw = f.headers(.tokenWrite)
            raw[.contentType] = "text/csv"
            let r = try await client.execute(uri: "/api/v1/datasets/stable/upload?filename=v2.csv", method: .post, headers: raw,
                                             body: ByteBuffer(string: "commune;population\nVire;1\n"))
            _ = try await client.waitForJob(try #require(r.json["job"] as? Int), headers: raw)
            let member = try await client.json("/api/v1/datasets/stable", headers: f.headers(.agent))
            #expect((member.json["current_revision"] as? [String: Any])?["number"] as? Int == 2)
            let visitor = try await client.json("/api/v1/datasets/stable")
            #expect((visitor.json["current_revision"] as? [String: Any])?["number"] as? Int == 1)
            let rows = try await client.json("/api/v1/datasets/stable/rows")
            #expect(rows.json["total"] as? Int == 3)
            let revisions = try await client.json("/api/v1/datasets/stable/revisions")
            #expect((revisions.json["revisions"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test("health, metrics and the OpenAPI document", arguments: Backend.all)
    func operations(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let health = try await client.json("/healthz")
            #expect(health.status == .ok)
            #expect(health.json["status"] as? String == "ok")
            #expect(health.headers[HTTPField.Name("X-Request-Id")!] != nil)
            var h = HTTPFields()
            h[HTTPField.Name("X-Request-Id")!] = "abc-123"
            let echoed = try await client.execute(uri: "/healthz", method: .get, headers: h)
            #expect(echoed.headers[HTTPField.Name("X-Request-Id")!] == "abc-123")
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok)
            #expect(metrics.text.contains("socle_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"}"))
            #expect(metrics.text.contains("socle_http_request_duration_seconds_bucket"))
            #expect(metrics.text.contains("socle_jobs_current{status=\"queued\"}"))
            let api = try await client.json("/api/v1/openapi.json")
            #expect(api.json["openapi"] as? String == "3.1.0")
        }
    }
}
