import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SocleActions
import SocleCore
import SocleServer
import SocleStore
import SocleTestSupport
import Testing

/// Restarts and operations: jobs cut by a stop, orphan staged files, job metrics.
@Suite("Operations")
struct OperationsTests {
    @Test("at start, a job cut by a stop is marked failed and orphan staged files are removed", arguments: Backend.all)
    func restart(_ backend: Backend) async throws {
        let f = try await ServerFixture.make(backend)
        do {
            let staging = f.configuration.stagingDirectory
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            let orphan = staging.appendingPathComponent("orphan.csv")
            try Data("a\n1\n".utf8).write(to: orphan)
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: orphan.path)
            // A job claimed by a previous process that died while loading.
            let payload = StoreSupport.encodeJSON(UploadPayload(path: staging.appendingPathComponent("cut.csv").path,
                                                                fileName: "cut.csv", datasetSlug: "x", actor: "test"))
            let cut = try await f.store.createJob(kind: JobRunner.ingestKind, datasetSlug: nil, payload: payload, createdBy: f.users[.agent]!.id)
            _ = try await f.store.claimNextJob(at: Date())
            let app = try await buildApplication(configuration: f.configuration, platform: Platform(store: f.store, secretsDirectory: f.configuration.secretsDirectory))
            try await app.test(.router) { client in
                let job = try await client.waitForJob(Int(cut.id), headers: f.headers(.agent))
                #expect(job["status"] as? String == "failed")
                #expect(job["error_code"] as? String == "job.interrupted")
                #expect(!FileManager.default.fileExists(atPath: orphan.path))
            }
        } catch {
            await f.close()
            throw error
        }
        await f.close()
    }

    @Test("finished jobs and ingested rows are counted in /metrics", arguments: Backend.all)
    func jobMetrics(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("compte")
            var raw = f.headers(.tokenWrite)
            raw[.contentType] = "text/csv"
            let r = try await client.execute(uri: "/api/v1/datasets/compte/upload?filename=c.csv", method: .post, headers: raw,
                                             body: ByteBuffer(string: ServerFixture.csv))
            _ = try await client.waitForJob(try #require(r.json["job"] as? Int), headers: raw)
            var text = ""
            for _ in 0..<40 {
                text = try await client.execute(uri: "/metrics", method: .get).text
                if text.contains("socle_jobs_finished_total{status=\"succeeded\"}") { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(text.contains("socle_jobs_finished_total{status=\"succeeded\"}"))
            #expect(text.contains("socle_ingest_rows_total"))
            #expect(text.contains("socle_uploads_received_bytes_total"))
        }
    }
}
