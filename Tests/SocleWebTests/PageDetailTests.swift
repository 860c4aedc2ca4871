import Foundation
import Testing
import SocleCore
@testable import SocleWeb

/// What each page must show: key content, links, forms and their states.
@Suite struct PageDetailTests {
    let renderer: PageRenderer
    init() throws { renderer = try PageRenderer() }

    func html(_ name: String, _ language: Language = .french, roles: [Role]? = [.admin]) throws -> String {
        let page = try #require(Samples.pages.first { $0.name == name }?.page)
        return try renderer.render(page, chrome: Samples.chrome(language, roles: roles))
    }

    @Test func datasetPageShowsMetadataPreviewAndHistory() throws {
        let page = try html("dataset")
        // Sorted column: aria-sort and a link that reverses the order; others sort ascending.
        #expect(page.contains("<th scope=\"col\" aria-sort=\"descending\" class=\"num\"><a href=\"/datasets/ecoles?sort=effectif&amp;order=asc#apercu\">"))
        #expect(page.contains("<th scope=\"col\"><a href=\"/datasets/ecoles?sort=nom&amp;order=asc#apercu\">"))
        #expect(HTMLChecks.attributeValues(page, "aria-sort") == ["descending"])
        // Paging keeps the sort.
        #expect(page.contains("href=\"/datasets/ecoles?sort=effectif&amp;order=desc&amp;page=3#apercu\" rel=\"next\""))
        #expect(page.contains("Page 2 sur 60"))
        #expect(page.contains("<a class=\"button\" href=\"/datasets/ecoles/download.csv\" download>Télécharger en CSV (révision 2)</a>"))
        #expect(page.contains("<form method=\"post\" action=\"/datasets/ecoles/publish\">"))
        #expect(page.contains("<form method=\"post\" action=\"/datasets/ecoles/unpublish\">"))
        #expect(page.contains("Pas de licence " + Samples.escapedEvil))
        // Metadata: a javascript: URL stays text, an e-mail becomes mailto, the licence links to its text.
        #expect(page.contains("<td>javascript:alert(1)</td>"))
        #expect(page.contains("<a href=\"mailto:donnees@vire.fr\">donnees@vire.fr</a>"))
        for label in ["Éditeur", "Service propriétaire", "Référent·e", "Contact", "Licence", "Fréquence de mise à jour",
                      "Thèmes", "Mots-clés", "Couverture géographique (codes INSEE)", "Couverture temporelle",
                      "Conforme au schéma", "Origine", "Logiciel ou système source", "Niveau d’accès", "Classification",
                      "Statut"] {
            #expect(page.contains("<th scope=\"row\">\(label)</th>"), "\(label)")
        }
        #expect(page.contains("du 2020-01-01 au 2024-12-31") && page.contains("annuelle") && page.contains("données personnelles"))
        // Revision history: row counts and what changed.
        for change in ["colonnes ajoutées\u{a0}: ouverture", "colonnes retirées\u{a0}: ancien",
                       "colonne effectif\u{a0}: texte → entier", "+20 lignes", "première version"] {
            #expect(page.contains("<li>\(change)</li>"), "\(change)")
        }
        #expect(page.contains("<td>courante</td>") && page.contains("<td>publiée</td>"))
        #expect(page.contains("<td class=\"num\">120</td>"))
        #expect(page.contains("href=\"/datasets/ecoles/revisions/2/report\""))
        // Null cells are marked by text, not by colour only.
        #expect(page.contains("<span class=\"visually-hidden\">vide</span>"))
    }

    @Test func declaredDatasetHasNoDataAndNoActions() throws {
        let page = try html("dataset-declared", roles: nil)
        #expect(!page.contains("download.csv"))
        #expect(!page.contains("class=\"actions\""))
        #expect(page.contains("Aucune donnée n’a encore été chargée pour cette source."))
        #expect(page.contains("Aucun aperçu disponible."))
    }

    @Test func jobPageRefreshesUntilDone() throws {
        let running = try html("job-running")
        #expect(running.contains("<noscript><meta http-equiv=\"refresh\" content=\"2\"></noscript>"))
        #expect(running.contains("<script src=\"/static/socle.js\" defer></script>"))
        #expect(running.contains("<progress id=\"job-progress\" max=\"100\" value=\"42\">42\u{202f}%</progress>"))
        #expect(running.contains("data-job-poll=\"/api/v1/jobs/7\""))
        #expect(running.contains("12\u{202f}000 lignes"))
        let done = try html("job-succeeded", .english)
        #expect(!done.contains("http-equiv=\"refresh\"") && !done.contains("<script"))
        #expect(done.contains("<a href=\"/datasets/ecoles/revisions/2/report\">See the ingest report</a>"))
        let failed = try html("job-failed")
        #expect(failed.contains("role=\"alert\"") && failed.contains("Le chargement a échoué."))
        #expect(failed.contains("f.csv, ligne 12"))
        #expect(failed.contains("href=\"/upload?dataset=ecoles\""))
    }

    @Test func catalogFacetsAreLinksWithCounts() throws {
        let page = try html("catalog")
        let q = "q=%3Cscript%3Ealert%281%29%3C%2Fscript%3E"
        // The selected facet removes itself; other values keep it and add theirs.
        #expect(page.contains("<a href=\"/catalog?\(q)\" aria-current=\"true\" class=\"facet-selected\">"))
        #expect(page.contains("<a href=\"/catalog?\(q)&amp;organisation=vire&amp;theme=EDUC\">Éducation, culture et sport <span class=\"count\">(2)</span></a>"))
        #expect(page.contains("<input type=\"hidden\" name=\"organisation\" value=\"vire\">"))
        #expect(page.contains("href=\"/catalog?\(q)&amp;organisation=vire&amp;page=4\" rel=\"next\""))
        #expect(page.contains("95 jeu(x) de données"))
        for heading in ["Organisation", "Thème", "Licence", "Format", "Classification", "Statut"] {
            #expect(page.contains(">\(heading)</h3>"), "\(heading)")
        }
        let empty = try html("catalog-empty", roles: nil)
        #expect(empty.contains("Aucun jeu de données ne correspond") && !empty.contains("class=\"facets\""))
    }

    @Test func loginFormDropsForeignRedirects() throws {
        let page = try html("login", roles: nil)
        #expect(!page.contains("evil.example") && !page.contains("name=\"next\""))
        #expect(page.contains("role=\"alert\"") && page.contains("Identifiants incorrects " + Samples.escapedEvil))
        #expect(page.contains("autocomplete=\"current-password\"") && page.contains("type=\"email\""))
        let local = try renderer.render(LoginPage(next: "/inventory"), chrome: Samples.chrome(.french, roles: nil))
        #expect(local.contains("<input type=\"hidden\" name=\"next\" value=\"/inventory\">"))
    }

    @Test func uploadFormSendsTheTokenBeforeTheFile() throws {
        let page = try html("upload")
        #expect(page.contains("enctype=\"multipart/form-data\""))
        let csrf = try #require(page.range(of: "name=\"_csrf\""))
        let file = try #require(page.range(of: "type=\"file\""))
        #expect(csrf.lowerBound < file.lowerBound)
        #expect(page.contains("Taille maximale\u{a0}: 1\u{a0}Gio"))
        #expect(page.contains("<option value=\"ecoles\" selected>"))
        #expect(page.contains("Fichier manquant " + Samples.escapedEvil) && page.contains("aria-invalid=\"true\""))
        #expect(page.contains("<progress id=\"upload-bar\""))
    }

    @Test func metadataFormShowsErrorsNextToFields() throws {
        let page = try html("edit")
        #expect(page.contains("<a href=\"#meta-title\">Titre\u{a0}: Titre trop long " + Samples.escapedEvil + "</a>"))
        #expect(page.contains("<p class=\"field-error\" id=\"meta-title-error\">"))
        #expect(page.contains("id=\"meta-title\" name=\"title\" value=\"" + Samples.escapedEvil + "\" required aria-describedby=\"meta-title-error\" aria-invalid=\"true\">"))
        for (select, value) in [("licence", "etalab-2.0"), ("frequency", "ANNUAL"), ("origin", "internal"),
                                ("accessLevel", "public"), ("classification", "personal"), ("ownerService", "3")] {
            #expect(page.contains("<select id=\"meta-\(select)\" name=\"\(select)\""), "\(select)")
            let options = page[page.range(of: "<select id=\"meta-\(select)\"")!.lowerBound...]
            let end = options.range(of: "</select>")!.lowerBound
            #expect(options[..<end].contains("<option value=\"\(value)\" selected>"), "\(select)")
        }
        #expect(page.contains("name=\"themes\" value=\"EDUC\" checked>"))
        #expect(page.contains("action=\"/datasets/ecoles/edit\""))
        let declare = try html("declare", .english)
        #expect(declare.contains("action=\"/datasets/new\"") && declare.contains("<select id=\"meta-organisation\""))
        #expect(declare.contains("id=\"meta-slug\"") && declare.contains("<h1>Declare a data source</h1>"))
    }

    @Test func inventoryShowsFiguresBarsAndGaps() throws {
        let page = try html("inventory")
        #expect(page.contains("(2 sur 3)") && page.contains("66\u{202f}%"))
        #expect(page.contains("<rect class=\"bar-fill\" x=\"0\" y=\"0\" width=\"66\" height=\"8\"/>"))
        #expect(page.contains("aria-hidden=\"true\" focusable=\"false\""))
        #expect(page.contains("Sans service propriétaire"))
        for gap in ["service propriétaire", "classification", "traitement RGPD", "données non chargées", "licence (accès public)"] {
            #expect(page.contains("<span class=\"tag tag-gap\">\(gap)</span>"), "\(gap)")
        }
        #expect(page.contains("Aucune source déclarée."))
        #expect(page.contains("<form method=\"post\" action=\"/inventory/import\" enctype=\"multipart/form-data\""))
        #expect(page.contains("<input type=\"file\" id=\"import-file\" name=\"file\""))
        let plain = try renderer.render(InventoryPage(organisations: []), chrome: Samples.chrome(.french, roles: [.dpo]))
        #expect(!plain.contains("/inventory/import"))
    }

    @Test func tokensPageShowsTheNewTokenOnceAndRevokesActiveOnes() throws {
        let page = try html("admin-tokens")
        #expect(page.contains("<input type=\"text\" id=\"new-token\" readonly value=\"sk_abc_SECRET" + Samples.escapedEvil + "\""))
        #expect(page.contains("action=\"/admin/tokens/1/revoke\"") && !page.contains("/admin/tokens/2/revoke"))
        #expect(page.contains("révoqué") && page.contains("lecture et écriture"))
        let later = try renderer.render(AdminTokensPage(tokens: [], organisations: []), chrome: Samples.chrome(.french))
        #expect(!later.contains("new-token"))
    }

    @Test func auditPageFiltersAndPages() throws {
        let page = try html("audit")
        #expect(page.contains("<form method=\"get\" action=\"/admin/audit\""))
        // The author is chosen among the people of the log (a hostile value is not echoed into the form).
        #expect(page.contains("<select id=\"audit-actor\" name=\"actor\">") && page.contains("<option value=\"user:1\">dpo@vire.fr</option>"))
        #expect(!page.contains("value=\"" + Samples.escapedEvil + "\""))
        #expect(page.contains("href=\"/admin/audit?actor=%3Cscript%3Ealert%281%29%3C%2Fscript%3E&amp;page=2\" rel=\"next\""))
        // Each entry is a sentence; the codes and hashes stay behind the disclosure.
        #expect(page.contains("<li><p>dpo@vire.fr a publié le jeu « " + Samples.escapedEvil + " » le "))
        #expect(page.contains("<details><summary>") && page.contains("<code>dataset.publish</code>"))
        #expect(page.contains("La chaîne d’empreintes est intacte."))
        #expect(page.contains("class=\"sub-nav\""))
        let dpo = try html("audit", roles: [.dpo])
        #expect(!dpo.contains("class=\"sub-nav\""))
    }

    @Test(arguments: [(404, "Page introuvable", false), (403, "Accès refusé", true), (500, "Erreur du serveur", false),
                      (418, "Demande incorrecte", false), (502, "Erreur du serveur", false)])
    func errorPages(status: Int, title: String, offersLogin: Bool) throws {
        let page = try renderer.render(ErrorPage(status: status), chrome: Samples.chrome(.french, roles: nil))
        #expect(page.contains("<h1>\(title)</h1>"))
        #expect(page.contains("<a href=\"/\">Retour à l’accueil</a>"))
        #expect(page.contains("<a href=\"/login\">Se connecter</a></p>\n") == offersLogin)
        // Signing in from an error page comes back to it.
        let deep = try renderer.render(ErrorPage(status: status), chrome: Samples.chrome(.french, roles: nil, path: "/inventory"))
        #expect(deep.contains("<a href=\"/login?next=%2Finventory\">Se connecter</a>"))
    }

    @Test func organisationPageComputesTheObligation() throws {
        let page = try html("organisation")
        #expect(page.contains("<dd>obligatoire</dd>") && page.contains("<dd>17\u{202f}000</dd>") && page.contains("<dd>211407626</dd>"))
        let unknown = try renderer.render(OrganisationPage(slug: "c", name: "CCAS", profile: OrganisationProfile(kind: .ccas),
                                                           services: [], datasets: []), chrome: Samples.chrome(.english))
        #expect(unknown.contains("undetermined (population or staff unknown)") && unknown.contains("No service declared."))
    }
}
