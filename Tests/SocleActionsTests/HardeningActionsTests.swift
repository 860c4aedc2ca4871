import Foundation
import SocleCore
import SocleIngest
import SocleStore
import SocleStoreSQLite
import SocleTestSupport
import Testing
@testable import SocleActions

/// Issue 10, on the action layer: passwords, login, the audit chain's key and anchors, loads as one unit,
/// private files. Each test failed before its fix.
@Suite("Hardening: actions")
struct HardeningActionsTests {
    // MARK: finding 10 — passwords

    static let refused: [(String, String)] = [
        ("motdepasse", "auth.password_common"), ("          ", "auth.password_common"), ("azertyuiop", "auth.password_common"),
        ("P@ssw0rd2024!", "auth.password_common"), ("Motdepasse123", "auth.password_common"), ("aaaaaaaaaaaa", "auth.password_weak"),
        ("123456789012", "auth.password_weak"), ("abcdefghijkl", "auth.password_weak"), ("court", "auth.password_too_short"),
        (String(repeating: "Tilleul-Ourcq-42 ", count: 5), "auth.password_too_long"), ("qsdfghjklmqsdf", "auth.password_weak"),
        ("agentvire2026", "auth.password_personal"),
    ]

    @Test("finding 10: common, weak, personal and over-long passwords are refused with their reason")
    func passwordPolicy() throws {
        for (password, code) in Self.refused {
            do {
                try PasswordPolicy.check(password, email: "agent@vire.fr", name: "Agent Vire")
                Issue.record("accepted: \(password.debugDescription)")
            } catch let e as SocleError {
                // Guessable either way: a common word or a low estimate, whichever is found first.
                let guessable: Set<String> = ["auth.password_common", "auth.password_weak"]
                #expect(e.code == code || (guessable.contains(code) && guessable.contains(e.code)), "\(password.debugDescription): \(e.code)")
                #expect(!e.message(.french).isEmpty)
            }
        }
        for ok in ["correct horse battery", "Vélo-Tilleul-42-Ourcq", "un-mot-de-passe-long", "mot-de-passe-de-test", "Xk7#pQ2!mZ9r"] {
            #expect(throws: Never.self, "\(ok)") { try PasswordPolicy.check(ok, email: "agent@vire.fr", name: "Agent Vire") }
        }
    }

    @Test("finding 10: creating an account applies the policy", arguments: Backend.all)
    func createUserPolicy(_ backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let accounts = AccountActions(store: t.store)
        let org = try await accounts.createOrganisation(slug: "vire", name: "Vire", profile: OrganisationProfile(), by: .system("t"))
        await #expect(throws: SocleError.self) {
            _ = try await accounts.createUser(email: "a@vire.fr", name: "A", password: "motdepasse", organisation: org, role: .agent, by: .system("t"))
        }
        #expect(try await t.store.user(email: "a@vire.fr") == nil)
    }

    // MARK: finding 8 — login time

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var hashes: [String] = []
        func record(_ h: String) { lock.withLock { hashes.append(h) } }
        var all: [String] { lock.withLock { hashes } }
    }

    @Test("finding 8: a login does the same bcrypt work whether the e-mail has an account or not", arguments: Backend.all)
    func constantWorkLogin(_ backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let counter = Counter()
        let accounts = AccountActions(store: t.store, passwordCheck: { password, hash in
            counter.record(hash)
            return Secrets.verifyPassword(password, hash: hash)
        })
        let org = try await accounts.createOrganisation(slug: "vire", name: "Vire", profile: OrganisationProfile(), by: .system("t"))
        _ = try await accounts.createUser(email: "agent@vire.fr", name: "A", password: "correct horse battery", organisation: org,
                                          role: .agent, by: .system("t"))
        for (email, password) in [("personne@vire.fr", "correct horse battery"), ("agent@vire.fr", "faux mot de passe"),
                                  ("agent@vire.fr", String(repeating: "x", count: 100))] {
            let before = counter.all.count
            do {
                _ = try await accounts.login(email: email, password: password, client: "c-\(email)-\(password.count)")
                Issue.record("login accepted")
            } catch let e as SocleError {
                #expect(e.code == "auth.bad_credentials")
            }
            #expect(counter.all.count == before + 1, "\(email): no bcrypt work")
        }
        // The unknown e-mail was checked against a real bcrypt hash of the same cost.
        let unknown = try #require(counter.all.first)
        #expect(unknown == Secrets.unknownAccountHash)
        #expect(unknown.hasPrefix("$2") && unknown.contains("$12$"))
    }

    // MARK: finding 9 — the audit chain's key and anchors

    @Test("finding 9: verify finds a rewrite with recomputed hashes and the removal of the last entries", arguments: Backend.all)
    func auditKeyAndAnchors(_ backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        #expect(t.store.auditSeal.isKeyed)
        let recorder = AuditRecorder(store: t.store)
        for i in 1 ... 6 { try await recorder.record(.system("t"), "dataset.update", "dataset", "d\(i)") }
        #expect(try await recorder.verify().broken == nil)
        // The key is outside the database, private, and the checkpoints are signed lines beside it.
        let file = try #require(t.store.auditSeal.checkpointFile)
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 6)
        let keyFile = file.deletingLastPathComponent().appendingPathComponent("audit.key")
        let mode = try FileManager.default.attributesOfItem(atPath: keyFile.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // Removing the last two entries is seen.
        try await t.rawExecute("DELETE FROM audit_log WHERE seq > 4")
        let truncated = try await recorder.verify()
        #expect(truncated.broken?.seq == 5 && truncated.broken?.reason == "truncated")
        // A forged checkpoint line is seen too.
        try (lines.prefix(4).joined(separator: "\n") + "\n9\tabc\tdef\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(try await recorder.verify().broken?.reason == "forged")
    }

    // MARK: finding 6 — a load and what it records are one unit

    @Test("finding 6: a load writes its revision, privacy scan, audit entry and job state together, or nothing", arguments: Backend.all)
    func loadIsOneUnit(_ backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let file = try Paths.tempFile("communes.csv", Array("code;nom;email\n14762;Jean Dupont;jean.dupont@gmail.com\n14118;Marie Martin;marie.martin@orange.fr\n14047;Paul Durand;paul.durand@free.fr\n".utf8))
        // A job the load must mark succeeded in its own transaction.
        let job = try await t.store.createJob(kind: JobRunner.ingestKind, datasetSlug: "communes", payload: "{}", createdBy: nil)
        _ = try await t.store.claimNextJob(at: Date())
        var request = IngestRequest(file: file, datasetSlug: "communes", options: ReaderOptions(displayName: "communes.csv"))
        request.jobId = job.id
        let report = try await IngestAction(store: t.store).run(request)
        #expect(report.columns.first { $0.name == "email" }?.privacy?.verdict == .personal)
        let d = try #require(try await t.store.dataset(slug: "communes"))
        #expect(try await t.store.document(datasetId: d.id, kind: "privacy-scan", key: "1") != nil)
        let audit = try await t.store.auditEntries(afterSeq: 0, limit: 100, actor: nil, action: "dataset.load", objectType: nil)
        #expect(audit.count == 1)
        let stored = try #require(try await t.store.job(id: job.id))
        #expect(stored.status == .succeeded)
        #expect(stored.result?.contains("\"revision\":1") == true)

        // The same load whose job cannot be updated (it does not exist): everything rolls back.
        request.jobId = 999_999
        await #expect(throws: (any Error).self) { _ = try await IngestAction(store: t.store).run(request) }
        #expect(try await t.store.revisions(datasetId: d.id).count == 1)
        #expect(try await t.store.document(datasetId: d.id, kind: "privacy-scan", key: "2") == nil)
        #expect(try await t.store.auditEntries(afterSeq: 0, limit: 100, actor: nil, action: "dataset.load", objectType: nil).count == 1)
        #expect(try await t.store.revisionTables().count == 1)
        #expect(try await AuditRecorder(store: t.store).verify().broken == nil)
    }

    /// Found by bench/soak: every load leaked its reading pipeline and its open file (the prefetching
    /// thread's block held the source, and the source held its thread). 200 uploads, 200 descriptors.
    @Test("soak: a finished load closes its file and frees its reader", arguments: Backend.all)
    func loadsCloseTheirFiles(_ backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let file = try Paths.tempFile("releve.csv", Array("code;valeur\n14762;12\n14118;13\n".utf8))
        func loadsOf(_ path: String) throws -> Int {
            try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").filter {
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)")) == path
            }.count
        }
        for _ in 0 ..< 5 {
            _ = try await IngestAction(store: t.store).run(IngestRequest(file: file, datasetSlug: "releve", options: ReaderOptions(displayName: "releve.csv")))
        }
        // The prefetching thread lets the source go right after handing over the last batch: allow it a moment.
        var open = try loadsOf(file.path)
        for _ in 0 ..< 50 where open > 0 {
            try await Task.sleep(for: .milliseconds(20))
            open = try loadsOf(file.path)
        }
        #expect(open == 0, "the loaded file is still open \(open) times")

        // And the prefetcher itself does not outlive its reader.
        weak var weakPrefetch: PrefetchingSource?
        do {
            let p = PrefetchingSource(CountingSource(batches: 3))
            weakPrefetch = p
            while try p.next() != nil {}
        }
        for _ in 0 ..< 50 where weakPrefetch != nil { try await Task.sleep(for: .milliseconds(20)) }
        #expect(weakPrefetch == nil, "the prefetching source is never freed")
    }

    @Test("finding 6: the scan samples rows spread over the whole file as they are loaded")
    func samplerSpreads() {
        let columns = [ColumnSchema(name: "n", label: "n", type: .integer)]
        for expected in [nil, 100_000] as [Int?] {
            let s = RowSampler(columns: columns, expectedRows: expected, capacity: 1_000)
            for start in stride(from: 0, to: 100_000, by: 10_000) {
                let values = (start ..< start + 10_000).map(Int64.init)
                s.observe(ColumnBatch(rowCount: 10_000, columns: [.integers(values, valid: Array(repeating: true, count: 10_000))]))
            }
            let (v, rows) = s.sample
            #expect(rows >= 500 && rows <= 1_000, "\(rows)")
            let numbers = v[0].compactMap { $0.flatMap(Int.init) }
            #expect(numbers.first == 0)
            #expect((numbers.last ?? 0) > 90_000, "the sample stops at \(numbers.last ?? 0)")
        }
    }

    // MARK: finding 12 — private files

    @Test("finding 12: the data directory is 0700 and the database files 0600, even in an existing directory")
    func privateFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("socle-perm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SQLiteStore(dataDirectory: dir)
        defer { Task { try? await store.close() } }
        func mode(_ url: URL) throws -> Int? { try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int }
        #expect(try mode(dir) == 0o700)
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasPrefix("socle.sqlite") {
            #expect(try mode(dir.appendingPathComponent(name)) == 0o600, "\(name)")
        }
        #expect(try mode(dir.appendingPathComponent("secrets")) == 0o700)
    }
}

/// A few one-column batches, for the prefetcher's lifetime test.
private struct CountingSource: BatchSource {
    var batches: Int
    mutating func next() throws -> ColumnBatch? {
        guard batches > 0 else { return nil }
        batches -= 1
        return ColumnBatch(rowCount: 1, columns: [.integers([1], valid: [true])])
    }
    var finalSchema: FinalSchema? { nil }
}
