import Foundation
import Testing
import SocleCore
@testable import SocleWeb

/// Every page, in both languages: complete documents, escaping, CSRF, labels, landmarks, no third party.
@Suite struct PageRenderingTests {
    let renderer: PageRenderer
    init() throws { renderer = try PageRenderer() }

    func render(_ page: any PageModel, _ language: Language, roles: [Role]? = [.admin], path: String = "/") throws -> String {
        try renderer.render(page, chrome: Samples.chrome(language, roles: roles, path: path))
    }

    @Test(arguments: Language.allCases)
    func everyPageIsACompleteAccessibleDocument(language: Language) throws {
        for (name, page, _) in Samples.pages {
            let html = try render(page, language)
            let at = Comment(rawValue: "\(name) [\(language.rawValue)]")
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">"), at)
            #expect(html.contains("<main id=\"contenu\""), at)
            #expect(html.contains("<a class=\"skip-link\" href=\"#contenu\">"), at)
            #expect(html.contains("<header") && html.contains("<footer") && html.contains("<nav class=\"main-nav\" aria-label="), at)
            #expect(HTMLChecks.tags(html, "h1").count == 1, at)
            #expect(HTMLChecks.tags(html, "title").count == 1, at)
            // No missing catalog key (⟦…⟧ from templates, the bare key from Swift) and no unrendered tag.
            #expect(!html.contains("⟦"), at)
            #expect(!html.contains("web."), at)
            #expect(!html.contains("{{") && !html.contains("}}"), at)
            // Ids are unique; every control has a <label for>; every table header has a scope.
            let ids = HTMLChecks.attributeValues(html, "id")
            #expect(Set(ids).count == ids.count, "\(at): duplicate ids \(ids)")
            let labelled = Set(HTMLChecks.attributeValues(html, "for"))
            for control in HTMLChecks.labelledControls(html) {
                let id = HTMLChecks.attribute(control, "id")
                #expect(id != nil && labelled.contains(id!), "\(at): unlabelled \(control)")
            }
            for th in HTMLChecks.tags(html, "th") {
                #expect(HTMLChecks.attribute(th, "scope") != nil, "\(at): \(th)")
            }
            for target in HTMLChecks.attributeValues(html, "aria-labelledby") + HTMLChecks.attributeValues(html, "aria-describedby") {
                for ref in target.split(separator: " ") {
                    #expect(ids.contains(String(ref)), "\(at): aria reference to missing id \(ref)")
                }
            }
        }
    }

    @Test(arguments: Language.allCases)
    func hostileTextIsEscapedEverywhere(language: Language) throws {
        for (name, page, shows) in Samples.pages {
            let html = try render(page, language)
            let at = Comment(rawValue: "\(name) [\(language.rawValue)]")
            #expect(!html.contains(Samples.evil), at)
            // The only script element is our own file, and only on the pages that use it.
            for tag in HTMLChecks.tags(html, "script") {
                #expect(tag == "<script src=\"/static/socle.js\" defer>", at)
            }
            if shows != nil { #expect(html.contains(Samples.escapedEvil), at) }
            // The territory name and viewer are user data in the layout.
            #expect(html.contains("Vire Normandie " + Samples.escapedEvil), at)
            #expect(!html.lowercased().contains("href=\"javascript:"), at)
        }
    }

    @Test(arguments: Language.allCases)
    func everyPostFormCarriesTheCSRFToken(language: Language) throws {
        var forms = 0
        for (name, page, _) in Samples.pages {
            let html = try render(page, language)
            for form in HTMLChecks.postForms(html) {
                forms += 1
                #expect(form.contains("<input type=\"hidden\" name=\"_csrf\" value=\"\(Samples.csrf)\">"), "\(name): \(form)")
            }
            // GET forms (search, filters) must not leak the token into URLs.
            let getForms = HTMLChecks.tags(html, "form").filter { HTMLChecks.attribute($0, "method") == "get" }
            if !getForms.isEmpty {
                let regex = try Regex("<form[^>]*method=\"get\"[^>]*>[\\s\\S]*?</form>")
                for match in html.matches(of: regex) { #expect(!html[match.range].contains("_csrf"), "\(name)") }
            }
        }
        #expect(forms > 20)
    }

    @Test(arguments: Language.allCases)
    func noRequestToAnyOtherHost(language: Language) throws {
        // The licence pages are data links the model carries (DatasetMetadata.licence.url).
        let allowed = [Licence.etalab2.url!, Licence.odbl.url!]
        for (name, page, _) in Samples.pages {
            let html = try render(page, language)
            for url in HTMLChecks.absoluteURLs(html) {
                #expect(allowed.contains(url), "\(name): \(url)")
            }
            for src in HTMLChecks.attributeValues(html, "src") + HTMLChecks.tags(html, "link").compactMap({ HTMLChecks.attribute($0, "href") }) {
                #expect(src.hasPrefix("/static/"), "\(name): \(src)")
            }
        }
    }

    @Test func languageSwitchKeepsThePathAndQuery() throws {
        let page = CatalogPage(query: "école", results: [], facets: [], paging: Paging(total: 0))
        let fr = try renderer.render(page, chrome: Samples.chrome(.french, path: "/catalog?q=ecole&lang=fr&page=2"))
        #expect(fr.contains("href=\"/catalog?q=ecole&amp;page=2&amp;lang=en\" hreflang=\"en\" lang=\"en\">English</a>"))
        let en = try renderer.render(page, chrome: Samples.chrome(.english, path: "/catalog"))
        #expect(en.contains("href=\"/catalog?lang=fr\" hreflang=\"fr\" lang=\"fr\">Français</a>"))
        #expect(en.contains("<h1>Catalog</h1>") && fr.contains("<h1>Catalogue</h1>"))
        // A crafted path never becomes a link to another host.
        let evil = try renderer.render(page, chrome: Samples.chrome(.french, path: "//evil.example/x"))
        #expect(!evil.contains("evil.example"))
    }

    @Test(arguments: [
        (nil, ["Accueil", "Catalogue", "Organisations"], ["Inventaire", "Téléverser", "Administration", "Journal d’audit"]),
        ([Role.agent], ["Téléverser"], ["Inventaire", "Administration", "Journal d’audit"]),
        ([.steward], ["Téléverser", "Inventaire"], ["Administration", "Journal d’audit"]),
        ([.dpo], ["Inventaire", "Journal d’audit"], ["Téléverser", "Administration"]),
        ([.agent, .admin], ["Inventaire", "Téléverser", "Administration"], ["Journal d’audit"]),
    ] as [([Role]?, [String], [String])])
    func navigationFollowsRoles(roles: [Role]?, shown: [String], hidden: [String]) throws {
        let html = try render(HomePage(datasetCount: 0, organisationCount: 0, rowCount: 0, latest: []), .french, roles: roles)
        let nav = String(html[html.range(of: "<nav class=\"main-nav\"")!.lowerBound..<html.range(of: "</nav>")!.upperBound])
        for label in shown { #expect(nav.contains(">\(label)</a>"), "\(label)") }
        for label in hidden { #expect(!nav.contains(">\(label)</a>"), "\(label)") }
        #expect(html.contains("Se connecter") == (roles == nil))
        #expect(html.contains("action=\"/logout\"") == (roles != nil))
    }
}

/// `SOCLE_WEB_DUMP=/some/dir swift test --filter dumpSamplePages` writes every sample page (both
/// languages) and the static files there, to look at them in a browser.
@Test func dumpSamplePages() throws {
    guard let path = ProcessInfo.processInfo.environment["SOCLE_WEB_DUMP"] else { return }
    let dir = URL(fileURLWithPath: path)
    let renderer = try PageRenderer()
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("static"), withIntermediateDirectories: true)
    for name in ["socle.css", "socle.js"] {
        try Data(PageRenderer.staticFile(name)!.bytes).write(to: dir.appendingPathComponent("static/" + name))
    }
    for (name, page, _) in Samples.pages {
        for language in Language.allCases {
            let html = try renderer.render(page, chrome: Samples.chrome(language))
            try html.write(to: dir.appendingPathComponent("\(name).\(language.rawValue).html"), atomically: true, encoding: .utf8)
        }
    }
}
