import Foundation
import SocleActions
import SocleCore
import SocleStore
import SocleTestSupport
import Testing

/// Issue 10: `kill -9` of `socle serve` at random points of an upload, a publication and an anonymisation,
/// then a restart and the invariants of `FaultRig.checkInvariants`. Each scenario ends with a deterministic
/// round where a `FaultPoint` (`SOCLE_FAULT`) kills the server right after the commit.
///
/// Until issue 10's finding 6 is fixed (the work after a commit — privacy scan, audit entry, job update,
/// lineage — is lost by a crash in between), the expectations tagged `FaultRig.finding6` are known issues:
/// intermittent in the random rounds (the window is narrow), certain in the deterministic round.
@Suite("kill -9 during uploads, publications and anonymisations", .serialized)
struct FaultInjectionTests {
    static let rounds = 6

    @Test("an upload killed at a random point leaves a truthful job and the previous revision serving",
          arguments: Backend.all)
    func killedUpload(backend: Backend) async throws {
        try await FaultRig.with(backend) { rig in
            let created = try rig.api("POST", "/datasets", json: ["title": "Compteurs", "organisation": "saint-aubin", "slug": "compteurs"])
            #expect(created.status == 201, "\(created.text)")
            let small = try FaultFiles.counters(rows: 1_000)
            let first = try await rig.finishedJob(try rig.upload(small, into: "compteurs"))
            #expect(first.status == .succeeded, "\(String(describing: first.error))")

            // One load without a kill tells how long a load takes here; kills land anywhere up to a little past it.
            let big = try FaultFiles.counters(rows: 200_000)
            let started = ContinuousClock.now
            let full = try await rig.finishedJob(try rig.upload(big, into: "compteurs"))
            #expect(full.status == .succeeded, "\(String(describing: full.error))")
            let span = (ContinuousClock.now - started) / .milliseconds(1)

            var rng = SystemRandomNumberGenerator()
            for round in 1...Self.rounds {
                let delay = Double.random(in: 0...(span * 1.1 + 300), using: &rng)
                let client = HTTP.upload(rig.server.baseURL + "/api/v1/datasets/compteurs/upload?filename=gros.csv",
                                         token: rig.tokens["saint-aubin"]!, file: big)
                try client.run()
                try await Task.sleep(for: .milliseconds(Int(delay)))
                await rig.server.kill9()
                if client.isRunning { client.terminate() }
                client.waitUntilExit()
                try await rig.restart()
                try await rig.settleJobs()
                try await rig.checkInvariants("upload round \(round) (kill at \(Int(delay)) ms)",
                                              serving: [("compteurs", "saint-aubin")])
            }

            // Deterministic: the server dies right after the load's commit.
            try await rig.restart(fault: FaultPoint.afterLoadCommit)
            _ = try rig.upload(small, into: "compteurs")
            #expect(await rig.server.waitForExit(timeout: .seconds(120)), "the fault point was never reached")
            try await rig.restart()
            try await rig.settleJobs()
            try await rig.checkInvariants("upload killed after commit", serving: [("compteurs", "saint-aubin")])
        }
    }

    @Test("a publication killed at a random point is recorded in the audit log as it is in the catalog",
          arguments: Backend.all)
    func killedPublication(backend: Backend) async throws {
        try await FaultRig.with(backend) { rig in
            let slug = "equipements-publics"
            var rng = SystemRandomNumberGenerator()
            for round in 1...Self.rounds {
                let off = try rig.api("POST", "/datasets/\(slug)/unpublish")
                #expect(off.status == 200, "\(off.text)")
                let delay = Int.random(in: 0...400, using: &rng)
                let client = HTTP.start("POST", rig.server.baseURL + "/api/v1/datasets/\(slug)/publish", token: rig.tokens["saint-aubin"]!)
                try client.run()
                try await Task.sleep(for: .milliseconds(delay))
                await rig.server.kill9()
                if client.isRunning { client.terminate() }
                client.waitUntilExit()
                try await rig.restart()
                try await checkPublication(rig, slug, "publish round \(round) (kill at \(delay) ms)")
            }

            try await rig.restart(fault: FaultPoint.afterPublishCommit)
            let off = try rig.api("POST", "/datasets/\(slug)/unpublish")
            #expect(off.status == 200, "\(off.text)")
            _ = try? rig.api("POST", "/datasets/\(slug)/publish")
            #expect(await rig.server.waitForExit(timeout: .seconds(60)), "the fault point was never reached")
            try await rig.restart()
            try await checkPublication(rig, slug, "publish killed after commit")
        }
    }

    /// The catalog's published revision is what the last publish/unpublish audit entry says, and readers see it.
    func checkPublication(_ rig: FaultRig, _ slug: String, _ round: String) async throws {
        try await rig.checkInvariants(round, serving: [(slug, "saint-aubin")])
        let s = rig.store.store
        let d = try #require(try await s.dataset(slug: slug))
        let published = try await s.publishedRevision(datasetId: d.id)
        let entries = try await s.auditEntries(afterSeq: 0, limit: 1_000_000, actor: nil, action: nil, objectType: "dataset")
        let last = entries.last { $0.objectId == slug && ($0.action == "dataset.publish" || $0.action == "dataset.unpublish") }
        if let published {
            #expect(last?.action == "dataset.publish" && last.flatMap { FaultRig.detail($0, "revision") } == String(published),
                    "\(FaultRig.finding6) \(round): revision \(published) is published but the audit log's last word is \(last?.action ?? "nothing")")
        } else {
            #expect(last?.action == "dataset.unpublish",
                    "\(FaultRig.finding6) \(round): unpublished but the audit log's last word is \(last?.action ?? "nothing")")
        }
        // Anonymous readers see exactly that: the records when published, a 404 otherwise — never a 5xx.
        let anonymous = try HTTP.request("GET", rig.server.baseURL + "/api/v1/datasets/\(slug)/records?limit=1")
        #expect(anonymous.status == (published == nil ? 404 : 200), "\(round): anonymous read answered \(anonymous.status)")
    }

    @Test("an anonymisation killed at a random point leaves no derived data without its lineage", arguments: Backend.all)
    func killedAnonymisation(backend: Backend) async throws {
        try await FaultRig.with(backend) { rig in
            let source = "beneficiaires-aides"
            func body(_ into: String) -> [String: Any] {
                ["into": into, "drop": ["nom", "prenom", "telephone", "courriel", "nir", "adresse"],
                 "generalise": ["date_de_naissance:age-band"]]
            }
            let started = ContinuousClock.now
            let first = try rig.api("POST", "/datasets/\(source)/anonymise", org: "ccas-saint-aubin", json: body("aides-anon-0"))
            #expect(first.status == 201, "\(first.text)")
            let span = (ContinuousClock.now - started) / .milliseconds(1)

            var rng = SystemRandomNumberGenerator()
            for round in 1...Self.rounds {
                let delay = Double.random(in: 0...(span * 1.2 + 100), using: &rng)
                let client = HTTP.start("POST", rig.server.baseURL + "/api/v1/datasets/\(source)/anonymise",
                                        token: rig.tokens["ccas-saint-aubin"]!, json: body("aides-anon-\(round)"))
                try client.run()
                try await Task.sleep(for: .milliseconds(Int(delay)))
                await rig.server.kill9()
                if client.isRunning { client.terminate() }
                client.waitUntilExit()
                try await rig.restart()
                try await checkDerived(rig, source, "anonymise round \(round) (kill at \(Int(delay)) ms)")
            }

            try await rig.restart(fault: FaultPoint.afterAnonymiseLoad)
            _ = try? rig.api("POST", "/datasets/\(source)/anonymise", org: "ccas-saint-aubin", json: body("aides-anon-fault"))
            #expect(await rig.server.waitForExit(timeout: .seconds(60)), "the fault point was never reached")
            try await rig.restart()
            try await checkDerived(rig, source, "anonymise killed after load")
        }
    }

    /// Every derived dataset that holds data has its lineage and its `dataset.anonymise` audit entry.
    func checkDerived(_ rig: FaultRig, _ source: String, _ round: String) async throws {
        try await rig.checkInvariants(round, serving: [(source, "ccas-saint-aubin")])
        let s = rig.store.store
        let anonymised = try await s.auditEntries(afterSeq: 0, limit: 1_000_000, actor: nil, action: "dataset.anonymise", objectType: nil)
        for d in try await s.datasets() where d.slug.hasPrefix("aides-anon-") {
            guard d.currentRevision != nil else {
                // Killed between the declaration and the load: an empty declared dataset (reported in issue 10).
                continue
            }
            let lineage = try await PrivacyRecords(store: s).lineage(datasetId: d.id)
            #expect(lineage != nil, "\(FaultRig.finding6) \(round): \(d.slug) holds data but has no lineage")
            #expect(anonymised.contains { $0.objectId == d.slug },
                    "\(FaultRig.finding6) \(round): \(d.slug) holds data but no dataset.anonymise audit entry")
        }
    }
}
