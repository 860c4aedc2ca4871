import Foundation
import OpenAPIKit
import SocleActions
import SocleCore

/// Data-subject requests in the OpenAPI document: the DPO's `/api/v1/register/requests…` and the public
/// `/api/v1/privacy-requests…` (the form and the tracking page as JSON). Bodies are snake_case.
extension OpenAPIDocument {
    static var requestInvalid: ResponseEntry {
        error("Refusée : date impossible ou future, réponse antérieure à la réception, prolongation notifiée après le premier mois, "
              + "changement d'état interdit, personne non identifiable, texte trop long ou balisé / refused; the message says what to fix.")
    }

    static func requestPaths() -> OpenAPI.PathItem.Map {
        let one: OpenAPI.Parameter.Array = [registerIdParam]
        func step(_ summary: String, _ body: JSONSchema, _ done: String, created: Bool = false) -> OpenAPI.Operation {
            let ok = json(ref("SubjectRequest"), done)
            let responses: OpenAPI.Response.Map = created
                ? [201: ok, 400: requestInvalid, 401: unauthorized, 403: forbidden, 404: notFound, 415: unsupported]
                : [200: ok, 400: requestInvalid, 401: unauthorized, 403: forbidden, 404: notFound, 415: unsupported]
            return operation(summary, tag: "register", params: one, body: self.body([.json: content(body)]), responses: responses)
        }
        return [
            "/api/v1/register/requests": .pathItem(.init(
                get: operation("Demandes d'exercice de droits, par échéance légale (DPO, administrateur) / data-subject requests by due date",
                               tag: "register",
                               params: [registerOrganisationQuery,
                                        param("reminder", "Seulement les demandes à échéance dans 7 jours ou moins (dueSoon) ou en retard (overdue).",
                                              schema: string(enum: ["dueSoon", "overdue"]))],
                               responses: [200: json(ref("SubjectRequestList"), "Ouvertes d'abord, par échéance ; puis les closes."),
                                           400: badInput, 401: unauthorized, 403: forbidden, 404: notFound]),
                post: operation("Enregistrer une demande reçue par courrier, courriel ou à l'accueil / record a received request", tag: "register",
                                params: [registerOrganisationRequired],
                                body: body([.json: content(ref("SubjectRequestInput"))]),
                                responses: [201: json(object(["request": ref("SubjectRequest"),
                                                              "tracking_token": string("Code de suivi à transmettre à la personne, affiché une seule fois.")],
                                                             required: ["request", "tracking_token"]), "Enregistrée (journalisée)."),
                                            400: requestInvalid, 401: unauthorized, 403: forbidden, 404: notFound, 415: unsupported]))),
            "/api/v1/register/requests/{id}": .pathItem(.init(
                get: operation("Une demande et son historique / one request with its history", tag: "register", params: one,
                               responses: [200: json(ref("SubjectRequest"), "La demande."), 400: badInput, 401: unauthorized, 403: forbidden,
                                           404: notFound]))),
            "/api/v1/register/requests/{id}/transition": .pathItem(.init(post: step(
                "Changer d'état (refus : motif obligatoire) / change state",
                object(["state": string(enum: values(RequestState.self)), "reason": .string(nullable: true), "note": .string(nullable: true)],
                       required: ["state"]),
                "Nouvel état (journalisé)."))),
            "/api/v1/register/requests/{id}/extend": .pathItem(.init(post: step(
                "Prolonger de deux mois, si la personne a été informée dans le premier mois / extend by two months",
                object(["notified": .string(format: .date), "reason": .string], required: ["notified", "reason"]),
                "Échéance prolongée (journalisée)."))),
            "/api/v1/register/requests/{id}/answer": .pathItem(.init(post: step(
                "Enregistrer la réponse et clôturer / record the answer and close",
                object(["text": .string, "date": .string(format: .date), "channel": string(enum: values(RequestChannel.self))],
                       required: ["text", "date", "channel"]),
                "Demande clôturée (journalisée)."))),
            "/api/v1/register/requests/{id}/identity": .pathItem(.init(post: step(
                "Enregistrer la vérification d'identité / record the identity check",
                object(["method": string("Comment l'identité a été vérifiée.")], required: ["method"]), "Vérification enregistrée."))),
            "/api/v1/register/requests/{id}/identifiers": .pathItem(.init(put: operation(
                "Remplacer les identifiants de la personne / replace the identifiers", tag: "register", params: one,
                body: body([.json: content(ref("SubjectIdentifiers"))]),
                responses: [200: json(ref("SubjectRequest"), "Identifiants remplacés ; sans aucun, retour à la vérification d'identité."),
                            400: requestInvalid, 401: unauthorized, 403: forbidden, 404: notFound, 415: unsupported]))),
            "/api/v1/register/requests/{id}/events": .pathItem(.init(post: step(
                "Ajouter une étape à l'historique (recherche, paquet, effacement…) / add a history step",
                object(["kind": string("Mot court en minuscules : search, package, erasure, note…"), "summary": .string],
                       required: ["kind", "summary"]),
                "Étape ajoutée (journalisée).", created: true))),
            "/api/v1/privacy-requests": .pathItem(.init(post: operation(
                "Déposer une demande d'exercice de droits, sans compte / submit a data-subject request (no account)", tag: "register",
                body: body([.json: content(ref("PublicRequestInput"))], "16 Kio au plus ; texte simple, sans balisage."),
                responses: [201: json(ref("PublicRequestSent"), "Enregistrée ; la réponse ne dit jamais si la personne figure dans les données."),
                            400: requestInvalid, 413: error("Corps trop gros / body too large."),
                            415: unsupported, 429: error("Trop de demandes depuis cette adresse / too many requests from this address.")],
                security: false))),
            "/api/v1/privacy-requests/track": .pathItem(.init(get: operation(
                "Suivre sa demande avec son code / track one's request", tag: "register",
                params: [param("t", "Code de suivi reçu au dépôt.", required: true)],
                responses: [200: json(ref("TrackedRequest"), "État, échéance et réponse une fois enregistrée ; rien d'autre."),
                            404: error("Code inconnu ou erroné (même réponse dans les deux cas).")],
                security: false))),
        ]
    }

    static func requestSchemas() -> OpenAPI.ComponentDictionary<JSONSchema> {
        let day = JSONSchema.string(format: .date)
        let input: Properties = [
            "right": string(enum: values(SubjectRight.self)),
            "requester": string("Nom du demandeur (200 caractères au plus)."),
            "contact": string("Adresse de courriel où répondre."),
            "identifiers": ref("SubjectIdentifiers"),
            "message": string("Texte simple, 5 000 caractères au plus."),
        ]
        var dpoInput = input
        dpoInput["received"] = .string(format: .date, nullable: true, description: "Jour de réception (aujourd'hui si absent ; jamais dans le futur).")
        dpoInput["channel"] = string(enum: values(RequestChannel.self))
        var publicInput = input
        publicInput["organisation"] = string("Identifiant de l'organisation à qui s'adresse la demande.")
        let answer = object(["text": .string, "date": day, "channel": string(enum: values(RequestChannel.self))])
        return [
            "SubjectIdentifiers": object([
                "email": .string(nullable: true), "phone": .string(nullable: true),
                "nir": .string(nullable: true, description: "13 ou 15 caractères."),
                "name": .string(nullable: true, description: "Compte avec la date de naissance."),
                "birth_date": .string(format: .date, nullable: true), "plate": .string(nullable: true),
            ]),
            "SubjectRequestInput": object(dpoInput, required: ["right", "requester", "contact"]),
            "PublicRequestInput": object(publicInput, required: ["organisation", "right", "requester", "contact"]),
            "PublicRequestSent": object([
                "organisation": .string, "right": string(enum: values(SubjectRight.self)), "state": string(enum: values(RequestState.self)),
                "received": day, "due": day, "tracking_token": .string, "tracking_url": .string,
            ], required: ["organisation", "right", "state", "received", "due", "tracking_token", "tracking_url"]),
            "TrackedRequest": object([
                "organisation": string("Nom de l'organisation."), "right": string(enum: values(SubjectRight.self)),
                "state": string(enum: values(RequestState.self)), "received": day, "due": day, "extended": .boolean,
                "answer": answer, "refusal": .string(nullable: true),
            ], required: ["organisation", "right", "state", "received", "due", "extended"]),
            "SubjectRequest": object([
                "id": .integer, "organisation": object(["slug": .string, "name": .string], required: ["slug", "name"]),
                "archived": .boolean, "created_at": .string(format: .dateTime), "updated_at": .string(format: .dateTime),
                "right": string(enum: values(SubjectRight.self)), "requester": .string, "contact": .string,
                "identifiers": ref("SubjectIdentifiers"),
                "usable_identifiers": array(string(enum: ["email", "phone", "nir", "nameAndBirthDate", "plate"])),
                "message": .string, "received": day, "channel": string(enum: values(RequestChannel.self)),
                "state": string(enum: values(RequestState.self)),
                "due": day, "initial_due": day, "days_left": .integer(description: "Négatif en retard."),
                "reminder": string(enum: ["dueSoon", "overdue"]),
                "extension": object(["notified": day, "reason": .string]),
                "identity_check": object(["day": day, "method": .string, "by": .string]),
                "answer": answer, "refusal": .string(nullable: true),
                "allowed_states": array(string(enum: values(RequestState.self))), "can_answer": .boolean,
                "events": array(object(["at": .string(format: .dateTime), "kind": .string, "summary": .string, "actor": .string])),
            ], required: ["id", "organisation", "right", "requester", "contact", "state", "received", "due", "events"]),
            "SubjectRequestList": object(["requests": array(ref("SubjectRequest"))], required: ["requests"]),
        ]
    }
}
