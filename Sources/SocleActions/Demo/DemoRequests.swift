import Foundation
import SocleCore
import SocleStore

/// Three data-subject requests for the demo: a new access request from a citizen who is in the CCAS's
/// beneficiaries (the DPO can follow it to the answer package), one waiting in the identity check, one answered.
struct DemoRequests {
    let register: RegisterActions

    func create(commune: Organisation, ccas: Organisation, now: Date = Date()) async throws {
        let requests = RequestActions(register: register)
        let dpo = Principal.system("demo")
        func daysAgo(_ n: Int) -> String { RequestCalendar.today(now.addingTimeInterval(-Double(n) * 86_400)) }

        // The first beneficiary of the demo dataset, as the CCAS's file holds them.
        let row = DemoData.beneficiaries().split(separator: "\n")[1].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        let (last, first, email) = (row[0], row[1], row[5])
        let birth = row[2].split(separator: "/").map(String.init)
        let person = "\(first) \(last.capitalized)"
        _ = try await requests.create(
            RequestInput(right: .access, requester: person, contact: email,
                         identifiers: SubjectIdentifiers(email: email, name: person, birthDate: birth.count == 3 ? "\(birth[2])-\(birth[1])-\(birth[0])" : nil),
                         message: "Bonjour, je souhaite recevoir une copie des informations que le CCAS détient sur moi au titre des aides facultatives. Merci.",
                         received: daysAgo(2), channel: .publicForm),
            organisation: ccas.slug, by: dpo, now: now)

        let (unknown, _) = try await requests.create(
            RequestInput(right: .erasure, requester: "Camille Anonyme", contact: "camille.demandeur@exemple.fr",
                         message: "Je veux que la mairie efface toutes mes données.", received: daysAgo(24), channel: .email),
            organisation: commune.slug, by: dpo, now: now)
        try await requests.recordEvent(unknown.id, kind: "note",
                                       summary: "Courriel envoyé le \(daysAgo(23)) pour demander une pièce d'identité et l'adresse concernée.", by: dpo)

        let (answered, _) = try await requests.create(
            RequestInput(right: .rectification, requester: "Sacha Martin", contact: "sacha.martin@exemple.fr",
                         identifiers: SubjectIdentifiers(email: "sacha.martin@exemple.fr", phone: "06 12 34 56 78"),
                         message: "Mon adresse est erronée sur la liste des inscriptions scolaires.", received: daysAgo(40), channel: .post),
            organisation: commune.slug, by: dpo, now: now)
        _ = try await requests.transition(answered.id, to: .awaitingService, note: "Transmise au service éducation.", by: dpo)
        _ = try await requests.answer(answered.id, text: "Votre adresse a été corrigée dans le fichier des inscriptions scolaires.",
                                      date: daysAgo(25), channel: .email, by: dpo, now: now)
    }
}
