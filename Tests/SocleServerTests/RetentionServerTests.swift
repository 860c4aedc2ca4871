import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import SocleActions
import SocleCore
@testable import SocleServer
import SocleStore
import SocleTestSupport
import Testing

/// Retention through the API and the DPO's page, with the real router on both backends: rules with their date
/// column (validated), the overview, a dry run, "run now" refused without its confirmation, a run, its record.
@Suite("Retention API and page")
struct RetentionServerTests {
    static let csv = "nom;dernier_contact;ville\nDURAND;2001-01-01;Vire\nPETIT;2002-02-02;Caen\nROUX;2099-01-01;Vire\nLEROY;;Bayeux\n"

    static func body(_ column: String) -> [String: Any] {
        var b = RegisterAPITests.complete("Relation usagers")
        b["retention"] = [["duration": "P1Y", "start_event": "Dernier contact", "fate": "destroy",
                           "date_columns": [["dataset": "contacts", "column": column]]]]
        return b
    }

    @Test("API and page: validation, overview, dry run, confirmation, run, record", arguments: Backend.all)
    func flow(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let d = try await f.dataset("contacts", csv: Self.csv)
            let dpo = f.headers(.dpo, csrf: true)

            let bad = try await client.json("\(RegisterAPITests.activities)?organisation=ville", .post, headers: dpo, Self.body("ville"))
            #expect(bad.status == .badRequest)
            #expect(bad.errorCode == "retention.not_a_date")
            let id = try await RegisterAPITests.create(client, f, Self.body("dernier_contact"))
            let shown = try await client.json("\(RegisterAPITests.activities)/\(id)", headers: dpo)
            #expect(shown.text.contains("\"date_columns\":[{\"column\":\"dernier_contact\",\"dataset\":\"contacts\"}]"), "\(shown.text.prefix(2000))")

            let overview = try await client.json("/api/v1/register/retention", headers: dpo)
            #expect(overview.status == .ok)
            RegisterAPITests.conforms(overview, "RetentionOverview")
            #expect((overview.json["rules"] as? [[String: Any]])?.count == 1)

            #expect(try await client.json("/api/v1/register/retention/dry-run", .post, headers: f.headers(.agent, csrf: true)).status == .forbidden)
            let dry = try await client.json("/api/v1/register/retention/dry-run", .post, headers: dpo)
            #expect(dry.status == .ok, "\(dry.text.prefix(500))")
            RegisterAPITests.conforms(dry, "RetentionRun")
            let outcome = try #require((dry.json["outcomes"] as? [[String: Any]])?.first)
            #expect(outcome["rows"] as? Int == 2 && outcome["undated"] as? Int == 1 && outcome["done"] as? String == "retention.done.dry_run")
            #expect(try await f.store.revision(datasetId: d.id, number: 1)?.rowCount == 4, "a dry run changes nothing")

            // The page: rules, preview, and "run now" refused without the ticked confirmation.
            let session = f.headers(.dpo)
            let page = try await client.execute(uri: "/register/retention", method: .get, headers: session)
            #expect(page.status == .ok)
            #expect(page.text.contains("Relation usagers") && page.text.contains("dernier_contact"))
            #expect(page.text.contains("name=\"confirm\"") && page.text.contains("name=\"_csrf\""))
            let preview = try await client.form("/register/retention/preview", headers: session, [("_csrf", f.csrf(.dpo))])
            #expect(preview.status == .ok)
            #expect(preview.text.contains("<strong>2</strong>"), "\(preview.text.suffix(3000))")
            let unconfirmed = try await client.form("/register/retention/run", headers: session, [("_csrf", f.csrf(.dpo))])
            #expect(unconfirmed.status == .badRequest)
            #expect(try await f.store.revision(datasetId: d.id, number: 1)?.rowCount == 4)
            let noCSRF = try await client.form("/register/retention/run", headers: session, [("confirm", "1")])
            #expect(noCSRF.status == .forbidden)
            let ran = try await client.form("/register/retention/run", headers: session, [("_csrf", f.csrf(.dpo)), ("confirm", "1")])
            #expect(ran.status == .ok)
            #expect(try await f.store.dataset(slug: "contacts")?.currentRevision == 2)
            #expect(try await f.store.revision(datasetId: d.id, number: 1)?.rowCount == 2)

            let after = try await client.json("/api/v1/register/retention", headers: dpo)
            let runs = try #require(after.json["runs"] as? [[String: Any]])
            #expect(runs.count == 1)
            RegisterAPITests.conforms(after, "RetentionOverview")
            let again = try await client.json("/api/v1/register/retention/run", .post, headers: dpo)
            RegisterAPITests.conforms(again, "RetentionRun")
            #expect(again.json["rows"] as? Int == 0)
            let last = try await client.execute(uri: "/register/retention", method: .get, headers: session)
            let hash = try #require(((runs.first?["run"] as? [String: Any])?["outcomes"] as? [[String: Any]])?.first?["sha256"] as? String)
            #expect(last.text.contains(hash), "the proof is on the page")
        }
    }

    @Test("the schedule runs the rules once the last run is old enough, not before", arguments: Backend.all)
    func schedule(_ backend: Backend) async throws {
        let f = try await ServerFixture.make(backend)
        defer { Task { await f.close() } }
        let platform = Platform(store: f.store, secretsDirectory: f.configuration.secretsDirectory)
        let d = try await f.dataset("contacts", csv: Self.csv)
        var activity = ProcessingActivity(name: "Relation usagers", purpose: "")
        activity.retention = [RetentionRule(category: nil, duration: "P1Y", startEvent: "Dernier contact",
                                            dateColumns: [RetentionDateColumn(dataset: "contacts", column: "dernier_contact")])]
        _ = try await platform.register.createActivity(activity, organisation: "ville", by: .system("test"))
        let service = RetentionService(retention: platform.retention, interval: .seconds(86_400), logger: Logger(label: "test"))
        // A new instance is not purged at start: the first run comes an interval later.
        await service.runIfDue(startedAt: Date())
        #expect(try await platform.retention.runs(.system("test")).isEmpty)
        #expect(try await f.store.revision(datasetId: d.id, number: 1)?.rowCount == 4)
        await service.runIfDue(startedAt: Date().addingTimeInterval(-86_401))
        #expect(try await platform.retention.runs(.system("test")).count == 1)
        #expect(try await f.store.revision(datasetId: d.id, number: 1)?.rowCount == 2, "the two rows of 2001 and 2002 went")
        await service.runIfDue()
        #expect(try await platform.retention.runs(.system("test")).count == 1, "a day has not passed")
        await service.runIfDue(now: Date().addingTimeInterval(2 * 86_400))
        #expect(try await platform.retention.runs(.system("test")).count == 2)
        #expect(try await platform.retention.runs(.system("test")).first?.run.trigger == "schedule")
    }
}
