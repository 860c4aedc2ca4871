import Foundation
@testable import SocleDCAT

/// A catalog of three datasets: a complete one, one full of hostile text and bad values, one with only the
/// mandatory fields.
enum FeedSamples {
    static let hostile = "Quote \" apostrophe ' backslash \\ <tag> & amp; ]]> </rdf:RDF> \"\"\" . <x> <y> \"z\" .\n"
        + "@prefix evil: <http://evil/> . {\"@id\": \"x\"}], \r\n\ttab \u{0} nul \u{1F} unit \u{7F} del "
        + "\u{2028} ls — é 中文 👩🏽‍💻 \u{202E}rtl \u{FFFF}"

    static let catalog = FeedCatalog(
        baseURL: "https://data.vire.fr/", title: "Données ouvertes de Vire Normandie",
        description: "Les données publiques de la commune, de son CCAS et de l'intercommunalité.",
        publisherName: "Commune de Vire Normandie", publisherURI: "https://data.vire.fr/organisations/vire",
        homepage: "https://data.vire.fr", language: "fr",
        licenceURL: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
        modified: Date(timeIntervalSince1970: 1_717_243_200), // 2024-06-01T12:00:00Z
        apiEndpointURL: "https://data.vire.fr/api/v1", apiDocURL: "https://data.vire.fr/api/v1/openapi.json",
        apiTitle: "API des données de Vire Normandie")

    static let budget = FeedDataset(
        slug: "budget-primitif-2024", title: "Budget primitif 2024",
        description: "Le budget primitif voté par le conseil municipal, par chapitre et article.",
        keywords: ["budget", "finances", "budget", "  "], themes: ["ECON", "gove", "NOPE"],
        publisherName: "Commune de Vire Normandie", publisherId: "vire", contactEmail: "opendata@vire.fr",
        issued: Date(timeIntervalSince1970: 1_704_067_200), modified: Date(timeIntervalSince1970: 1_717_243_200),
        frequency: "BIANNUAL", spatial: ["14762", "2A004", "1476"], temporalStart: "2024-01-01",
        temporalEnd: "2024-12-31", conformsTo: "https://schema.data.gouv.fr/scdl/budget/",
        landingPage: "https://data.vire.fr/datasets/budget-primitif-2024",
        distributions: [
            FeedDistribution(title: "Budget primitif 2024 (CSV)", accessURL: "https://data.vire.fr/datasets/budget-primitif-2024",
                             downloadURL: "https://data.vire.fr/api/v1/datasets/budget-primitif-2024/download.csv",
                             format: "CSV", mediaType: "text/csv; charset=utf-8",
                             licenceURL: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/", byteSize: 48_213,
                             sha256: String(repeating: "ab", count: 32)),
            FeedDistribution(title: "Budget primitif 2024 (JSON)", accessURL: "https://data.vire.fr/api/v1/datasets/budget-primitif-2024/rows",
                             downloadURL: "https://data.vire.fr/api/v1/datasets/budget-primitif-2024/download.json",
                             format: "JSON", mediaType: "application/json",
                             licenceURL: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"),
        ])

    static let evil = FeedDataset(
        slug: "evil/..#frag?x=1 \"é\"", title: hostile, description: hostile,
        keywords: [hostile, "<b>bold</b>", "a\"b"], themes: ["ENVI"], publisherName: hostile,
        publisherId: "org with spaces/#", contactEmail: "not an email <script>", issued: Date(timeIntervalSince1970: .nan),
        modified: Date(timeIntervalSince1970: 1e18), frequency: "every full moon", spatial: ["<14762>", "ABCDE"],
        temporalStart: "2023-02-29", temporalEnd: "2023-13", conformsTo: "javascript:alert(1)",
        landingPage: "not a url",
        distributions: [
            FeedDistribution(title: hostile, accessURL: "javascript:alert(1)",
                             downloadURL: "https://data.vire.fr/files/a file with spaces & <brackets>.csv",
                             format: "CSV", mediaType: "text/csv", licenceURL: "https://opendatacommons.org/licenses/odbl/1-0/",
                             byteSize: -5, sha256: "xyz"),
            FeedDistribution(title: "", accessURL: "ftp://", downloadURL: "", format: "GeoJSON",
                             mediaType: "application/geo+json", licenceURL: "", byteSize: 0,
                             sha256: String(repeating: "F", count: 64)),
            FeedDistribution(title: "second csv", accessURL: "https://data.vire.fr/x.csv", downloadURL: "https://data.vire.fr/x.csv",
                             format: "csv", mediaType: "bad media type", licenceURL: "https://opendatacommons.org/licenses/odbl/1-0/"),
            FeedDistribution(title: "weird format", accessURL: "https://data.vire.fr/y", downloadURL: "https://data.vire.fr/y",
                             format: "«»", mediaType: "", licenceURL: "https://opendatacommons.org/licenses/odbl/1-0/"),
        ])

    static let minimal = FeedDataset(
        slug: "arbres", title: "", description: "", publisherName: "", publisherId: "",
        landingPage: "https://data.vire.fr/datasets/arbres")

    static let datasets = [budget, evil, minimal]

    /// The three datasets spread over pages of `pageSize`.
    static func page(_ n: Int, pageSize: Int = 2) -> (FeedPage, [FeedDataset]) {
        let page = FeedPage(page: n, pageSize: pageSize, totalItems: datasets.count)
        let items = Array(datasets.dropFirst(min(page.offset, datasets.count)).prefix(pageSize))
        return (page, items)
    }
}
