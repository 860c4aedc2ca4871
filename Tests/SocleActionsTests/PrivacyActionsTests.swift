import Foundation
import SocleActions
import SocleCore
import SocleIngest
import SoclePrivacy
import SocleTestSupport
import Testing

/// Scans at load, reviews that survive new revisions, the demo's personal dataset end to end.
@Suite("Privacy actions")
struct PrivacyActionsTests {
    static func load(_ t: TestStore, _ slug: String, _ csv: String) async throws {
        let file = try Paths.tempFile("\(slug).csv", Array(csv.utf8))
        _ = try await IngestAction(store: t.store).run(IngestRequest(file: file, datasetSlug: slug, options: ReaderOptions(displayName: "\(slug).csv")))
    }

    @Test("a new revision whose columns changed is re-reviewed for those columns only", arguments: Backend.all)
    func reReview(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        try await Self.load(t, "agents", "service;effectif;courriel\nVoirie;12;voirie@ville.fr\nÉcoles;30;ecoles@ville.fr\n")
        let privacy = PrivacyActions(store: t.store)
        var d = try #require(try await t.store.dataset(slug: "agents"))
        for c in ["service", "effectif", "courriel"] {
            _ = try await privacy.classify(d, column: c, as: .public, category: nil, by: .system("test"))
        }
        #expect(try await privacy.statuses(d)?.columns.allSatisfy { !$0.needsReview } == true)
        // Revision 2: `effectif` changed type (now text), `telephone` is new; `service` and `courriel` unchanged.
        try await Self.load(t, "agents", "service;effectif;courriel;telephone\nVoirie;douze;voirie@ville.fr;02 31 00 00 01\n")
        d = try #require(try await t.store.dataset(slug: "agents"))
        let columns = try #require(try await privacy.statuses(d)?.columns)
        let toReview = columns.filter(\.needsReview).map(\.name).sorted()
        #expect(toReview == ["effectif", "telephone"])
        #expect(columns.first { $0.name == "service" }?.review?.verdict == .public)
        // Every decision is audited.
        let entries = try await t.store.auditEntries(afterSeq: 0, limit: 100, actor: nil, action: "privacy.classify", objectType: nil)
        #expect(entries.count == 3)
    }

    @Test("many columns awaiting review make one blocker per suggested level, naming them; three or fewer, one each", arguments: Backend.all)
    func unreviewedColumnsGrouped(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        // The SCDL parking example: 30 columns, none reviewed, all suggested public.
        _ = try await IngestAction(store: t.store).run(IngestRequest(
            file: Paths.fixture("scdl/stationnement/exemple-valide_legacy-headers.csv"), datasetSlug: "parcs",
            options: ReaderOptions(displayName: "parcs.csv")))
        let d = try #require(try await t.store.dataset(slug: "parcs"))
        let privacy = PrivacyActions(store: t.store)
        let many = try await privacy.publicationBlockers(d)
        #expect(many.map(\.code) == ["publish.blocked.column_unreviewed_many_public"], "\(many.map(\.code))")
        ActionStrings.register()
        let text = try #require(many.first).message(.french)
        #expect(text.hasPrefix("31 colonnes n'ont pas été revues") && text.contains("«\u{00A0}id_park\u{00A0}»") && text.contains("« nb_places » (+23).".replacingOccurrences(of: " »", with: "\u{00A0}»").replacingOccurrences(of: "« ", with: "«\u{00A0}")) && text.hasSuffix("en une fois)."), "\(text)")
        // Reviewed down to three: one sentence per column again.
        let columns = try #require(try await privacy.statuses(d)?.columns)
        for c in columns.dropLast(3) { _ = try await privacy.classify(d, column: c.name, as: .public, category: nil, by: .system("test")) }
        let few = try await privacy.publicationBlockers(d)
        #expect(few.map(\.code) == Array(repeating: "publish.blocked.column_unreviewed_public", count: 3))
        #expect(few.map { $0.args["column"] ?? "" } == columns.suffix(3).map(\.name))
    }

    @Test("the demo's personal dataset: suggestions stored at load, publication refused, anonymised copy publishable", arguments: Backend.all)
    func demoFlow(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        _ = try await DemoTerritory(store: t.store).create()
        let d = try #require(try await t.store.dataset(slug: "beneficiaires-aides"))
        let privacy = PrivacyActions(store: t.store)
        let columns = try #require(try await privacy.statuses(d)?.columns)
        let suggested = Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0.suggestion?.verdict) })
        #expect(suggested["nom"] == .personal)
        #expect(suggested["nir"] == .sensitive)
        #expect(suggested["regime_alimentaire"] == .sensitive)
        #expect(suggested["montant"] == .public)
        let system = Principal.system("test")
        for c in columns { _ = try await privacy.classify(d, column: c.name, as: c.suggestion?.verdict ?? .public, category: nil, by: system) }
        let blockers = try await CatalogActions(store: t.store).publicationBlockers(d)
        #expect(blockers.contains { $0.code == "publish.blocked.column_sensitive" })
        let keys = FileManager.default.temporaryDirectory.appendingPathComponent("socle-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: keys) }
        let outcome = try await AnonymiseAction(store: t.store, keyDirectory: keys).run(AnonymiseRequest(
            source: "beneficiaires-aides", into: "aides-anonymes",
            drop: ["nom", "prenom", "telephone", "courriel", "nir", "regime_alimentaire"],
            generalise: ["date_de_naissance:age-band", "adresse:commune"], k: 5, quasi: ["date_de_naissance", "adresse"]), by: system)
        #expect(outcome.clearsPersonalData)
        #expect((outcome.smallestGroupSize ?? 0) >= 5)
        let derived = try #require(try await t.store.dataset(slug: "aides-anonymes"))
        #expect(try await privacy.publicationBlockers(derived).isEmpty)
        let lineage = try #require(try await PrivacyRecords(store: t.store).lineage(datasetId: derived.id))
        #expect(lineage.sourceDataset == "beneficiaires-aides")
        #expect(lineage.plan.steps.contains("drop nir"))
        // Aggregation: counts per aid, small cells suppressed.
        let agg = try await AnonymiseAction(store: t.store, keyDirectory: keys).run(AnonymiseRequest(
            source: "beneficiaires-aides", into: "aides-par-type", aggregateBy: ["aide"], sum: ["montant"]), by: system)
        #expect(agg.rowsOut == 4)
        // A pseudonymised identifier keeps the result personal: not publishable.
        let pseudo = try await AnonymiseAction(store: t.store, keyDirectory: keys).run(AnonymiseRequest(
            source: "beneficiaires-aides", into: "aides-pseudo", drop: ["nom", "prenom", "telephone", "courriel", "regime_alimentaire",
                                                                        "date_de_naissance", "adresse"],
            pseudonymise: ["nir"]), by: system)
        #expect(!pseudo.clearsPersonalData)
        let p = try #require(try await t.store.dataset(slug: "aides-pseudo"))
        #expect(try await privacy.publicationBlockers(p).contains { $0.code == "publish.blocked.lineage.pseudonymised" })
        #expect(FileManager.default.fileExists(atPath: keys.appendingPathComponent("pseudonymisation.key").path))
    }
}
