import Foundation
import OpenAPIKit
import SocleActions
import SocleCore

/// The breach register (`/api/v1/register/breaches…`) in the OpenAPI document. Bodies are snake_case; instants
/// are ISO 8601 (with an offset, or Paris time without one); list values are the enums' raw values.
extension OpenAPIDocument {
    static var breachInvalid: ResponseEntry {
        error("Violation refusée : date impossible (prise de connaissance avant la survenance ou dans le futur, notification avant la prise "
              + "de connaissance, texte qui n'est pas une date), valeur hors liste, activité, sous-traitant ou jeu inconnu dans l'organisation, "
              + "clôture d'une fiche incomplète / breach refused; the message says what to fix.")
    }

    static func breachPaths() -> OpenAPI.PathItem.Map {
        let record: ResponseEntry = json(ref("BreachRecord"), "La violation, son délai de 72 h calculé à la réponse (journalisé pour une écriture).")
        // In this order, so that the document is the same at every build.
        let writeErrors: [(OpenAPI.Response.StatusCode, ResponseEntry)] = [(400, breachInvalid), (401, unauthorized), (403, forbidden),
                                                                           (404, notFound), (415, unsupported)]
        func responses(_ ok: OpenAPI.Response.StatusCode, _ entry: ResponseEntry) -> OpenAPI.Response.Map {
            var map: OpenAPI.Response.Map = [ok: entry]
            for (k, v) in writeErrors { map[k] = v }
            return map
        }
        return [
            "/api/v1/register/breaches": .pathItem(.init(
                get: operation("Violations de données des registres que vous lisez, en cours d'abord / data breaches, open first", tag: "register",
                               params: [registerOrganisationQuery, archivedParam],
                               responses: [200: json(ref("BreachList"), "Les violations avec leur délai de 72 h."), 400: badInput,
                                           401: unauthorized, 403: forbidden, 404: notFound]),
                post: operation("Enregistrer une violation (DPO, administrateur) / record a breach", tag: "register",
                                params: [registerOrganisationRequired],
                                body: body([.json: content(ref("Breach"))],
                                           "Seul `title` est obligatoire : une fiche incomplète est gardée et listée comme incomplète."),
                                responses: responses(201, record)))),
            "/api/v1/register/breaches/{id}": .pathItem(.init(
                get: operation("Une violation et son délai / one breach and its clock", tag: "register", params: [registerIdParam],
                               responses: [200: record, 400: badInput, 401: unauthorized, 404: notFound]),
                put: operation("Remplacer les champs d'une violation / replace a breach's fields", tag: "register",
                               params: [registerIdParam, archiveSwitch],
                               body: body([.json: content(ref("Breach"))],
                                          "Un champ absent est vidé, sauf les notifications et l'information des personnes, gardées quand elles sont absentes."),
                               responses: responses(200, record)))),
            "/api/v1/register/breaches/{id}/notifications": .pathItem(.init(
                post: operation("Enregistrer la notification à la CNIL, initiale ou complémentaire / record a notification to the CNIL",
                                tag: "register", params: [registerIdParam],
                                body: body([.json: content(object([
                                    "at": string("Date et heure de la notification (ISO 8601 ; heure de Paris sans décalage)."),
                                    "reference": .string(nullable: true, description: "Référence donnée par la CNIL."),
                                    "note": .string(nullable: true),
                                    "complementary": .boolean(description: "true : notification complémentaire (après l'initiale)."),
                                ], required: ["at"]))]),
                                responses: responses(200, record)))),
            "/api/v1/register/breaches/{id}/not-notified": .pathItem(.init(
                post: operation("Ne pas notifier la CNIL, avec la justification / record why the CNIL is not notified", tag: "register",
                                params: [registerIdParam],
                                body: body([.json: content(object(["reason": string("Pourquoi la violation n'engendre pas de risque pour les personnes.")],
                                                                  required: ["reason"]))]),
                                responses: responses(200, record)))),
            "/api/v1/register/breaches/{id}/information": .pathItem(.init(
                post: operation("Information des personnes : date et moyen, ou pourquoi elles ne sont pas informées / people informed, or why not",
                                tag: "register", params: [registerIdParam],
                                body: body([.json: content(object([
                                    "at": .string(nullable: true, description: "Date et heure de l'information (ISO 8601)."),
                                    "means": .string(nullable: true, description: "Courrier, courriel, affichage…"),
                                    "not_informed_reason": .string(nullable: true, description: "Pourquoi les personnes ne sont pas informées."),
                                ]))]),
                                responses: responses(200, record)))),
        ]
    }

    static func breachSchemas() -> OpenAPI.ComponentDictionary<JSONSchema> {
        let instant = string("Date et heure ISO 8601 (écrites en UTC ; lues avec décalage, ou heure de Paris sans).")
        let step = object(["at": instant, "reference": .string(nullable: true), "note": .string(nullable: true)], required: ["at"])
        let breach = object([
            "title": string("Intitulé (obligatoire, 200 caractères au plus)."),
            "status": string("« closed » exige chaque champ requis.", enum: values(BreachStatus.self)),
            "occurred_at": instant, "aware_at": string("Prise de connaissance : fait courir le délai de 72 heures."),
            "natures": array(string(enum: values(BreachNature.self))),
            "origin": string(enum: values(BreachOrigin.self)), "cause": string(enum: values(BreachCause.self)),
            "description": .string(nullable: true),
            "categories": array(string(enum: DataCategory.allCases.map(\.rawValue))),
            "people": array(string(enum: values(PeopleCategory.self))),
            "people_count": .integer(minimum: (0, exclusive: false)), "records_count": .integer(minimum: (0, exclusive: false)),
            "consequences": .string(nullable: true), "risk": string(enum: values(BreachRisk.self)), "measures": .string(nullable: true),
            "notification": ref("BreachNotification"), "complementary": array(ref("BreachNotification")),
            "not_notified_reason": .string(nullable: true, description: "Justification quand la CNIL n'est pas notifiée."),
            "people_informed_at": instant, "people_informed_means": .string(nullable: true),
            "people_not_informed_reason": .string(nullable: true),
            "activities": array(.integer(description: "Numéro d'une activité de traitement de la même organisation.")),
            "processors": array(.integer(description: "Numéro d'un sous-traitant de la même organisation.")),
            "datasets": array(string("Identifiant d'un jeu de données de la même organisation.")),
        ], required: ["title"])
        return [
            "BreachNotification": step,
            "Breach": breach,
            "BreachRecord": object([
                "id": .integer, "organisation": object(["slug": .string, "name": .string], required: ["slug", "name"]),
                "archived": .boolean, "created_at": string(format: .dateTime), "updated_at": string(format: .dateTime),
                "complete": .boolean(description: "Aucun champ requis ne manque."),
                "missing": array(string("Champ requis manquant (nom du champ en camelCase).")),
                "sensitive": .boolean(description: "Données sensibles touchées (art. 9, NIR, infractions)."),
                "nir": .boolean(description: "Le NIR est touché."),
                "deadline": .string(format: .dateTime, nullable: true, description: "Prise de connaissance + 72 h."),
                "hours_left": .number(nullable: true, description: "Heures restantes au dixième (négatif en retard) ; pour une violation notifiée, la marge qu'elle avait."),
                "overdue": .boolean(description: "Délai dépassé sans notification."),
                "clock": string(enum: ["unknown", "running", "overdue", "notifiedInTime", "notifiedLate", "notRequired"]),
                "clock_text": string("Le délai en mots, dans la langue du lecteur."),
                "breach": ref("Breach"),
            ], required: ["id", "organisation", "archived", "complete", "missing", "sensitive", "overdue", "clock", "clock_text", "breach"]),
            "BreachList": object(["breaches": array(ref("BreachRecord"))], required: ["breaches"]),
        ]
    }
}
