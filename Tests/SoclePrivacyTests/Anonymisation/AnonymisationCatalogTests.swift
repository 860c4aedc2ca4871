import Foundation
import Testing
import SocleCore
@testable import SoclePrivacy

@Suite struct AnonymisationCatalogTests {
    /// Every key the engine can emit, with its placeholders.
    static let keys: [String] = [
        "column_unknown", "column_unknown_no_suggestion", "column_ambiguous", "duplicate_column", "row_width",
        "too_large", "generalisation_unknown", "generalise_syntax", "grid_size", "generalise_type", "step_conflict",
        "k_range", "aggregate_twice", "sum_type", "quasi_dropped", "quasi_empty", "secret_too_short", "k_unreachable",
        "note.birth_in_future", "note.too_old", "note.not_a_birth_date", "note.not_a_date", "note.no_postcode",
        "note.not_a_point", "note.rare_values", "note.small_groups", "note.sum_ignored", "note.sum_overflow",
        "note.k_raised", "note.column_generalised", "note.column_pseudonymised", "column.count", "column.sum",
        "check.unclassified", "check.dropped", "check.summed", "check.aggregated_away", "check.grouped",
        "check.generalised", "check.pseudonymised", "check.k_protected", "check.sensitive_kept", "check.rare_only",
        "check.kept", "check.k_aggregate", "check.k_reached", "check.quasi_covered", "check.quasi_missing",
        "check.no_quasi_identifiers", "check.k_not_verified", "check.geo_sources_dropped", "check.geo_sources_kept",
    ].map { "anonymisation.\($0)" }

    @Test func everyKeyInBothLanguagesWithTheSamePlaceholders() throws {
        Anonymiser.registerCatalog()
        for key in Self.keys {
            let fr = try #require(Catalog.shared.template(key, language: .french), "\(key)")
            let en = try #require(Catalog.shared.template(key, language: .english), "\(key)")
            #expect(Self.placeholders(fr) == Self.placeholders(en), "\(key)")
            #expect(fr != en || key.hasSuffix("column.count"), "\(key) not translated")
        }
    }

    @Test func emittedCodesAreKnown() throws {
        let known = Set(Self.keys)
        let inputs = [AnonFixtures.ccas(rows: 60)]
        let plans: [AnonymisationPlan] = [
            .init(steps: []),
            .init(steps: [.pseudonymise(column: "nom"), .suppressRare(column: "prenom", k: 3),
                          .generalise(column: "date_de_naissance", to: .ageBand), .generalise(column: "adresse", to: .commune)],
                  kAnonymity: .init(k: 2, quasiIdentifiers: ["date_de_naissance", "sexe"])),
            .init(steps: [.aggregate(groupBy: ["sexe"], sum: ["quotient_familial", "montant_aide"], k: 5)]),
        ]
        for input in inputs {
            for plan in plans {
                let r = try AnonFixtures.run(plan, input)
                let codes = r.report.checks.map(\.notice.code) + r.report.steps.flatMap { $0.notes.map(\.code) }
                    + r.columns.flatMap { $0.evidence.notes.map(\.code) }
                for c in codes { #expect(known.contains(c), "\(c)") }
            }
        }
    }

    static func placeholders(_ s: String) -> Set<String> {
        var out = Set<String>()
        var current: String?
        for ch in s {
            if ch == "{" { current = "" } else if ch == "}", let c = current { out.insert(c); current = nil } else { current?.append(ch) }
        }
        return out
    }
}
