import Foundation
import SocleCore
@testable import SocleWeb

/// Representative page models, with hostile text where users can type (titles, names, values).
enum Samples {
    static let evil = "<script>alert(1)</script>"
    static let escapedEvil = "&lt;script&gt;alert(1)&lt;/script&gt;"
    static let csrf = "csrf-TOKEN-123"
    static let date = Date(timeIntervalSince1970: 1_764_400_000)

    static func chrome(_ language: Language, roles: [Role]? = [.admin], path: String = "/") -> Chrome {
        Chrome(language: language, territoryName: "Vire Normandie " + evil,
               viewer: roles.map { Viewer(displayName: "Camille " + evil, roles: $0) },
               csrfToken: csrf, flash: [Flash(.success, "Enregistré " + evil), Flash(.error, "Oups")], currentPath: path)
    }

    static func summary(_ i: Int) -> DatasetSummary {
        DatasetSummary(slug: "jeu-\(i)", title: evil + " jeu \(i)", description: "Description " + evil,
                       organisationSlug: "vire", organisationName: "Commune " + evil, themes: ["EDUC", "REGI"],
                       licence: .etalab2, status: i.isMultiple(of: 2) ? .published : .loaded,
                       classification: .public, rowCount: 12_345, updatedAt: date)
    }

    static let metadata = DatasetMetadata(
        description: "Les écoles " + evil, keywords: ["école", evil], themes: ["EDUC"], ownerServiceId: 3,
        steward: "Dominique " + evil, contactPoint: "donnees@vire.fr", licence: .etalab2, frequency: "ANNUAL",
        spatial: ["14762"], temporalStart: "2020-01-01", temporalEnd: "2024-12-31",
        conformsTo: "javascript:alert(1)", origin: .internal, sourceSystem: "Logiciel " + evil,
        accessLevel: .public, classification: .personal, status: .published, volume: "12 000 lignes",
        processingActivity: nil)

    static func column(_ name: String, _ type: ColumnType, label: String? = nil) -> ColumnSchema {
        ColumnSchema(name: name, label: label ?? name, type: type,
                     evidence: TypeEvidence(values: 10, nulls: 2, matches: type == .text ? ["text": 10] : [type.rawValue: 8, "text": 10],
                                            counterExamples: [evil], samples: ["a", evil],
                                            notes: [Notice("note.unknown_key_for_test")]))
    }

    static func revision(_ n: Int, rows: Int64, columns: [ColumnSchema]) -> Revision {
        Revision(datasetId: 1, number: n, createdAt: date,
                 source: SourceFileInfo(fileName: evil + ".csv", size: 123_456, sha256: String(repeating: "a", count: 64),
                                        format: "csv", encoding: "utf-8", delimiter: ";"),
                 rowCount: rows, columns: columns, warnings: [Notice("warning.for_test", ["x": evil])],
                 status: .ready, tableName: "rev_1_\(n)")
    }

    static let revisions: [Revision] = [
        revision(2, rows: 120, columns: [column("nom", .text, label: "Nom " + evil), column("effectif", .integer),
                                         column("ouverture", .date)]),
        revision(1, rows: 100, columns: [column("nom", .text), column("effectif", .text), column("ancien", .code)]),
    ]

    static let preview = TablePreview(
        columns: [PreviewColumn(name: "nom", label: "Nom " + evil, type: .text),
                  PreviewColumn(name: "effectif", label: "Effectif", type: .integer)],
        rows: [[evil, "12"], [nil, "3"]], sort: "effectif", descending: true,
        paging: Paging(page: 2, pageSize: 2, total: 120))

    static func inventorySource(_ i: Int, service: String?, classification: Classification?, loaded: Bool) -> InventorySource {
        var m = DatasetMetadata(ownerServiceId: service == nil ? nil : 1, classification: classification,
                                status: loaded ? .published : .declared)
        m.accessLevel = .public
        return InventorySource(slug: "src-\(i)", title: evil + " source \(i)", serviceName: service, metadata: m, loaded: loaded)
    }

    /// Every page, named, with the fragment of user text each must show escaped (nil when none).
    static var pages: [(name: String, page: any PageModel, shows: String?)] {
        [
            ("home", HomePage(datasetCount: 12, organisationCount: 3, rowCount: 1_234_567, latest: [summary(1), summary(2)]), evil),
            ("home-empty", HomePage(datasetCount: 0, organisationCount: 0, rowCount: 0, latest: []), nil),
            ("catalog", CatalogPage(query: evil, results: [summary(1), summary(2)], facets: [
                Facet(kind: .organisation, values: [FacetValue(value: "vire", label: "Commune " + evil, count: 2, selected: true),
                                                    FacetValue(value: "ccas", label: "CCAS", count: 1)]),
                Facet(kind: .theme, values: [FacetValue(value: "EDUC", count: 2), FacetValue(value: evil, count: 1)]),
                Facet(kind: .licence, values: [FacetValue(value: "etalab-2.0", count: 2)]),
                Facet(kind: .format, values: [FacetValue(value: "csv", label: "CSV", count: 2)]),
                Facet(kind: .classification, values: [FacetValue(value: "personal", count: 1)]),
                Facet(kind: .status, values: [FacetValue(value: "published", count: 1)]),
            ], paging: Paging(page: 3, pageSize: 10, total: 95)), evil),
            ("catalog-empty", CatalogPage(results: [], facets: [], paging: Paging(total: 0)), nil),
            ("dataset", DatasetPage(slug: "ecoles", title: evil, organisationSlug: "vire", organisationName: "Commune " + evil,
                                    metadata: metadata, ownerServiceName: "Éducation " + evil, revisions: revisions,
                                    currentRevision: 2, publishedRevision: 1, preview: preview, canEdit: true,
                                    canUpload: true, canPublish: true, canUnpublish: true,
                                    publishBlockers: ["Pas de licence " + evil]), evil),
            ("dataset-declared", DatasetPage(slug: "declare", title: evil, organisationSlug: "vire", organisationName: "Vire",
                                             metadata: DatasetMetadata()), evil),
            ("organisations", OrganisationsPage(organisations: [OrganisationSummary(slug: "vire", name: evil, kind: .commune,
                                                                                    datasetCount: 4)]), evil),
            ("organisation", OrganisationPage(slug: "vire", name: evil, profile: OrganisationProfile(
                kind: .commune, siren: "211407626", population: 17_000, agents: 400),
                services: [ServiceSummary(slug: "educ", name: "Éducation " + evil, datasetCount: 2)],
                datasets: [summary(1)]), evil),
            ("login", LoginPage(email: evil, error: "Identifiants incorrects " + evil, next: "//evil.example/x"), evil),
            ("upload", UploadPage(datasets: [Choice(value: "ecoles", label: evil)], organisations: [Choice(value: "vire", label: "Vire")],
                                  selectedDataset: "ecoles", title: evil, errors: ["file": "Fichier manquant " + evil]), evil),
            ("job-running", JobPage(id: 7, status: .running, progress: 0.42, rows: 12_000, datasetSlug: "ecoles",
                                    datasetTitle: evil, fileName: evil + ".csv", createdAt: date), evil),
            ("job-failed", JobPage(id: 8, status: .failed, progress: 0.1, rows: 10, datasetSlug: "ecoles", datasetTitle: evil,
                                   error: SocleError(.invalidInput, code: "csv.test_error", args: ["v": evil],
                                                     location: SourceLocation(file: "f.csv", line: 12, column: "nom"))), evil),
            ("job-succeeded", JobPage(id: 9, status: .succeeded, progress: 1, rows: 120, datasetSlug: "ecoles",
                                      datasetTitle: evil, revision: 2), evil),
            ("report", IngestReportPage(datasetSlug: "ecoles", datasetTitle: evil, revision: revisions[0]), evil),
            ("edit", MetadataEditPage(slug: "ecoles", title: evil, metadata: metadata,
                                      services: [Choice(value: "3", label: "Éducation " + evil)],
                                      errors: ["title": "Titre trop long " + evil, "themes": "Choisissez un thème"]), evil),
            ("declare", MetadataEditPage(slug: nil, title: "", metadata: DatasetMetadata(),
                                         organisations: [Choice(value: "vire", label: evil)]), evil),
            ("inventory", InventoryPage(organisations: [
                InventoryOrganisation(slug: "vire", name: evil, sources: [
                    inventorySource(1, service: "Éducation " + evil, classification: .personal, loaded: true),
                    inventorySource(2, service: nil, classification: nil, loaded: false),
                    inventorySource(3, service: "Éducation " + evil, classification: .public, loaded: true),
                ]),
                InventoryOrganisation(slug: "ccas", name: "CCAS", sources: []),
            ], importOrganisations: [Choice(value: "vire", label: evil)]), evil),
            ("admin-organisations", AdminOrganisationsPage(organisations: [
                AdminOrganisationRow(slug: "vire", name: evil, profile: OrganisationProfile(kind: .commune, population: 17_000, agents: 400),
                                     serviceCount: 3, userCount: 4)], form: ["name": evil], errors: ["slug": "Déjà pris"]), evil),
            ("admin-services", AdminServicesPage(groups: [AdminServiceGroup(organisationSlug: "vire", organisationName: evil,
                                                                            services: [ServiceSummary(slug: "educ", name: evil)])],
                                                 organisations: [Choice(value: "vire", label: evil)]), evil),
            ("admin-users", AdminUsersPage(users: [UserRow(email: "a@b.fr", name: evil,
                                                           memberships: [MembershipRow(organisationName: evil, role: .dpo)])],
                                           organisations: [Choice(value: "vire", label: evil)]), evil),
            ("admin-tokens", AdminTokensPage(tokens: [
                TokenRow(id: 1, prefix: "sk_abc", userEmail: evil, organisationName: "Vire", canWrite: true, createdAt: date),
                TokenRow(id: 2, prefix: "sk_def", userEmail: "x@y.fr", organisationName: "Vire", canWrite: false,
                         datasets: ["ecoles"], createdAt: date, revokedAt: date),
            ], organisations: [Choice(value: "vire", label: "Vire")], newToken: "sk_abc_SECRET" + evil), evil),
            ("audit", AuditPage(entries: [AuditEntry(seq: 1, at: date, actor: "user:1", action: "dataset.publish",
                                                     objectType: "dataset", objectId: evil, details: "{\"t\":\"\(evil)\"}",
                                                     prevHash: AuditEntry.genesis, hash: String(repeating: "b", count: 64))],
                                actor: evil, paging: Paging(page: 1, pageSize: 50, hasMore: true),
                                actorNames: ["user:1": "dpo@vire.fr"], chainIntact: true), evil),
            ("privacy", PrivacyReviewPage(slug: "ecoles", title: evil, revision: 2, rows: [
                .init(name: "nom", label: evil, suggested: "personal", suggestedCategory: "identity", confidence: 0.9,
                      signals: ["L'en-tête contient « nom » " + evil], examples: ["J*** D***"], reviewed: nil, reviewedCategory: nil,
                      reviewer: nil, effective: "personal", needsReview: true),
                .init(name: "commune", label: "Commune", suggested: "public", suggestedCategory: nil, confidence: 0.8, signals: [],
                      examples: [], reviewed: "public", reviewedCategory: nil, reviewer: "user:1", effective: "public", needsReview: false),
            ], categories: [(code: "identity", label: "Identité " + evil)], canReview: true, blockers: ["bloqué " + evil],
               lineage: .init(source: "source", sourceRevision: 1, steps: ["drop " + evil], checks: [(text: evil, passed: true)],
                              clears: true, smallestGroup: 5, createdBy: "user:1", createdAt: date), canAnonymise: true), evil),
            ("anonymise", AnonymiseWizardPage(slug: "ecoles", title: evil, columns: [
                .init(name: "nom", label: evil, level: "personal", category: "Identité", action: "drop", quasi: false),
                .init(name: "naissance", label: "Date de naissance", level: "personal", category: nil, action: "age-band", quasi: true),
            ], into: "ecoles-anonyme", newTitle: evil, k: 5), evil),
            ("apidocs", APIDocsPage(intro: evil, operations: [
                .init(method: "get", path: "/api/v1/datasets/{slug}/records", summary: evil, tag: "query",
                      params: [(name: "where", location: "query", description: evil, required: false)],
                      responses: [(code: "200", description: evil)], needsAuth: false)]), evil),
            ("error-404", ErrorPage(status: 404, detail: "Jeu « " + evil + " » introuvable"), evil),
            ("error-403", ErrorPage(status: 403), nil),
            ("error-500", ErrorPage(status: 500), nil),
        ]
    }
}
