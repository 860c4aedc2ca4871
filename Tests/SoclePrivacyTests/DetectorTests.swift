import Testing
import SocleCore
@testable import SoclePrivacy

@Suite struct DetectorTests {
    static let expected: [String: (PrivacyLevel, DataCategory?)] = [
        "Nom": (.personal, .identity), "Prénom": (.personal, .identity), "Date de naissance": (.personal, .birthDate),
        "NIR": (.sensitive, .nir), "Code interne": (.public, nil), "IBAN": (.personal, .bankDetails),
        "Téléphone": (.personal, .phone), "Courriel": (.personal, .email), "Immatriculation": (.personal, .licensePlate),
        "Adresse": (.personal, .postalAddress), "Régime": (.sensitive, .religiousBelief),
        "Observations": (.sensitive, .health), "Commune": (.public, nil), "Code postal": (.public, nil), "Classe": (.public, nil),
    ]

    @Test func syntheticPeopleTable() {
        var gen = SyntheticPeople()
        let table = gen.table(rows: 300)
        let verdicts = ColumnDetector.detect(table: table.labels, rows: table.rows)
        for (label, verdict) in zip(table.labels, verdicts) {
            let want = Self.expected[label]!
            #expect(verdict.verdict == want.0, "\(label): \(verdict.verdict) \(String(describing: verdict.category))")
            #expect(verdict.category == want.1, "\(label): \(String(describing: verdict.category))")
            if verdict.verdict != .public {
                #expect(verdict.confidence >= 0.5, "\(label)")
                #expect(!verdict.evidence.signals.isEmpty)
                #expect(verdict.evidence.examples.count <= 3)
            }
        }
        let decoy = verdicts[table.labels.firstIndex(of: "Code interne")!]
        #expect(decoy.evidence.signals.contains { $0.code == "privacy.signal.nir_key_failed" })
    }

    @Test func examplesAreMasked() {
        var gen = SyntheticPeople()
        let table = gen.table(rows: 50)
        let verdicts = ColumnDetector.detect(table: table.labels, rows: table.rows)
        let raw = Set(table.rows.flatMap { $0.compactMap { $0 } })
        for v in verdicts { for e in v.evidence.examples { #expect(!raw.contains(e), "unmasked example \(e)") } }
    }

    @Test func valuesAloneWithoutHeaders() {
        var gen = SyntheticPeople(seed: 7)
        let rows: [[String?]] = (0..<200).map { _ in
            [gen.nir(), gen.iban(), gen.phone(), gen.plate(), gen.pick(SyntheticPeople.firstNames), "192.168.\(gen.next(255)).\(gen.next(255))"]
        }
        let labels = ["c1", "c2", "c3", "c4", "c5", "c6"]
        let v = ColumnDetector.detect(table: labels, rows: rows)
        #expect(v.map(\.category) == [.nir, .bankDetails, .phone, .licensePlate, .identity, .ipAddress])
        #expect(v[0].verdict == .sensitive)
    }

    @Test func streetNamesCalledNomAreNotPeople() {
        let streets = ["Rue de la Paix", "Avenue Foch", "Boulevard Voltaire", "Place Bellecour", "Chemin des Vignes",
                       "Impasse du Moulin", "Allée des Tilleuls", "Route de Lyon", "Quai Saint-Antoine", "Rue Victor Hugo"]
        let sample = ColumnSample(name: "nom", label: "Nom", values: streets + streets, neighbourLabels: ["Code voie", "Commune"])
        let v = ColumnDetector.detect(sample)
        #expect(v.verdict == .public)
        #expect(v.evidence.signals.contains { $0.code == "privacy.signal.street_names" })
    }

    @Test func communeNamesCalledNomAreNotPeople() {
        let communes = ["Lyon", "Villeurbanne", "Bron", "Vénissieux", "Caluire-et-Cuire", "Saint-Priest", "Vaulx-en-Velin",
                        "Rillieux-la-Pape", "Oullins", "Meyzieu", "Décines-Charpieu", "Écully"]
        let v = ColumnDetector.detect(ColumnSample(name: "nom", label: "Nom", values: communes, neighbourLabels: ["Code INSEE", "Population"]))
        #expect(v.verdict == .public)
    }

    @Test func nomWithFirstNamesIsPersonal() {
        let v = ColumnDetector.detect(ColumnSample(name: "nom", label: "Nom",
                                                   values: ["Jean Dupont", "Marie Curie", "Paul Martin", "Léa Petit", "Hugo Roux", "Emma Blanc"]))
        #expect(v.verdict == .personal)
        #expect(v.category == .identity)
        #expect(v.evidence.examples.first == "J*** D***")
    }

    @Test func fiveValueColumnIsNotNames() {
        let values = (0..<100).map { ["Nord", "Sud", "Est", "Ouest", "Centre"][$0 % 5] }
        let v = ColumnDetector.detect(ColumnSample(name: "nom", label: "Nom", values: values, neighbourLabels: ["Prénom"]))
        #expect(v.verdict == .public)
    }

    @Test func siretIsLegalPersonUnlessSoleTrader() {
        let sirets = ["73282932000074", "21060004500392", "52499120500013", "35600000049837"]
        let company = ColumnDetector.detect(ColumnSample(name: "siret", label: "SIRET", values: sirets, neighbourLabels: ["Raison sociale"]))
        #expect(company.verdict == .public)
        #expect(company.evidence.signals.contains { $0.code == "privacy.signal.legal_person" })
        let trader = ColumnDetector.detect(ColumnSample(name: "siret", label: "SIRET", values: sirets,
                                                        neighbourLabels: ["Nom de l'auto-entrepreneur"]))
        #expect(trader.verdict == .personal)
    }

    @Test func functionalContactsWithoutPeopleAreNotFlagged() {
        let v = ColumnDetector.detect(ColumnSample(name: "tel", label: "Téléphone", values: ["04 72 10 30 30", "01 42 76 40 40", "04 78 95 12 00"],
                                                   neighbourLabels: ["Nom de l'équipement", "Adresse"]))
        #expect(v.verdict == .public)
        let m = ColumnDetector.detect(ColumnSample(name: "mail", label: "Mail", values: ["contact@mairie.fr", "accueil@lyon.fr", "info@metropole.fr"]))
        #expect(m.verdict == .public)
    }

    @Test func sensitiveHeaders() {
        let union = ColumnDetector.detect(ColumnSample(name: "s", label: "Appartenance syndicale", values: ["CGT", "CFDT", "FO", "non"]))
        #expect(union.verdict == .sensitive)
        #expect(union.category == .tradeUnion)
        let offences = ColumnDetector.detect(ColumnSample(name: "c", label: "Casier judiciaire", values: ["néant", "condamné 2019"],
                                                          neighbourLabels: ["Prénom"]))
        #expect(offences.category == .offences)
        let parking = ColumnDetector.detect(ColumnSample(name: "nb", label: "Places handicapé", type: .integer, values: ["2", "4", "0"]))
        #expect(parking.verdict == .public)
    }

    @Test func dietWithoutPeopleIsOnlyNoted() {
        let v = ColumnDetector.detect(ColumnSample(name: "plat", label: "Plat", values: ["Rôti sans porc", "Poisson pané", "Omelette"],
                                                   neighbourLabels: ["Date", "Cantine"]))
        #expect(v.verdict == .public)
        #expect(v.evidence.signals.contains { $0.code == "privacy.signal.sensitive_without_person" })
    }
}

@Suite struct ContextTests {
    @Test func genericDateNextToNamesIsBirthDate() {
        let dates = (0..<50).map { String(format: "%02d/%02d/%d", 1 + $0 % 28, 1 + $0 % 12, 1950 + $0) }
        let v = ColumnDetector.detect(ColumnSample(name: "date", label: "Date", type: .date, values: dates, neighbourLabels: ["Nom", "Prénom"]))
        #expect(v.verdict == .personal)
        #expect(v.category == .birthDate)
        let alone = ColumnDetector.detect(ColumnSample(name: "date", label: "Date", type: .date, values: dates, neighbourLabels: ["Montant"]))
        #expect(alone.verdict == .public)
        let technical = ColumnDetector.detect(ColumnSample(name: "maj", label: "Date de mise à jour", type: .date, values: dates,
                                                           neighbourLabels: ["Prénom"]))
        #expect(technical.verdict == .public)
    }

    @Test func sexNeedsPeople() {
        let values = (0..<40).map { $0 % 2 == 0 ? "M" : "F" }
        #expect(ColumnDetector.detect(ColumnSample(name: "sexe", label: "Sexe", values: values, neighbourLabels: ["Prénom"])).verdict == .personal)
        #expect(ColumnDetector.detect(ColumnSample(name: "sexe", label: "Sexe", values: values, neighbourLabels: ["Commune", "Effectif"])).verdict == .public)
    }

    @Test func addressOfPeopleVersusPlaces() {
        let addresses = ["12 rue de la Paix", "3 avenue Foch", "8 bis boulevard Voltaire", "1 place Bellecour"]
        let people = ColumnDetector.detect(ColumnSample(name: "adresse", label: "Adresse", values: addresses, neighbourLabels: ["Nom de famille"]))
        #expect(people.category == .postalAddress)
        let places = ColumnDetector.detect(ColumnSample(name: "adresse", label: "Adresse", values: addresses, neighbourLabels: ["Nom de l'équipement"]))
        #expect(places.verdict == .public)
    }
}

@Suite struct LocationTests {
    @Test func coordinatesOfPeople() {
        let points = ["45.76,4.83", "45.75,4.85", "45.77,4.82"]
        #expect(ColumnDetector.detect(ColumnSample(name: "pos", label: "Position", type: .geopoint, values: points,
                                                   neighbourLabels: ["Prénom", "Nom"])).category == .location)
        #expect(ColumnDetector.detect(ColumnSample(name: "pos", label: "Position", type: .geopoint, values: points,
                                                   neighbourLabels: ["Nom de la station"])).verdict == .public)
    }
}
