import Testing
import SocleCore
@testable import SoclePrivacy

@Suite struct ColumnResolutionTests {
    let columns = AnonFixtures.ccas(rows: 1).columns

    @Test(arguments: [
        ("date_de_naissance", "date_de_naissance"), ("Date de naissance", "date_de_naissance"),
        ("DATE DE NAISSANCE", "date_de_naissance"), ("date de naissance", "date_de_naissance"),
        ("prénom", "prenom"), ("Prenom", "prenom"), ("  Nom ", "nom"), ("montant de l’aide", "montant_aide"),
        ("QUOTIENT_FAMILIAL", "quotient_familial"),
    ])
    func byNameOrLabel(_ query: String, _ name: String) throws {
        #expect(try Anonymiser.resolveColumn(query, in: columns).name == name)
    }

    @Test func unknownSuggestsClosest() throws {
        do {
            _ = try Anonymiser.resolveColumn("date naissance", in: columns)
            Issue.record("expected an error")
        } catch let e as SocleError {
            #expect(e.code == "anonymisation.column_unknown")
            #expect(e.kind == .invalidInput)
            #expect(e.args["suggestions"]?.hasPrefix("date_de_naissance") == true)
            #expect(e.location?.column == "date naissance")
            let fr = e.message(.french)
            #expect(fr.contains("date_de_naissance") && fr.contains("Vouliez-vous dire"))
        } catch { Issue.record("\(error)") }
        #expect(AnonFixtures.code { try Anonymiser.resolveColumn("zzzzzz", in: columns) }
                == "anonymisation.column_unknown_no_suggestion")
        #expect(AnonFixtures.code { try Anonymiser.resolveColumn("", in: columns) }
                == "anonymisation.column_unknown_no_suggestion")
    }

    @Test func ambiguousLabel() throws {
        let cols = [AnonFixtures.column("nom", "Nom"), AnonFixtures.column("nom_2", "NOM")]
        #expect(try Anonymiser.resolveColumn("nom_2", in: cols).name == "nom_2")
        #expect(AnonFixtures.code { try Anonymiser.resolveColumn("Nom ", in: cols) } == nil)
        let twins = [AnonFixtures.column("a", "Nom"), AnonFixtures.column("b", "NOM")]
        #expect(AnonFixtures.code { try Anonymiser.resolveColumn("nom", in: twins) } == "anonymisation.column_ambiguous")
    }

    @Test func planStepsRecordResolvedNames() throws {
        let r = try AnonFixtures.run(AnonymisationPlan(steps: [
            .drop(column: "Nom"), .drop(column: "Prénom"), .generalise(column: "Date de naissance", to: .year),
        ]), AnonFixtures.ccas())
        #expect(r.report.steps.map(\.step) == [
            .drop(column: "nom"), .drop(column: "prenom"), .generalise(column: "date_de_naissance", to: .year),
        ])
    }

    @Test func conflictingStepsRefused() throws {
        let input = AnonFixtures.ccas(rows: 3)
        let conflicting: [[AnonymisationStep]] = [
            [.drop(column: "nom"), .pseudonymise(column: "Nom")],
            [.drop(column: "nom"), .drop(column: "nom")],
            [.pseudonymise(column: "nom"), .generalise(column: "nom", to: .commune)],
            [.generalise(column: "date_de_naissance", to: .year), .generalise(column: "Date de naissance", to: .month)],
            [.suppressRare(column: "sexe", k: 3), .suppressRare(column: "sexe", k: 5)],
            [.aggregate(groupBy: ["sexe"], sum: ["quotient_familial"], k: 5), .drop(column: "sexe")],
            [.aggregate(groupBy: ["quotient_familial"], sum: ["quotient_familial"], k: 5)],
        ]
        for steps in conflicting {
            #expect(AnonFixtures.code { try AnonFixtures.run(AnonymisationPlan(steps: steps), input) }
                    == "anonymisation.step_conflict", "\(steps)")
        }
        // Compatible: generalise, then suppress rare values and group by the same column.
        #expect(AnonFixtures.code {
            try AnonFixtures.run(AnonymisationPlan(steps: [
                .generalise(column: "date_de_naissance", to: .ageBand), .suppressRare(column: "date_de_naissance", k: 2),
                .aggregate(groupBy: ["date_de_naissance"], sum: [], k: 2),
            ]), input)
        } == nil)
    }

    @Test func otherPlanErrors() throws {
        let input = AnonFixtures.ccas(rows: 3)
        let cases: [(AnonymisationPlan, String)] = [
            (.init(steps: [.generalise(column: "quotient_familial", to: .month)]), "anonymisation.generalise_type"),
            (.init(steps: [.generalise(column: "date_de_naissance", to: .commune)]), "anonymisation.generalise_type"),
            (.init(steps: [.suppressRare(column: "sexe", k: 1)]), "anonymisation.k_range"),
            (.init(steps: [.aggregate(groupBy: ["sexe"], sum: ["nom"], k: 5)]), "anonymisation.sum_type"),
            (.init(steps: [.aggregate(groupBy: ["sexe"], sum: [], k: 5), .aggregate(groupBy: [], sum: [], k: 5)]),
             "anonymisation.aggregate_twice"),
            (.init(steps: [.drop(column: "sexe")], kAnonymity: .init(k: 5, quasiIdentifiers: ["Sexe"])),
             "anonymisation.quasi_dropped"),
            (.init(steps: [], kAnonymity: .init(k: 5, quasiIdentifiers: [])), "anonymisation.quasi_empty"),
            (.init(steps: [], kAnonymity: .init(k: 0, quasiIdentifiers: ["sexe"])), "anonymisation.k_range"),
            (.init(steps: [.drop(column: "nom_de_famille")]), "anonymisation.column_unknown"),
        ]
        for (plan, code) in cases {
            #expect(AnonFixtures.code { try AnonFixtures.run(plan, input) } == code, "\(plan)")
        }
    }

    @Test func cliGeneraliseItems() throws {
        #expect(try AnonymisationStep.generalise(parsing: "date_naissance:age-band")
                == .generalise(column: "date_naissance", to: .ageBand))
        #expect(try AnonymisationStep.generalise(parsing: "Date de la demande:month")
                == .generalise(column: "Date de la demande", to: .month))
        #expect(try AnonymisationStep.generalise(parsing: "position:grid:200")
                == .generalise(column: "position", to: .grid(metres: 200)))
        #expect(try AnonymisationStep.generalise(parsing: "adresse:COMMUNE") == .generalise(column: "adresse", to: .commune))
        #expect(AnonFixtures.code { try AnonymisationStep.generalise(parsing: "adresse") } == "anonymisation.generalise_syntax")
        #expect(AnonFixtures.code { try AnonymisationStep.generalise(parsing: ":year") } == "anonymisation.generalise_syntax")
        #expect(AnonFixtures.code { try AnonymisationStep.generalise(parsing: "a:decade") }
                == "anonymisation.generalisation_unknown")
    }
}
