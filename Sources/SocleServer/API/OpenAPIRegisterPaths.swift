import Foundation
import OpenAPIKit
import SocleActions
import SocleCore

/// The GDPR register (`/api/v1/register/…`) in the OpenAPI document: processing activities, processors,
/// measures, links to datasets, exports and the public register. Bodies are snake_case; the values of the
/// lists are the enums' raw values (camelCase), read from the enums so the document follows them.
extension OpenAPIDocument {
    static func values<V: RegisterValue>(_: V.Type) -> [String] { V.allCases.map(\.rawValue) }

    static var registerIdParam: Either<OpenAPI.Reference<OpenAPI.Parameter>, OpenAPI.Parameter> {
        param("id", in: .path, "Numéro de la fiche du registre / register record number.", schema: bounded(1, nil))
    }
    static var registerOrganisationQuery: Either<OpenAPI.Reference<OpenAPI.Parameter>, OpenAPI.Parameter> {
        param("organisation", "Identifiant de l'organisation dont on lit le registre (toutes celles dont vous êtes membre sinon).")
    }
    static var registerOrganisationRequired: Either<OpenAPI.Reference<OpenAPI.Parameter>, OpenAPI.Parameter> {
        param("organisation", "Identifiant de l'organisation où créer la fiche.", required: true)
    }
    /// On a PUT: archive (true) or restore (false) the record; absent, it stays as it is.
    static var archiveSwitch: Either<OpenAPI.Reference<OpenAPI.Parameter>, OpenAPI.Parameter> {
        param("archived", "true archive la fiche, false la restaure ; absent, rien ne change.", schema: .boolean)
    }
    static var archivedParam: Either<OpenAPI.Reference<OpenAPI.Parameter>, OpenAPI.Parameter> {
        param("archived", "`true` : inclure les fiches archivées.", schema: string(enum: ["true", "false"]))
    }
    static var registerInvalid: ResponseEntry {
        error("Fiche refusée : valeur hors liste (le message donne les valeurs possibles), durée ISO 8601 ou date illisibles, "
              + "référence d'une autre organisation, fiche incomplète pour l'état demandé / record refused; the message says what to fix.")
    }

    static func registerPaths() -> OpenAPI.PathItem.Map {
        let list: OpenAPI.Parameter.Array = [registerOrganisationQuery, archivedParam]
        return [
            "/api/v1/register/activities": .pathItem(.init(
                get: operation("Activités de traitement des registres que vous lisez / processing activities", tag: "register",
                               params: list,
                               responses: [200: json(ref("RegisterActivityList"), "Les fiches, les plus anciennes d'abord."),
                                           400: badInput, 401: unauthorized, 403: forbidden, 404: notFound]),
                post: operation("Créer une activité de traitement (DPO, administrateur) / create a processing activity", tag: "register",
                                params: [registerOrganisationRequired],
                                body: body([.json: content(ref("RegisterActivity"))],
                                           "Seul `name` est obligatoire pour un brouillon ; « complete » ou « checked » exigent chaque champ requis."),
                                responses: [201: json(ref("RegisterActivityRecord"), "Créée (journalisée), avec sa complétude et ce qui manque."),
                                            400: registerInvalid, 401: unauthorized, 403: forbidden, 404: notFound, 415: unsupported]))),
            "/api/v1/register/activities/{id}": .pathItem(.init(
                get: operation("Une activité et les jeux de données où vivent ses données / one activity with its datasets", tag: "register",
                               params: [registerIdParam],
                               responses: [200: json(ref("RegisterActivityDetail"), "La fiche et ses jeux liés."), 400: badInput,
                                           401: unauthorized, 404: notFound]),
                put: operation("Remplacer les champs d'une activité / replace an activity's fields", tag: "register",
                               params: [registerIdParam],
                               body: body([.json: content(ref("RegisterActivity"))],
                                          "Tous les champs : un champ absent est vidé, sauf `links`, `processors` et `dpia`, gardés quand ils sont absents. Les liens renvoyés gardent qui les a confirmés."),
                               responses: [200: json(ref("RegisterActivityDetail"), "La fiche modifiée (journalisée)."), 400: registerInvalid,
                                           401: unauthorized, 403: forbidden, 404: notFound, 415: unsupported]))),
            "/api/v1/register/activities/{id}/archive": .pathItem(.init(
                post: operation("Archiver : la fiche quitte les listes et le registre public / archive", tag: "register",
                                params: [registerIdParam],
                                responses: [200: json(ref("RegisterActivityRecord"), "Archivée (journalisée)."), 400: badInput,
                                            401: unauthorized, 403: forbidden, 404: notFound]))),
            "/api/v1/register/activities/{id}/restore": .pathItem(.init(
                post: operation("Restaurer une fiche archivée / restore", tag: "register", params: [registerIdParam],
                                responses: [200: json(ref("RegisterActivityRecord"), "Restaurée (journalisée)."), 400: badInput,
                                            401: unauthorized, 403: forbidden, 404: notFound]))),
            "/api/v1/register/activities/{id}/duplicate": .pathItem(.init(
                post: operation("Dupliquer dans d'autres organisations dont vous tenez le registre (DPO mutualisé) / duplicate", tag: "register",
                                params: [registerIdParam],
                                body: body([.json: content(object(["organisations": array(string("Identifiant d'organisation."))],
                                                                  required: ["organisations"]))]),
                                responses: [201: json(ref("RegisterActivityList"),
                                                      "Un brouillon par organisation, sans liens ni sous-traitants, `template` = « organisation/numéro »."),
                                            400: badInput, 401: unauthorized, 403: forbidden, 404: notFound, 415: unsupported]))),
            "/api/v1/register/activities/{id}/proposals": .pathItem(.init(
                get: operation("Colonnes à relier : classées personnelles dans une catégorie de l'activité / link proposals", tag: "register",
                               params: [registerIdParam],
                               responses: [200: json(ref("RegisterProposals"), "Les colonnes proposées, pas encore reliées."), 400: badInput,
                                           401: unauthorized, 404: notFound]))),
            "/api/v1/register/activities/{id}/links": .pathItem(.init(
                post: operation("Confirmer ou retirer des liens vers des colonnes / confirm or remove links", tag: "register",
                                params: [registerIdParam],
                                body: body([.json: content(object(["add": array(ref("RegisterColumnRef")),
                                                                   "remove": array(ref("RegisterColumnRef"))]))]),
                                responses: [200: json(ref("RegisterActivityDetail"), "La fiche et ses jeux liés (journalisé)."),
                                            400: registerInvalid, 401: unauthorized, 403: forbidden, 404: notFound, 415: unsupported]))),
            "/api/v1/register/processors": .pathItem(.init(
                get: operation("Sous-traitants / processors", tag: "register", params: list,
                               responses: [200: json(ref("RegisterProcessorList"), "Les sous-traitants."), 400: badInput, 401: unauthorized,
                                           403: forbidden, 404: notFound]),
                post: operation("Créer un sous-traitant / create a processor", tag: "register", params: [registerOrganisationRequired],
                                body: body([.json: content(ref("RegisterProcessor"))]),
                                responses: [201: json(ref("RegisterProcessorRecord"), "Créé (journalisé)."), 400: registerInvalid,
                                            401: unauthorized, 403: forbidden, 404: notFound, 415: unsupported]))),
            "/api/v1/register/processors/{id}": .pathItem(.init(
                get: operation("Un sous-traitant / one processor", tag: "register", params: [registerIdParam],
                               responses: [200: json(ref("RegisterProcessorRecord"), "Le sous-traitant."), 400: badInput,
                                           401: unauthorized, 404: notFound]),
                put: operation("Remplacer un sous-traitant / replace a processor", tag: "register", params: [registerIdParam, archiveSwitch],
                               body: body([.json: content(ref("RegisterProcessor"))]),
                               responses: [200: json(ref("RegisterProcessorRecord"), "Modifié (journalisé)."), 400: registerInvalid,
                                           401: unauthorized, 403: forbidden, 404: notFound, 415: unsupported]))),
            "/api/v1/register/measures": .pathItem(.init(
                get: operation("Plan d'action : mesures de protection / protective measures", tag: "register", params: list,
                               responses: [200: json(ref("RegisterMeasureList"), "Les mesures."), 400: badInput, 401: unauthorized, 403: forbidden,
                                           404: notFound]),
                post: operation("Créer une mesure / create a measure", tag: "register", params: [registerOrganisationRequired],
                                body: body([.json: content(ref("RegisterMeasure"))]),
                                responses: [201: json(ref("RegisterMeasureRecord"), "Créée (journalisée)."), 400: registerInvalid,
                                            401: unauthorized, 403: forbidden, 404: notFound, 415: unsupported]))),
            "/api/v1/register/measures/{id}": .pathItem(.init(
                get: operation("Une mesure / one measure", tag: "register", params: [registerIdParam],
                               responses: [200: json(ref("RegisterMeasureRecord"), "La mesure."), 400: badInput, 401: unauthorized,
                                           404: notFound]),
                put: operation("Remplacer une mesure / replace a measure", tag: "register", params: [registerIdParam, archiveSwitch],
                               body: body([.json: content(ref("RegisterMeasure"))]),
                               responses: [200: json(ref("RegisterMeasureRecord"), "Modifiée (journalisée)."), 400: registerInvalid,
                                           401: unauthorized, 403: forbidden, 404: notFound, 415: unsupported]))),
            "/api/v1/register/export": .pathItem(.init(
                get: operation("Exporter le registre (CSV aux en-têtes dans la langue du lecteur, ou JSON) / export the register", tag: "register",
                               params: [param("format", "Format (JSON par défaut).", schema: string(enum: ["csv", "json"])),
                                        registerOrganisationQuery, archivedParam],
                               responses: [200: .response(description: "Une ligne par activité (CSV) ou la liste des fiches (JSON), en pièce jointe.",
                                                          content: [.csv: content(.string), .json: content(ref("RegisterActivityList"))]),
                                           400: badInput, 401: unauthorized, 403: forbidden, 404: notFound]))),
            "/api/v1/register/public": .pathItem(.init(
                get: operation("Registre public : activités marquées publiques, ni brouillons ni archivées / public register", tag: "register",
                               params: [param("organisation", "Identifiant d'une organisation (toutes sinon).")],
                               responses: [200: json(ref("PublicActivityList"),
                                                     "Sans les liens aux données, les sous-traitants ni les mesures de sécurité."),
                                           404: notFound],
                               security: false))),
        ]
    }

    static func registerSchemas() -> OpenAPI.ComponentDictionary<JSONSchema> {
        let categories = DataCategory.allCases.map(\.rawValue)
        let date = string(format: .dateTime)
        let contact = ref("RegisterContact")
        let activity = object([
            "name": string("Nom du traitement (obligatoire, 200 caractères au plus)."),
            "purpose": string("Finalité principale."), "sub_purposes": array(.string),
            "status": string("État ; « complete » et « checked » exigent chaque champ requis.", enum: values(ActivityStatus.self)),
            "service": .string(nullable: true, description: "Identifiant d'un service de l'organisation."),
            "controller": contact, "joint_controller": contact, "dpo": contact,
            "software": .string(nullable: true), "is_public": .boolean(description: "Affichée au registre public (hors brouillon)."),
            "legal_bases": array(string(enum: values(LegalBasis.self))),
            "legitimate_interest": .string(nullable: true, description: "Obligatoire quand la base est l'intérêt légitime."),
            "collection": array(string(enum: values(CollectionMethod.self))),
            "people": array(string(enum: values(PeopleCategory.self))),
            "estimated_people": .integer(minimum: (0, exclusive: false)),
            "categories": array(string(enum: categories)),
            "recipients": array(ref("RegisterRecipient")), "transfers": array(ref("RegisterTransfer")),
            "retention": array(ref("RegisterRetentionRule")),
            "security": array(string(enum: values(SecurityMeasure.self))),
            "other_security": .string(nullable: true, description: "Obligatoire quand « other » est coché."),
            "processors": array(.integer(description: "Numéro d'un sous-traitant du registre de la même organisation.")),
            "links": array(ref("RegisterDatasetLink")),
            "template": .string(nullable: true, description: "Fiche d'origine d'une copie, « organisation/numéro »."),
            "dpia": ref("RegisterDPIA"),
        ], required: ["name"])
        let entry = { (body: String) -> JSONSchema in
            object(["id": .integer, "organisation": string("Identifiant de l'organisation."), "archived": .boolean,
                    "created_at": date, "updated_at": date, "record": ref(body)],
                   required: ["id", "organisation", "archived", "record"])
        }
        return [
            "RegisterContact": object(["name": .string, "contact": .string(nullable: true)], required: ["name"]),
            "RegisterRecipient": object(["kind": string(enum: values(RecipientKind.self)), "name": .string], required: ["kind", "name"]),
            "RegisterTransfer": object(["country": .string, "safeguard": string(enum: values(TransferSafeguard.self))],
                                       required: ["country", "safeguard"]),
            "RegisterRetentionRule": object([
                "category": string("Catégorie concernée (toute l'activité si absente).", enum: categories),
                "phase": string(enum: values(RetentionPhase.self)),
                "duration": string("Durée ISO 8601 : P5Y, P6M, P1Y6M, P30D."),
                "start_event": string("Point de départ : collecte, fin du contrat, dernier contact…"),
                "legal_source": .string(nullable: true),
                "binding": string(enum: values(RetentionBinding.self)), "fate": string(enum: values(RetentionFate.self)),
                "date_columns": array(ref("RegisterColumnRef")),
            ], required: ["duration", "start_event"]),
            "RegisterDatasetLink": object(["dataset": .string, "column": .string,
                                           "confirmed_by": .string(nullable: true, description: "Nom de la personne qui a confirmé le lien."),
                                           "confirmed_at": .string(format: .dateTime, nullable: true)],
                                          required: ["dataset", "column"]),
            "RegisterColumnRef": object(["dataset": string("Identifiant du jeu (de la même organisation)."),
                                         "column": string("Nom ou libellé d'origine de la colonne.")], required: ["dataset", "column"]),
            "RegisterActivity": activity,
            "RegisterDPIA": object([
                "criteria": array(string("Critère des lignes directrices (deux ou plus : AIPD requise).", enum: values(DPIACriterion.self))),
                "required_cases": array(string("Cas de la liste CNIL des traitements soumis à AIPD.", enum: values(DPIARequiredCase.self))),
                "exempt_cases": array(string("Cas de la liste CNIL des traitements dispensés.", enum: values(DPIAExemptCase.self))),
                "status": string(enum: values(DPIAStatus.self)),
                "started": .string(format: .date, nullable: true), "completed": .string(format: .date, nullable: true),
                "dpo_opinion": .string(nullable: true), "controller_opinion": .string(nullable: true),
                "measures": array(.integer(description: "Numéro d'une mesure du plan d'action.")),
            ]),
            "RegisterActivityRecord": object([
                "id": .integer, "organisation": object(["slug": .string, "name": .string], required: ["slug", "name"]),
                "archived": .boolean, "created_at": date, "updated_at": date,
                "completeness": .integer(description: "Part des champs requis remplis, en %.",
                                         maximum: (100, exclusive: false), minimum: (0, exclusive: false)),
                "missing": array(string("Champ requis manquant (nom du champ en camelCase).")),
                "sensitive": .boolean(description: "Une catégorie de données sensibles (art. 9, NIR, infractions)."),
                "dpia_required": .boolean(description: "Une AIPD est requise (liste de la CNIL, ou deux critères ou plus)."),
                "dpia_reasons": array(string("Pourquoi, dans la langue du lecteur.")),
                "activity": ref("RegisterActivity"),
            ], required: ["id", "organisation", "archived", "completeness", "missing", "sensitive", "activity"]),
            "RegisterActivityList": object(["activities": array(ref("RegisterActivityRecord"))], required: ["activities"]),
            "RegisterLinkedDataset": object([
                "slug": .string, "title": .string, "rows": .integer, "published_revision": .integer(nullable: true),
                "columns": array(object([
                    "name": .string, "label": .string,
                    "level": string("Niveau qui s'applique (revue, sinon suggestion) ; absent si la colonne a disparu.",
                                    enum: ["public", "personal", "sensitive"]),
                    "category": string(enum: categories),
                    "publicly_visible": .boolean(description: "Lisible par tous dans la révision publiée."),
                ], required: ["name", "label", "publicly_visible"])),
                "exposed": array(string("Colonne reliée lisible par tous : à corriger.")),
            ], required: ["slug", "title", "rows", "columns", "exposed"]),
            "RegisterActivityDetail": object(["record": ref("RegisterActivityRecord"), "datasets": array(ref("RegisterLinkedDataset"))],
                                             required: ["record", "datasets"]),
            "RegisterProposals": object(["proposals": array(object([
                "dataset": .string, "dataset_title": .string, "column": .string, "label": .string, "category": string(enum: categories),
            ], required: ["dataset", "column", "category"]))], required: ["proposals"]),
            "RegisterProcessor": object([
                "name": .string, "contact": .string(nullable: true), "service": .string(nullable: true),
                "contract_clauses": .boolean(description: "Le contrat comporte les clauses de l'art. 28."),
                "security_checked": .boolean, "keeps_register": .boolean, "transfers_abroad": .boolean,
                "has_data_protection_officer": .boolean, "notes": .string(nullable: true),
            ], required: ["name"]),
            "RegisterProcessorRecord": entry("RegisterProcessor"),
            "RegisterProcessorList": object(["processors": array(ref("RegisterProcessorRecord"))], required: ["processors"]),
            "RegisterMeasure": object([
                "title": .string, "type": string(enum: values(MeasureType.self)), "status": string(enum: values(MeasureStatus.self)),
                "priority": string(enum: values(MeasurePriority.self)), "owner": .string(nullable: true),
                "due": .string(format: .date, nullable: true, description: "Échéance AAAA-MM-JJ."),
                "activities": array(.integer(description: "Numéro d'une activité de la même organisation.")), "notes": .string(nullable: true),
            ], required: ["title"]),
            "RegisterMeasureRecord": entry("RegisterMeasure"),
            "RegisterMeasureList": object(["measures": array(ref("RegisterMeasureRecord"))], required: ["measures"]),
            "PublicActivity": object([
                "id": .integer, "organisation": .string, "organisation_name": .string, "name": .string, "purpose": .string,
                "sub_purposes": array(.string), "controller": contact, "dpo": contact,
                "legal_bases": array(string(enum: values(LegalBasis.self))), "people": array(string(enum: values(PeopleCategory.self))),
                "categories": array(string(enum: categories)), "recipients": array(ref("RegisterRecipient")),
                "transfers": array(ref("RegisterTransfer")), "retention": array(ref("RegisterRetentionRule")), "updated_at": date,
            ], required: ["id", "organisation", "name", "purpose"]),
            "PublicActivityList": object(["activities": array(ref("PublicActivity"))], required: ["activities"]),
        ]
    }
}
