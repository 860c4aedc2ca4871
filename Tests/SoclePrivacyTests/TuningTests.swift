import Testing
import SocleCore
@testable import SoclePrivacy

/// One test per weakness the evaluation set (bench/privacy) exposed, so that each fix stays fixed.
@Suite struct TuningTests {
    static let surnames = ["martin", "dubois", "nguyen", "le gall", "da silva", "petit", "roux", "faure", "traoré",
                           "lefèvre", "garnier", "benali", "kerbrat", "moreau", "perrin", "diallo"]

    /// 60 dates cycling over the years, months and days given, "dd/mm/yyyy" or "yyyy-mm-dd".
    static func dates(years: ClosedRange<Int>, dayFirst: Bool) -> [String] {
        let span = years.count
        return (0..<60).map { (i: Int) -> String in
            let y: Int = years.lowerBound + i % span
            let m: Int = 1 + i % 12
            let d: Int = 1 + i % 28
            return dayFirst ? String(format: "%02d/%02d/%d", d, m, y) : String(format: "%d-%02d-%02d", y, m, d)
        }
    }

    @Test func lowercaseSurnamesBesideFirstNamesArePersonal() {
        let v = ColumnDetector.detect(ColumnSample(name: "nom", label: "nom", values: Self.surnames + Self.surnames,
                                                   neighbourLabels: ["prenom", "naissance", "tel"]))
        #expect(v.verdict == .personal)
        #expect(v.category == .identity)
        // Without a first-name column the same lowercase words are not enough.
        let alone = ColumnDetector.detect(ColumnSample(name: "nom", label: "nom", values: Self.surnames + Self.surnames,
                                                       neighbourLabels: ["code", "quantite"]))
        #expect(alone.verdict == .public)
    }

    @Test func namesAfterACourtesyTitleAreFound() {
        let values = ["Mme Sophie Martin", "M. Jean Dubois", "Mme Léa Nguyen", "M. Karim Benali", "m. paul roux",
                      "mme chloé faure", "M. Hugo Perrin", "Mme Inès Diallo"]
        let v = ColumnDetector.detect(ColumnSample(name: "responsable_legal", label: "responsable_legal", values: values,
                                                   neighbourLabels: ["classe", "ecole"]))
        #expect(v.verdict == .personal)
        #expect(v.category == .identity)
    }

    @Test func facilitiesNamedAfterPeopleAreNotPeople() {
        // As in the demo territory: the kind of facility, then a surname that is also a first name.
        let values = ["École Martin", "Gymnase Bernard", "Médiathèque Thomas", "Mairie annexe Robert", "Stade Richard",
                      "Crèche Laurent", "Déchèterie Michel", "Piscine David", "École Vincent", "Gymnase Simon"]
        let v = ColumnDetector.detect(ColumnSample(name: "nom", label: "nom", values: values + values,
                                                   neighbourLabels: ["identifiant", "categorie", "adresse", "coordonnees"]))
        #expect(v.verdict == .public)
        #expect(!FirstNames.contains(TextFolding.words("Gymnase Thomas")))
        #expect(FirstNames.contains(TextFolding.words("Thomas Gymnase")))
    }

    @Test func communesNamedAfterSaintsAreNotPeople() {
        let communes = ["Saint-Pierre", "Sainte-Marie", "Saint-Denis", "Saint-Paul", "Saint-Louis", "Saint-Martin",
                        "Lyon", "Bron", "Sainte-Anne", "Saint-Joseph", "Saint-André", "Saint-Philippe"]
        let v = ColumnDetector.detect(ColumnSample(name: "nom", label: "Nom", values: communes + communes,
                                                   neighbourLabels: ["Code commune", "Population municipale"]))
        #expect(v.verdict == .public)
        #expect(!FirstNames.contains(TextFolding.words("Sainte-Marie")))
        #expect(FirstNames.contains(TextFolding.words("Mme Marie Durand")))
    }

    @Test func serviceMailboxesAreFunctional() {
        let values = ["accueil.piscine@ville.fr", "contact.mediatheque@ville.fr", "service.sports@ville.fr",
                      "reservation.salles@ville.fr", "secretariat.ecole@ville.fr", "piscine@ville.fr"]
        let v = ColumnDetector.detect(ColumnSample(name: "courriel", label: "Courriel", values: values,
                                                   neighbourLabels: ["Nom", "Adresse", "Téléphone"]))
        #expect(v.verdict == .public)
        #expect(ValueScan.isPersonalEmail("jean.dupont@orange.fr"))
        #expect(ValueScan.isPersonalEmail("dupont.marie@free.fr"))
        #expect(!ValueScan.isPersonalEmail("accueil.mairie@ville.fr"))
    }

    @Test func eventDatesBesideNamesAreNotBirthDates() {
        // Applications of the last two years: clustered, recent.
        let recent = Self.dates(years: 2024...2025, dayFirst: true)
        let demand = ColumnDetector.detect(ColumnSample(name: "date", label: "Date", type: .date, values: recent,
                                                        neighbourLabels: ["Nom", "Prénom"]))
        #expect(demand.verdict == .public)
        // Hiring dates spread over decades, but the header names the event.
        let hiring = Self.dates(years: 1988...2017, dayFirst: true)
        let entry = ColumnDetector.detect(ColumnSample(name: "entree", label: "Date d'entrée", type: .date, values: hiring,
                                                       neighbourLabels: ["Nom de famille", "Prénom"]))
        #expect(entry.verdict == .public)
        // Birth dates of children: a few years wide, all in the past.
        let births = Self.dates(years: 2014...2020, dayFirst: false)
        let birth = ColumnDetector.detect(ColumnSample(name: "naiss", label: "Date", type: .date, values: births,
                                                       neighbourLabels: ["Nom", "Prénom"]))
        #expect(birth.category == .birthDate)
    }

    @Test(arguments: [
        ("NB ENFANTS", DataCategory.familySituation, PrivacyLevel.personal, ["2", "0", "1", "3", "1", "4"]),
        ("QF", .income, .personal, ["512", "845", "1210", "388", "990", "1502"]),
        ("tranche_qf", .income, .personal, ["T1", "T2", "T3", "T4", "T5", "T6"]),
        ("GIR", .health, .sensitive, ["2", "4", "5", "6", "3", "4"]),
        ("Composition du foyer", .familySituation, .personal, ["Couple", "Personne seule", "Couple + 2 enfants",
                                                               "Parent isolé + 1 enfant", "Couple", "Couple + 1 enfant"]),
        ("Voie", .postalAddress, .personal, ["Rue Pasteur", "Avenue Jean Jaurès", "Impasse du Moulin", "Place de la Gare",
                                             "Rue des Lilas", "Chemin des Vignes"]),
        ("Nuance politique", .politicalOpinion, .sensitive, ["DVG", "LR", "RN", "PS", "DVD", "ECO"]),
        ("N° SS", .nir, .sensitive, ["", "", "", "", "", ""]),
        ("DATE_NAISS", .birthDate, .personal, ["12/03/1985", "01/01/1960", "30/06/1999", "14/07/1975", "02/02/1950", "09/09/1990"]),
    ])
    func headersOfPeopleTables(label: String, category: DataCategory, level: PrivacyLevel, values: [String]) {
        let v = ColumnDetector.detect(ColumnSample(name: label, label: label, values: values,
                                                   neighbourLabels: ["Nom", "Prénom", "Date de naissance"]))
        #expect(v.verdict == level, "\(label): \(v.verdict)")
        #expect(v.category == category, "\(label): \(String(describing: v.category))")
    }

    @Test func sameHeadersWithoutPeopleArePublic() {
        let streets = ColumnDetector.detect(ColumnSample(name: "voie", label: "voie", values: ["Rue Pasteur", "Avenue Foch", "Quai Perrache"],
                                                         neighbourLabels: ["horodatage", "montant_eur"]))
        #expect(streets.verdict == .public)
        let genus = ColumnDetector.detect(ColumnSample(name: "genre", label: "Genre", values: ["Platanus", "Quercus", "Acer", "Tilia"],
                                                       neighbourLabels: ["Espèce", "Hauteur (m)", "Adresse"]))
        #expect(genus.verdict == .public)
        let births = ColumnDetector.detect(ColumnSample(name: "naissances", label: "Naissances", type: .integer,
                                                        values: ["120", "98", "143"], neighbourLabels: ["Commune", "Année"]))
        #expect(births.verdict == .public)
    }

    @Test func mojibakeHeadersAndValuesAreRepaired() {
        #expect(Mojibake.repair("PrÃ©nom") == "Prénom")
        #expect(Mojibake.repair("TÃ©lÃ©phone fixe") == "Téléphone fixe")
        #expect(Mojibake.repair("Ã‚ge") == "Âge")
        #expect(Mojibake.repair("château") == nil)
        #expect(Mojibake.repair("Ã") == nil)
        #expect(TextFolding.words("RÃ©gime") == ["regime"])
        let labels = ["Nom", "PrÃ©nom", "Ã‚ge", "TÃ©lÃ©phone fixe"]
        let rows: [[String?]] = (0..<30).map { i in
            let first: [String] = ["ChloÃ©", "AnaÃ¯s", "NoÃ©", "LÃ©a", "Jean"]
            return ["DUPONT", first[i % 5], String(70 + i % 25), "04 78 12 34 \(10 + i)"]
        }
        let v = ColumnDetector.detect(table: labels, rows: rows)
        #expect(v[1].category == .identity)
        #expect(v[2].category == .birthDate)
        #expect(v[3].category == .phone)
    }

    @Test func fleetPlatesAreTheAuthoritys() {
        let plates = ["EF-482-KL", "GH-113-ZA", "FT-907-PB", "DL-220-MC", "AB-123-CD", "GK-552-TR"]
        let fleet = ColumnDetector.detect(ColumnSample(name: "immat", label: "Immatriculation", values: plates,
                                                       neighbourLabels: ["Marque", "Service affectataire", "Kilométrage"]))
        #expect(fleet.verdict == .public)
        #expect(fleet.evidence.signals.contains { $0.code == "privacy.signal.fleet_vehicle" })
        let rota = ColumnDetector.detect(ColumnSample(name: "v", label: "Véhicule de service", values: plates,
                                                      neighbourLabels: ["Agent", "Semaine"]))
        #expect(rota.verdict == .public)
        let residents = ColumnDetector.detect(ColumnSample(name: "immat", label: "Immatriculation", values: plates,
                                                           neighbourLabels: ["Nom", "Prénom", "Zone"]))
        #expect(residents.category == .licensePlate)
        // Agents' own cars in a staff list: the fleet words of a neighbour do not clear them.
        let staff = ColumnDetector.detect(ColumnSample(name: "immat", label: "Immatriculation", values: plates,
                                                       neighbourLabels: ["Nom", "Prénom", "Service affectataire"]))
        #expect(staff.category == .licensePlate)
    }

    @Test func healthWordsAboutPlacesAreNotHealthData() {
        let yesNo = ["oui", "non", "oui", "partiel", "non", "oui"]
        let access = ColumnDetector.detect(ColumnSample(name: "acces", label: "Accès handicapé", values: yesNo,
                                                        neighbourLabels: ["Nom", "Adresse", "Latitude", "Longitude"]))
        #expect(access.verdict == .public)
        #expect(access.evidence.signals.contains { $0.code == "privacy.signal.place_attribute" })
        // Without an address or coordinates the same column stays a suspicion to review.
        let unknown = ColumnDetector.detect(ColumnSample(name: "h", label: "Handicapé", values: yesNo, neighbourLabels: ["Matricule", "Service"]))
        #expect(unknown.verdict == .sensitive)
        let pupils = ColumnDetector.detect(ColumnSample(name: "v", label: "VACCINS A JOUR", values: yesNo,
                                                        neighbourLabels: ["NOM ENFANT", "PRENOM ENFANT", "DDN"]))
        #expect(pupils.verdict == .sensitive)
        #expect(pupils.category == .health)
    }
}
