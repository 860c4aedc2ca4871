import Foundation
import Hummingbird
import OpenAPIKit
import SocleCore
import SocleWeb

/// The read API (records, facets, exports) and the personal-data API in the OpenAPI document.
extension OpenAPIDocument {
    static var odsqlParams: OpenAPI.Parameter.Array {
        [
            param("where", "Filtre ODSQL : `population > 1000 and commune like 'Saint%'`, `search(nom, \"gare\")`, `date >= date'2024-01-01'`, `in_bbox(geo, 48.8, -0.9, 48.9, -0.8)`…"),
            param("select", "Colonnes, agrégats (`count(*)`, `sum`, `avg`, `min`, `max`) et parties de date (`year`, `month`, `day`, `hour`), avec `as` pour nommer."),
            param("group_by", "Regroupement : colonnes ou `year(date)`…"),
            param("order_by", "Tri : `population desc, nom`."),
            param("refine", "Facette imposée `champ:valeur` (répétable).", schema: array(.string)),
            param("exclude", "Facette exclue `champ:valeur` (répétable).", schema: array(.string)),
        ]
    }
    static var queryError: ResponseEntry {
        error("Requête refusée : champ ou fonction inconnus, types incompatibles, syntaxe (avec la position), limite de temps / query refused, with the position.")
    }
    static var notModified: ResponseEntry { .response(description: "Inchangé depuis l'ETag ou la date fournis (If-None-Match / If-Modified-Since).") }

    static func queryPaths() -> OpenAPI.PathItem.Map {
        let exportFormats = ["csv", "excel-fr", "json", "ndjson", "jsonl", "geojson", "xlsx"]
        return [
            "/api/v1/datasets/{slug}/records": .pathItem(.init(
                get: operation("Interroger les enregistrements (ODSQL) / query records", tag: "query",
                               params: [slugParam] + odsqlParams + [
                                  param("limit", "Lignes par page (100 par défaut, plafonnée à 10 000 ; `truncated` le signale).", schema: bounded(0, Int.max)),
                                  param("offset", "Lignes à sauter.", schema: bounded(0, nil)),
                                  param("cursor", "Curseur opaque `next` de la page précédente (pages profondes)."),
                               ],
                               responses: [200: json(ref("RecordsPage"), "Une page ; `total_count` compte toutes les lignes (ou groupes) qui correspondent."),
                                           304: notModified, 400: queryError, 404: notFound], security: false))),
            "/api/v1/datasets/{slug}/records/{row}": .pathItem(.init(
                get: operation("Un enregistrement / one record", tag: "query",
                               params: [slugParam, param("row", in: .path, "Numéro d'enregistrement (`_row`).", schema: bounded(1, nil))],
                               responses: [200: json(.object, "L'enregistrement, colonnes visibles seulement."),
                                           304: notModified, 404: notFound], security: false))),
            "/api/v1/datasets/{slug}/facets": .pathItem(.init(
                get: operation("Facettes : nombre de lignes par valeur / facets", tag: "query",
                               params: [slugParam] + odsqlParams + [param("facet", "Champ à facetter (répétable ; par défaut les colonnes de codes, dates et booléens).", schema: array(.string))],
                               responses: [200: json(ref("Facets"), "Les facettes."), 304: notModified, 400: queryError, 404: notFound],
                               security: false))),
            "/api/v1/datasets/{slug}/exports/{format}": .pathItem(.init(
                get: operation("Export complet en flux, mêmes filtres / streamed export with the same filters", tag: "query",
                               params: [slugParam, param("format", in: .path, "Format.", schema: string(enum: exportFormats))] + odsqlParams + [
                                  param("dialect", "`excel-fr` pour un CSV à la française (`;`, BOM, virgule décimale).", schema: string(enum: ["excel-fr"])),
                                  param("labels", "`true` : en-têtes d'origine au lieu des noms de colonnes.", schema: string(enum: ["true", "false"])),
                               ],
                               responses: [200: .response(description: "Le fichier, écrit au fil de la lecture.",
                                                          content: [.csv: content(.string), .json: content(.array),
                                                                    .other("application/x-ndjson"): content(.string),
                                                                    .geojson: content(.object), xlsx: content(.string)]),
                                           304: notModified, 400: queryError, 404: notFound], security: false))),
            "/api/v1/datasets/{slug}/privacy": .pathItem(.init(
                get: operation("Classification des colonnes : suggestions et revues (membres) / column classification", tag: "privacy",
                               params: [slugParam],
                               responses: [200: json(ref("Privacy"), "Chaque colonne, ce qui bloque la publication, la provenance."),
                                           401: unauthorized, 404: notFound]))),
            "/api/v1/datasets/{slug}/privacy/{column}": .pathItem(.init(
                put: operation("Confirmer ou corriger une colonne (référent, DPO) / review a column", tag: "privacy",
                               params: [slugParam, param("column", in: .path, "Nom ou libellé d'origine de la colonne.")],
                               body: body([.json: content(object([
                                  "verdict": string(enum: ["public", "personal", "sensitive"]),
                                  "category": .string(nullable: true, description: "Catégorie de données (identity, phone, email, health, nir…)."),
                               ], required: ["verdict"]))]),
                               responses: [200: json(ref("Privacy"), "L'état après la décision (journalisée)."), 400: badInput,
                                           401: unauthorized, 403: forbidden, 404: notFound, 415: unsupported]))),
            "/api/v1/datasets/{slug}/anonymise": .pathItem(.init(
                post: operation("Produire un jeu anonymisé dérivé / produce an anonymised derived dataset", tag: "privacy",
                                params: [slugParam],
                                body: body([.json: content(object([
                                  "into": string("Identifiant du nouveau jeu."), "title": .string,
                                  "drop": array(.string), "pseudonymise": array(.string),
                                  "generalise": array(string("`colonne:month|year|age-band|commune|grid:N`")),
                                  "suppress_rare": array(string("`colonne:k`")), "k": .integer, "quasi": array(.string),
                                  "aggregate_by": array(string("Agréger : une ligne par groupe de ces colonnes, avec un effectif ; groupes de moins de k supprimés.")),
                                  "sum": array(string("Colonnes à sommer lors de l'agrégation.")),
                                  "dry_run": .boolean(description: "Vrai : seulement les contrôles et ce qui bloquerait la publication (200, AnonymisePreview), rien n'est produit."),
                                ], required: ["into"]))]),
                                responses: [201: json(ref("Anonymised"), "Créé, avec ses contrôles et sa provenance."),
                                            200: json(ref("AnonymisePreview"), "Simulation (dry_run) : rien n'a été produit."), 400: badInput,
                                            401: unauthorized, 403: forbidden, 404: notFound,
                                            409: error("Identifiant déjà pris / slug taken."), 413: error("Table trop grande."), 415: unsupported]))),
        ]
    }

    static func querySchemas() -> OpenAPI.ComponentDictionary<JSONSchema> {
        [
            "RecordsPage": object([
                "total_count": .integer, "limit": .integer, "offset": .integer,
                "truncated": .boolean(description: "La limite demandée dépassait le plafond."),
                "next": .string(nullable: true, description: "Curseur de la page suivante."), "query": string("Ce que fait la requête, en mots."),
                "results": array(.object),
            ], required: ["total_count", "results", "next"]),
            // A facet value is a string, a number, a boolean or null (`anyOf`: OpenAPIKit writes one type, or one type and null).
            "Facets": object(["facets": array(object(["name": .string, "facets": array(object([
                "name": .string, "value": cell, "count": .integer]))]))]),
            "Privacy": object([
                "dataset": .string, "revision": .integer, "publishable": .boolean, "blockers": array(.string),
                "columns": array(.object), "lineage": .object(nullable: true),
                "lineage_steps": .array(nullable: true, description: "Les étapes de la provenance : code machine et phrase ({code, label})."),
            ]),
            "Anonymised": object([
                "dataset": .string, "revision": .integer, "rows_in": .integer, "rows_out": .integer,
                "clears_personal_data": .boolean, "smallest_group_size": .integer(nullable: true),
                "smallest_group_size_before": .integer(nullable: true),
                "checks": array(object(["passed": .boolean, "message": .string])), "steps": array(.string),
                "publication_blockers": array(.string),
            ]),
        ]
    }
}

/// `/api/v1/docs`: the OpenAPI document as a readable page.
struct APIDocsController {
    let state: ServerState
    let pages: Pages

    func addRoutes(to router: Router<SocleRequestContext>) {
        router.get("api/v1/docs", use: show)
        router.get("api", use: { request, _ in PortalRoutes.moved("/api/v1/docs", request) })
    }

    @Sendable func show(_ request: Request, context: SocleRequestContext) async throws -> Response {
        var ops: [APIDocsPage.Operation] = []
        for (path, item) in OpenAPIDocument.document.paths.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            guard let item = item.pathItemValue else { continue }
            for method in [OpenAPI.HttpMethod.get, .post, .put, .delete] {
                guard let op = item[method] else { continue }
                let params = op.parameters.compactMap(\.parameterValue).map {
                    (name: $0.name, location: $0.location.rawValue, description: $0.description ?? "", required: $0.required)
                }
                let responses = op.responses.map { (code: $0.key.rawValue, description: $0.value.responseValue?.description ?? "") }
                    .sorted { $0.code < $1.code }
                ops.append(.init(method: method.rawValue.lowercased(), path: path.rawValue, summary: op.summary ?? "",
                                 tag: op.tags?.first ?? "", params: params, responses: responses,
                                 needsAuth: !(op.security ?? []).contains { $0.isEmpty }))
            }
        }
        let intro = Catalog.shared.string("web.apidocs.intro", language: context.language)
        return try pages.render(APIDocsPage(intro: intro, operations: ops), request, context)
    }
}
