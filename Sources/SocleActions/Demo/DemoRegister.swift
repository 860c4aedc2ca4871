import Foundation
import SocleCore
import SoclePrivacy
import SocleStore

/// The demo territory's GDPR register: a dozen activities of the commune, its CCAS and the intercommunalité,
/// modelled on what such authorities keep (durations from the archives' usual retention references), the
/// social aid activity linked to the columns of the beneficiaries' dataset once the DPO confirmed them.
struct DemoRegister {
    let store: any SocleStore

    func create(commune: Organisation, ccas: Organisation, epci: Organisation) async throws {
        let dpo = Principal.system("demo")
        let policy = ReadPolicy(store: store)
        let privacy = PrivacyActions(store: store)
        let register = RegisterActions(store: store, policy: policy, privacy: privacy)
        let dpoContact = RegisterContact(name: "Dominique Délégué, DPO mutualisé", contact: "dpo@saint-aubin.demo")
        func controller(_ o: Organisation) -> RegisterContact { RegisterContact(name: o.name, contact: "Le maire ou le président") }
        func rule(_ duration: String, _ start: String, _ fate: RetentionFate = .destroy, _ category: DataCategory? = nil,
                  source: String? = nil, binding: RetentionBinding = .recommended) -> RetentionRule {
            RetentionRule(category: category, duration: duration, startEvent: start, legalSource: source, binding: binding, fate: fate)
        }

        let processor = try await register.createProcessor(
            Processor(name: "Éditeur du logiciel d'action sociale", contact: "support@editeur-social.demo", service: "Action sociale",
                      contractClauses: true, securityChecked: true, keepsRegister: true, hasDataProtectionOfficer: true), organisation: ccas.slug, by: dpo)
        _ = try await register.createProcessor(
            Processor(name: "Prestataire de vidéoprotection", contact: "contact@video.demo", contractClauses: true, securityChecked: false),
            organisation: commune.slug, by: dpo)

        let common = [SecurityMeasure.accessControl, .traceability, .backup]
        let activities: [(Organisation, ProcessingActivity)] = [
            (ccas, ProcessingActivity(
                name: "Attribution des aides sociales facultatives", purpose: "Instruire les demandes d'aide facultative, les attribuer et les verser.",
                subPurposes: ["Instruction des demandes", "Versement des aides", "Statistiques anonymes du CCAS"], status: .checked,
                service: "action-sociale", controller: controller(ccas), dpo: dpoContact, software: "Logiciel d'action sociale", isPublic: true,
                legalBases: [.publicTask], collection: [.paperForm, .interview], people: [.residents, .vulnerable], estimatedPeople: 900,
                categories: [.identity, .birthDate, .postalAddress, .phone, .email, .nir, .income, .health],
                recipients: [Recipient(kind: .internalService, name: "Service action sociale"), Recipient(kind: .partner, name: "Trésorerie"),
                             Recipient(kind: .processor, name: "Éditeur du logiciel d'action sociale")],
                retention: [rule("P5Y", "Dernière aide versée", .destroy, nil, source: "Instruction DAF/DPACI/RES/2009/018"),
                            rule("P10Y", "Clôture de l'exercice comptable", .transfer, .income)],
                security: common + [.encryption, .processorControl], processors: [processor.id],
                dpia: DPIAScreening(criteria: [.sensitiveData, .vulnerablePeople], requiredCases: [.socialSupport], status: .done,
                                    started: "2025-09-01", completed: "2025-11-15",
                                    dpoOpinion: "Risques résiduels acceptables après chiffrement de la base et revue des habilitations.",
                                    controllerOpinion: "Mise en œuvre validée par la présidente du CCAS."))),
            (ccas, ProcessingActivity(
                name: "Domiciliation des personnes sans domicile stable", purpose: "Délivrer une adresse administrative et recevoir le courrier.",
                status: .complete, service: "action-sociale", controller: controller(ccas), dpo: dpoContact, isPublic: true,
                legalBases: [.legalObligation], collection: [.paperForm, .interview], people: [.vulnerable], estimatedPeople: 60,
                categories: [.identity, .birthDate, .familySituation], recipients: [Recipient(kind: .internalService, name: "Accueil du CCAS")],
                retention: [rule("P3Y", "Fin de la domiciliation")], security: common)),
            (commune, ProcessingActivity(
                name: "Tenue des registres d'état civil", purpose: "Établir et conserver les actes de naissance, mariage, décès, délivrer les copies.",
                status: .checked, controller: controller(commune), dpo: dpoContact, software: "Logiciel d'état civil", isPublic: true,
                legalBases: [.legalObligation], collection: [.paperForm, .internalDocument, .partnerDelivery], people: [.residents, .minors],
                categories: [.civilStatus, .identity, .birthDate, .filiation, .postalAddress],
                recipients: [Recipient(kind: .internalService, name: "Service état civil"), Recipient(kind: .partner, name: "INSEE"),
                             Recipient(kind: .partner, name: "Procureur de la République")],
                retention: [rule("P75Y", "Clôture du registre", .transfer, nil, source: "Code du patrimoine, art. L213-2", binding: .mandatory)],
                security: common + [.encryption])),
            (commune, ProcessingActivity(
                name: "Gestion de la liste électorale", purpose: "Inscrire, radier et tenir la liste électorale dans le répertoire électoral unique.",
                status: .complete, controller: controller(commune), dpo: dpoContact, isPublic: true,
                legalBases: [.legalObligation], collection: [.webForm, .paperForm, .partnerDelivery], people: [.residents], estimatedPeople: 13_200,
                categories: [.identity, .birthDate, .postalAddress], recipients: [Recipient(kind: .partner, name: "INSEE (REU)"),
                                                                                  Recipient(kind: .partner, name: "Candidats et partis (communication de la liste)")],
                retention: [rule("P1Y", "Radiation de l'électeur")], security: common,
                dpia: DPIAScreening(exemptCases: [.electoralRoll]))),
            (commune, ProcessingActivity(
                name: "Restauration scolaire et périscolaire", purpose: "Inscrire les enfants, gérer les régimes alimentaires et les projets d'accueil individualisés, facturer.",
                status: .complete, service: "education", controller: controller(commune), dpo: dpoContact, software: "Portail famille", isPublic: true,
                legalBases: [.publicTask, .consent], collection: [.webForm, .paperForm], people: [.minors, .residents], estimatedPeople: 1_400,
                categories: [.identity, .birthDate, .postalAddress, .phone, .email, .health, .bankDetails],
                recipients: [Recipient(kind: .internalService, name: "Service éducation et enfance"), Recipient(kind: .internalService, name: "Cuisine centrale")],
                retention: [rule("P1Y", "Fin de l'année scolaire", .destroy, .health), rule("P6Y", "Dernière facture", .destroy, .bankDetails)],
                security: common)),
            (commune, ProcessingActivity(
                name: "Inscriptions scolaires", purpose: "Affecter les enfants dans les écoles publiques de la commune.",
                status: .complete, service: "education", controller: controller(commune), dpo: dpoContact, isPublic: true,
                legalBases: [.legalObligation], collection: [.webForm, .paperForm], people: [.minors, .residents],
                categories: [.identity, .birthDate, .filiation, .postalAddress], recipients: [Recipient(kind: .partner, name: "Directions d'école")],
                retention: [rule("P1Y", "Sortie de l'école élémentaire")], security: common)),
            (commune, ProcessingActivity(
                name: "Vidéoprotection de l'espace public", purpose: "Prévenir les atteintes aux biens et aux personnes sur la voie publique.",
                status: .complete, controller: controller(commune), dpo: dpoContact, isPublic: true,
                legalBases: [.publicTask], collection: [.sensor], people: [.residents, .other],
                categories: [.photo, .location, .licensePlate],
                recipients: [Recipient(kind: .internalService, name: "Police municipale"), Recipient(kind: .partner, name: "Gendarmerie (sur réquisition)")],
                retention: [rule("P30D", "Enregistrement des images", .destroy, nil, source: "Code de la sécurité intérieure, art. L252-5", binding: .mandatory)],
                security: common + [.encryption],
                dpia: DPIAScreening(criteria: [.systematicMonitoring, .largeScale], requiredCases: [.publicSpaceMonitoring], status: .inProgress,
                                    started: "2026-10-05"))),
            (commune, ProcessingActivity(
                name: "Gestion des concessions funéraires", purpose: "Attribuer et renouveler les concessions du cimetière.",
                status: .draft, controller: controller(commune), legalBases: [.legalObligation], people: [.residents],
                categories: [.identity, .postalAddress], retention: [rule("P10Y", "Fin de la concession")])),
            (commune, ProcessingActivity(
                name: "Gestion du personnel et de la paie", purpose: "Gérer la carrière des agents, leur paie et leurs absences.",
                status: .complete, controller: controller(commune), dpo: dpoContact, software: "Logiciel RH et paie",
                legalBases: [.legalObligation, .contract], collection: [.internalDocument, .paperForm], people: [.agents], estimatedPeople: 312,
                categories: [.identity, .birthDate, .familySituation, .postalAddress, .bankDetails, .nir, .income, .health, .tradeUnion],
                recipients: [Recipient(kind: .internalService, name: "Ressources humaines"), Recipient(kind: .partner, name: "Centre de gestion"),
                             Recipient(kind: .partner, name: "URSSAF et caisses de retraite")],
                retention: [rule("P5Y", "Départ de l'agent", .sort, nil, source: "Instruction DAF/DPACI/RES/2009/018")],
                security: common + [.encryption])),
            (epci, ProcessingActivity(
                name: "Facturation de la redevance d'enlèvement des ordures ménagères", purpose: "Calculer et facturer la redevance des usagers.",
                status: .complete, service: "dechets", controller: controller(epci), dpo: dpoContact, isPublic: true,
                legalBases: [.legalObligation], collection: [.receivedList, .sensor], people: [.residents, .businesses], estimatedPeople: 24_000,
                categories: [.identity, .postalAddress, .bankDetails, .financialSituation],
                recipients: [Recipient(kind: .internalService, name: "Service déchets"), Recipient(kind: .partner, name: "Trésorerie")],
                retention: [rule("P6Y", "Dernière facture")], security: common)),
            (epci, ProcessingActivity(
                name: "Comptage des vélos", purpose: "Mesurer la fréquentation des aménagements cyclables (comptages anonymes).",
                status: .draft, service: "mobilite", controller: controller(epci), legalBases: [.publicTask], collection: [.sensor],
                people: [.residents], categories: [], retention: [])),
            (epci, ProcessingActivity(
                name: "Transport à la demande", purpose: "Réserver les trajets et organiser les tournées du transport à la demande.",
                status: .complete, service: "mobilite", controller: controller(epci), dpo: dpoContact, software: "Plateforme de réservation",
                isPublic: true, legalBases: [.publicTask], collection: [.webForm, .interview], people: [.residents, .vulnerable],
                categories: [.identity, .phone, .postalAddress, .location],
                recipients: [Recipient(kind: .processor, name: "Transporteur délégataire")],
                retention: [rule("P1Y", "Dernier trajet")], security: common + [.processorControl])),
        ]
        var created: [ActivityEntry] = []
        for (org, activity) in activities {
            created.append(try await register.createActivity(activity, organisation: org.slug, by: dpo))
        }
        _ = try await register.createMeasure(
            ProtectiveMeasure(title: "Chiffrer la base du logiciel d'action sociale", type: .technical, status: .inProgress, priority: .high,
                              owner: "Service informatique", due: "2027-03-31", activities: [created[0].id]), organisation: ccas.slug, by: dpo)

        // The DPO confirmed the detector's suggestions on the beneficiaries' dataset, then linked its personal
        // columns to the social aid activity (the proposals the activity page makes).
        guard let beneficiaries = try await store.dataset(slug: "beneficiaires-aides"),
              let (_, columns) = try await privacy.statuses(beneficiaries) else { return }
        for c in columns {
            guard let s = c.suggestion else { continue }
            _ = try await privacy.classify(beneficiaries, column: c.name, as: s.verdict, category: s.category, by: dpo)
        }
        let proposals = try await register.proposals(created[0].id, dpo)
        _ = try await register.setLinks(created[0].id, add: proposals.map { ($0.dataset, $0.column) }, by: dpo)
    }
}
