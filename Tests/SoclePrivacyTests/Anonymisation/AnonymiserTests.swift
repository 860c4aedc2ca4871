import Foundation
import Testing
import SocleCore
@testable import SoclePrivacy

@Suite struct AnonymiserTests {
    /// The typical CCAS plan: drop names, age bands, communes, quotient kept as a number, k = 5.
    @Test func typicalPlanClears() throws {
        var input = AnonFixtures.ccas(rows: 200)
        input.verdicts["quotient_familial"] = .public
        let plan = AnonymisationPlan(steps: [
            .drop(column: "nom"), .drop(column: "Prénom"), .generalise(column: "date_de_naissance", to: .ageBand),
            .generalise(column: "adresse", to: .commune), .generalise(column: "date_demande", to: .month),
        ], kAnonymity: .init(k: 5, quasiIdentifiers: ["date_de_naissance", "sexe", "adresse", "date_demande"]))
        let r = try AnonFixtures.run(plan, input)
        #expect(r.columns.map(\.name) == ["date_de_naissance", "sexe", "adresse", "quotient_familial", "montant_aide",
                                          "date_demande"])
        #expect(r.columns[0].type == .code && r.columns[0].label == "Date de naissance")
        #expect(r.columns[2].type == .code)
        let k = try #require(r.report.kAnonymity)
        #expect(k.smallestGroupBefore < 5)
        #expect(try #require(r.report.smallestGroupSize) >= 5)
        #expect(r.report.rowsOut == 200 - k.rowsSuppressed && r.rows.count == r.report.rowsOut)
        #expect(r.report.rowsIn == 200)
        #expect(r.report.failedChecks.isEmpty, "\(r.report.failedChecks.map(\.notice))")
        #expect(r.report.clearsPersonalData)
        #expect(r.report.smallestGroups?.count ?? 0 <= 3)
        #expect(r.report.smallestGroups?.first?.count == 4)
        // Every published combination really is shared by at least 5 rows.
        var counts: [[String?]: Int] = [:]
        for row in r.rows { counts[[row[0].text, row[1].text, row[2].text, row[5].text], default: 0] += 1 }
        #expect(counts.values.allSatisfy { $0 >= 5 })
        // No raw value of the source survives in the rebuilt evidence.
        #expect(r.columns.allSatisfy { $0.evidence.counterExamples.isEmpty })
        #expect(r.report.steps[0].valuesChanged == 200)
    }

    @Test func kUnreachableProducesNothing() throws {
        let input = AnonFixtures.ccas(rows: 12)
        let plan = AnonymisationPlan(steps: [.drop(column: "nom"), .drop(column: "prenom")],
                                     kAnonymity: .init(k: 5, quasiIdentifiers: ["date_de_naissance", "adresse"]))
        do {
            _ = try AnonFixtures.run(plan, input)
            Issue.record("expected k_unreachable")
        } catch let e as SocleError {
            #expect(e.code == "anonymisation.k_unreachable")
            #expect(e.args["smallest"] == "1" && e.args["k"] == "5" && e.args["rows"] == "12")
            #expect(e.message(.french).contains("k = 5"))
            #expect(e.message(.english).contains("nothing was produced"))
        } catch { Issue.record("\(error)") }
    }

    @Test func kSuppressesSmallGroupsOnly() throws {
        let sexes = ["F", "F", "F", "M", "M", "M", "X"]
        let input = AnonymisationInput(columns: [AnonFixtures.column("sexe", "Sexe", .code)],
                                       rows: sexes.map { [.text($0)] }, verdicts: ["sexe": .public])
        let r = try AnonFixtures.run(.init(steps: [], kAnonymity: .init(k: 3, quasiIdentifiers: ["sexe"])), input)
        #expect(AnonFixtures.texts(r, column: "sexe") == ["F", "F", "F", "M", "M", "M"])
        #expect(r.report.kAnonymity?.rowsSuppressed == 1 && r.report.kAnonymity?.groupsSuppressed == 1)
        #expect(r.report.smallestGroupSizeBefore == 1 && r.report.smallestGroupSize == 3)
        #expect(r.report.smallestGroups == [["F"], ["M"]])
        #expect(r.report.clearsPersonalData)
    }

    @Test func suppressRare() throws {
        let names = ["Léa", "Léa", "Léa", "Emma", "Emma", "Emma", "Zéphyrine", "Anatole", nil]
        let input = AnonFixtures.single("prenom", .text, names.map(AnonFixtures.t))
        let r = try AnonFixtures.run(.init(steps: [.suppressRare(column: "prenom", k: 3)]), input)
        #expect(AnonFixtures.texts(r, column: "prenom") == ["Léa", "Léa", "Léa", "Emma", "Emma", "Emma", nil, nil, nil])
        #expect(r.report.steps[0].valuesNulled == 2)
        #expect(r.report.steps[0].notes.first?.args["distinct"] == "2")
        // A personal column only rid of its rare values is not cleared.
        #expect(r.report.checks.contains { $0.notice.code == "anonymisation.check.rare_only" && !$0.passed })
        #expect(!r.report.clearsPersonalData)
    }

    /// Newborns' first names (GDPR.md §7): counts per name, names given fewer than 5 times withheld.
    @Test func aggregateWithSmallCells() throws {
        let births: [(String, String, Int64)] = [
            ("Léa", "F", 3), ("Léa", "F", 4), ("Léa", "F", 3), ("Léa", "F", 2), ("Léa", "F", 5),
            ("Gabriel", "M", 3), ("Gabriel", "M", 3), ("Gabriel", "M", 3), ("Gabriel", "M", 3), ("Gabriel", "M", 4),
            ("Gabriel", "M", 1), ("Ysaline", "F", 4),
        ]
        let input = AnonymisationInput(
            columns: [AnonFixtures.column("prenom", "Prénom"), AnonFixtures.column("sexe", "Sexe", .code),
                      AnonFixtures.column("poids", "Poids (kg)", .integer)],
            rows: births.map { [.text($0.0), .text($0.1), .integer($0.2)] },
            verdicts: ["prenom": .personal, "sexe": .public, "poids": .personal])
        let r = try AnonFixtures.run(.init(steps: [.aggregate(groupBy: ["Prénom", "sexe"], sum: ["poids"], k: 5)]), input)
        #expect(r.columns.map(\.name) == ["prenom", "sexe", "count", "sum_poids"])
        #expect(r.columns[2].label == "Effectif" && r.columns[3].label == "Somme de Poids (kg)")
        #expect(r.columns[3].type == .integer)
        #expect(r.rows == [[.text("Gabriel"), .text("M"), .integer(6), .integer(17)],
                           [.text("Léa"), .text("F"), .integer(5), .integer(17)]])
        let step = r.report.steps[0]
        #expect(step.groupsSuppressed == 1 && step.rowsSuppressed == 1)
        #expect(r.report.smallestGroupSize == 5 && r.report.smallestGroupSizeBefore == 1)
        #expect(r.report.checks.contains { $0.notice.code == "anonymisation.check.grouped" && $0.passed })
        #expect(r.report.checks.contains { $0.notice.code == "anonymisation.check.summed" && $0.passed })
        #expect(r.report.clearsPersonalData)
    }

    @Test func aggregateOverflowAndNames() throws {
        let input = AnonymisationInput(
            columns: [AnonFixtures.column("count", "count", .code), AnonFixtures.column("n", "n", .integer)],
            rows: [[.text("a"), .integer(Int64.max)], [.text("a"), .integer(Int64.max)], [.text("a"), .text("oops")]],
            verdicts: ["count": .public, "n": .public])
        let r = try AnonFixtures.run(.init(steps: [.aggregate(groupBy: ["count"], sum: ["n"], k: 2)]), input)
        #expect(r.columns.map(\.name) == ["count", "count_2", "sum_n"])
        #expect(r.columns[2].type == .number)
        #expect(r.rows.first?[1] == .integer(3))
        let codes = r.report.steps[0].notes.map(\.code)
        #expect(codes.contains("anonymisation.note.sum_overflow") && codes.contains("anonymisation.note.sum_ignored"))
    }

    @Test func kWithAggregateRaisesItsThreshold() throws {
        let input = AnonymisationInput(columns: [AnonFixtures.column("sexe", "Sexe", .code)],
                                       rows: (0..<9).map { [.text($0 < 6 ? "F" : "M")] }, verdicts: ["sexe": .public])
        let r = try AnonFixtures.run(.init(steps: [.aggregate(groupBy: ["sexe"], sum: [], k: 3)],
                                           kAnonymity: .init(k: 4, quasiIdentifiers: ["sexe"])), input)
        #expect(r.rows == [[.text("F"), .integer(6)]])
        #expect(r.report.kAnonymity?.k == 4)
    }

    @Test func checksExplainWhyNotCleared() throws {
        let input = AnonFixtures.ccas(rows: 30)
        // Nothing done: every personal column is reported, k not verified over the quasi-identifier-like columns.
        let r = try AnonFixtures.run(.init(steps: []), input)
        let failed = r.report.failedChecks
        #expect(Set(failed.filter { $0.kind == .personalColumn }.compactMap(\.column))
                == ["nom", "prenom", "date_de_naissance", "adresse", "quotient_familial"])
        let k = try #require(failed.first { $0.notice.code == "anonymisation.check.k_not_verified" })
        #expect(k.notice.args["columns"]?.contains("sexe") == true)
        #expect(k.notice.args["columns"]?.contains("date_demande") == true)
        #expect(k.notice.args["smallest"] == "1")
        #expect(!r.report.clearsPersonalData)
        #expect(r.report.smallestGroupSize == nil)
    }

    @Test func quasiIdentifierLeftOutFails() throws {
        let input = AnonFixtures.ccas(rows: 300)
        let r = try AnonFixtures.run(.init(steps: [
            .drop(column: "nom"), .drop(column: "prenom"), .drop(column: "adresse"), .drop(column: "date_demande"),
            .generalise(column: "date_de_naissance", to: .ageBand), .drop(column: "quotient_familial"),
        ], kAnonymity: .init(k: 5, quasiIdentifiers: ["date_de_naissance"])), input)
        let missing = try #require(r.report.checks.first { $0.kind == .quasiIdentifiers })
        #expect(!missing.passed && missing.notice.args["columns"] == "sexe")
        #expect(!r.report.clearsPersonalData)
    }

    @Test func unclassifiedColumnBlocks() throws {
        var input = AnonFixtures.single("code_quartier", .code, [.text("A"), .text("A")], level: .public)
        input.verdicts = [:]
        let r = try AnonFixtures.run(.init(steps: []), input)
        #expect(r.report.checks.contains { $0.kind == .classification && !$0.passed })
        #expect(!r.report.clearsPersonalData)
        let dropped = try AnonFixtures.run(.init(steps: [.drop(column: "code_quartier")]), input)
        #expect(dropped.report.clearsPersonalData && dropped.columns.isEmpty && dropped.rows.count == 2)
    }

    @Test func sensitiveColumnIsNotClearedByK() throws {
        let input = AnonymisationInput(
            columns: [AnonFixtures.column("handicap", "Handicap", .code), AnonFixtures.column("sexe", "Sexe", .code)],
            rows: (0..<10).map { [.text($0 % 2 == 0 ? "oui" : "non"), .text("F")] },
            verdicts: ["handicap": .sensitive, "sexe": .public])
        let r = try AnonFixtures.run(.init(steps: [], kAnonymity: .init(k: 5, quasiIdentifiers: ["handicap", "sexe"])), input)
        #expect(r.report.checks.contains { $0.notice.code == "anonymisation.check.sensitive_kept" && !$0.passed })
        #expect(!r.report.clearsPersonalData)
        let counted = try AnonFixtures.run(.init(steps: [.aggregate(groupBy: ["handicap"], sum: [], k: 5)]), input)
        #expect(counted.report.clearsPersonalData)
    }

    @Test func blankAndNullFormOneGroup() throws {
        let input = AnonFixtures.single("quartier", .code, [.text("  "), .null, .text(""), .text("Centre"), .text("Centre")],
                                        level: .public)
        let r = try AnonFixtures.run(.init(steps: [.aggregate(groupBy: ["quartier"], sum: [], k: 2)]), input)
        #expect(r.rows == [[.null, .integer(3)], [.text("Centre"), .integer(2)]])
    }

    @Test func sameInputSameOutput() throws {
        let plan = AnonymisationPlan(steps: [
            .pseudonymise(column: "nom"), .generalise(column: "date_de_naissance", to: .ageBand),
            .generalise(column: "adresse", to: .commune), .suppressRare(column: "prenom", k: 4),
        ], kAnonymity: .init(k: 3, quasiIdentifiers: ["date_de_naissance", "sexe"]))
        let a = try AnonFixtures.run(plan, AnonFixtures.ccas(rows: 120))
        let b = try AnonFixtures.run(plan, AnonFixtures.ccas(rows: 120))
        #expect(a.rows == b.rows && a.columns == b.columns && a.report == b.report)
    }

    @Test func planAndReportRoundTripAsJSON() throws {
        let plan = AnonymisationPlan(steps: [
            .drop(column: "nom"), .generalise(column: "position", to: .grid(metres: 200)),
            .aggregate(groupBy: ["a"], sum: ["b"], k: 5), .suppressRare(column: "c", k: 3), .pseudonymise(column: "d"),
        ], kAnonymity: .init(quasiIdentifiers: ["a"]))
        let data = try JSONEncoder().encode(plan)
        #expect(String(decoding: data, as: UTF8.self).contains("\"grid:200\""))
        #expect(try JSONDecoder().decode(AnonymisationPlan.self, from: data) == plan)
        let r = try AnonFixtures.run(.init(steps: [.generalise(column: "naissance", to: .ageBand)]),
                                     AnonFixtures.single("naissance", .date, [.text("1990-01-01")]))
        let back = try JSONDecoder().decode(AnonymisationReport.self, from: JSONEncoder().encode(r.report))
        #expect(back == r.report)
        #expect(plan.kAnonymity?.k == 5)
    }
}
