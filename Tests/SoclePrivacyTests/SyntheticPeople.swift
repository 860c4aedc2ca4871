import Foundation
import SoclePrivacy

/// Synthetic French personal rows for the tests, generated deterministically (no real person).
struct SyntheticPeople {
    private var state: UInt64

    init(seed: UInt64 = 42) { state = seed }

    mutating func next(_ n: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(n))
    }

    mutating func pick(_ a: [String]) -> String { a[next(a.count)] }

    static let firstNames = ["Jean", "Marie", "Pierre", "Sophie", "Nicolas", "Camille", "Lucas", "Chloé", "Julien",
                             "Isabelle", "Thomas", "Nathalie", "Hugo", "Léa", "Mohamed", "Fatima", "Karim", "Emma"]
    static let surnames = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
                           "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
                           "Vincent", "Fournier", "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert",
                           "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guerin"]

    mutating func nir(corsica: Bool = false) -> String {
        let sex = 1 + next(2), year = 40 + next(60), month = 1 + next(12)
        let dept = corsica ? (next(2) == 0 ? "2A" : "2B") : String(format: "%02d", 1 + next(95))
        let body = String(format: "%d%02d%02d", sex, year, month) + dept + String(format: "%03d%03d", next(999) + 1, next(999) + 1)
        let numeric = body.replacingOccurrences(of: "2A", with: "19").replacingOccurrences(of: "2B", with: "18")
        var mod = 0
        for c in numeric { mod = (mod * 10 + Int(String(c))!) % 97 }
        let key = String(format: "%02d", 97 - mod)
        return next(2) == 0 ? body + key : "\(body.prefix(1)) \(body.dropFirst(1).prefix(2)) \(body.dropFirst(3).prefix(2)) \(body.dropFirst(5).prefix(2)) \(body.dropFirst(7).prefix(3)) \(body.suffix(3)) \(key)"
    }

    /// A 15-digit value whose NIR key is wrong.
    mutating func nirDecoy() -> String {
        let valid = nir().filter { $0 != " " }
        let key = Int(valid.suffix(2))!
        return valid.prefix(13) + String(format: "%02d", key == 97 ? 1 : key + 1)
    }

    mutating func iban() -> String {
        let bban = (0..<23).map { _ in String(next(10)) }.joined()
        let numeric = bban + "1527" + "00"
        var mod = 0
        for c in numeric { mod = (mod * 10 + Int(String(c))!) % 97 }
        let iban = "FR" + String(format: "%02d", 98 - mod) + bban
        return stride(from: 0, to: iban.count, by: 4).map { i in
            String(Array(iban)[i..<min(i + 4, iban.count)])
        }.joined(separator: " ")
    }

    mutating func phone() -> String {
        let d = (0..<8).map { _ in String(next(10)) }
        let p = "0\(6 + next(2))"
        switch next(5) {
        case 0: return p + d.joined()
        case 1: return "\(p) \(d[0])\(d[1]) \(d[2])\(d[3]) \(d[4])\(d[5]) \(d[6])\(d[7])"
        case 2: return "\(p).\(d[0])\(d[1]).\(d[2])\(d[3]).\(d[4])\(d[5]).\(d[6])\(d[7])"
        case 3: return "+33 \(p.dropFirst()) \(d[0])\(d[1]) \(d[2])\(d[3]) \(d[4])\(d[5]) \(d[6])\(d[7])"
        default: return "0033" + p.dropFirst() + d.joined()
        }
    }

    mutating func plate() -> String {
        let l = Array("ABCDEFGHJKLMNPRSTVWXYZ").map(String.init)
        return next(3) == 0 ? "\(100 + next(900)) \(pick(l))\(pick(l))\(pick(l)) \(10 + next(85))"
            : "\(pick(l))\(pick(l))-\(100 + next(900))-\(pick(l))\(pick(l))"
    }

    /// Column labels and rows of a table about people (pupils of a school canteen, say).
    mutating func table(rows count: Int) -> (labels: [String], rows: [[String?]]) {
        let labels = ["Nom", "Prénom", "Date de naissance", "NIR", "Code interne", "IBAN", "Téléphone", "Courriel",
                      "Immatriculation", "Adresse", "Régime", "Observations", "Commune", "Code postal", "Classe"]
        let streets = ["rue de la Paix", "avenue Foch", "boulevard Voltaire", "chemin des Vignes", "impasse du Moulin",
                       "allée des Tilleuls", "place de la Mairie", "route de Lyon"]
        var rows: [[String?]] = []
        for i in 0..<count {
            let first = pick(Self.firstNames), last = pick(Self.surnames)
            let email = "\(first.lowercased()).\(last.lowercased())\(i)@exemple.fr"
                .folding(options: .diacriticInsensitive, locale: nil)
            let diet = pick(["standard", "standard", "sans porc", "végétarien", "halal"])
            let note: String? = next(4) == 0 ? pick(["allergie arachide", "PAI asthme", "intolérance au gluten"]) : nil
            rows.append([last.uppercased(), first, String(format: "%02d/%02d/%d", 1 + next(28), 1 + next(12), 2010 + next(8)),
                         nir(corsica: i % 7 == 0), nirDecoy(), iban(), phone(), email, plate(),
                         "\(1 + next(120)) \(pick(streets)) 69\(String(format: "%03d", next(10))) Lyon",
                         diet, note, pick(["Lyon", "Villeurbanne", "Bron"]), "69\(String(format: "%03d", next(10) * 10))",
                         pick(["CP", "CE1", "CE2", "CM1", "CM2"])])
        }
        return (labels, rows)
    }
}
