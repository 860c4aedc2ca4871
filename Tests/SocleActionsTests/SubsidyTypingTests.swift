import Foundation
import SocleActions
import SocleCore
import SocleIngest
import SocleStore
import SocleTestSupport
import Testing

/// A subsidy file as a finance software exports it (SCDL "subventions" rows, `;`, CRLF, BOM,
/// amounts with `€`/`euros` and no-break spaces, `NC` markers, SIRETs, the authority's SIRET as
/// a float): loaded end to end with the types and formats a person would choose, on both backends.
@Suite("Subsidy file typing (null markers, formats)")
struct SubsidyTypingTests {
    static let file = Paths.fixture("scdl/subventions/export_logiciel_finances.csv")

    @Test("types, formats, units and nulls as a person would choose them", arguments: Backend.all)
    func subsidyExport(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let report = try await IngestAction(store: t.store).run(IngestRequest(
            file: Self.file, datasetSlug: "subventions", options: ReaderOptions(displayName: "export_logiciel_finances.csv")))
        #expect(report.rows == 29)
        func col(_ label: String) throws -> IngestReport.Column { try #require(report.columns.first { $0.label == label }) }

        let attribuant = try col("idAttribuant")
        #expect(attribuant.type == .code)
        #expect(attribuant.format.semantic == "siret")
        #expect(attribuant.format.dropsDecimalZero == true)
        let beneficiaire = try col("idBeneficiaire")
        #expect(beneficiaire.type == .code)
        #expect(beneficiaire.format.semantic == "siret")
        #expect(beneficiaire.evidence.nulls > 0)
        let rna = try col("rnaBeneficiaire")
        #expect(rna.format.semantic == "code_rna")
        #expect(rna.type == .code)
        let montant = try col("montant")
        #expect(montant.type == .number)
        #expect(montant.format.semantic == "montant")
        #expect(montant.format.unit == "EUR")
        #expect(montant.evidence.nulls == 2)
        #expect(montant.evidence.notes.contains { $0.contains("comptée(s) comme vide(s)") || $0.contains("read as null") }, "\(montant.evidence.notes)")
        let date = try col("dateConvention")
        #expect(date.type == .date && date.format.semantic == "date_fr")
        let pct = try col("pourcentageSubvention")
        #expect(pct.type == .number && pct.format.unit == "%")
        #expect(try col("notificationUE").type == .boolean)

        let d = try #require(try await t.store.dataset(slug: "subventions"))
        let rev = try #require(try await t.store.revision(datasetId: d.id, number: 1))
        #expect(rev.columns.map(\.format) == report.columns.map(\.format), "formats and units are stored with the revision")
        #expect(rev.columns.map(\.type) == report.columns.map(\.type))
        let page = try await t.store.readRows(rev, limit: 29, offset: 0)
        let names = page.columns.map(\.name)
        let idA = try #require(names.firstIndex(of: attribuant.name))
        let idB = try #require(names.firstIndex(of: beneficiaire.name))
        let amount = try #require(names.firstIndex(of: montant.name))
        #expect(page.rows[0][idA] == .text("21060004500392"), "the float's .0 is gone")
        #expect(page.rows[0][idB] == .text("52499120500013"))
        #expect(page.rows[0][amount] == .number(99_786.57))
        #expect(page.rows[1][idB] == .null, "NC is stored as null")
        #expect(page.rows[3][amount] == .null)
        #expect(page.rows[2][amount] == .number(113_000), "« 113 000 euros »")
    }

    @Test("a dataset's own null markers: refused when unusable, kept for the next load", arguments: Backend.all)
    func datasetMarkers(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let csv = "n;montant\n1;12\n2;à venir\n3;30\n"
        let file = try Paths.tempFile("m.csv", Array(csv.utf8))
        var options = ReaderOptions(displayName: "m.csv")
        options.nullMarkers = ["a@b"]
        await #expect(throws: SocleError.self) {
            try await IngestAction(store: t.store).run(IngestRequest(file: file, datasetSlug: "marqueurs", options: options))
        }
        #expect(try await t.store.dataset(slug: "marqueurs") == nil, "nothing loaded")
        options.nullMarkers = ["à venir"]
        let first = try await IngestAction(store: t.store).run(IngestRequest(file: file, datasetSlug: "marqueurs", options: options))
        #expect(first.columns[1].type == .integer)
        // The next load gives no list: the dataset's is used again.
        let second = try await IngestAction(store: t.store).run(IngestRequest(
            file: file, datasetSlug: "marqueurs", options: ReaderOptions(displayName: "m.csv")))
        #expect(second.columns[1].type == .integer)
        #expect(second.columns[1].format.nullMarkers == ["à venir"])
    }
}
