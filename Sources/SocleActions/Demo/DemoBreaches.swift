import Foundation
import SocleCore
import SocleStore

/// The demo territory's breach register: one breach the CCAS learnt of 20 hours before the demo started
/// (its 72-hour clock running), and an older one of the commune, notified in time and closed. Both are
/// linked to the register's activities and to the datasets they touched, so the dataset pages show them.
struct DemoBreaches {
    let store: any SocleStore

    func create(commune: Organisation, ccas: Organisation, now: Date) async throws {
        let dpo = Principal.system("demo")
        let register = RegisterActions(store: store, policy: ReadPolicy(store: store), privacy: PrivacyActions(store: store))
        let activities = try await register.activities(dpo)
        func activity(_ name: String) -> [Int64] { activities.filter { $0.body.name == name }.map(\.id) }
        func dataset(_ slug: String) async throws -> [String] { try await store.dataset(slug: slug) == nil ? [] : [slug] }
        let hour: TimeInterval = 3600

        _ = try await register.breaches.create(DataBreach(
            title: "Liste de bénéficiaires envoyée au mauvais destinataire",
            occurredAt: now.addingTimeInterval(-22 * hour), awareAt: now.addingTimeInterval(-20 * hour),
            natures: [.confidentiality], origin: .internalAccidental, cause: .misdirectedMail,
            description: "Un agent a joint l'export des bénéficiaires d'aides facultatives à un courriel destiné à un partenaire, "
                + "envoyé par erreur à une association homonyme. L'association a signalé la réception le lendemain matin.",
            categories: [.identity, .postalAddress, .phone, .income], people: [.residents, .vulnerable], peopleCount: 180, recordsCount: 180,
            consequences: "Divulgation de la situation sociale de personnes fragiles ; risque de gêne, de stigmatisation.",
            risk: .risk,
            measures: "Demande de suppression adressée à l'association (confirmation écrite attendue) ; rappel des consignes d'envoi ; "
                + "les exports nominatifs sont désormais chiffrés.",
            activities: activity("Attribution des aides sociales facultatives"), datasets: try await dataset("beneficiaires-aides")),
            organisation: ccas.slug, by: dpo, now: now)

        let aware = now.addingTimeInterval(-95 * 24 * hour)
        _ = try await register.breaches.create(DataBreach(
            title: "Vol d'un ordinateur portable du service état civil", status: .closed,
            occurredAt: aware.addingTimeInterval(-14 * hour), awareAt: aware,
            natures: [.confidentiality, .availability], origin: .externalMalicious, cause: .stolenDevice,
            description: "Ordinateur portable volé dans un véhicule de service ; il contenait des copies d'actes en cours de saisie.",
            categories: [.civilStatus, .identity, .birthDate, .filiation], people: [.residents, .minors], peopleCount: 40, recordsCount: 65,
            consequences: "Le disque était chiffré : risque faible d'accès aux données ; actes à ressaisir.",
            risk: .risk, measures: "Plainte déposée ; compte de l'agent et certificats révoqués ; actes ressaisis depuis les registres papier.",
            notification: BreachNotification(at: aware.addingTimeInterval(30 * hour), reference: "DEMO-2026-0142",
                                             note: "Notification en ligne sur le site de la CNIL."),
            complementary: [BreachNotification(at: aware.addingTimeInterval(9 * 24 * hour), note: "Confirmation du chiffrement du disque.")],
            peopleNotInformedReason: "Données chiffrées et illisibles sans la clé (art. 34.3.a) : l'information des personnes n'est pas requise.",
            activities: activity("Tenue des registres d'état civil"), datasets: try await dataset("etat-civil")),
            organisation: commune.slug, by: dpo, now: now)
    }
}
