import Foundation
import Testing
import SocleCore
@testable import SoclePrivacy

@Suite struct HostileInputTests {
    static let hostile: [CellValue] = [
        .text(String(repeating: "14500 Vire ", count: 50_000)), .text("\u{0}\u{1}\u{7}12 rue\u{0B}14500\u{1B}Vire\r\n"),
        .text("𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👩‍👩‍👧 14500 ÉVREUX-🙂"), .integer(Int64.min), .number(.nan), .number(-.infinity),
        .bool(true), .text(""), .text("   "), .null, .text("99999-99-99"), .text(String(repeating: "9", count: 10_000)),
        .text("48.8,-0.8,48.8"), .text("1e308,1e308"), .text("\u{202E}2024-01-01"),
    ]

    @Test(arguments: [
        Generalisation.month, .year, .ageBand, .commune, .grid(metres: 10), .grid(metres: 100_000),
    ])
    func generalisationsNeverCrash(_ g: Generalisation) throws {
        let input = AnonFixtures.single("x", .text, Self.hostile)
        let r = try AnonFixtures.run(.init(steps: [.generalise(column: "x", to: g)]), input)
        #expect(r.rows.count == Self.hostile.count)
        for row in r.rows {
            if let t = row[0].text {
                #expect(t.count <= 200)
                #expect(!t.unicodeScalars.contains { CharacterSet.controlCharacters.contains($0) })
            }
        }
    }

    @Test func otherStepsNeverCrash() throws {
        let input = AnonFixtures.single("x", .text, Self.hostile)
        for steps: [AnonymisationStep] in [[.pseudonymise(column: "x")], [.suppressRare(column: "x", k: 2)],
                                           [.aggregate(groupBy: ["x"], sum: [], k: 2)], [.drop(column: "x")]] {
            _ = try AnonFixtures.run(.init(steps: steps), input)
        }
        let sums = AnonymisationInput(columns: [AnonFixtures.column("n", "n", .number)],
                                      rows: Self.hostile.map { [$0] }, verdicts: ["n": .public])
        let r = try AnonFixtures.run(.init(steps: [.aggregate(groupBy: [], sum: ["n"], k: 2)]), sums)
        #expect(r.rows.count == 1)
    }

    @Test func emptyAndOneRowTables() throws {
        let empty = AnonymisationInput(columns: AnonFixtures.ccas(rows: 0).columns, rows: [], verdicts: [:])
        let r = try AnonFixtures.run(.init(steps: [.drop(column: "nom"), .generalise(column: "adresse", to: .commune)]), empty)
        #expect(r.rows.isEmpty && r.report.rowsOut == 0)
        #expect(AnonFixtures.code {
            try AnonFixtures.run(.init(steps: [], kAnonymity: .init(k: 2, quasiIdentifiers: ["sexe"])), empty)
        } == "anonymisation.k_unreachable")
        let agg = try AnonFixtures.run(.init(steps: [.aggregate(groupBy: ["sexe"], sum: ["montant_aide"], k: 2)]), empty)
        #expect(agg.rows.isEmpty && agg.report.smallestGroupSize == nil)

        let one = AnonFixtures.ccas(rows: 1)
        #expect(AnonFixtures.code {
            try AnonFixtures.run(.init(steps: [], kAnonymity: .init(k: 2, quasiIdentifiers: ["sexe"])), one)
        } == "anonymisation.k_unreachable")
        let kept = try AnonFixtures.run(.init(steps: [.pseudonymise(column: "nom")]), one)
        #expect(kept.rows.count == 1)
        let noColumns = AnonymisationInput(columns: [], rows: [[], []], verdicts: [:])
        #expect(try AnonFixtures.run(.init(steps: []), noColumns).rows.count == 2)
    }

    @Test func malformedInputRefused() throws {
        let ragged = AnonymisationInput(columns: [AnonFixtures.column("a"), AnonFixtures.column("b")],
                                        rows: [[.text("1"), .text("2")], [.text("1")]], verdicts: [:])
        #expect(AnonFixtures.code { try AnonFixtures.run(.init(steps: []), ragged) } == "anonymisation.row_width")
        let twins = AnonymisationInput(columns: [AnonFixtures.column("a"), AnonFixtures.column("a")], rows: [], verdicts: [:])
        #expect(AnonFixtures.code { try AnonFixtures.run(.init(steps: []), twins) } == "anonymisation.duplicate_column")
        let huge = AnonymisationInput(columns: (0..<2_000).map { AnonFixtures.column("c\($0)") },
                                      rows: Array(repeating: [], count: 2_501), verdicts: [:])
        do {
            _ = try AnonFixtures.run(.init(steps: []), huge)
            Issue.record("expected too_large")
        } catch let e as SocleError {
            #expect(e.code == "anonymisation.too_large" && e.kind == .tooLarge)
        } catch { Issue.record("\(error)") }
    }

    @Test func hostileColumnNames() throws {
        let cols = AnonFixtures.ccas(rows: 1).columns
        for q in [String(repeating: "é", count: 100_000), "\u{0}", "💥", "../../etc/passwd", "nom\u{0}x"] {
            #expect(AnonFixtures.code { try Anonymiser.resolveColumn(q, in: cols) } != nil, "\(q.prefix(10))")
        }
        // Label folding ignores punctuation and control characters, as it ignores accents and case.
        #expect(try Anonymiser.resolveColumn("nom\u{0}", in: cols).name == "nom")
    }
}
