// The document is built from OpenAPIKit's typed values (`OpenAPI.Document`, `JSONSchema`…) rather than by
// hand: the library is kept by issue 11's rule, since no benchmark covers this path (the document is built
// once, at start-up, and served as bytes). `OpenAPITests` runs OpenAPIKit's validator on it.
import Foundation
import OpenAPIKit
import SocleActions
import SocleCore

/// The OpenAPI 3.1 description of the API, served at `/api/v1/openapi.json`. docs/api/openapi.json is
/// this document written out (a test fails when they differ; `SOCLE_WRITE_OPENAPI=1` rewrites it).
enum OpenAPIDocument {
    /// The typed document: what the server serves, what `MethodMiddleware` and the docs page read.
    static let document: OpenAPI.Document = build()

    static let bytes: [UInt8] = encode(document)

    /// Pretty-printed JSON with sorted keys and a trailing newline, as docs/api/openapi.json holds it.
    static func encode(_ document: OpenAPI.Document) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return Array(data) + Array("\n".utf8)
    }

    // MARK: building blocks

    typealias Properties = OrderedDictionary<String, JSONSchema>
    typealias ResponseEntry = Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response>
    typealias ContentEntry = Either<OpenAPI.Reference<OpenAPI.Content>, OpenAPI.Content>

    static func ref(_ name: String) -> JSONSchema { .reference(.component(named: name)) }
    static func string(_ description: String? = nil, enum values: [String]? = nil,
                       format: JSONTypeFormat.StringFormat = .unspecified) -> JSONSchema {
        .string(format: format, description: description, allowedValues: values?.map { AnyCodable($0) })
    }
    /// An integer within the range the server accepts (the largest one, Int64.max, when unbounded).
    static func bounded(_ min: Int, _ max: Int?) -> JSONSchema {
        .integer(maximum: (max ?? Int.max, exclusive: false), minimum: (min, exclusive: false))
    }
    static func array(_ items: JSONSchema) -> JSONSchema { .array(items: items) }
    /// One stored value: text, a number, a boolean or null.
    static let cell: JSONSchema = .any(of: [.string, .number, .integer, .boolean, .null()])
    /// An object whose properties are optional except those in `required` (listed first, so that the
    /// `required` array keeps the order given here).
    static func object(_ properties: Properties, required: [String] = []) -> JSONSchema {
        var ordered = Properties()
        for name in required { ordered[name] = properties[name] }
        for (name, schema) in properties where !required.contains(name) { ordered[name] = schema.optionalSchemaObject() }
        return .object(properties: ordered)
    }
    /// A value that is either the given schema or null (`oneOf`, for a reference).
    static func orNull(_ schema: JSONSchema, _ description: String? = nil) -> JSONSchema {
        .one(of: schema, .null(), description: description)
    }
    static func content(_ schema: JSONSchema) -> ContentEntry { .content(.init(schema: schema)) }
    static func json(_ schema: JSONSchema, _ description: String) -> ResponseEntry {
        .response(description: description, content: [.json: content(schema)])
    }
    static func error(_ description: String) -> ResponseEntry { json(ref("Error"), description) }
    static func param(_ name: String, in location: OpenAPI.Parameter.Context.Location = .query, _ description: String,
                      schema: JSONSchema = .string, required: Bool = false) -> Either<OpenAPI.Reference<OpenAPI.Parameter>, OpenAPI.Parameter> {
        let context: OpenAPI.Parameter.Context = location == .path ? .path(schema: schema) : .query(required: required, schema: schema)
        return .parameter(.init(name: name, context: context, description: description))
    }
    static var slugParam: Either<OpenAPI.Reference<OpenAPI.Parameter>, OpenAPI.Parameter> {
        param("slug", in: .path, "Identifiant du jeu de données / dataset identifier.")
    }
    static func body(_ content: OpenAPI.Content.Map, _ description: String? = nil) -> OpenAPI.Request {
        .init(description: description, content: content, required: true)
    }
    /// A raw upload: the body is the file's bytes.
    static var rawFile: ContentEntry { content(.string) }
    static let xlsx = OpenAPI.ContentType.other("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    static func operation(_ summary: String, tag: String, params: OpenAPI.Parameter.Array = [], body: OpenAPI.Request? = nil,
                          responses: OpenAPI.Response.Map, security: Bool = true) -> OpenAPI.Operation {
        let credentials: [OpenAPI.SecurityRequirement] = [[.component(named: "bearer"): []], [.component(named: "session"): []]]
        // Reads of published public data need no credential; the empty requirement says so.
        return .init(tags: [tag], summary: summary, parameters: params, requestBody: body, responses: responses,
                     security: security ? credentials : [[:]] + credentials)
    }

    static var unauthorized: ResponseEntry { error("Ni jeton ni session valides (jeton inconnu, expiré ou révoqué) / no valid token or session.") }
    static var forbidden: ResponseEntry { error("Rôle insuffisant dans l'organisation, ou jeton en lecture seule / role too low, or read-only token.") }
    static var notFound: ResponseEntry { error("Inconnu, ou invisible pour vous (les identifiants privés ne fuient pas) / unknown or not visible to you.") }
    static var badInput: ResponseEntry { error("Entrée refusée ; le message dit quoi corriger / input refused; the message says what to fix.") }
    static var unsupported: ResponseEntry { error("Type de contenu non accepté / unsupported content type.") }

    // MARK: the document

    static func build() -> OpenAPI.Document {
        var paths = paths()
        paths.merge(queryPaths()) { a, _ in a }
        paths.merge(registerPaths()) { a, _ in a }
        paths.merge(registerFilePaths()) { a, _ in a }
        paths.merge(subjectPaths()) { a, _ in a }
        paths.merge(requestPaths()) { a, _ in a }
        paths.merge(breachPaths()) { a, _ in a }
        paths.merge(retentionPaths()) { a, _ in a }
        paths.merge(dashboardPaths()) { a, _ in a }
        paths.merge(privacyPagesPaths()) { a, _ in a }
        paths.merge(schemaPaths()) { a, _ in a }
        var schemas = schemas()
        schemas.merge(querySchemas()) { a, _ in a }
        schemas.merge(registerSchemas()) { a, _ in a }
        schemas.merge(registerFileSchemas()) { a, _ in a }
        schemas.merge(subjectSchemas()) { a, _ in a }
        schemas.merge(requestSchemas()) { a, _ in a }
        schemas.merge(breachSchemas()) { a, _ in a }
        schemas.merge(retentionSchemas()) { a, _ in a }
        schemas.merge(dashboardSchemas()) { a, _ in a }
        schemas.merge(privacyPagesSchemas()) { a, _ in a }
        schemas.merge(schemaSchemas()) { a, _ in a }
        return OpenAPI.Document(
            openAPIVersion: .v3_1_0,
            info: .init(
                title: "Socle API",
                description: "API de Socle : déclarer, décrire, téléverser, publier et lire les jeux de données d'un territoire. "
                    + "Authentification par jeton (« Authorization: Bearer socle_… », créé par `socle token create` ou la page "
                    + "Administration › Jetons) ; une session de navigateur convient aussi, avec l'en-tête X-CSRF-Token pour les écritures. "
                    + "Les erreurs sont en français par défaut (anglais avec « Accept-Language: en » ou « ?lang=en »). / "
                    + "Socle's API: declare, describe, upload, publish and read a territory's datasets.",
                version: "1"),
            servers: [.init(urlTemplate: URLTemplate(rawValue: "/")!)],
            paths: paths,
            components: .direct(schemas: schemas, securitySchemes: [
                "bearer": .http(scheme: "bearer", description: "Jeton d'API / API token (socle_…)."),
                "session": .apiKey(name: "socle_session", location: .cookie,
                                   description: "Session du portail ; les écritures exigent l'en-tête X-CSRF-Token / portal session; writes need X-CSRF-Token."),
            ]),
            tags: ["datasets", "query", "privacy", "register", "jobs", "inventory", "audit", "operations"])
    }

    static func paths() -> OpenAPI.PathItem.Map {
        let ragged = UploadOptions.raggedChoices
        return [
            "/api/v1/datasets": .pathItem(.init(
                get: operation("Jeux de données visibles : recherche, facettes, pages / visible datasets: search, facets, paging", tag: "datasets",
                               params: [param("q", "Mots cherchés dans le titre, la description, les mots-clés, l'organisation (accents et casse ignorés)."),
                                        param("organisation", "Facette organisation (identifiant)."), param("theme", "Facette thème (code européen)."),
                                        param("licence", "Facette licence."), param("format", "Facette format du fichier source."),
                                        param("classification", "Facette classification (membres)."), param("status", "Facette statut (membres)."),
                                        param("limit", "Jeux par page (0 à 1000, 100 par défaut).", schema: bounded(0, 1_000)),
                                        param("offset", "Jeux à sauter.", schema: bounded(0, nil))],
                               responses: [200: json(ref("DatasetList"), "Les jeux que vous pouvez voir (publiés publics pour un anonyme)."),
                                           400: badInput],
                               security: false),
                post: operation("Déclarer une source / declare a source", tag: "datasets",
                                body: body([.json: content(ref("DatasetInput"))]),
                                responses: [201: json(ref("SlugResponse"), "Déclarée (statut « declared »)."), 400: badInput,
                                            401: unauthorized, 403: forbidden, 409: error("Identifiant déjà pris / slug taken."),
                                            415: unsupported]))),
            "/api/v1/datasets/{slug}": .pathItem(.init(
                get: operation("Métadonnées et révision courante / metadata and current revision", tag: "datasets",
                               params: [slugParam], responses: [200: json(ref("Dataset"), "Le jeu de données."), 404: notFound],
                               security: false),
                put: operation("Modifier les métadonnées (seules les clés présentes changent) / update metadata", tag: "datasets",
                               params: [slugParam],
                               body: body([.json: content(ref("DatasetInput"))]),
                               responses: [200: json(ref("Dataset"), "Le jeu modifié."), 400: badInput, 401: unauthorized,
                                           403: forbidden, 404: notFound, 415: unsupported]))),
            "/api/v1/datasets/{slug}/upload": .pathItem(.init(
                post: operation("Téléverser une nouvelle révision / upload a new revision", tag: "datasets",
                                params: [slugParam,
                                         param("filename", "Nom du fichier, obligatoire pour un corps brut (l'extension dit comment le lire)."),
                                         param("encoding", "Encodage forcé (utf-8, windows-1252…)."),
                                         param("delimiter", "Séparateur forcé (`;`, `,`, tabulation)."),
                                         param("sheet", "Feuille d'un classeur XLSX, XLS ou ODS."),
                                         param("on_ragged", "Lignes de longueur irrégulière.", schema: string(enum: ragged)),
                                         param("header_row", "Ligne de l'en-tête (numéro affiché par le tableur, ou ligne du CSV) ; sans lui, elle est détectée (titres, lignes vides et intitulés de groupe ignorés).",
                                               schema: .integer(minimum: (1, exclusive: false))),
                                         param("null_markers", "Marqueurs de valeur absente propres au jeu (séparés par des virgules), en plus de la liste intégrée (NC, néant, s.o.…) ; gardés pour les chargements suivants.")],
                                body: body([
                                    .multipartForm: content(object(["file": .string(contentMediaType: .other("application/octet-stream"))],
                                                                   required: ["file"])),
                                    .csv: rawFile, .other("application/octet-stream"): rawFile, .json: rawFile, xlsx: rawFile,
                                ], "Le fichier est écrit sur disque au fil de l'eau ; 413 dès que la limite est dépassée."),
                                responses: [202: json(ref("JobAccepted"), "Fichier reçu ; suivez la tâche."), 400: badInput,
                                            401: unauthorized, 403: forbidden, 404: notFound,
                                            413: error("Fichier trop volumineux ; rien n'est conservé / too large; nothing kept."),
                                            415: unsupported]))),
            "/api/v1/datasets/{slug}/publish": .pathItem(.init(
                post: operation("Publier la révision courante / publish the current revision", tag: "datasets", params: [slugParam],
                                responses: [200: json(ref("Publication"), "Publié."), 401: unauthorized, 403: forbidden,
                                            404: notFound, 409: json(ref("Error"), "Refusé ; `reasons` liste chaque raison.")]))),
            "/api/v1/datasets/{slug}/unpublish": .pathItem(.init(
                post: operation("Dépublier / unpublish", tag: "datasets", params: [slugParam],
                                responses: [200: json(ref("Publication"), "Dépublié."), 401: unauthorized, 403: forbidden,
                                            404: notFound]))),
            "/api/v1/datasets/{slug}/revisions": .pathItem(.init(
                get: operation("Historique des révisions, avec les changements / revision history with changes", tag: "datasets",
                               params: [slugParam], responses: [200: json(ref("RevisionList"), "Les révisions, la plus récente d'abord."),
                                                                404: notFound], security: false))),
            "/api/v1/datasets/{slug}/rows": .pathItem(.init(
                get: operation("Aperçu des lignes / rows preview", tag: "datasets",
                               params: [slugParam, param("limit", "Lignes (0 à 1000, 20 par défaut).", schema: bounded(0, 1_000)),
                                        param("offset", "Lignes à sauter.", schema: bounded(0, nil))],
                               responses: [200: json(ref("Rows"), "Une page de lignes, dans l'ordre du fichier."), 400: badInput,
                                           404: notFound], security: false))),
            "/api/v1/datasets/{slug}/download.csv": .pathItem(.init(
                get: operation("Révision visible en CSV / visible revision as CSV", tag: "datasets", params: [slugParam],
                               responses: [200: .response(description: "CSV UTF-8, séparateur virgule, en-tête des noms de colonnes.",
                                                          content: [.csv: content(.string)]),
                                           404: notFound], security: false))),
            "/api/v1/jobs/{id}": .pathItem(.init(
                get: operation("État d'une tâche de chargement / ingest job status", tag: "jobs",
                               params: [param("id", in: .path, "Numéro de la tâche.", schema: .integer)],
                               responses: [200: json(ref("Job"), "La tâche."), 400: badInput, 401: unauthorized, 404: notFound]))),
            "/api/v1/inventory": .pathItem(.init(
                get: operation("État des lieux par organisation et service / inventory coverage", tag: "inventory",
                               responses: [200: json(ref("Inventory"), "Couverture de l'inventaire."), 401: unauthorized,
                                           403: forbidden]))),
            "/api/v1/inventory/import": .pathItem(.init(
                post: operation("Importer un inventaire (CSV, XLSX, ODS ; une ligne par source) / import an inventory", tag: "inventory",
                                params: [param("organisation", "Organisation des sources.", required: true),
                                         param("filename", "Nom du fichier pour un corps brut.")],
                                body: body([.multipartForm: content(object(["file": .string], required: ["file"])), .csv: rawFile]),
                                responses: [201: json(ref("Imported"), "Sources déclarées."), 400: badInput, 401: unauthorized,
                                            403: forbidden, 404: notFound, 413: error("Trop volumineux."), 415: unsupported]))),
            "/api/v1/audit": .pathItem(.init(
                get: operation("Journal d'audit chaîné (DPO, administrateurs) / hash-chained audit log", tag: "audit",
                               params: [param("actor", "Auteur exact (user:12, token:4, system:cli…)."),
                                        param("action", "Action exacte (dataset.publish…)."),
                                        param("object_type", "Type d'objet (dataset, user, token…)."),
                                        param("after", "Numéro d'entrée après lequel lire (pagination).", schema: bounded(0, nil)),
                                        param("limit", "Entrées (1 à 1000, 100 par défaut).", schema: bounded(1, 1_000))],
                               responses: [200: json(ref("AuditList"), "Entrées dans l'ordre du journal."), 400: badInput,
                                           401: unauthorized, 403: forbidden]))),
            "/api/v1/openapi.json": .pathItem(.init(
                get: operation("Ce document / this document", tag: "operations",
                               responses: [200: .response(description: "OpenAPI 3.1.")], security: false))),
            "/healthz": .pathItem(.init(
                get: operation("Santé / health", tag: "operations",
                               responses: [200: json(object(["status": string(enum: ["ok"])]), "La base répond."),
                                           503: json(object(["status": string(enum: ["unavailable"])]), "La base ne répond pas.")],
                               security: false))),
            "/metrics": .pathItem(.init(
                get: operation("Métriques Prometheus / Prometheus metrics", tag: "operations",
                               responses: [200: .response(description: "Format texte Prometheus.", content: [.txt: content(.string)])],
                               security: false))),
        ]
    }

    static func schemas() -> OpenAPI.ComponentDictionary<JSONSchema> {
        let metadataFields: Properties = [
            "description": .string, "keywords": array(.string),
            "themes": array(string("Thème européen.", enum: DatasetMetadata.euThemes)),
            "owner_service": .string(nullable: true, description: "Identifiant du service propriétaire (entrée) ; voir aussi owner_service_id."),
            "owner_service_id": .integer(nullable: true), "steward": .string(nullable: true),
            "contact_point": .string(nullable: true, description: "Adresse électronique."),
            "licence": string(enum: Licence.allCases.map(\.rawValue)),
            "frequency": .string(nullable: true, description: "Fréquence européenne : " + DatasetMetadata.euFrequencies.joined(separator: ", ")),
            "spatial": array(string("Code INSEE.")), "temporal_start": .string(nullable: true), "temporal_end": .string(nullable: true),
            "conforms_to": .string(nullable: true, description: "URL du schéma."), "origin": string(enum: DataOrigin.allCases.map(\.rawValue)),
            "source_system": .string(nullable: true), "access_level": string(enum: AccessLevel.allCases.map(\.rawValue)),
            "classification": .string(nullable: true, allowedValues: Classification.allCases.map { AnyCodable($0.rawValue) } + [nil]),
            "volume": .string(nullable: true), "processing_activity": .string(nullable: true),
        ]
        var input = metadataFields
        input["title"] = string("Titre (obligatoire à la création).")
        input["organisation"] = string("Identifiant de l'organisation (obligatoire à la création).")
        input["slug"] = string("Identifiant souhaité (2 à 64 caractères a-z, 0-9, -) ; dérivé du titre sinon.")
        var metadata = metadataFields
        metadata["owner_service"] = nil
        metadata["status"] = string(enum: DatasetStatus.allCases.map(\.rawValue))
        let column = object(["name": .string, "label": .string, "type": string(enum: ColumnType.allCases.map(\.rawValue)),
                             "semantic_format": string("Format reconnu au chargement (docs/ingestion.md).", enum: SemanticFormat.allCases.map(\.rawValue)),
                             "unit": string("Unité retirée des valeurs (EUR, %)."), "description": string("Nom du format, en français.")])
        let change = object(["added": array(.string), "removed": array(.string), "retyped": array(.string), "row_delta": .integer])
        let revision = object([
            "number": .integer, "created_at": string(format: .dateTime), "rows": .integer, "file": .string, "size": .integer,
            "sha256": .string, "format": .string, "encoding": .string(nullable: true), "delimiter": .string(nullable: true),
            "columns": array(ref("Column")), "warnings": array(.string),
            "change": orNull(ref("RevisionChange"), "Dans l'historique seulement."),
        ])
        let location = object(["file": .string(nullable: true), "line": .integer(nullable: true), "column": .string(nullable: true),
                               "row": .integer(nullable: true)])
        let stringMap: JSONSchema = .object(additionalProperties: .b(.string))
        return [
            "Error": object([
                "error": object(["code": string("Clé stable du message."), "message": string("Dans la langue du lecteur."),
                                 "location": orNull(ref("Location"))], required: ["code", "message"]),
                "reasons": array(string("Raisons d'un refus de publication (409).")),
                "reason_codes": array(string("Codes des mêmes raisons, dans le même ordre (publish.blocked.*).")),
                "request_id": .string,
            ], required: ["error"]),
            "Location": location,
            "DatasetInput": object(input),
            "Metadata": object(metadata),
            "SlugResponse": object(["slug": .string], required: ["slug"]),
            "Column": column,
            "RevisionChange": change,
            "Revision": revision,
            "Dataset": object([
                "slug": .string, "title": .string, "organisation": .string, "organisation_name": .string,
                "status": string(enum: DatasetStatus.allCases.map(\.rawValue)), "metadata": ref("Metadata"),
                "owner_service": .string(nullable: true),
                "current_revision": orNull(ref("Revision"), "La révision courante (membres) ou publiée (public)."),
                "published_revision": .integer(nullable: true), "links": stringMap,
            ]),
            "DatasetList": object(["total_count": .integer, "limit": .integer, "offset": .integer, "datasets": array(object([
                "slug": .string, "title": .string, "organisation": .string, "status": .string, "licence": .string,
                "access_level": .string, "classification": .string(nullable: true), "revision": .integer(nullable: true),
                "rows": .integer(nullable: true)])),
                "facets": .object(additionalProperties: .b(array(object(["value": .string, "label": .string(nullable: true),
                                                                         "count": .integer]))))]),
            "RevisionList": object(["dataset": .string, "current": .integer(nullable: true), "published": .integer(nullable: true),
                                    "revisions": array(ref("Revision"))]),
            "Rows": object(["dataset": .string, "revision": .integer, "total": .integer, "limit": .integer, "offset": .integer,
                            "columns": array(ref("Column")), "rows": array(array(cell))]),
            "Job": object([
                "id": .integer, "status": string(enum: JobStatus.allCases.map(\.rawValue)),
                "progress": .number(maximum: (1, exclusive: false), minimum: (0, exclusive: false)), "rows": .integer,
                "error": .string(nullable: true, description: "Message situé (fichier, ligne, colonne) quand le chargement échoue."),
                "error_code": .string(nullable: true), "error_location": orNull(ref("Location")),
                "dataset": .string(nullable: true), "revision": .integer(nullable: true), "file_name": .string(nullable: true),
                "created_at": string(format: .dateTime), "started_at": .string(nullable: true), "finished_at": .string(nullable: true),
            ], required: ["id", "status", "progress", "rows"]),
            "JobAccepted": object(["job": .integer, "status": .string, "dataset": .string, "links": stringMap], required: ["job"]),
            "Publication": object(["slug": .string, "status": .string, "published_revision": .integer(nullable: true)]),
            "AuditEntry": object(["seq": .integer, "at": string(format: .dateTime), "actor": .string, "action": .string,
                                  "object_type": .string, "object_id": .string, "details": stringMap,
                                  "hash": .string, "prev_hash": .string]),
            "AuditList": object(["entries": array(ref("AuditEntry")),
                                 "next": .integer(nullable: true, description: "À passer dans `after` pour la page suivante.")]),
            "Inventory": object(["coverage": array(object([
                "organisation": .string, "service": .string(nullable: true), "service_name": .string(nullable: true),
                "known": .integer, "with_owner": .integer, "with_classification": .integer, "with_activity": .integer,
                "loaded": .integer, "published": .integer,
                "missing": array(object(["dataset": .string, "title": .string, "lacks": array(.string)])),
            ]))]),
            "Imported": object(["organisation": .string, "declared": array(.string)]),
        ]
    }
}
