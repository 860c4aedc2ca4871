import Foundation
import SocleCore
import SocleStore
import SocleTestSupport
import Testing

/// The job queue and the hash-chained audit log on every backend, including under concurrency.
@Suite("Platform jobs and audit")
struct PlatformJobsAuditTests {
    typealias P = PlatformTest

    // MARK: jobs

    @Test("jobs: queued, claimed oldest first, progress, finished, listed newest first", arguments: Backend.all)
    func jobLifecycle(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let alice = try await t.store.createUser(email: "alice@vire.fr", name: "Alice", passwordHash: "h")
        let a = try await t.store.createJob(kind: "ingest", datasetSlug: "budget", payload: "{\"file\":\"a.csv\"}", createdBy: alice.id)
        let b = try await t.store.createJob(kind: "ingest", datasetSlug: nil, payload: "{}", createdBy: nil)
        #expect(a.status == .queued && a.progress == 0 && a.rows == 0 && a.createdBy == alice.id && a.startedAt == nil)
        let stored = try #require(try await t.store.job(id: a.id))
        #expect(stored.kind == "ingest" && stored.datasetSlug == "budget" && stored.payload == "{\"file\":\"a.csv\"}")
        #expect(P.close(stored.createdAt, a.createdAt))
        #expect(try await t.store.job(id: 999_999) == nil)

        let claimed = try #require(try await t.store.claimNextJob(at: P.t0))
        #expect(claimed.id == a.id && claimed.status == .running && claimed.startedAt == P.t0)
        try await t.store.updateJobProgress(id: a.id, progress: 0.5, rows: 1_234)
        var now = try #require(try await t.store.job(id: a.id))
        #expect(now.progress == 0.5 && now.rows == 1_234)
        try await t.store.updateJobProgress(id: a.id, progress: 7, rows: 2_000)  // clamped to 1
        #expect(try await t.store.job(id: a.id)?.progress == 1)
        try await t.store.finishJob(id: a.id, status: .succeeded, error: nil, result: "{\"revision\":1}", at: P.t0.addingTimeInterval(5))
        // A late progress report does not undo the end.
        try await t.store.updateJobProgress(id: a.id, progress: 0.2, rows: 1)
        now = try #require(try await t.store.job(id: a.id))
        #expect(now.status == .succeeded && now.progress == 1 && now.rows == 2_000 && now.result == "{\"revision\":1}")
        #expect(now.finishedAt == P.t0.addingTimeInterval(5) && now.error == nil)

        #expect(try await t.store.claimNextJob(at: P.t0)?.id == b.id)
        let failure = SocleError(.invalidInput, code: "csv.unclosed_quote", args: ["quote": "\""],
                                 location: SocleCore.SourceLocation(file: "b.csv", line: 12, column: "nom"))
        try await t.store.finishJob(id: b.id, status: .failed, error: failure, result: nil, at: P.t0)
        let failed = try #require(try await t.store.job(id: b.id))
        #expect(failed.status == .failed && failed.error == failure && failed.progress == 0)
        #expect(try await t.store.claimNextJob(at: P.t0) == nil)

        let c = try await t.store.createJob(kind: "export", datasetSlug: nil, payload: "{}", createdBy: nil)
        #expect(try await t.store.jobs(status: nil, limit: 10).map(\.id) == [c.id, b.id, a.id])
        #expect(try await t.store.jobs(status: nil, limit: 2).map(\.id) == [c.id, b.id])
        #expect(try await t.store.jobs(status: .queued, limit: 10).map(\.id) == [c.id])
        #expect(try await t.store.jobs(status: .failed, limit: 10).map(\.id) == [b.id])
        #expect(try await t.store.jobs(status: .running, limit: 10).isEmpty)

        await P.expectError(.notFound, "store.not_found.job", args: ["slug": "999999"]) {
            try await t.store.updateJobProgress(id: 999_999, progress: 0.1, rows: 1)
        }
        await P.expectError(.notFound, "store.not_found.job") {
            try await t.store.finishJob(id: 999_999, status: .failed, error: nil, result: nil, at: P.t0)
        }
        await P.expectError(.notFound, "store.not_found.user") {
            _ = try await t.store.createJob(kind: "ingest", datasetSlug: nil, payload: "{}", createdBy: 999_999)
        }
    }

    @Test("jobs: a restart fails the running ones with the reason and leaves the others", arguments: Backend.all)
    func interrupted(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        var ids: [Int64] = []
        for _ in 0..<4 { ids.append(try await t.store.createJob(kind: "ingest", datasetSlug: nil, payload: "{}", createdBy: nil).id) }
        _ = try await t.store.claimNextJob(at: P.t0)
        _ = try await t.store.claimNextJob(at: P.t0)
        _ = try await t.store.claimNextJob(at: P.t0)
        try await t.store.finishJob(id: ids[2], status: .succeeded, error: nil, result: nil, at: P.t0)
        let reason = SocleError(.internalError, code: "job.interrupted")
        #expect(try await t.store.failInterruptedJobs(reason: reason, at: P.t0.addingTimeInterval(60)) == 2)
        for (id, status) in zip(ids, [JobStatus.failed, .failed, .succeeded, .queued]) {
            let j = try #require(try await t.store.job(id: id))
            #expect(j.status == status)
            #expect(j.error == (status == .failed ? reason : nil))
        }
        #expect(try await t.store.job(id: ids[0])?.finishedAt == P.t0.addingTimeInterval(60))
        #expect(try await t.store.failInterruptedJobs(reason: reason, at: P.t0) == 0)
    }

    @Test("jobs: concurrent workers never claim the same job", arguments: Backend.all)
    func concurrentClaims(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        for i in 0..<12 { _ = try await t.store.createJob(kind: "ingest", datasetSlug: "d\(i)", payload: "{}", createdBy: nil) }
        let store = t.store
        let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for _ in 0..<6 {
                group.addTask {
                    var mine: [Int64] = []
                    while let j = try await store.claimNextJob(at: P.t0) { mine.append(j.id) }
                    return mine
                }
            }
            return try await group.reduce(into: [Int64]()) { $0 += $1 }
        }
        #expect(claimed.count == 12)
        #expect(Set(claimed).count == 12)
        #expect(try await t.store.jobs(status: .running, limit: 100).count == 12)
    }

    // MARK: audit

    static let events: [AuditEvent] = [
        AuditEvent(actor: "cli:root", action: "organisation.create", objectType: "organisation", objectId: "vire",
                   details: ["name": "Vire"]),
        AuditEvent(actor: "user:1", action: "dataset.declare", objectType: "dataset", objectId: "budget",
                   details: ["title": "Budget « 2024 »", "organisation": "vire"]),
        AuditEvent(actor: "user:1", action: "dataset.upload", objectType: "dataset", objectId: "budget",
                   details: ["rows": "1200", "note": "ligne 1\nligne 2 \"cité\" | 3:x"]),
        AuditEvent(actor: "token:4", action: "dataset.publish", objectType: "dataset", objectId: "budget", details: [:]),
        AuditEvent(actor: "user:2", action: "user.create", objectType: "user", objectId: "bob@vire.fr", details: ["role": "agent"]),
    ]

    static func appendAll(_ t: TestStore) async throws -> [AuditEntry] {
        var out: [AuditEntry] = []
        for e in events { out.append(try await t.store.appendAudit(e)) }
        return out
    }

    static func all(_ t: TestStore) async throws -> [AuditEntry] {
        try await t.store.auditEntries(afterSeq: 0, limit: 10_000, actor: nil, action: nil, objectType: nil)
    }

    @Test("audit: appended entries chain, read back identical, filter and page", arguments: Backend.all)
    func audit(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        #expect(try await Self.all(t).isEmpty)
        let before = Date()
        let appended = try await Self.appendAll(t)
        #expect(appended.map(\.seq) == [1, 2, 3, 4, 5])
        #expect(appended[0].prevHash == AuditEntry.genesis)
        #expect(appended[1].prevHash == appended[0].hash)
        #expect(appended[1].details == AuditChain.canonicalJSON(Self.events[1].details))
        #expect(P.close(appended[0].at, before, within: 60))
        let stored = try await Self.all(t)
        #expect(stored == appended)
        #expect(AuditChain.verify(stored, seal: t.store.auditSeal) == nil)

        let filters: [(String?, String?, String?, [Int64])] = [
            ("user:1", nil, nil, [2, 3]),
            (nil, "dataset.publish", nil, [4]),
            (nil, nil, "dataset", [2, 3, 4]),
            ("user:1", "dataset.upload", "dataset", [3]),
            ("personne", nil, nil, []),
        ]
        for (actor, action, objectType, seqs) in filters {
            let got = try await t.store.auditEntries(afterSeq: 0, limit: 100, actor: actor, action: action, objectType: objectType)
            #expect(got.map(\.seq) == seqs, "actor \(actor ?? "-") action \(action ?? "-") type \(objectType ?? "-")")
        }
        #expect(try await t.store.auditEntries(afterSeq: 2, limit: 2, actor: nil, action: nil, objectType: nil).map(\.seq) == [3, 4])
        #expect(try await t.store.auditEntries(afterSeq: 5, limit: 2, actor: nil, action: nil, objectType: nil).isEmpty)
        #expect(try await t.store.auditEntries(afterSeq: 0, limit: 100, actor: nil, action: nil, objectType: "dataset")
            .map(\.seq) == [2, 3, 4])
    }

    /// Tampering done behind the store's back, and the break `verify` must report.
    static let tamperings: [(String, @Sendable ([AuditEntry]) -> String, Int64, String)] = [
        ("details edited", { _ in "UPDATE audit_log SET details = '{\"rows\":\"12\"}' WHERE seq = 3" },
         3, "content"),
        ("actor edited", { _ in "UPDATE audit_log SET actor = 'user:9' WHERE seq = 2" }, 2, "content"),
        ("time shifted by 1 ms", { _ in "UPDATE audit_log SET at_ms = at_ms + 1 WHERE seq = 4" },
         4, "content"),
        ("entry removed", { _ in "DELETE FROM audit_log WHERE seq = 2" }, 2, "missing"),
        ("first entry removed", { _ in "DELETE FROM audit_log WHERE seq = 1" }, 1, "missing"),
        ("edited and re-hashed", { entries in
            var e = entries[2]
            e.details = "{}"
            return "UPDATE audit_log SET details = '{}', hash = '\(AuditChain.hash(e))' WHERE seq = 3"
        }, 3, "content"),
        // Issue 10, finding 9: rewritten with every later hash recomputed (without the key, the only hash
        // an attacker can compute is the plain one) …
        ("rewritten with the later hashes recomputed", { entries in
            var previous = entries[1]
            var statements: [String] = []
            for var e in entries[2...] {
                if e.seq == 3 { e.details = "{}" }
                e.prevHash = previous.hash
                e.hash = AuditChain.hash(e)
                statements.append("UPDATE audit_log SET details = '\(e.details)', prev_hash = '\(e.prevHash)', hash = '\(e.hash)' WHERE seq = \(e.seq)")
                previous = e
            }
            return statements.joined(separator: "; ")
        }, 3, "content"),
        // … or the whole log rewritten as a plain chain: the signed checkpoints outside the database disagree.
        ("whole log rewritten as a plain chain", { entries in
            var previous: AuditEntry?
            var statements: [String] = []
            for var e in entries {
                e.prevHash = previous?.hash ?? AuditEntry.genesis
                e.hash = AuditChain.hash(e)
                statements.append("UPDATE audit_log SET prev_hash = '\(e.prevHash)', hash = '\(e.hash)' WHERE seq = \(e.seq)")
                previous = e
            }
            return statements.joined(separator: "; ")
        }, 1, "checkpoint"),
        // … and the last entries removed.
        ("last entries removed", { _ in "DELETE FROM audit_log WHERE seq >= 4" }, 4, "truncated"),
    ]

    @Test("audit: an edited or removed entry is found by verify, with its seq", arguments: Backend.all)
    func tampering(backend: Backend) async throws {
        for (name, sql, seq, reason) in Self.tamperings {
            let t = try await TestStore.make(backend)
            let entries = try await Self.appendAll(t)
            #expect(AuditChain.verify(try await Self.all(t), seal: t.store.auditSeal) == nil)
            for statement in sql(entries).split(separator: ";") { try await P.rawExecute(t, String(statement)) }
            let broken = AuditChain.verify(try await Self.all(t), seal: t.store.auditSeal)
            #expect(broken?.seq == seq && broken?.reason == reason, "\(name): \(String(describing: broken))")
            await t.close()
        }
    }

    @Test("audit: 20 concurrent appends make a gapless, valid chain", arguments: Backend.all)
    func concurrentAppends(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let store = t.store
        let seqs = try await withThrowingTaskGroup(of: Int64.self) { group in
            for i in 0..<20 {
                group.addTask {
                    try await store.appendAudit(AuditEvent(actor: "user:\(i)", action: "dataset.update", objectType: "dataset",
                                                           objectId: "d\(i)", details: ["i": String(i)]))
                        .seq
                }
            }
            return try await group.reduce(into: [Int64]()) { $0.append($1) }
        }
        #expect(seqs.sorted() == Array(1...20))
        let stored = try await Self.all(t)
        #expect(stored.map(\.seq) == Array(1...20))
        #expect(Set(stored.map(\.actor)).count == 20)
        #expect(AuditChain.verify(stored, seal: t.store.auditSeal) == nil)
    }
}
