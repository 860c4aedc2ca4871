import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SocleCore
import SocleServer
import SocleTestSupport
import Testing

/// Uploading an Excel 97–2003 workbook through the API (issue 13, item 5), on both backends.
@Suite("upload .xls")
struct XLSUploadTests {
    static let workbook = Paths.fixture("xls/classeur-collectivite.xls")

    @Test("a .xls uploaded as a form and as a raw body becomes revisions; a protected one fails its job", arguments: Backend.all)
    func upload(_ backend: Backend) async throws {
        try await withServer(backend, uploadLimit: 4 << 20) { f, client in
            let write = f.headers(.tokenWrite)
            try await f.dataset("deputes", csv: ServerFixture.csv)
            let bytes = Array(try Data(contentsOf: Self.workbook))
            let r = try await client.multipart("/api/v1/datasets/deputes/upload", headers: write,
                                               Multipart(file: ("file", "deputes.xls", bytes)))
            #expect(r.status == .accepted)
            let job = try await client.waitForJob(try #require(r.json["job"] as? Int), headers: write)
            #expect(job["status"] as? String == "succeeded", "\(job)")
            #expect(job["rows"] as? Int == 575)

            var raw = write
            raw[.contentType] = "application/vnd.ms-excel"
            let second = try await client.execute(uri: "/api/v1/datasets/deputes/upload?filename=deputes.xls&sheet=Calculs",
                                                  method: .post, headers: raw, body: ByteBuffer(bytes: bytes))
            #expect(second.status == .accepted)
            let job2 = try await client.waitForJob(try #require(second.json["job"] as? Int), headers: write)
            #expect(job2["status"] as? String == "succeeded", "\(job2)")
            #expect(job2["rows"] as? Int == 5)
            let rows = try await client.json("/api/v1/datasets/deputes/rows?limit=1", headers: write)
            let first = try #require((rows.json["rows"] as? [[Any]])?.first)
            #expect(first.contains { $0 as? String == "Investissement" })
            #expect(first.contains { $0 as? String == "2025-01-21T12:00:00" })

            let protected = Array(try Data(contentsOf: Paths.fixture("xls/classeur-protege.xls")))
            let p = try await client.multipart("/api/v1/datasets/deputes/upload", headers: write,
                                               Multipart(file: ("file", "protege.xls", protected)))
            let failed = try await client.waitForJob(try #require(p.json["job"] as? Int), headers: write)
            #expect(failed["status"] as? String == "failed")
            let message = try #require(failed["error"] as? String)
            #expect(message.hasPrefix("protege.xls"), "\(message)")
            #expect(message.contains("mot de passe"))
            #expect(try await f.store.dataset(slug: "deputes")?.currentRevision == 3)
        }
    }
}
