import Foundation
import OpenAPIKit
import SocleActions
import SocleCore

/// The bundled SCDL schemas in the OpenAPI document: the list, a dataset's suggestion, its validation
/// against a schema and the renaming of its columns to the schema's names.
extension OpenAPIDocument {
    static func schemaPaths() -> OpenAPI.PathItem.Map {
        let schemaParam = param("schema", "Nom d'un schéma fourni (subventions, irve-statique… ; liste : /api/v1/schemas). Par défaut, le schéma suggéré.")
        return [
            "/api/v1/schemas": .pathItem(.init(
                get: operation("Schémas SCDL fournis avec Socle / bundled SCDL schemas", tag: "datasets",
                               responses: [200: json(ref("SchemaList"), "Nom, titre, version, nombre de champs, anciens noms de colonnes reconnus.")],
                               security: false))),
            "/api/v1/datasets/{slug}/schema": .pathItem(.init(
                get: operation("Schéma suggéré pour la version courante (membres) / suggested schema", tag: "datasets",
                               params: [slugParam],
                               responses: [200: json(ref("SchemaSuggestion"), "Le schéma suggéré (null si aucun) : champs trouvés, renommés, manquants."),
                                           400: badInput, 401: unauthorized, 404: notFound]))),
            "/api/v1/datasets/{slug}/validate": .pathItem(.init(
                post: operation("Valider la version courante contre un schéma fourni / validate against a bundled schema", tag: "datasets",
                                params: [slugParam, schemaParam],
                                responses: [200: json(ref("ValidationReport"), "Le même rapport que « socle validate --json » : valide, erreurs situées (ligne, champ, contrainte, valeur)."),
                                            400: badInput, 401: unauthorized, 403: forbidden, 404: notFound]))),
            "/api/v1/datasets/{slug}/apply-schema": .pathItem(.init(
                post: operation("Donner aux colonnes les noms du schéma, dans une nouvelle version / rename columns to the schema's names",
                                tag: "datasets", params: [slugParam, schemaParam],
                                responses: [201: json(ref("AppliedSchema"), "Nouvelle version créée ; la précédente reste dans l'historique."),
                                            401: unauthorized, 403: forbidden, 404: notFound,
                                            409: error("Aucun schéma suggéré, correspondance ambiguë (deux colonnes pour un champ) ou rien à renommer : rien n'a été modifié.")]))),
        ]
    }

    static func schemaSchemas() -> OpenAPI.ComponentDictionary<JSONSchema> {
        let rename = object(["column": .string, "field": .string,
                             "how": string("fold : même nom à la casse, aux accents, espaces et soulignés près ; alias : ancien nom du champ ; close : une lettre d'écart.",
                                           enum: ["fold", "alias", "close"])])
        return [
            "SchemaList": object(["schemas": array(object([
                "name": .string, "title": .string, "version": .string(nullable: true), "fields": .integer, "required_fields": .integer,
                "aliases": array(object(["old": .string, "field": .string, "source": .string])),
            ]))]),
            "SchemaMatch": object([
                "schema": .string, "title": .string, "version": .string(nullable: true),
                "found": array(.string), "renamed": array(rename),
                "missing_required": array(.string), "missing_optional": array(.string), "extra": array(.string),
                "ambiguous": array(object(["field": .string, "columns": array(.string)])),
                "required_ratio": .number, "explained_ratio": .number, "suggested": .boolean,
            ]),
            "SchemaSuggestion": object(["dataset": .string, "revision": .integer,
                                        "suggestion": orNull(ref("SchemaMatch"), "Null quand aucun schéma fourni ne correspond assez.")]),
            "ValidationReport": object([
                "valid": .boolean, "error_count": .integer, "row_count": .integer,
                "errors": array(object(["row": .integer(nullable: true), "field": .string(nullable: true), "constraint": .string,
                                        "value": .string(nullable: true), "message": .string])),
                "warnings": array(.object),
            ], required: ["valid", "errors"]),
            "AppliedSchema": object(["dataset": .string, "schema": .string, "previous_revision": .integer, "revision": .integer,
                                     "renamed": array(rename)]),
        ]
    }
}
