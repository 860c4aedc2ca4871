import Foundation
import SocleActions
import SocleCore
import Testing

/// The recorded plan read back: sentences for the pages, codes for the API, the request for a re-run.
@Suite("Lineage steps")
struct LineageStepsTests {
    @Test("every recorded step reads back as a French sentence and rebuilds the same request")
    func roundTrip() throws {
        let json = """
        {"revision": 1, "sourceDataset": "beneficiaires", "sourceRevision": 3, "report": "{}", "clearsPersonalData": false,
         "createdBy": "user:2", "createdAt": 0, "plan": {"k": 5, "quasiIdentifiers": ["adresse", "date_de_naissance"],
         "steps": ["drop nom", "pseudonymise nir", "generalise adresse:commune", "generalise position:grid:200",
                   "suppress-rare quartier:5", "k-anonymity k=5 over adresse, date_de_naissance"]}}
        """
        let lineage = try JSONDecoder().decode(DatasetLineage.self, from: Data(json.utf8))
        let steps = lineage.plan.parsedSteps
        #expect(steps.map(\.code) == ["drop", "pseudonymise", "generalise", "generalise", "suppress_rare", "k_anonymity"])
        let fr = steps.map { $0.sentence(.french, labels: ["nom": "Nom", "adresse": "Adresse"]) }
        #expect(fr[0] == "colonne « Nom » supprimée")
        #expect(fr[2] == "« Adresse » généralisée à la commune (code postal et commune)")
        #expect(fr[3] == "« position » ramenée à un carreau de 200 m")
        #expect(fr[5].contains("k = 5") && fr[5].contains("« date_de_naissance »"))
        #expect(steps[0].sentence(.english) == "column “nom” dropped")
        let r = AnonymiseRequest(rerunning: lineage, into: "derive")
        #expect(r.source == "beneficiaires" && r.into == "derive")
        #expect(r.drop == ["nom"] && r.pseudonymise == ["nir"])
        #expect(r.generalise == ["adresse:commune", "position:grid:200"])
        #expect(r.suppressRare == ["quartier:5"])
        #expect(r.k == 5 && r.quasi == ["adresse", "date_de_naissance"])
    }

    @Test("an aggregation step reads back with its groups, sums and k; an unknown line stays verbatim")
    func aggregate() {
        #expect(LineageStep.parse("aggregate by aide, commune sum montant, groups under 5 suppressed")
                == .aggregate(by: ["aide", "commune"], sum: ["montant"], k: 5))
        #expect(LineageStep.parse("aggregate by aide, groups under 3 suppressed") == .aggregate(by: ["aide"], sum: [], k: 3))
        #expect(LineageStep.parse("quelque chose") == .other("quelque chose"))
    }
}
