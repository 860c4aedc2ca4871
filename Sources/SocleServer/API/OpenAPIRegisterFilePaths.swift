import Foundation
import OpenAPIKit
import SocleActions
import SocleCore

/// The register's files in the OpenAPI document: proofs (documents stored as files and linked), the spreadsheet
/// in the CNIL's model, the import of a Madis CSV export, and the public proofs.
extension OpenAPIDocument {
    static func registerFilePaths() -> OpenAPI.PathItem.Map {
        let proofFields: Properties = [
            "organisation": string("Identifiant de l'organisation (ou dans la requête)."),
            "type": string("Type de document (listes de Madis, plus l'AIPD).", enum: values(ProofType.self)),
            "title": string("Titre (obligatoire, 200 caractères au plus)."),
            "date": string("Date du document, AAAA-MM-JJ.", format: .date),
            "comment": .string,
            "is_public": string("`true` : téléchargeable par tous.", enum: ["true", "false"]),
            "activities": string("Numéros des activités liées (champ répété ou séparés par des virgules)."),
            "processors": string("Numéros des sous-traitants liés."), "measures": string("Numéros des mesures liées."),
            "file": .string(contentMediaType: .other("application/octet-stream")),
        ]
        let fileTypes = ProofFileKind.allCases.map(\.mediaType).joined(separator: ", ")
        let download: ResponseEntry = .response(description: "Le fichier, en pièce jointe (Content-Disposition), avec son type réel et "
                                                + "X-Content-Type-Options: nosniff : \(fileTypes).",
                                                content: [.other("application/octet-stream"): content(.string)])
        return [
            "/api/v1/register/proofs": .pathItem(.init(
                get: operation("Preuves (documents) des registres que vous lisez / proofs of the registers you read", tag: "register",
                               params: [registerOrganisationQuery, archivedParam,
                                        param("record", "Seulement les preuves liées à cette fiche (activité, sous-traitant ou mesure).", schema: bounded(1, nil))],
                               responses: [200: json(ref("RegisterProofList"), "Les preuves, les plus anciennes d'abord."),
                                           400: badInput, 401: unauthorized, 403: forbidden, 404: notFound]),
                post: operation("Déposer une preuve : multipart (champ `file` et les champs de la preuve), ou le fichier brut avec les champs "
                                + "dans la requête / upload a proof", tag: "register",
                                params: [param("organisation", "Identifiant de l'organisation (sinon champ du formulaire)."),
                                         param("title", "Titre (corps brut)."), param("type", "Type (corps brut).", schema: string(enum: values(ProofType.self))),
                                         param("filename", "Nom du fichier (corps brut).")],
                                body: body([.multipartForm: content(object(proofFields, required: ["title", "file"])),
                                            .other("application/octet-stream"): rawFile]),
                                responses: [201: json(ref("RegisterProof"), "Déposée (journalisée, avec son empreinte SHA-256)."),
                                            400: error("Fichier vide, abîmé (PDF sans fin, ZIP sans répertoire, image coupée) ou d'un type non accepté — "
                                                       + "le type est lu dans le contenu, pas dans le nom ; champ manquant ou lien vers une autre organisation."),
                                            401: unauthorized, 403: forbidden, 404: notFound,
                                            413: error("Plus de 20 Mio / over 20 MiB."), 415: unsupported]))),
            "/api/v1/register/proofs/{id}": .pathItem(.init(
                get: operation("Une preuve / one proof", tag: "register", params: [registerIdParam],
                               responses: [200: json(ref("RegisterProof"), "La preuve (sans le fichier)."), 400: badInput, 401: unauthorized,
                                           404: notFound]),
                put: operation("Modifier une preuve et ses liens, ou l'archiver / edit a proof and its links, or archive it", tag: "register",
                               params: [registerIdParam, archiveSwitch],
                               body: .init(description: "Champs de la preuve ; un corps vide ne change que l'archivage.",
                                           content: [.json: content(ref("RegisterProofInput"))], required: false),
                               responses: [200: json(ref("RegisterProof"), "Modifiée (journalisée)."), 400: registerInvalid,
                                           401: unauthorized, 403: forbidden, 404: notFound, 415: unsupported]),
                delete: operation("Supprimer une preuve et son fichier / delete a proof and its file", tag: "register", params: [registerIdParam],
                                  responses: [204: .response(description: "Supprimée ; le journal d'audit garde son titre et son empreinte."),
                                              400: badInput, 401: unauthorized, 403: forbidden, 404: notFound]))),
            "/api/v1/register/proofs/{id}/file": .pathItem(.init(
                get: operation("Télécharger le fichier d'une preuve (membres de l'organisation) / download a proof's file", tag: "register",
                               params: [registerIdParam], responses: [200: download, 400: badInput, 401: unauthorized, 404: notFound]))),
            "/api/v1/register/public/proofs/{id}/file": .pathItem(.init(
                get: operation("Télécharger une preuve marquée publique / download a public proof", tag: "register",
                               params: [registerIdParam], responses: [200: download, 400: badInput, 404: notFound], security: false))),
            "/api/v1/register/export.xlsx": .pathItem(.init(
                get: operation("Le registre au format du modèle de la CNIL (XLSX) : un onglet « Registre » (une ligne par activité), puis une "
                               + "fiche par activité / the register in the CNIL's model", tag: "register",
                               params: [registerOrganisationQuery, archivedParam],
                               responses: [200: .response(description: "Le classeur, en pièce jointe.", content: [xlsx: content(.string)]),
                                           400: badInput, 401: unauthorized, 403: forbidden, 404: notFound]))),
            "/api/v1/register/import": .pathItem(.init(
                post: operation("Importer un export CSV de Madis : chaque ligne devient une activité en brouillon ; tout ou rien / "
                                + "import a Madis CSV export", tag: "register",
                                params: [param("organisation", "Identifiant de l'organisation (sinon champ du formulaire)."),
                                         param("dry_run", "`true` : vérifier et rendre le rapport sans rien créer.", schema: string(enum: ["true", "false"]))],
                                body: body([.multipartForm: content(object(["organisation": .string, "dry_run": .string, "file": .string], required: ["file"])),
                                            .csv: rawFile]),
                                responses: [200: json(ref("RegisterImportReport"), "Essai : ce qui serait créé."),
                                            201: json(ref("RegisterImportReport"), "Créées ; l'import est inscrit au journal d'audit."),
                                            400: error("Colonnes inconnues ou manquantes (le message donne les colonnes attendues et trouvées), "
                                                       + "ou valeur hors des listes de Madis, avec sa ligne et sa colonne : rien n'est importé."),
                                            401: unauthorized, 403: forbidden, 404: notFound, 413: error("Fichier trop gros."), 415: unsupported]))),
        ]
    }

    static func registerFileSchemas() -> OpenAPI.ComponentDictionary<JSONSchema> {
        let ids = array(.integer(description: "Numéro d'une fiche de la même organisation."))
        let input: Properties = [
            "type": string(enum: values(ProofType.self)), "title": .string, "date": .string(format: .date, nullable: true),
            "comment": .string(nullable: true), "is_public": .boolean, "activities": ids, "processors": ids, "measures": ids,
        ]
        var record = input
        record["file_name"] = string("Nom de téléchargement, avec l'extension du type réel.")
        record["file_kind"] = string(enum: ProofFileKind.allCases.map(\.rawValue))
        record["size"] = .integer
        record["sha256"] = .string
        record["uploaded_by"] = .string
        return [
            "RegisterProofInput": object(input, required: ["title"]),
            "RegisterProof": object([
                "id": .integer, "organisation": .string, "archived": .boolean, "created_at": string(format: .dateTime),
                "updated_at": string(format: .dateTime), "media_type": .string, "download": string("Chemin du fichier."),
                "record": object(record),
            ]),
            "RegisterProofList": object(["proofs": array(ref("RegisterProof"))]),
            "RegisterImportReport": object([
                "organisation": .string, "dry_run": .boolean,
                "activities": array(object(["line": .integer, "name": .string, "id": .integer(nullable: true), "archived": .boolean,
                                            "completeness": .integer, "missing": array(.string)])),
            ]),
        ]
    }
}
