import Foundation
import Hummingbird
import SocleCore
import SocleWeb

/// The read API (records, facets, exports) and the personal-data API in the OpenAPI document.
extension OpenAPIDocument {
    static var odsqlParams: [[String: Any]] {
        [
            param("where", "Filtre ODSQL : `population > 1000 and commune like 'Saint%'`, `search(nom, \"gare\")`, `date >= date'2024-01-01'`, `in_bbox(geo, 48.8, -0.9, 48.9, -0.8)`…"),
            param("select", "Colonnes, agrégats (`count(*)`, `sum`, `avg`, `min`, `max`) et parties de date (`year`, `month`, `day`, `hour`), avec `as` pour nommer."),
            param("group_by", "Regroupement : colonnes ou `year(date)`…"),
            param("order_by", "Tri : `population desc, nom`."),
            param("refine", "Facette imposée `champ:valeur` (répétable).", schema: array(string())),
            param("exclude", "Facette exclue `champ:valeur` (répétable).", schema: array(string())),
        ]
    }
    static var queryError: [String: Any] {
        error("Requête refusée : champ ou fonction inconnus, types incompatibles, syntaxe (avec la position), limite de temps / query refused, with the position.")
    }
    static var notModified: [String: Any] { ["description": "Inchangé depuis l'ETag ou la date fournis (If-None-Match / If-Modified-Since)."] }

    static func queryPaths() -> [String: Any] {
        let exportFormats = ["csv", "excel-fr", "json", "ndjson", "jsonl", "geojson", "xlsx"]
        return [
            "/api/v1/datasets/{slug}/records": [
                "get": operation("Interroger les enregistrements (ODSQL) / query records", tag: "query",
                                 params: [slugParam] + odsqlParams + [
                                    param("limit", "Lignes par page (100 par défaut, plafonnée à 10 000 ; `truncated` le signale).", schema: bounded(0, Int.max)),
                                    param("offset", "Lignes à sauter.", schema: bounded(0, nil)),
                                    param("cursor", "Curseur opaque `next` de la page précédente (pages profondes)."),
                                 ],
                                 responses: ["200": json(ref("RecordsPage"), "Une page ; `total_count` compte toutes les lignes (ou groupes) qui correspondent."),
                                             "304": notModified, "400": queryError, "404": notFound], security: false),
            ],
            "/api/v1/datasets/{slug}/records/{row}": [
                "get": operation("Un enregistrement / one record", tag: "query",
                                 params: [slugParam, param("row", in: "path", "Numéro d'enregistrement (`_row`).", schema: bounded(1, nil))],
                                 responses: ["200": json(["type": "object"], "L'enregistrement, colonnes visibles seulement."),
                                             "304": notModified, "404": notFound], security: false),
            ],
            "/api/v1/datasets/{slug}/facets": [
                "get": operation("Facettes : nombre de lignes par valeur / facets", tag: "query",
                                 params: [slugParam] + odsqlParams + [param("facet", "Champ à facetter (répétable ; par défaut les colonnes de codes, dates et booléens).", schema: array(string()))],
                                 responses: ["200": json(ref("Facets"), "Les facettes."), "304": notModified, "400": queryError, "404": notFound],
                                 security: false),
            ],
            "/api/v1/datasets/{slug}/exports/{format}": [
                "get": operation("Export complet en flux, mêmes filtres / streamed export with the same filters", tag: "query",
                                 params: [slugParam, param("format", in: "path", "Format.", schema: string(enum: exportFormats))] + odsqlParams + [
                                    param("dialect", "`excel-fr` pour un CSV à la française (`;`, BOM, virgule décimale).", schema: string(enum: ["excel-fr"])),
                                    param("labels", "`true` : en-têtes d'origine au lieu des noms de colonnes.", schema: string(enum: ["true", "false"])),
                                 ],
                                 responses: ["200": ["description": "Le fichier, écrit au fil de la lecture.",
                                                     "content": ["text/csv": ["schema": ["type": "string"]],
                                                                 "application/json": ["schema": ["type": "array"]],
                                                                 "application/x-ndjson": ["schema": ["type": "string"]],
                                                                 "application/geo+json": ["schema": ["type": "object"]],
                                                                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["schema": ["type": "string"]]]],
                                             "304": notModified, "400": queryError, "404": notFound], security: false),
            ],
            "/api/v1/datasets/{slug}/privacy": [
                "get": operation("Classification des colonnes : suggestions et revues (membres) / column classification", tag: "privacy",
                                 params: [slugParam],
                                 responses: ["200": json(ref("Privacy"), "Chaque colonne, ce qui bloque la publication, la provenance."),
                                             "401": unauthorized, "404": notFound]),
            ],
            "/api/v1/datasets/{slug}/privacy/{column}": [
                "put": operation("Confirmer ou corriger une colonne (référent, DPO) / review a column", tag: "privacy",
                                 params: [slugParam, param("column", in: "path", "Nom ou libellé d'origine de la colonne.")],
                                 body: ["required": true, "content": ["application/json": ["schema": object([
                                    "verdict": string(enum: ["public", "personal", "sensitive"]),
                                    "category": nullable("string", "Catégorie de données (identity, phone, email, health, nir…)."),
                                 ], required: ["verdict"])]]],
                                 responses: ["200": json(ref("Privacy"), "L'état après la décision (journalisée)."), "400": badInput,
                                             "401": unauthorized, "403": forbidden, "404": notFound, "415": unsupported]),
            ],
            "/api/v1/datasets/{slug}/anonymise": [
                "post": operation("Produire un jeu anonymisé dérivé / produce an anonymised derived dataset", tag: "privacy",
                                  params: [slugParam],
                                  body: ["required": true, "content": ["application/json": ["schema": object([
                                    "into": string("Identifiant du nouveau jeu."), "title": string(),
                                    "drop": array(string()), "pseudonymise": array(string()),
                                    "generalise": array(string("`colonne:month|year|age-band|commune|grid:N`")),
                                    "suppress_rare": array(string("`colonne:k`")), "k": integer, "quasi": array(string()),
                                    "aggregate_by": array(string("Agréger : une ligne par groupe de ces colonnes, avec un effectif ; groupes de moins de k supprimés.")),
                                    "sum": array(string("Colonnes à sommer lors de l'agrégation.")),
                                  ], required: ["into"])]]],
                                  responses: ["201": json(ref("Anonymised"), "Créé, avec ses contrôles et sa provenance."), "400": badInput,
                                              "401": unauthorized, "403": forbidden, "404": notFound,
                                              "409": error("Identifiant déjà pris / slug taken."), "413": error("Table trop grande."), "415": unsupported]),
            ],
        ]
    }

    static func querySchemas() -> [String: Any] {
        [
            "RecordsPage": object([
                "total_count": integer, "limit": integer, "offset": integer,
                "truncated": ["type": "boolean", "description": "La limite demandée dépassait le plafond."],
                "next": nullable("string", "Curseur de la page suivante."), "query": string("Ce que fait la requête, en mots."),
                "results": array(["type": "object"]),
            ], required: ["total_count", "results", "next"]),
            "Facets": object(["facets": array(object(["name": string(), "facets": array(object([
                "name": string(), "value": ["type": ["string", "number", "integer", "boolean", "null"]], "count": integer]))]))]),
            "Privacy": object([
                "dataset": string(), "revision": integer, "publishable": ["type": "boolean"], "blockers": array(string()),
                "columns": array(["type": "object"]), "lineage": ["type": ["object", "null"]],
            ]),
            "Anonymised": object([
                "dataset": string(), "revision": integer, "rows_in": integer, "rows_out": integer,
                "clears_personal_data": ["type": "boolean"], "smallest_group_size": nullable("integer"),
                "smallest_group_size_before": nullable("integer"),
                "checks": array(object(["passed": ["type": "boolean"], "message": string()])), "steps": array(string()),
                "publication_blockers": array(string()),
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
        let doc = OpenAPIDocument.document()
        let paths = (doc["paths"] as? [String: [String: Any]]) ?? [:]
        var ops: [APIDocsPage.Operation] = []
        for path in paths.keys.sorted() {
            for method in ["get", "post", "put", "delete"] {
                guard let op = paths[path]?[method] as? [String: Any] else { continue }
                let params = ((op["parameters"] as? [[String: Any]]) ?? []).map {
                    (name: $0["name"] as? String ?? "", location: $0["in"] as? String ?? "", description: $0["description"] as? String ?? "",
                     required: $0["required"] as? Bool ?? false)
                }
                let responses = ((op["responses"] as? [String: Any]) ?? [:]).sorted { $0.key < $1.key }.map {
                    (code: $0.key, description: ($0.value as? [String: Any])?["description"] as? String ?? "")
                }
                let security = op["security"] as? [[String: [String]]] ?? []
                ops.append(.init(method: method, path: path, summary: op["summary"] as? String ?? "",
                                 tag: (op["tags"] as? [String])?.first ?? "", params: params, responses: responses,
                                 needsAuth: !security.contains { $0.isEmpty }))
            }
        }
        let intro = Catalog.shared.string("web.apidocs.intro", language: context.language)
        return try pages.render(APIDocsPage(intro: intro, operations: ops), request, context)
    }
}
