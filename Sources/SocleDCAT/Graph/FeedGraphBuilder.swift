import Foundation

/// Turns the feed model into one list of RDF resources, so the three writers serialise the same graph.
///
/// Anything invalid in the input (a link that is not http(s), an unknown theme code, an impossible date) is
/// left out rather than written wrong; mandatory DCAT-AP properties fall back to something true instead.
struct FeedGraphBuilder {
    let catalog: FeedCatalog
    /// Base URL without its trailing slashes.
    let base: String
    /// Tag of every text literal.
    let language: String
    /// Main resources in writing order (catalog, service, page view, datasets, distributions).
    var resources: [RDFResource] = []
    /// Resources several others point at (agents, concepts, licences…), each written once, after the rest.
    private var shared: [RDFResource] = []
    private var sharedIndex: [IRI: Int] = [:]

    init(catalog: FeedCatalog) {
        self.catalog = catalog
        var b = catalog.baseURL.trimmed
        while b.hasSuffix("/") { b.removeLast() }
        base = b
        language = Lexical.languageTag(catalog.language) ?? "fr"
    }

    /// Every resource to write, main ones first.
    var allResources: [RDFResource] { resources + shared }

    var catalogIRI: IRI { IRI(base + "/catalog") }
    var serviceIRI: IRI { IRI(base + "/catalog#api") }
    var catalogPublisherIRI: IRI { IRI.web(catalog.publisherURI) ?? IRI(base + "/catalog#publisher") }

    func datasetIRI(_ slug: String) -> IRI { IRI(base + "/datasets/" + FeedGraphBuilder.segment(slug)) }

    func pageIRI(_ page: Int, format: FeedFormat) -> IRI {
        IRI(base + "/catalog." + format.fileExtension + "?page=" + String(page))
    }

    // MARK: - Catalog document

    /// The catalog, its API as a `dcat:DataService`, the Hydra view of this page, then each dataset.
    mutating func addCatalog(datasets: [FeedDataset], page: FeedPage, format: FeedFormat) {
        var cat = RDFResource(catalogIRI, types: [NS.dcat("Catalog"), NS.hydra("Collection")])
        let title = nonEmpty(catalog.title) ?? base
        cat.add(NS.dct("title"), text: title, language: language)
        cat.add(NS.dct("description"), text: nonEmpty(catalog.description) ?? title, language: language)
        cat.add(NS.dct("publisher"), iri: agent(catalogPublisherIRI, name: nonEmpty(catalog.publisherName) ?? title))
        cat.add(NS.foaf("homepage"), iri: document(catalog.homepage))
        cat.add(NS.dct("license"), iri: licence(catalog.licenceURL))
        cat.add(NS.dct("language"), iri: linguisticSystem())
        if let modified = Lexical.dateTime(catalog.modified) {
            cat.add(NS.dct("modified"), lexical: modified, datatype: NS.xsd("dateTime"))
        }
        cat.add(NS.dcat("themeTaxonomy"), iri: themeScheme())
        cat.add(NS.dcat("service"), iri: serviceIRI)
        let datasetIRIs = datasets.map { datasetIRI($0.slug) }
        for iri in datasetIRIs { cat.add(NS.dcat("dataset"), iri: iri) }
        cat.add(NS.hydra("totalItems"), lexical: String(max(0, page.totalItems)), datatype: NS.xsd("integer"))
        let view = pageIRI(page.current, format: format)
        cat.add(NS.hydra("view"), iri: view)
        resources.append(cat)
        resources.append(service(title: title, serves: datasetIRIs))
        resources.append(hydraView(view, page: page, format: format))
        for d in datasets { addDataset(d) }
    }

    private mutating func service(title: String, serves datasets: [IRI]) -> RDFResource {
        var s = RDFResource(serviceIRI, types: [NS.dcat("DataService")])
        s.add(NS.dct("title"), text: nonEmpty(catalog.apiTitle) ?? title, language: language)
        s.add(NS.dcat("endpointURL"), iri: IRI.web(catalog.apiEndpointURL) ?? IRI(base + "/api/v1"))
        s.add(NS.dcat("endpointDescription"), iri: IRI.web(catalog.apiDocURL))
        s.add(NS.dct("publisher"), iri: catalogPublisherIRI)
        s.add(NS.dct("license"), iri: licence(catalog.licenceURL))
        for iri in datasets { s.add(NS.dcat("servesDataset"), iri: iri) }
        return s
    }

    /// Hydra paging as udata writes and reads it: first and last always, next/previous when they exist.
    private func hydraView(_ view: IRI, page: FeedPage, format: FeedFormat) -> RDFResource {
        var v = RDFResource(view, types: [NS.hydra("PartialCollectionView")])
        let current = page.current, last = page.lastPage
        v.add(NS.hydra("first"), iri: pageIRI(1, format: format))
        v.add(NS.hydra("last"), iri: pageIRI(last, format: format))
        if current < last { v.add(NS.hydra("next"), iri: pageIRI(current + 1, format: format)) }
        if current > 1 { v.add(NS.hydra("previous"), iri: pageIRI(min(current - 1, last), format: format)) }
        return v
    }

    // MARK: - Shared resources

    mutating func share(_ resource: RDFResource) {
        guard let iri = resource.iri else { return }
        if let i = sharedIndex[iri] {
            for s in resource.statements where !shared[i].statements.contains(s) { shared[i].statements.append(s) }
            for t in resource.types where !shared[i].types.contains(t) { shared[i].types.append(t) }
        } else {
            sharedIndex[iri] = shared.count
            shared.append(resource)
        }
    }

    mutating func agent(_ iri: IRI, name: String) -> IRI {
        var a = RDFResource(iri, types: [NS.foaf("Agent")])
        a.add(NS.foaf("name"), text: name, language: language)
        share(a)
        return iri
    }

    /// A web page (`foaf:Document`), or nil when the link is not http(s).
    mutating func document(_ url: String?) -> IRI? {
        guard let iri = IRI.web(url) else { return nil }
        share(RDFResource(iri, types: [NS.foaf("Document")]))
        return iri
    }

    mutating func licence(_ url: String?) -> IRI? {
        guard let iri = IRI.web(url) else { return nil }
        share(RDFResource(iri, types: [NS.dct("LicenseDocument")]))
        return iri
    }

    mutating func standard(_ url: String?) -> IRI? {
        guard let iri = IRI.web(url) else { return nil }
        share(RDFResource(iri, types: [NS.dct("Standard")]))
        return iri
    }

    /// An EU authority concept with the scheme it belongs to (the 2.1.1 controlled-vocabulary shapes ask for it).
    mutating func authorityConcept(scheme: String, code: String, type: IRI) -> IRI {
        let iri = IRI(scheme + "/" + code)
        var r = RDFResource(iri, types: [type])
        r.add(NS.skos("inScheme"), iri: IRI(scheme))
        share(r)
        return iri
    }

    mutating func linguisticSystem() -> IRI? {
        guard let code = EUVocabulary.languageCode(language) else { return nil }
        return authorityConcept(scheme: EUVocabulary.languageScheme, code: code, type: NS.dct("LinguisticSystem"))
    }

    mutating func themeScheme() -> IRI {
        let iri = IRI(EUVocabulary.themeScheme)
        var r = RDFResource(iri, types: [NS.skos("ConceptScheme")])
        r.add(NS.dct("title"), text: EUVocabulary.themeSchemeTitle.fr, language: "fr")
        r.add(NS.dct("title"), text: EUVocabulary.themeSchemeTitle.en, language: "en")
        share(r)
        return iri
    }

    /// A data-theme concept with its official labels (DCAT-AP 3 wants every `skos:Concept` labelled).
    mutating func theme(_ raw: String) -> IRI? {
        guard let code = EUVocabulary.themeCode(raw), let labels = EUVocabulary.themes[code] else { return nil }
        let iri = IRI(EUVocabulary.themeScheme + "/" + code)
        var r = RDFResource(iri, types: [NS.skos("Concept")])
        r.add(NS.skos("prefLabel"), text: labels.fr, language: "fr")
        r.add(NS.skos("prefLabel"), text: labels.en, language: "en")
        r.add(NS.skos("inScheme"), iri: themeScheme())
        share(r)
        return iri
    }

    // MARK: - Helpers

    /// The text with surrounding white space removed, or nil when nothing is left.
    func nonEmpty(_ text: String?) -> String? {
        guard let t = text?.trimmed, !t.isEmpty else { return nil }
        return t
    }

    /// A path segment: everything but unreserved characters is percent-encoded (a slug with `/` or `#`
    /// cannot escape its segment).
    static func segment(_ raw: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for b in raw.utf8 {
            let unreserved = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
                || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E
            if unreserved { out.append(b) } else { out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0x0F)]] }
        }
        return out.isEmpty ? "_" : String(decoding: out, as: UTF8.self)
    }
}
