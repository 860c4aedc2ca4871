import Foundation
import SocleCore
@testable import SoclePrivacy

/// Small hand-made tables for the anonymisation tests (fictional people).
enum AnonFixtures {
    static let secret = Array("0123456789abcdef-test-secret".utf8)
    /// 2024-06-15 12:00 UTC (14:00 in Paris).
    static let reference = Date(timeIntervalSince1970: 1_718_452_800)

    static func column(_ name: String, _ label: String? = nil, _ type: ColumnType = .text) -> ColumnSchema {
        ColumnSchema(name: name, label: label ?? name, type: type)
    }

    static func t(_ s: String?) -> CellValue { s.map { .text($0) } ?? .null }

    /// A CCAS beneficiaries file: names, birth date, sex, address, family quotient, an allowance amount.
    static func ccas(rows n: Int = 40) -> AnonymisationInput {
        let columns = [
            column("nom", "Nom"), column("prenom", "Prénom"),
            column("date_de_naissance", "Date de naissance", .date), column("sexe", "Sexe", .code),
            column("adresse", "Adresse postale"), column("quotient_familial", "Quotient familial", .integer),
            column("montant_aide", "Montant de l'aide", .number), column("date_demande", "Date de la demande", .date),
        ]
        let names = ["Martin", "Bernard", "Dubois", "Durand", "Leroy", "Moreau", "Simon", "Laurent"]
        let first = ["Jean", "Marie", "Pierre", "Sophie", "Lucas", "Chloé", "Hugo", "Léa"]
        let addresses = ["12 rue des Lilas 14500 Vire", "3, place du Marché, 14500 VIRE NORMANDIE",
                         "Lieu-dit la Croix 14380 Noues de Sienne", "8 avenue de Paris 14000 Caen"]
        var rows: [[CellValue]] = []
        for i in 0..<n {
            let year = 1940 + (i * 7) % 70
            rows.append([
                .text(names[i % names.count]), .text(first[(i / 2) % first.count]),
                .text(String(format: "%04d-%02d-%02d", year, 1 + i % 12, 1 + i % 28)),
                .text(i % 2 == 0 ? "F" : "M"), .text(addresses[i % addresses.count]),
                .integer(Int64(300 + (i * 37) % 900)), .number(Double(50 + i) + 0.5),
                .text(String(format: "2024-%02d-%02d", 1 + i % 5, 1 + i % 27)),
            ])
        }
        let verdicts: [String: PrivacyLevel] = [
            "nom": .personal, "prenom": .personal, "date_de_naissance": .personal, "sexe": .public,
            "adresse": .personal, "quotient_familial": .personal, "montant_aide": .public, "date_demande": .public,
        ]
        return AnonymisationInput(columns: columns, rows: rows, verdicts: verdicts,
                                  categories: ["date_de_naissance": .birthDate, "adresse": .postalAddress])
    }

    static func run(_ plan: AnonymisationPlan, _ input: AnonymisationInput) throws -> AnonymisationResult {
        try Anonymiser.run(plan, on: input, secret: secret, referenceDate: reference)
    }

    /// One-column input, for exercising a single transform.
    static func single(_ name: String, _ type: ColumnType, _ values: [CellValue],
                       level: PrivacyLevel = .personal) -> AnonymisationInput {
        AnonymisationInput(columns: [column(name, name, type)], rows: values.map { [$0] }, verdicts: [name: level])
    }

    static func texts(_ result: AnonymisationResult, column: String) -> [String?] {
        guard let i = result.columns.firstIndex(where: { $0.name == column }) else { return [] }
        return result.rows.map { $0[i].text }
    }

    static func code(_ body: () throws -> Any) -> String? {
        do { _ = try body(); return nil } catch let e as SocleError { return e.code } catch { return "other" }
    }
}
