import Testing
import SocleCore
@testable import SoclePrivacy

@Suite struct CommuneExtractorTests {
    @Test(arguments: [
        ("12 rue des Lilas 14500 Vire", "14500 Vire"),
        ("12, rue X, 14500 VIRE NORMANDIE", "14500 Vire Normandie"),
        ("3 bis avenue du Général de Gaulle, 78100 SAINT-GERMAIN-EN-LAYE", "78100 Saint-Germain-en-Laye"),
        ("Mairie, Vire (14500)", "14500 Vire"),
        ("12 rue des Lilas, Vire 14500", "14500 Vire"),
        ("BP 12 - 14500 Vire Cedex 2", "14500 Vire"),
        ("5 allée des Pins\n33170 GRADIGNAN\nFrance", "33170 Gradignan"),
        ("Résidence Les Tilleuls Bât. B, appt 12, 69003 Lyon 3e", "69003 Lyon"),
        ("1 place de l'Hôtel de Ville 75004 Paris", "75004 Paris"),
        ("4 chemin du Moulin 33140 VILLENAVE-D'ORNON", "33140 Villenave-d'Ornon"),
        ("La Haie 50200 COUTANCES ; tél. 02 33 00 00 00", "50200 Coutances"),
        ("2 rue du 14 Juillet 14000 caen", "14000 Caen"),
        ("14500", "14500"),
        ("12 rue des Lilas Vire 14500", "14500"),
        ("Lot. Les Hauts, 97400 SAINT-DENIS", "97400 Saint-Denis"),
        ("8 rue Haute 62000 ARRAS   ", "62000 Arras"),
        ("10 RUE DE LA PAIX 14500 LE MESNIL-SUR-BLANGY", "14500 Le Mesnil-sur-Blangy"),
    ])
    func realisticAddresses(_ address: String, _ expected: String) throws {
        #expect(CommuneExtractor.extract(address) == expected)
    }

    @Test(arguments: ["12 rue des Lilas, Vire", "", "Tél 0231666000", "00123 Nulle-part", "99000 Étranger",
                      "123456 Vire"])
    func noPostcode(_ address: String) throws {
        #expect(CommuneExtractor.extract(address) == nil)
    }

    @Test func sameCommuneWhateverTheCase() throws {
        let input = AnonFixtures.single("adresse", .text, [
            .text("12 rue des Lilas 14500 Vire"), .text("1 rue Haute, 14500 VIRE"), .text("sans adresse"), .null,
        ])
        let r = try AnonFixtures.run(AnonymisationPlan(steps: [.generalise(column: "adresse", to: .commune)]), input)
        #expect(AnonFixtures.texts(r, column: "adresse") == ["14500 Vire", "14500 Vire", nil, nil])
        #expect(r.report.steps[0].valuesNulled == 1)
        #expect(r.report.steps[0].notes.map(\.code) == ["anonymisation.note.no_postcode"])
    }
}
