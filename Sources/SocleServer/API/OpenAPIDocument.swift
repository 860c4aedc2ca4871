import Foundation
import SocleCore
import SocleActions

/// The OpenAPI 3.1 description of the API, served at `/api/v1/openapi.json`. docs/api/openapi.json is
/// this document written out (a test fails when they differ; `SOCLE_WRITE_OPENAPI=1` rewrites it).
enum OpenAPIDocument {
    static let bytes: [UInt8] = {
        let data = (try? JSONSerialization.data(withJSONObject: document(),
                                                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return Array(data) + Array("\n".utf8)
    }()

    // MARK: building blocks

    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
    static func string(_ description: String? = nil, enum values: [String]? = nil, format: String? = nil) -> [String: Any] {
        var s: [String: Any] = ["type": "string"]
        if let description { s["description"] = description }
        if let values { s["enum"] = values }
        if let format { s["format"] = format }
        return s
    }
    static func nullable(_ type: String, _ description: String? = nil) -> [String: Any] {
        var s: [String: Any] = ["type": [type, "null"]]
        if let description { s["description"] = description }
        return s
    }
    static var integer: [String: Any] { ["type": "integer"] }
    /// An integer within the range the server accepts (the largest one, Int64.max, when unbounded).
    static func bounded(_ min: Int, _ max: Int?) -> [String: Any] {
        ["type": "integer", "minimum": min, "maximum": max ?? Int.max]
    }
    static func array(_ items: [String: Any]) -> [String: Any] { ["type": "array", "items": items] }
    static func object(_ properties: [String: Any], required: [String] = []) -> [String: Any] {
        var o: [String: Any] = ["type": "object", "properties": properties]
        if !required.isEmpty { o["required"] = required }
        return o
    }
    static func json(_ schema: [String: Any], _ description: String) -> [String: Any] {
        ["description": description, "content": ["application/json": ["schema": schema]]]
    }
    static func error(_ description: String) -> [String: Any] { json(ref("Error"), description) }
    static func param(_ name: String, in location: String = "query", _ description: String,
                      schema: [String: Any] = ["type": "string"], required: Bool = false) -> [String: Any] {
        ["name": name, "in": location, "description": description, "required": required || location == "path", "schema": schema]
    }
    static var slugParam: [String: Any] { param("slug", in: "path", "Identifiant du jeu de données / dataset identifier.") }

    static func operation(_ summary: String, tag: String, params: [[String: Any]] = [], body: [String: Any]? = nil,
                          responses: [String: Any], security: Bool = true) -> [String: Any] {
        var op: [String: Any] = ["summary": summary, "tags": [tag], "responses": responses]
        if !params.isEmpty { op["parameters"] = params }
        if let body { op["requestBody"] = body }
        // Reads of published public data need no credential; the empty requirement says so.
        op["security"] = security ? [["bearer": [String]()], ["session": [String]()]]
                                  : [[String: [String]](), ["bearer": [String]()], ["session": [String]()]]
        return op
    }

    static var unauthorized: [String: Any] { error("Ni jeton ni session valides (jeton inconnu, expiré ou révoqué) / no valid token or session.") }
    static var forbidden: [String: Any] { error("Rôle insuffisant dans l'organisation, ou jeton en lecture seule / role too low, or read-only token.") }
    static var notFound: [String: Any] { error("Inconnu, ou invisible pour vous (les identifiants privés ne fuient pas) / unknown or not visible to you.") }
    static var badInput: [String: Any] { error("Entrée refusée ; le message dit quoi corriger / input refused; the message says what to fix.") }
    static var unsupported: [String: Any] { error("Type de contenu non accepté / unsupported content type.") }

    // MARK: the document

    static func document() -> [String: Any] {
        [
            "openapi": "3.1.0",
            "info": [
                "title": "Socle API",
                "version": "1",
                "description": "API de Socle : déclarer, décrire, téléverser, publier et lire les jeux de données d'un territoire. "
                    + "Authentification par jeton (« Authorization: Bearer socle_… », créé par `socle token create` ou la page "
                    + "Administration › Jetons) ; une session de navigateur convient aussi, avec l'en-tête X-CSRF-Token pour les écritures. "
                    + "Les erreurs sont en français par défaut (anglais avec « Accept-Language: en » ou « ?lang=en »). / "
                    + "Socle's API: declare, describe, upload, publish and read a territory's datasets.",
            ],
            "servers": [["url": "/"]],
            "tags": [["name": "datasets"], ["name": "query"], ["name": "privacy"], ["name": "jobs"], ["name": "inventory"], ["name": "audit"], ["name": "operations"]],
            "paths": paths().merging(queryPaths()) { a, _ in a },
            "components": ["schemas": schemas().merging(querySchemas()) { a, _ in a }, "securitySchemes": [
                "bearer": ["type": "http", "scheme": "bearer", "description": "Jeton d'API / API token (socle_…)."],
                "session": ["type": "apiKey", "in": "cookie", "name": "socle_session",
                            "description": "Session du portail ; les écritures exigent l'en-tête X-CSRF-Token / portal session; writes need X-CSRF-Token."],
            ]],
        ]
    }

    static func paths() -> [String: Any] {
        let ragged = UploadOptions.raggedChoices
        return [
            "/api/v1/datasets": [
                "get": operation("Jeux de données visibles : recherche, facettes, pages / visible datasets: search, facets, paging", tag: "datasets",
                                 params: [param("q", "Mots cherchés dans le titre, la description, les mots-clés, l'organisation (accents et casse ignorés)."),
                                          param("organisation", "Facette organisation (identifiant)."), param("theme", "Facette thème (code européen)."),
                                          param("licence", "Facette licence."), param("format", "Facette format du fichier source."),
                                          param("classification", "Facette classification (membres)."), param("status", "Facette statut (membres)."),
                                          param("limit", "Jeux par page (0 à 1000, 100 par défaut).", schema: bounded(0, 1_000)),
                                          param("offset", "Jeux à sauter.", schema: bounded(0, nil))],
                                 responses: ["200": json(ref("DatasetList"), "Les jeux que vous pouvez voir (publiés publics pour un anonyme)."),
                                             "400": badInput],
                                 security: false),
                "post": operation("Déclarer une source / declare a source", tag: "datasets",
                                  body: ["required": true, "content": ["application/json": ["schema": ref("DatasetInput")]]],
                                  responses: ["201": json(ref("SlugResponse"), "Déclarée (statut « declared »)."), "400": badInput,
                                              "401": unauthorized, "403": forbidden, "409": error("Identifiant déjà pris / slug taken."),
                                              "415": unsupported]),
            ],
            "/api/v1/datasets/{slug}": [
                "get": operation("Métadonnées et révision courante / metadata and current revision", tag: "datasets",
                                 params: [slugParam], responses: ["200": json(ref("Dataset"), "Le jeu de données."), "404": notFound],
                                 security: false),
                "put": operation("Modifier les métadonnées (seules les clés présentes changent) / update metadata", tag: "datasets",
                                 params: [slugParam],
                                 body: ["required": true, "content": ["application/json": ["schema": ref("DatasetInput")]]],
                                 responses: ["200": json(ref("Dataset"), "Le jeu modifié."), "400": badInput, "401": unauthorized,
                                             "403": forbidden, "404": notFound, "415": unsupported]),
            ],
            "/api/v1/datasets/{slug}/upload": [
                "post": operation("Téléverser une nouvelle révision / upload a new revision", tag: "datasets",
                                  params: [slugParam,
                                           param("filename", "Nom du fichier, obligatoire pour un corps brut (l'extension dit comment le lire)."),
                                           param("encoding", "Encodage forcé (utf-8, windows-1252…)."),
                                           param("delimiter", "Séparateur forcé (`;`, `,`, tabulation)."),
                                           param("sheet", "Feuille d'un classeur XLSX/ODS."),
                                           param("on_ragged", "Lignes de longueur irrégulière.", schema: string(enum: ragged))],
                                  body: ["required": true, "description": "Le fichier est écrit sur disque au fil de l'eau ; 413 dès que la limite est dépassée.",
                                         "content": [
                                            "multipart/form-data": ["schema": object(["file": ["type": "string", "contentMediaType": "application/octet-stream"]],
                                                                                     required: ["file"])],
                                            "text/csv": ["schema": ["type": "string"]],
                                            "application/octet-stream": ["schema": ["type": "string"]],
                                            "application/json": ["schema": ["type": "string"]],
                                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["schema": ["type": "string"]],
                                         ]],
                                  responses: ["202": json(ref("JobAccepted"), "Fichier reçu ; suivez la tâche."), "400": badInput,
                                              "401": unauthorized, "403": forbidden, "404": notFound,
                                              "413": error("Fichier trop volumineux ; rien n'est conservé / too large; nothing kept."),
                                              "415": unsupported]),
            ],
            "/api/v1/datasets/{slug}/publish": [
                "post": operation("Publier la révision courante / publish the current revision", tag: "datasets", params: [slugParam],
                                  responses: ["200": json(ref("Publication"), "Publié."), "401": unauthorized, "403": forbidden,
                                              "404": notFound, "409": json(ref("Error"), "Refusé ; `reasons` liste chaque raison.")]),
            ],
            "/api/v1/datasets/{slug}/unpublish": [
                "post": operation("Dépublier / unpublish", tag: "datasets", params: [slugParam],
                                  responses: ["200": json(ref("Publication"), "Dépublié."), "401": unauthorized, "403": forbidden,
                                              "404": notFound]),
            ],
            "/api/v1/datasets/{slug}/revisions": [
                "get": operation("Historique des révisions, avec les changements / revision history with changes", tag: "datasets",
                                 params: [slugParam], responses: ["200": json(ref("RevisionList"), "Les révisions, la plus récente d'abord."),
                                                                  "404": notFound], security: false),
            ],
            "/api/v1/datasets/{slug}/rows": [
                "get": operation("Aperçu des lignes / rows preview", tag: "datasets",
                                 params: [slugParam, param("limit", "Lignes (0 à 1000, 20 par défaut).", schema: bounded(0, 1_000)),
                                          param("offset", "Lignes à sauter.", schema: bounded(0, nil))],
                                 responses: ["200": json(ref("Rows"), "Une page de lignes, dans l'ordre du fichier."), "400": badInput,
                                             "404": notFound], security: false),
            ],
            "/api/v1/datasets/{slug}/download.csv": [
                "get": operation("Révision visible en CSV / visible revision as CSV", tag: "datasets", params: [slugParam],
                                 responses: ["200": ["description": "CSV UTF-8, séparateur virgule, en-tête des noms de colonnes.",
                                                     "content": ["text/csv": ["schema": ["type": "string"]]]],
                                             "404": notFound], security: false),
            ],
            "/api/v1/jobs/{id}": [
                "get": operation("État d'une tâche de chargement / ingest job status", tag: "jobs",
                                 params: [param("id", in: "path", "Numéro de la tâche.", schema: integer)],
                                 responses: ["200": json(ref("Job"), "La tâche."), "400": badInput, "401": unauthorized, "404": notFound]),
            ],
            "/api/v1/inventory": [
                "get": operation("État des lieux par organisation et service / inventory coverage", tag: "inventory",
                                 responses: ["200": json(ref("Inventory"), "Couverture de l'inventaire."), "401": unauthorized,
                                             "403": forbidden]),
            ],
            "/api/v1/inventory/import": [
                "post": operation("Importer un inventaire (CSV, XLSX, ODS ; une ligne par source) / import an inventory", tag: "inventory",
                                  params: [param("organisation", "Organisation des sources.", required: true),
                                           param("filename", "Nom du fichier pour un corps brut.")],
                                  body: ["required": true, "content": [
                                    "multipart/form-data": ["schema": object(["file": ["type": "string"]], required: ["file"])],
                                    "text/csv": ["schema": ["type": "string"]]]],
                                  responses: ["201": json(ref("Imported"), "Sources déclarées."), "400": badInput, "401": unauthorized,
                                              "403": forbidden, "404": notFound, "413": error("Trop volumineux."), "415": unsupported]),
            ],
            "/api/v1/audit": [
                "get": operation("Journal d'audit chaîné (DPO, administrateurs) / hash-chained audit log", tag: "audit",
                                 params: [param("actor", "Auteur exact (user:12, token:4, system:cli…)."),
                                          param("action", "Action exacte (dataset.publish…)."),
                                          param("object_type", "Type d'objet (dataset, user, token…)."),
                                          param("after", "Numéro d'entrée après lequel lire (pagination).", schema: bounded(0, nil)),
                                          param("limit", "Entrées (1 à 1000, 100 par défaut).", schema: bounded(1, 1_000))],
                                 responses: ["200": json(ref("AuditList"), "Entrées dans l'ordre du journal."), "400": badInput,
                                             "401": unauthorized, "403": forbidden]),
            ],
            "/api/v1/openapi.json": [
                "get": operation("Ce document / this document", tag: "operations",
                                 responses: ["200": ["description": "OpenAPI 3.1."]], security: false),
            ],
            "/healthz": [
                "get": operation("Santé / health", tag: "operations",
                                 responses: ["200": json(object(["status": string(enum: ["ok"])]), "La base répond."),
                                             "503": json(object(["status": string(enum: ["unavailable"])]), "La base ne répond pas.")],
                                 security: false),
            ],
            "/metrics": [
                "get": operation("Métriques Prometheus / Prometheus metrics", tag: "operations",
                                 responses: ["200": ["description": "Format texte Prometheus.",
                                                     "content": ["text/plain": ["schema": ["type": "string"]]]]], security: false),
            ],
        ]
    }

    static func schemas() -> [String: Any] {
        let metadataFields: [String: Any] = [
            "description": string(), "keywords": array(string()),
            "themes": array(string("Thème européen.", enum: DatasetMetadata.euThemes)),
            "owner_service": nullable("string", "Identifiant du service propriétaire (entrée) ; voir aussi owner_service_id."),
            "owner_service_id": nullable("integer"), "steward": nullable("string"),
            "contact_point": nullable("string", "Adresse électronique."),
            "licence": string(enum: Licence.allCases.map(\.rawValue)),
            "frequency": nullable("string", "Fréquence européenne : " + DatasetMetadata.euFrequencies.joined(separator: ", ")),
            "spatial": array(string("Code INSEE.")), "temporal_start": nullable("string"), "temporal_end": nullable("string"),
            "conforms_to": nullable("string", "URL du schéma."), "origin": string(enum: DataOrigin.allCases.map(\.rawValue)),
            "source_system": nullable("string"), "access_level": string(enum: AccessLevel.allCases.map(\.rawValue)),
            "classification": ["type": ["string", "null"], "enum": Classification.allCases.map(\.rawValue) + [NSNull()]],
            "volume": nullable("string"), "processing_activity": nullable("string"),
        ]
        var input = metadataFields
        input["title"] = string("Titre (obligatoire à la création).")
        input["organisation"] = string("Identifiant de l'organisation (obligatoire à la création).")
        input["slug"] = string("Identifiant souhaité (2 à 64 caractères a-z, 0-9, -) ; dérivé du titre sinon.")
        var metadata = metadataFields
        metadata.removeValue(forKey: "owner_service")
        metadata["status"] = string(enum: DatasetStatus.allCases.map(\.rawValue))
        let column = object(["name": string(), "label": string(), "type": string(enum: ColumnType.allCases.map(\.rawValue))])
        let change = object(["added": array(string()), "removed": array(string()), "retyped": array(string()), "row_delta": integer])
        let revision = object([
            "number": integer, "created_at": string(format: "date-time"), "rows": integer, "file": string(), "size": integer,
            "sha256": string(), "format": string(), "encoding": nullable("string"), "delimiter": nullable("string"),
            "columns": array(ref("Column")), "warnings": array(string()),
            "change": ["oneOf": [ref("RevisionChange"), ["type": "null"]], "description": "Dans l'historique seulement."],
        ])
        let location = object(["file": nullable("string"), "line": nullable("integer"), "column": nullable("string"), "row": nullable("integer")])
        return [
            "Error": object([
                "error": object(["code": string("Clé stable du message."), "message": string("Dans la langue du lecteur."),
                                 "location": ["oneOf": [ref("Location"), ["type": "null"]]]], required: ["code", "message"]),
                "reasons": array(string("Raisons d'un refus de publication (409).")),
                "request_id": string(),
            ], required: ["error"]),
            "Location": location,
            "DatasetInput": object(input),
            "Metadata": object(metadata),
            "SlugResponse": object(["slug": string()], required: ["slug"]),
            "Column": column,
            "RevisionChange": change,
            "Revision": revision,
            "Dataset": object([
                "slug": string(), "title": string(), "organisation": string(), "organisation_name": string(),
                "status": string(enum: DatasetStatus.allCases.map(\.rawValue)), "metadata": ref("Metadata"),
                "owner_service": nullable("string"),
                "current_revision": ["oneOf": [ref("Revision"), ["type": "null"]],
                                     "description": "La révision courante (membres) ou publiée (public)."],
                "published_revision": nullable("integer"), "links": ["type": "object", "additionalProperties": string()],
            ]),
            "DatasetList": object(["total_count": integer, "limit": integer, "offset": integer, "datasets": array(object([
                "slug": string(), "title": string(), "organisation": string(), "status": string(), "licence": string(),
                "access_level": string(), "classification": nullable("string"), "revision": nullable("integer"),
                "rows": nullable("integer")])),
                "facets": ["type": "object", "additionalProperties": array(object(["value": string(), "label": nullable("string"), "count": integer]))]]),
            "RevisionList": object(["dataset": string(), "current": nullable("integer"), "published": nullable("integer"),
                                    "revisions": array(ref("Revision"))]),
            "Rows": object(["dataset": string(), "revision": integer, "total": integer, "limit": integer, "offset": integer,
                            "columns": array(ref("Column")), "rows": array(array([:]))]),
            "Job": object([
                "id": integer, "status": string(enum: JobStatus.allCases.map(\.rawValue)),
                "progress": ["type": "number", "minimum": 0, "maximum": 1], "rows": integer,
                "error": nullable("string", "Message situé (fichier, ligne, colonne) quand le chargement échoue."),
                "error_code": nullable("string"), "error_location": ["oneOf": [ref("Location"), ["type": "null"]]],
                "dataset": nullable("string"), "revision": nullable("integer"), "file_name": nullable("string"),
                "created_at": string(format: "date-time"), "started_at": nullable("string"), "finished_at": nullable("string"),
            ], required: ["id", "status", "progress", "rows"]),
            "JobAccepted": object(["job": integer, "status": string(), "dataset": string(),
                                   "links": ["type": "object", "additionalProperties": string()]], required: ["job"]),
            "Publication": object(["slug": string(), "status": string(), "published_revision": nullable("integer")]),
            "AuditEntry": object(["seq": integer, "at": string(format: "date-time"), "actor": string(), "action": string(),
                                  "object_type": string(), "object_id": string(),
                                  "details": ["type": "object", "additionalProperties": string()],
                                  "hash": string(), "prev_hash": string()]),
            "AuditList": object(["entries": array(ref("AuditEntry")),
                                 "next": nullable("integer", "À passer dans `after` pour la page suivante.")]),
            "Inventory": object(["coverage": array(object([
                "organisation": string(), "service": nullable("string"), "service_name": nullable("string"),
                "known": integer, "with_owner": integer, "with_classification": integer, "with_activity": integer,
                "loaded": integer, "published": integer,
                "missing": array(object(["dataset": string(), "title": string(), "lacks": array(string())])),
            ]))]),
            "Imported": object(["organisation": string(), "declared": array(string())]),
        ]
    }
}
