import Foundation
import OpenAPIKit
import SocleActions
import SocleCore

/// The DPO's dashboard (`/api/v1/register/dashboard`) and the notifications (`/api/v1/notifications…`) in the
/// OpenAPI document.
extension OpenAPIDocument {
    static func dashboardPaths() -> OpenAPI.PathItem.Map {
        let id: OpenAPI.Parameter.Array = [param("id", in: .path, "Numéro de la notification.", schema: .integer, required: true)]
        return [
            "/api/v1/register/dashboard": .pathItem(.init(
                get: operation("Tableau de bord du DPO, toutes organisations dont il tient le registre / the DPO's dashboard",
                               tag: "register",
                               responses: [200: json(ref("Dashboard"), "Ce qui demande l'action du DPO, chaque élément avec la page où agir."),
                                           401: unauthorized, 403: forbidden]))),
            "/api/v1/notifications": .pathItem(.init(
                get: operation("Mes notifications, les plus récentes d'abord / my notifications, newest first", tag: "register",
                               responses: [200: json(ref("NotificationList"), "Les 100 dernières notifications et le nombre de non lues."),
                                           401: unauthorized, 403: forbidden]))),
            "/api/v1/notifications/{id}/read": .pathItem(.init(
                post: operation("Marquer une notification comme lue / mark a notification read", tag: "register", params: id,
                                responses: [200: json(ref("NotificationsMarked"), "Nombre de notifications changées (0 si déjà lue ou pas à vous)."),
                                            400: badInput, 401: unauthorized, 403: forbidden]))),
            "/api/v1/notifications/read-all": .pathItem(.init(
                post: operation("Tout marquer comme lu / mark all read", tag: "register",
                                responses: [200: json(ref("NotificationsMarked"), "Nombre de notifications changées."),
                                            401: unauthorized, 403: forbidden]))),
        ]
    }

    static func dashboardSchemas() -> OpenAPI.ComponentDictionary<JSONSchema> {
        let date = JSONSchema.string(format: .dateTime)
        let href = string("Page du portail où agir.")
        return [
            "Dashboard": object([
                "generated_at": date,
                "organisations": array(object(["slug": .string, "name": .string], required: ["slug", "name"])),
                "incomplete_activities": array(object([
                    "id": .integer, "name": .string, "organisation": .string, "draft": .boolean,
                    "completeness": .integer(description: "Part des champs obligatoires remplis, 0 à 100."),
                    "missing": array(string("Champ manquant (register.field.<nom>).")), "href": href,
                ], required: ["id", "name", "organisation", "draft", "completeness", "missing", "href"])),
                "missing_dpias": array(object(["id": .integer, "name": .string, "organisation": .string,
                                               "status": string(enum: values(DPIAStatus.self)), "href": href],
                                              required: ["id", "name", "organisation", "status", "href"])),
                "requests": array(object([
                    "id": .integer, "organisation": .string, "right": string(enum: values(SubjectRight.self)),
                    "state": string(enum: values(RequestState.self)), "received": string(format: .date), "due": string(format: .date),
                    "days_left": .integer(description: "Jours avant l'échéance légale (négatif en retard)."),
                    "due_soon": .boolean, "overdue": .boolean, "href": href,
                ], required: ["id", "organisation", "right", "state", "received", "due", "days_left", "due_soon", "overdue", "href"])),
                "breaches": array(object([
                    "id": .integer, "title": .string, "organisation": .string, "deadline": date,
                    "hours_left": .number(description: "Heures restantes sur les 72 (négatif une fois dépassées)."),
                    "overdue": .boolean, "href": href,
                ], required: ["id", "title", "organisation", "overdue", "href"])),
                "unreviewed_datasets": array(object(["slug": .string, "title": .string, "organisation": .string, "revision": .integer,
                                                     "columns": array(.string), "href": href],
                                                    required: ["slug", "title", "organisation", "revision", "columns", "href"])),
                "unlinked_datasets": array(object(["slug": .string, "title": .string, "organisation": .string,
                                                   "columns": array(string("Colonne personnelle qu'aucune activité ne couvre.")), "href": href],
                                                  required: ["slug", "title", "organisation", "columns", "href"])),
                "retention_runs": array(object([
                    "id": .integer, "organisation": .string, "at": date, "trigger": .string, "dry_run": .boolean, "rows": .integer,
                    "problems": .integer(description: "Règles non appliquées sur un jeu de données."), "href": href,
                ], required: ["id", "organisation", "at", "trigger", "dry_run", "rows", "problems", "href"])),
            ], required: ["generated_at", "organisations", "incomplete_activities", "missing_dpias", "requests", "breaches",
                          "unreviewed_datasets", "unlinked_datasets", "retention_runs"]),
            "NotificationList": object([
                "unread": .integer,
                "notifications": array(object([
                    "id": .integer,
                    "kind": string(enum: ["request_new", "request_due_soon", "request_overdue", "breach_new", "breach_deadline",
                                          "breach_overdue", "column_review", "retention_problem", "retention_failed"]),
                    "text": string("Dans la langue de la requête."), "href": href, "organisation": .string, "created_at": date, "read": .boolean,
                ], required: ["id", "kind", "text", "href", "created_at", "read"])),
            ], required: ["unread", "notifications"]),
            "NotificationsMarked": object(["marked": .integer], required: ["marked"]),
        ]
    }
}
