import Foundation
import OpenAPIKit
import SocleActions
import SocleCore

/// Retention enforced (`/api/v1/register/retention…`) in the OpenAPI document: the rules with where they
/// apply, the last runs, a dry run and a run on demand.
extension OpenAPIDocument {
    static func retentionPaths() -> OpenAPI.PathItem.Map {
        let org: OpenAPI.Parameter.Array = [param("organisation", "Identifiant de l'organisation (toutes celles dont vous tenez le registre sinon).")]
        return [
            "/api/v1/register/retention": .pathItem(.init(
                get: operation("Règles de conservation, leur portée et les dernières exécutions / retention rules, scope and last runs",
                               tag: "register", params: org,
                               responses: [200: json(ref("RetentionOverview"), "Les règles des activités non archivées et les exécutions, les plus récentes d'abord."),
                                           401: unauthorized, 403: forbidden, 404: notFound]))),
            "/api/v1/register/retention/dry-run": .pathItem(.init(
                post: operation("Simuler : les lignes échues par règle, sans rien modifier / dry run: expired rows per rule, nothing changed",
                                tag: "register", params: org,
                                responses: [200: json(ref("RetentionRun"), "Ce qui partirait aujourd'hui (nombre, révisions, premiers numéros de ligne, date limite)."),
                                            401: unauthorized, 403: forbidden, 404: notFound]))),
            "/api/v1/register/retention/run": .pathItem(.init(
                post: operation("Appliquer les règles maintenant (DPO, administrateur) / apply the rules now",
                                tag: "register", params: org,
                                responses: [200: json(ref("RetentionRun"), "Lignes supprimées, anonymisées ou versées ; preuve (SHA-256) au journal d'audit."),
                                            401: unauthorized, 403: forbidden, 404: notFound]))),
        ]
    }

    static func retentionSchemas() -> OpenAPI.ComponentDictionary<JSONSchema> {
        let date = JSONSchema.string(format: .dateTime)
        let problem = JSONSchema.string(nullable: true, description: "Pourquoi la règle n'est pas appliquée (clé du catalogue), sinon null.")
        return [
            "RetentionOverview": object(["rules": array(ref("RetentionScope")), "runs": array(ref("RetentionRunRecord"))], required: ["rules", "runs"]),
            "RetentionScope": object([
                "activity_id": .integer, "activity": .string, "organisation": .string,
                "rule": .integer(description: "Rang de la règle dans la fiche (1, 2…)."),
                "retention": ref("RegisterRetentionRule"),
                "targets": array(object(["dataset": .string, "title": .string,
                                         "date_column": .string(nullable: true, description: "Colonne de date qui fait courir la durée."),
                                         "personal_columns": array(.string), "problem": problem],
                                        required: ["dataset", "title", "personal_columns"])),
                "problem": problem,
            ], required: ["activity_id", "activity", "organisation", "rule", "retention", "targets"]),
            "RetentionRunRecord": object(["id": .integer, "organisation": .string, "run": ref("RetentionRun")], required: ["id", "organisation", "run"]),
            "RetentionRun": object([
                "at": date, "dry_run": .boolean, "trigger": string("cli, schedule, ou le nom de la personne."),
                "rows": .integer(description: "Lignes échues, toutes règles et révisions confondues."),
                "outcomes": array(ref("RetentionOutcome")),
            ], required: ["at", "dry_run", "trigger", "rows", "outcomes"]),
            "RetentionOutcome": object([
                "activity_id": .integer, "activity": .string, "organisation": .string, "rule": .integer,
                "fate": string(enum: values(RetentionFate.self)), "duration": .string, "dataset": .string,
                "date_column": .string(nullable: true), "cutoff": string("Les lignes datées d'avant ce jour (AAAA-MM-JJ) sont échues."),
                "rows": .integer, "current_rows": .integer,
                "undated": .integer(description: "Lignes de la révision courante sans date lisible, conservées."),
                "tables": array(object(["revision": .integer, "table": .string, "matched": .integer, "rows_before": .integer,
                                        "rows_after": .integer, "sample": array(.integer)],
                                       required: ["revision", "table", "matched", "rows_before", "rows_after", "sample"])),
                "new_revision": .integer(nullable: true), "sha256": string("Preuve : SHA-256 du contenu des lignes (vide sans ligne)."),
                "done": string("Ce qui a été fait (clé du catalogue retention.done.*)."),
                "file": .string(nullable: true, description: "Fichier de versement ou de tri, dans le répertoire retention des données."),
                "problem": problem,
            ], required: ["activity_id", "activity", "organisation", "rule", "fate", "duration", "dataset", "cutoff", "rows", "current_rows",
                          "undated", "tables", "sha256", "done"]),
        ]
    }
}
