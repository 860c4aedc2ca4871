import Foundation
import OpenAPIKit

/// The DPO's review shortcuts in the OpenAPI document: confirming every suggestion at once, and
/// re-running a derived dataset's anonymisation after its source was reviewed.
extension OpenAPIDocument {
    static func privacyPagesPaths() -> OpenAPI.PathItem.Map {
        [
            "/api/v1/datasets/{slug}/privacy/confirm-all": .pathItem(.init(
                post: operation("Confirmer toutes les suggestions, sauf les colonnes exclues / confirm every suggestion but the excluded columns",
                                tag: "privacy", params: [slugParam],
                                body: body([.json: content(object([
                                    "except": array(string("Colonne à laisser à revoir (nom ou libellé d'origine).")),
                                ]))]),
                                responses: [200: json(ref("Privacy"), "L'état après les décisions (chacune journalisée en privacy.classify)."),
                                            400: badInput, 401: unauthorized, 403: forbidden, 404: notFound, 415: unsupported]))),
            "/api/v1/datasets/{slug}/anonymise/rerun": .pathItem(.init(
                post: operation("Relancer l'anonymisation d'un jeu dérivé avec les revues actuelles de sa source / re-run a derived dataset's anonymisation",
                                tag: "privacy", params: [slugParam],
                                responses: [201: json(ref("Anonymised"), "Nouvelle révision du jeu dérivé, ses contrôles et ce qui bloque encore sa publication."),
                                            400: badInput, 401: unauthorized, 403: forbidden, 404: notFound, 413: error("Table trop grande.")]))),
        ]
    }

    static func privacyPagesSchemas() -> OpenAPI.ComponentDictionary<JSONSchema> {
        [
            "AnonymisePreview": object([
                "rows_in": .integer, "rows_out": .integer, "clears_personal_data": .boolean,
                "smallest_group_size": .integer(nullable: true),
                "checks": array(object(["passed": .boolean, "message": .string])),
                "blockers": array(object(["code": string("Code stable de la raison, pour les programmes ; le message est la version lisible."), "message": .string])),
            ]),
        ]
    }
}
