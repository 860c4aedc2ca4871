import Foundation
import SocleActions
import SocleCore
import SocleStore
import SocleTestSupport
import Testing

/// A `socle serve --demo` subprocess on a fresh store, the DPO's write tokens, and the checks that must
/// hold after every `kill -9` (issue 10). The test process opens the same store to look behind the API.
final class FaultRig: @unchecked Sendable {
    let store: TestStore
    let dataDirectory: URL
    let environment: [String: String]
    private(set) var server: ServerProcess
    /// Write tokens of the demo's DPO, per organisation slug.
    private(set) var tokens: [String: String] = [:]

    private init(store: TestStore, dataDirectory: URL, environment: [String: String], server: ServerProcess) {
        self.store = store
        self.dataDirectory = dataDirectory
        self.environment = environment
        self.server = server
    }

    /// Runs `body` against a demo server on `backend`, then stops the server and drops the store.
    static func with(_ backend: Backend, postgresURL: String? = nil, _ body: (FaultRig) async throws -> Void) async throws {
        let t = try await TestStore.make(backend, postgresURL: postgresURL)
        let dir = t.dataDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("socle-fault-\(UUID().uuidString)")
        var env = t.environment
        env["SOCLE_DATA_DIR"] = dir.path
        let server = try ServerProcess.start(["--demo"], environment: env)
        let rig = FaultRig(store: t, dataDirectory: dir, environment: env, server: server)
        do {
            try await server.waitUntilHealthy()
            for org in ["saint-aubin", "ccas-saint-aubin"] {
                let r = try CLI.run(["token", "create", "dpo@saint-aubin.demo", "--org", org, "--write", "--json"], environment: env)
                rig.tokens[org] = try #require(r.json?["token"] as? String, "token create: \(r.stderr)")
            }
            try await body(rig)
        } catch {
            await rig.server.kill9()
            await t.close()
            try? FileManager.default.removeItem(at: dir)
            throw error
        }
        await rig.server.stop()
        await t.close()
        try? FileManager.default.removeItem(at: dir)
    }

    // MARK: the server

    /// Starts a new server on the same store (`fault` arms a `FaultPoint`); waits until it answers.
    func restart(fault: String? = nil) async throws {
        if server.process.isRunning { await server.kill9() }
        var env = environment
        if let fault { env["SOCLE_FAULT"] = fault }
        server = try ServerProcess.start(environment: env)
        try await server.waitUntilHealthy()
    }

    func api(_ method: String, _ path: String, org: String? = "saint-aubin", json: Any? = nil, file: URL? = nil) throws -> HTTPResult {
        try HTTP.request(method, server.baseURL + "/api/v1" + path, token: org.flatMap { tokens[$0] }, json: json, file: file)
    }

    /// Uploads `file` into `slug` and returns the job id (202 expected).
    func upload(_ file: URL, into slug: String) throws -> Int64 {
        let r = try api("POST", "/datasets/\(slug)/upload?filename=\(file.lastPathComponent)", file: file)
        guard r.status == 202, let id = (r.json?["job"] as? NSNumber)?.int64Value else {
            throw ServerProcess.Failure("upload answered \(r.status): \(r.text)")
        }
        return id
    }

    /// Waits until no job is queued or running (the restarted server resolves them), within `timeout`.
    func settleJobs(timeout: Duration = .seconds(300)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let queued = try await store.store.jobs(status: .queued, limit: 100)
            let running = try await store.store.jobs(status: .running, limit: 100)
            if queued.isEmpty && running.isEmpty { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw ServerProcess.Failure("jobs still queued or running after \(timeout):\n\(server.logTail)")
    }

    /// Waits for one job to finish and returns it.
    func finishedJob(_ id: Int64, timeout: Duration = .seconds(300)) async throws -> Job {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let j = try await store.store.job(id: id), j.status == .succeeded || j.status == .failed { return j }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw ServerProcess.Failure("job \(id) did not finish within \(timeout):\n\(server.logTail)")
    }

    // MARK: the invariants

    /// What must hold after any crash and restart. Expectations tied to issue 10's finding 6 (work done after a
    /// commit but outside it) carry `FaultRig.finding6` in their comment, so tests can mark exactly those as known.
    func checkInvariants(_ round: String, serving: [(slug: String, org: String)]) async throws {
        let s = store.store
        let datasets = try await s.datasets()
        var recorded = Set<String>()
        let loads = try await s.auditEntries(afterSeq: 0, limit: 1_000_000, actor: nil, action: "dataset.load", objectType: nil)
        let jobs = try await s.jobs(status: nil, limit: 100_000)
        // Revisions made by a purge (retention, erasure) are audited by the purge's entry, which names them.
        let rewrites = Set(try await s.auditEntries(afterSeq: 0, limit: 1_000_000, actor: nil, action: nil, objectType: "dataset")
            .compactMap { e in Self.detail(e, "new_revision").map { "\(e.objectId)#\($0)" } })
        for d in datasets {
            let revisions = try await s.revisions(datasetId: d.id)
            for r in revisions {
                recorded.insert(r.tableName)
                let scan = try await PrivacyRecords(store: s).scan(datasetId: d.id, revision: r.number)
                #expect(scan != nil, "\(Self.finding6) \(round): revision \(d.slug) #\(r.number) has no privacy scan document")
                let audited = loads.contains { $0.objectId == d.slug && Self.detail($0, "revision") == String(r.number) }
                    || rewrites.contains("\(d.slug)#\(r.number)")
                #expect(audited, "\(Self.finding6) \(round): revision \(d.slug) #\(r.number) has no dataset.load audit entry")
            }
            // Datasets fed by uploads: every revision is some job's result, and no job says "nothing loaded" about it.
            let own = jobs.filter { $0.datasetSlug == d.slug }
            guard !own.isEmpty else { continue }
            let named = Set(own.compactMap(Self.resultRevision))
            for r in revisions where !named.contains(r.number) && !rewrites.contains("\(d.slug)#\(r.number)") {
                let liars = own.filter { $0.status == .failed && $0.error?.code == "job.interrupted" }
                    .map { "job \($0.id): \($0.status.rawValue) \($0.error?.code ?? "")" }
                Issue.record("\(Self.finding6) \(round): revision \(d.slug) #\(r.number) is loaded but no job names it; failed as 'nothing loaded': \(liars)")
            }
            for j in own where j.status == .succeeded {
                let n = Self.resultRevision(j)
                #expect(n.map { n in revisions.contains { $0.number == n } } == true,
                        "\(round): job \(j.id) succeeded but its revision \(String(describing: n)) is not in the store")
            }
        }
        #expect(jobs.allSatisfy { $0.status == .succeeded || $0.status == .failed },
                "\(round): jobs left unresolved after restart: \(jobs.filter { $0.status != .succeeded && $0.status != .failed }.map(\.id))")
        let tables = Set(try await s.revisionTables())
        #expect(tables.subtracting(recorded).isEmpty, "\(round): orphan revision tables \(tables.subtracting(recorded).sorted())")
        #expect(recorded.subtracting(tables).isEmpty, "\(round): revisions without their table \(recorded.subtracting(tables).sorted())")

        // Staged uploads are removed once their job is over (or the server starts again).
        let staged = (try? FileManager.default.contentsOfDirectory(atPath: dataDirectory.appendingPathComponent("uploads").path)) ?? []
        #expect(staged.isEmpty, "\(round): staged files left behind: \(staged)")

        let verify = try CLI.run(["audit", "verify", "--json"], environment: environment)
        #expect(verify.json?["intact"] as? Bool == true, "\(round): audit chain: \(verify.stdout) \(verify.stderr)")

        // The current revision of each dataset keeps serving through the records API.
        for (slug, org) in serving {
            let d = try #require(datasets.first { $0.slug == slug }, "\(round): \(slug) disappeared")
            let current = try #require(try await s.revision(datasetId: d.id, number: d.currentRevision ?? 0),
                                       "\(round): \(slug) has no current revision")
            let r = try api("GET", "/datasets/\(slug)/records?limit=1", org: org)
            #expect(r.status == 200, "\(round): records of \(slug) answered \(r.status): \(r.text.prefix(300))")
            #expect((r.json?["total_count"] as? NSNumber)?.int64Value == current.rowCount,
                    "\(round): \(slug) serves \(String(describing: r.json?["total_count"])) rows, its revision has \(current.rowCount)")
        }
    }

    static let finding6 = "[issue 10 finding 6]"

    /// Whether an issue is one of those tagged `finding6` (for `withKnownIssue(…) matching:`).
    static func isFinding6(_ issue: Issue) -> Bool {
        issue.comments.contains { $0.rawValue.contains(finding6) }
    }

    static func detail(_ e: AuditEntry, _ key: String) -> String? {
        let object = (try? JSONSerialization.jsonObject(with: Data(e.details.utf8))) as? [String: Any]
        return object?[key] as? String
    }

    /// The revision named by a job's result (the ingest report).
    static func resultRevision(_ job: Job) -> Int? {
        guard let text = job.result,
              let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else { return nil }
        return (object["revision"] as? NSNumber)?.intValue
    }
}

/// Files big enough that their load takes a while, written once per test.
enum FaultFiles {
    /// A `;`-separated bike-counter file: a code, a label, an ISO datetime, an integer, a decimal comma.
    static func counters(rows: Int, seed: Int = 0) throws -> URL {
        var text = "id_compteur;nom;date_heure;comptage;taux\n"
        text.reserveCapacity(rows * 56)
        for i in 0..<rows {
            let h = (i + seed) % 24, d = 1 + (i / 24) % 28, m = 1 + (i / 672) % 12
            text += "C\(1_000 + (i + seed) % 137);Compteur \((i + seed) % 137);2025-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)T\(h < 10 ? "0" : "")\(h):00:00Z;\((i * 7 + seed) % 311);\(i % 100),\(i % 7)\n"
        }
        return try Paths.tempFile("compteurs-\(rows)-\(seed).csv", Array(text.utf8))
    }
}
