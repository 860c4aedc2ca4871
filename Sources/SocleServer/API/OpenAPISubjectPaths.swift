import Foundation
import OpenAPIKit

/// Data subjects (`/api/v1/register/subjects/…`) in the OpenAPI document: one person across every dataset and
/// revision — search, access package, erasure. The identifiers travel in JSON bodies, never in URLs.
extension OpenAPIDocument {
    static func subjectPaths() -> OpenAPI.PathItem.Map {
        let identifiers = body([.json: content(ref("SubjectQuery"))],
                               "Au moins un identifiant ; un nom seulement avec `birth_date`. Les graphies usuelles se valent (casse, accents, espaces, +33…).")
        return [
            "/api/v1/register/subjects/search": .pathItem(.init(
                post: operation("Où apparaît une personne, dans chaque jeu et chaque révision de vos organisations (DPO, administrateur) / where a person appears",
                                tag: "register", body: identifiers,
                                responses: [200: json(ref("SubjectSearchResult"), "Les correspondances, vérifiées sur les valeurs réelles."),
                                            400: error("Identifiant illisible ou absent ; le champ est nommé / unreadable or missing identifier."),
                                            401: unauthorized, 403: forbidden, 415: unsupported]))),
            "/api/v1/register/subjects/package": .pathItem(.init(
                post: operation("Dossier d'accès : chaque enregistrement trouvé, avec les traitements qui l'utilisent (ZIP) / access package",
                                tag: "register", body: identifiers,
                                responses: [200: .response(description: "ZIP : donnees.json, un CSV par jeu de données, LISEZMOI.txt (journalisé).",
                                                           content: [.other("application/zip"): content(.string(contentMediaType: .other("application/zip")))]),
                                            400: badInput, 401: unauthorized, 403: forbidden, 404: notFound, 415: unsupported]))),
            "/api/v1/register/subjects/erase": .pathItem(.init(
                post: operation("Effacer la personne partout : nouvelle révision sans elle, révisions antérieures réécrites, fichiers compactés (DPO, administrateur) / erase",
                                tag: "register", body: identifiers,
                                responses: [200: json(ref("SubjectErasure"), "Ce qui a été effacé, et la preuve gardée au journal d'audit."),
                                            400: error("Identifiant illisible, ou `request` absent : un effacement répond à une demande enregistrée."),
                                            401: unauthorized, 403: forbidden, 404: error("Demande inconnue dans vos organisations / unknown request."),
                                            415: unsupported]))),
            "/api/v1/register/subjects/rectify": .pathItem(.init(
                post: operation("Rectifier la personne dans un jeu de données : nouvelle révision corrigée, révisions antérieures corrigées, fichiers compactés (DPO, administrateur) / rectify",
                                tag: "register", body: body([.json: content(ref("SubjectRectificationInput"))], "La personne, la demande, le jeu et les corrections."),
                                responses: [200: json(ref("SubjectRectification"), "Ce qui a été corrigé, et la preuve gardée au journal d'audit."),
                                            400: error("Identifiant illisible, `request` ou `dataset` absent, colonne inconnue ou géographique, valeur qui ne convient pas au type de la colonne."),
                                            401: unauthorized, 403: forbidden,
                                            404: error("Demande inconnue, ou personne absente de ce jeu de données / unknown request, or person not in this dataset."),
                                            415: unsupported]))),
        ]
    }

    static func subjectSchemas() -> OpenAPI.ComponentDictionary<JSONSchema> {
        [
            "SubjectQuery": object([
                "email": string("Adresse électronique."), "phone": string("Téléphone (06 12…, +33 6…)."),
                "nir": string("NIR, avec ou sans sa clé."), "name": string("Nom et prénom(s), dans n'importe quel ordre."),
                "birth_date": string("Date de naissance (1980-02-29 ou 29/02/1980)."), "plate": string("Plaque d'immatriculation."),
                "request": bounded(1, nil),
            ]),
            "SubjectMatch": object(["dataset": .string, "revision": bounded(1, nil), "row": bounded(1, nil), "column": .string],
                                   required: ["dataset", "revision", "row", "column"]),
            "SubjectSearchResult": object([
                "matches": array(ref("SubjectMatch")), "datasets_searched": bounded(0, nil), "revisions_searched": bounded(0, nil),
                "revisions_indexed": bounded(0, nil), "seconds": .number,
            ], required: ["matches", "datasets_searched", "revisions_searched", "revisions_indexed", "seconds"]),
            "SubjectErasure": object([
                "request": bounded(1, nil), "rows_removed": bounded(0, nil), "sha256": .string, "compacted": .boolean,
                "datasets": array(object(["dataset": .string, "rows_removed": bounded(0, nil), "revisions_touched": array(bounded(1, nil)),
                                          "new_revision": orNull(bounded(1, nil))],
                                         required: ["dataset", "rows_removed", "revisions_touched"])),
            ], required: ["request", "rows_removed", "sha256", "compacted", "datasets"]),
            "SubjectRectificationInput": object([
                "email": string("Adresse électronique."), "phone": string("Téléphone (06 12…, +33 6…)."),
                "nir": string("NIR, avec ou sans sa clé."), "name": string("Nom et prénom(s), dans n'importe quel ordre."),
                "birth_date": string("Date de naissance (1980-02-29 ou 29/02/1980)."), "plate": string("Plaque d'immatriculation."),
                "request": bounded(1, nil), "dataset": string("Identifiant (slug) du jeu de données à corriger."),
                "changes": array(object(["column": string("Nom de la colonne."),
                                         "value": string("Nouvelle valeur telle que la personne l'a donnée ; vide pour vider la case.")],
                                        required: ["column"])),
            ], required: ["request", "dataset", "changes"]),
            "SubjectRectification": object([
                "request": bounded(1, nil), "dataset": .string, "columns": array(.string), "rows_corrected": bounded(0, nil),
                "revisions_touched": array(bounded(1, nil)), "new_revision": orNull(bounded(1, nil)), "sha256": .string, "compacted": .boolean,
            ], required: ["request", "dataset", "columns", "rows_corrected", "revisions_touched", "sha256", "compacted"]),
        ]
    }
}
