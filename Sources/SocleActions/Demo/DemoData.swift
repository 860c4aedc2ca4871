import Foundation

/// Deterministic generated files for the demo territory (no real person's data: names are drawn from
/// common French first names and surnames, identifiers are synthetic).
enum DemoData {
    /// A small linear congruential generator: the demo is the same on every machine.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
    }

    static let firstNames = ["Camille", "Louise", "Jade", "Emma", "Léa", "Chloé", "Manon", "Inès", "Gabriel", "Louis",
                             "Raphaël", "Jules", "Adam", "Lucas", "Hugo", "Arthur", "Nathan", "Théo", "Zoé", "Élise"]
    static let surnames = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
                           "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
                           "Vincent", "Fournier", "Lemoine", "Lefèvre", "Mercier", "Boyer"]
    static let streets = ["rue de la Gare", "rue des Écoles", "place de l'Église", "chemin du Moulin", "rue Victor-Hugo",
                          "avenue de la Libération", "rue du Château", "impasse des Lilas", "route de Caen", "rue Pasteur"]

    /// Public equipment with coordinates (a "lat,lon" cell).
    static func equipments() -> String {
        var rng = Seeded(state: 1)
        let kinds = [("École", "Enseignement"), ("Gymnase", "Sport"), ("Médiathèque", "Culture"), ("Mairie annexe", "Administration"),
                     ("Stade", "Sport"), ("Crèche", "Petite enfance"), ("Déchèterie", "Environnement"), ("Piscine", "Sport")]
        var out = "identifiant;nom;categorie;adresse;code_insee;coordonnees;accessible_pmr;date_ouverture\n"
        for i in 1...48 {
            let (kind, cat) = kinds[i % kinds.count]
            let lat = 48.80 + Double(rng.next() % 10_000) / 100_000
            let lon = -0.90 + Double(rng.next() % 10_000) / 100_000
            let day = 1 + Int(rng.next() % 28), month = 1 + Int(rng.next() % 12), year = 1960 + Int(rng.next() % 60)
            out += String(format: "EQ%03d;%@ %@;%@;%d %@;14762;\"%.5f,%.5f\";%@;%02d/%02d/%04d\n",
                          i, kind, surnames[i % surnames.count], cat, 1 + Int(rng.next() % 80),
                          streets[Int(rng.next() % UInt64(streets.count))], lat, lon,
                          rng.next() % 3 == 0 ? "non" : "oui", day, month, year)
        }
        return out
    }

    /// District boundaries as a GeoJSON FeatureCollection of polygons.
    static func districts() -> String {
        let names = ["Centre-bourg", "Le Moulin", "La Gare", "Les Hauts", "Le Bocage", "Saint-Martin"]
        var features: [String] = []
        for (i, name) in names.enumerated() {
            let x0 = -0.90 + Double(i % 3) * 0.03, y0 = 48.80 + Double(i / 3) * 0.03
            let ring = [(x0, y0), (x0 + 0.03, y0), (x0 + 0.03, y0 + 0.03), (x0, y0 + 0.03), (x0, y0)]
                .map { String(format: "[%.4f,%.4f]", $0.0, $0.1) }.joined(separator: ",")
            features.append("""
                {"type":"Feature","properties":{"code_quartier":"Q\(i + 1)","nom":"\(name)","population":\(800 + i * 357)},\
                "geometry":{"type":"Polygon","coordinates":[[\(ring)]]}}
                """)
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[" + features.joined(separator: ",") + "]}"
    }

    /// The CCAS's beneficiaries of an aid: personal (and partly sensitive) data.
    static func beneficiaries() -> String {
        var rng = Seeded(state: 7)
        var out = "nom;prenom;date_de_naissance;adresse;telephone;courriel;nir;aide;montant;regime_alimentaire\n"
        for i in 0..<120 {
            let first = firstNames[Int(rng.next() % UInt64(firstNames.count))]
            let last = surnames[Int(rng.next() % UInt64(surnames.count))]
            let year = 1935 + Int(rng.next() % 70), month = 1 + Int(rng.next() % 12), day = 1 + Int(rng.next() % 28)
            let sex = rng.next() % 2 + 1
            let body = String(format: "%llu%02d%02d14762%03d", sex, year % 100, month, 1 + Int(rng.next() % 999))
            let key = 97 - Int((UInt64(body) ?? 0) % 97)
            let mail = "\(first.lowercased().folding(options: .diacriticInsensitive, locale: nil)).\(last.lowercased().folding(options: .diacriticInsensitive, locale: nil))\(i)@exemple.fr"
            let aids = ["Aide alimentaire", "Secours d'urgence", "Aide à l'énergie", "Portage de repas"]
            let diets = ["", "", "sans porc", "végétarien", "sans gluten", ""]
            out += String(format: "%@;%@;%02d/%02d/%04d;%d %@ 14500 Saint-Aubin-du-Bocage;06 %02d %02d %02d %02d;%@;%@%02d;%@;%d,%02d;%@\n",
                          last.uppercased(), first, day, month, year, 1 + Int(rng.next() % 80),
                          streets[Int(rng.next() % UInt64(streets.count))],
                          Int(rng.next() % 100), Int(rng.next() % 100), Int(rng.next() % 100), Int(rng.next() % 100),
                          mail, body, key, aids[Int(rng.next() % 4)], 20 + Int(rng.next() % 400), Int(rng.next() % 100),
                          diets[Int(rng.next() % UInt64(diets.count))])
        }
        return out
    }

    /// A budget in the French way: decimal commas, space thousands.
    static func budget() -> String {
        let lines: [(String, String, String, Double)] = [
            ("F", "011", "Charges à caractère général", 2_345_678.90), ("F", "012", "Charges de personnel", 6_012_345.12),
            ("F", "65", "Autres charges de gestion courante", 987_654.32), ("F", "66", "Charges financières", 123_456.78),
            ("F", "73", "Impôts et taxes", 7_654_321.00), ("F", "74", "Dotations et participations", 3_210_987.65),
            ("I", "20", "Immobilisations incorporelles", 145_000.00), ("I", "21", "Immobilisations corporelles", 1_876_543.21),
            ("I", "23", "Immobilisations en cours", 2_450_000.00), ("I", "16", "Emprunts et dettes", 650_000.00),
        ]
        var out = "exercice;section;chapitre;libelle;montant_vote\n"
        for (s, c, l, m) in lines {
            let euros = Int64(m), cents = Int64((m * 100).rounded()) % 100
            var grouped = ""
            for (i, ch) in String(euros).reversed().enumerated() {
                if i > 0 && i % 3 == 0 { grouped.append("\u{00A0}") }
                grouped.append(ch)
            }
            out += "2026;\(s);\(c);\(l);\(String(grouped.reversed())),\(String(format: "%02lld", cents))\n"
        }
        return out
    }

    /// Hourly bike counts from two counters (sensor data).
    static func bikeCounts() -> String {
        var rng = Seeded(state: 3)
        var out = "id_compteur;nom_compteur;date_heure;comptage\n"
        let start = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01T00:00:00Z
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(secondsFromGMT: 3600)
        for h in 0..<(24 * 14) {
            for (id, name) in [("0014762001", "Rue de la Gare"), ("0014762002", "Route de Caen")] {
                let t = f.string(from: start.addingTimeInterval(Double(h) * 3600))
                out += "\(id);\(name);\(t);\(Int(rng.next() % 120))\n"
            }
        }
        return out
    }
}
