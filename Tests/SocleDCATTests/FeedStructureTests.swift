import Foundation
import Testing
@testable import SocleDCAT

@Suite struct FeedStructureTests {
    let c = FeedSamples.catalog
    let base = "https://data.vire.fr"
    let dcat = "http://www.w3.org/ns/dcat#"
    let dct = "http://purl.org/dc/terms/"

    func render(_ n: Int, _ format: FeedFormat, pageSize: Int = 2) -> String {
        let (page, items) = FeedSamples.page(n, pageSize: pageSize)
        return DCATFeed.catalog(c, datasets: items, page: page, format: format)
    }

    @Test func jsonLDParsesAndCarriesTheCatalog() throws {
        let doc = try ParsedJSONLD(render(1, .jsonLD))
        #expect(doc.context["dcat"] as? String == dcat)
        let catalog = base + "/catalog"
        #expect(doc.types(catalog) == ["dcat:Catalog", "hydra:Collection"])
        #expect(doc.values(catalog, "dct:title") == ["Données ouvertes de Vire Normandie"])
        #expect(doc.links(catalog, "dcat:dataset").count == 2)
        #expect(doc.links(catalog, "dcat:service") == [base + "/catalog#api"])
        #expect(doc.values(catalog, "hydra:totalItems") == ["3"])
        #expect(doc.links(base + "/catalog#api", "dcat:endpointURL") == [base + "/api/v1"])
        #expect(doc.links(base + "/catalog#api", "dcat:endpointDescription") == [base + "/api/v1/openapi.json"])
        #expect(doc.links(base + "/catalog#api", "dcat:servesDataset") == doc.links(catalog, "dcat:dataset"))
    }

    @Test func datasetPropertiesUseTheEUVocabularies() throws {
        let doc = try ParsedJSONLD(render(1, .jsonLD))
        let ds = base + "/datasets/budget-primitif-2024"
        let eu = "http://publications.europa.eu/resource/authority/"
        #expect(doc.values(ds, "dct:identifier") == [ds])
        #expect(doc.values(ds, "dcat:keyword") == ["budget", "finances"])
        #expect(doc.links(ds, "dcat:theme") == [eu + "data-theme/ECON", eu + "data-theme/GOVE"])
        #expect(doc.links(ds, "dct:accrualPeriodicity") == [eu + "frequency/ANNUAL_2"])
        #expect(doc.links(ds, "dct:spatial") == ["http://id.insee.fr/geo/commune/14762", "http://id.insee.fr/geo/commune/2A004"])
        #expect(doc.types("http://id.insee.fr/geo/commune/14762") == ["dct:Location"])
        #expect(doc.values(ds, "dct:issued") == ["2024-01-01T00:00:00Z"])
        #expect(doc.links(ds, "dct:publisher") == [base + "/organisations/vire"])
        #expect(doc.values(base + "/organisations/vire", "foaf:name") == ["Commune de Vire Normandie"])
        #expect(doc.links(ds, "dct:conformsTo") == ["https://schema.data.gouv.fr/scdl/budget/"])
        #expect(doc.types("https://schema.data.gouv.fr/scdl/budget/") == ["dct:Standard"])
        let contact = try #require((doc.node(ds)?["dcat:contactPoint"] as? [[String: Any]])?.first)
        #expect(contact["@type"] as? [String] == ["vcard:Kind"])
        #expect((contact["vcard:hasEmail"] as? [[String: Any]])?.first?["@id"] as? String == "mailto:opendata@vire.fr")
        let period = try #require((doc.node(ds)?["dct:temporal"] as? [[String: Any]])?.first)
        #expect((period["dcat:startDate"] as? [[String: Any]])?.first?["@type"] as? String == "xsd:date")
        #expect(doc.values(eu + "data-theme/ECON", "skos:prefLabel") == ["Économie et finances", "Economy and finance"])

        let csv = ds + "#csv"
        #expect(doc.links(ds, "dcat:distribution") == [csv, ds + "#json"])
        #expect(doc.links(csv, "dct:format") == [eu + "file-type/CSV"])
        #expect(doc.links(csv, "dcat:mediaType") == ["https://www.iana.org/assignments/media-types/text/csv"])
        #expect(doc.links(csv, "dct:license") == ["https://www.etalab.gouv.fr/licence-ouverte-open-licence/"])
        #expect(doc.types("https://www.etalab.gouv.fr/licence-ouverte-open-licence/") == ["dct:LicenseDocument"])
        #expect(doc.values(csv, "dcat:byteSize") == ["48213"])
        let checksum = try #require((doc.node(csv)?["spdx:checksum"] as? [[String: Any]])?.first)
        #expect((checksum["spdx:algorithm"] as? [[String: Any]])?.first?["@id"] as? String
                == "http://spdx.org/rdf/terms#checksumAlgorithm_sha256")
        #expect((checksum["spdx:checksumValue"] as? [[String: Any]])?.first?["@value"] as? String
                == String(repeating: "ab", count: 32))
    }

    @Test func hydraLinksFollowThePages() throws {
        // 3 datasets, 2 per page: page 1 has next, page 2 has previous, page 9 (past the end) points back to 2.
        let expectations: [(page: Int, next: [String], previous: [String])] = [
            (1, [base + "/catalog.jsonld?page=2"], []),
            (2, [], [base + "/catalog.jsonld?page=1"]),
            (9, [], [base + "/catalog.jsonld?page=2"]),
        ]
        for e in expectations {
            let doc = try ParsedJSONLD(DCATFeed.catalog(c, datasets: [], page: FeedPage(page: e.page, pageSize: 2, totalItems: 3),
                                                        format: .jsonLD))
            let view = base + "/catalog.jsonld?page=\(e.page)"
            #expect(doc.links(base + "/catalog", "hydra:view") == [view])
            #expect(doc.types(view) == ["hydra:PartialCollectionView"])
            #expect(doc.links(view, "hydra:first") == [base + "/catalog.jsonld?page=1"])
            #expect(doc.links(view, "hydra:last") == [base + "/catalog.jsonld?page=2"])
            #expect(doc.links(view, "hydra:next") == e.next, "page \(e.page)")
            #expect(doc.links(view, "hydra:previous") == e.previous, "page \(e.page)")
        }
        #expect(DCATFeed.catalogPageURL(c, page: 0, format: .turtle) == base + "/catalog.ttl?page=1")
    }

    @Test func missingOptionalFieldsFallBackOrVanish() throws {
        let doc = try ParsedJSONLD(DCATFeed.dataset(c, FeedSamples.minimal, format: .jsonLD))
        let ds = base + "/datasets/arbres"
        #expect(doc.values(ds, "dct:title") == ["arbres"])
        #expect(doc.values(ds, "dct:description") == ["arbres"])
        #expect(doc.links(ds, "dct:publisher") == ["https://data.vire.fr/organisations/vire"])
        #expect(doc.values("https://data.vire.fr/organisations/vire", "foaf:name") == ["Commune de Vire Normandie"])
        #expect(doc.types(ds) == ["dcat:Dataset", "foaf:Document"])
        for absent in ["dcat:keyword", "dcat:theme", "dcat:contactPoint", "dct:issued", "dct:modified",
                       "dct:accrualPeriodicity", "dct:spatial", "dct:temporal", "dct:conformsTo", "dcat:distribution"] {
            #expect(doc.node(ds)?[absent] == nil, "\(absent)")
        }
        #expect(doc.node(base + "/catalog") == nil)
    }

    @Test func hostileValuesAreDroppedOrEncoded() throws {
        let doc = try ParsedJSONLD(DCATFeed.dataset(c, FeedSamples.evil, format: .jsonLD))
        let ds = base + "/datasets/evil%2F..%23frag%3Fx%3D1%20%22%C3%A9%22"
        let expected = RDFLiteral.xmlSafe(FeedSamples.hostile)
        #expect(doc.values(ds, "dct:title") == [expected])
        #expect(doc.values(ds, "dcat:keyword") == [expected, "<b>bold</b>", "a\"b"])
        #expect(doc.links(ds, "dct:publisher") == [base + "/organisations/org%20with%20spaces%2F%23"])
        for absent in ["dcat:contactPoint", "dct:issued", "dct:modified", "dct:accrualPeriodicity", "dct:spatial",
                       "dct:temporal", "dct:conformsTo"] {
            #expect(doc.node(ds)?[absent] == nil, "\(absent)")
        }
        #expect(doc.links(ds, "dcat:landingPage") == [ds])
        #expect(doc.links(ds, "dcat:distribution") == [ds + "#csv", ds + "#geojson", ds + "#csv-2", ds + "#file"])
        // javascript: access URL replaced by the (escaped) download URL; empty ones by the dataset page.
        #expect(doc.links(ds + "#csv", "dcat:accessURL") == ["https://data.vire.fr/files/a%20file%20with%20spaces%20&%20%3Cbrackets%3E.csv"])
        #expect(doc.links(ds + "#geojson", "dcat:accessURL") == [ds])
        #expect(doc.links(ds + "#geojson", "dcat:downloadURL").isEmpty)
        #expect(doc.values(ds + "#csv", "dcat:byteSize").isEmpty)
        #expect(doc.node(ds + "#csv")?["spdx:checksum"] == nil)
        #expect(doc.values(ds + "#geojson", "dcat:byteSize") == ["0"])
        #expect(doc.links(ds + "#csv-2", "dcat:mediaType").isEmpty)
        #expect(doc.links(ds + "#file", "dct:format").isEmpty)
        #expect(!expected.unicodeScalars.contains { $0.value == 0 || $0.value == 0x1F || $0.value == 0xFFFF })
    }

    @Test func rdfXMLIsWellFormedAndKeepsHostileTextIntact() throws {
        let xml = try ParsedRDFXML(render(1, .rdfXML))
        let titles = xml.texts(dct, "title")
        #expect(titles.contains(RDFLiteral.xmlSafe(FeedSamples.hostile)))
        #expect(titles.contains("Budget primitif 2024"))
        #expect(xml.texts(dcat, "keyword").contains("<b>bold</b>"))
        #expect(xml.elements.filter { $0.namespace == dcat && $0.name == "Dataset" }.count == 2)
        #expect(xml.elements.filter { $0.namespace == dcat && $0.name == "Distribution" }.count == 6)
        #expect(xml.attribute("about", of: dcat, "Dataset").contains(base + "/datasets/budget-primitif-2024"))
    }

    @Test func turtleEscapesEveryLiteral() {
        let ttl = render(1, .turtle)
        #expect(!ttl.contains("\r"))
        #expect(!ttl.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(ttl.contains(#"Quote \" apostrophe ' backslash \\ <tag> & amp; ]]> </rdf:RDF> \"\"\" ."#))
        #expect(ttl.contains(#"\r\n\ttab"#))
        // No literal spans two lines: every line has an even number of unescaped quotes.
        for line in ttl.split(separator: "\n", omittingEmptySubsequences: false) {
            var quotes = 0, escaped = false
            for ch in line.unicodeScalars {
                if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == "\"" { quotes += 1 }
            }
            #expect(quotes % 2 == 0, "\(line)")
        }
    }

    @Test func catalogWithoutOptionalFacts() throws {
        var bare = c
        bare.publisherURI = "javascript:x"
        bare.modified = nil
        bare.homepage = ""
        bare.apiTitle = nil
        bare.description = "  "
        let doc = try ParsedJSONLD(DCATFeed.catalog(bare, datasets: [], page: FeedPage(page: 1, pageSize: 50, totalItems: 0),
                                                    format: .jsonLD))
        let catalog = base + "/catalog"
        #expect(doc.links(catalog, "dct:publisher") == [base + "/catalog#publisher"])
        #expect(doc.values(catalog, "dct:description") == ["Données ouvertes de Vire Normandie"])
        #expect(doc.values(base + "/catalog#api", "dct:title") == ["Données ouvertes de Vire Normandie"])
        #expect(doc.node(catalog)?["dct:modified"] == nil)
        #expect(doc.node(catalog)?["foaf:homepage"] == nil)
        #expect(doc.node(catalog)?["dcat:dataset"] == nil)
        #expect(doc.values(catalog, "hydra:totalItems") == ["0"])
        #expect(doc.links(base + "/catalog.jsonld?page=1", "hydra:last") == [base + "/catalog.jsonld?page=1"])
        #expect(DCATFeed.datasetIRI(bare, slug: "budget") == base + "/datasets/budget")
    }

    @Test func theSameInputGivesTheSameText() {
        for f in FeedFormat.allCases { #expect(render(1, f) == render(1, f)) }
    }

    /// Random text from a pool of troublesome characters, in every field, never breaks JSON or XML.
    @Test func randomHostileTextNeverBreaksTheSyntax() throws {
        let pool: [Unicode.Scalar] = ["\"", "'", "\\", "<", ">", "&", ";", "#", "%", "{", "}", "[", "]", "@", ":", "/",
                                      "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{8}", "\u{B}", "\u{C}", "\u{1F}", "\u{7F}",
                                      "\u{85}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFE}", "\u{FFFF}", "\u{10FFFF}",
                                      "é", "ß", "中", "😀", "\u{301}", "\u{202E}", " ", "a", "Z", "0", "_", "-", "."]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        func text() -> String {
            var s = String.UnicodeScalarView()
            for _ in 0..<(next() % 24) { s.append(pool[next() % pool.count]) }
            return String(s)
        }
        for _ in 0..<150 {
            let d = FeedDataset(slug: text(), title: text(), description: text(), keywords: [text(), text()],
                                themes: [text()], publisherName: text(), publisherId: text(), contactEmail: text() + "@x.fr",
                                frequency: text(), spatial: [text()], temporalStart: text(), temporalEnd: text(),
                                conformsTo: "https://x.fr/" + text(), landingPage: "https://x.fr/" + text(),
                                distributions: [FeedDistribution(title: text(), accessURL: "https://x.fr/" + text(),
                                                                 downloadURL: text(), format: text(), mediaType: text(),
                                                                 licenceURL: "https://x.fr/" + text())])
            var cat = c
            cat.title = text()
            cat.publisherName = text()
            let page = FeedPage(page: next() % 5 - 1, pageSize: next() % 4 - 1, totalItems: next() % 9 - 2)
            _ = try ParsedJSONLD(DCATFeed.catalog(cat, datasets: [d], page: page, format: .jsonLD))
            _ = try ParsedRDFXML(DCATFeed.catalog(cat, datasets: [d], page: page, format: .rdfXML))
            #expect(!DCATFeed.catalog(cat, datasets: [d], page: page, format: .turtle).isEmpty)
        }
    }
}
