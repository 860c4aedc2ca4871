/// Datasets and their distributions.
extension FeedGraphBuilder {
    /// The shapes disagree: DCAT-AP 2.1.1 and the 3.0.0 shapes published with the specification
    /// (html/shacl) want `xsd:decimal`, the consolidated 3.0.0 file wants `xsd:nonNegativeInteger`, and SHACL
    /// compares datatypes exactly. `decimal` passes two of the three, including what data.europa.eu checks.
    static let byteSizeDatatype = "decimal"

    /// Adds one dataset, its distributions and what they point at; returns the dataset IRI.
    @discardableResult
    mutating func addDataset(_ d: FeedDataset) -> IRI {
        let iri = datasetIRI(d.slug)
        var r = RDFResource(iri, types: [NS.dcat("Dataset")])
        r.add(NS.dct("identifier"), .literal(RDFLiteral(iri.value)))
        let title = nonEmpty(d.title) ?? d.slug
        r.add(NS.dct("title"), text: title, language: language)
        r.add(NS.dct("description"), text: nonEmpty(d.description) ?? title, language: language)
        var seen: Set<String> = []
        for k in d.keywords {
            guard let kw = nonEmpty(k), seen.insert(kw).inserted else { continue }
            r.add(NS.dcat("keyword"), text: kw, language: language)
        }
        var themes: [IRI] = []
        for t in d.themes { if let iri = theme(t), !themes.contains(iri) { themes.append(iri) } }
        for t in themes { r.add(NS.dcat("theme"), iri: t) }
        let publisherName = nonEmpty(d.publisherName) ?? nonEmpty(catalog.publisherName) ?? title
        let publisher = nonEmpty(d.publisherId).map { IRI(base + "/organisations/" + FeedGraphBuilder.segment($0)) }
            ?? catalogPublisherIRI
        r.add(NS.dct("publisher"), iri: agent(publisher, name: publisherName))
        if let email = Lexical.email(d.contactEmail) {
            var contact = RDFResource(nil, types: [NS.vcard("Kind")])
            contact.add(NS.vcard("fn"), text: publisherName, language: language)
            contact.add(NS.vcard("hasEmail"), iri: IRI("mailto:" + email))
            r.add(NS.dcat("contactPoint"), .blank(contact))
        }
        if let issued = Lexical.dateTime(d.issued) { r.add(NS.dct("issued"), lexical: issued, datatype: NS.xsd("dateTime")) }
        if let modified = Lexical.dateTime(d.modified) {
            r.add(NS.dct("modified"), lexical: modified, datatype: NS.xsd("dateTime"))
        }
        if let raw = d.frequency, let code = EUVocabulary.frequencyCode(raw) {
            r.add(NS.dct("accrualPeriodicity"),
                  iri: authorityConcept(scheme: EUVocabulary.frequencyScheme, code: code, type: NS.dct("Frequency")))
        }
        var places: [String] = []
        for s in d.spatial { if let code = Lexical.communeCode(s), !places.contains(code) { places.append(code) } }
        for code in places { r.add(NS.dct("spatial"), iri: location(commune: code)) }
        if let period = period(start: d.temporalStart, end: d.temporalEnd) { r.add(NS.dct("temporal"), .blank(period)) }
        r.add(NS.dct("conformsTo"), iri: standard(d.conformsTo))
        // Without a usable landing page the dataset IRI (Socle's own page for it) is the landing page.
        let page = IRI.web(d.landingPage)
        let landing = (page == nil || page == iri) ? iri : document(d.landingPage) ?? iri
        r.add(NS.dcat("landingPage"), iri: landing)
        if landing == iri { r.types.append(NS.foaf("Document")) }
        var fragments: Set<String> = []
        var distributions: [RDFResource] = []
        for dist in d.distributions {
            let fragment = uniqueFragment(for: dist.format, taken: &fragments)
            let distIRI = IRI(iri.value + "#" + fragment)
            r.add(NS.dcat("distribution"), iri: distIRI)
            distributions.append(distribution(dist, iri: distIRI, fallback: landing))
        }
        resources.append(r)
        resources.append(contentsOf: distributions)
        return iri
    }

    private mutating func distribution(_ d: FeedDistribution, iri: IRI, fallback: IRI) -> RDFResource {
        var r = RDFResource(iri, types: [NS.dcat("Distribution")])
        if let title = nonEmpty(d.title) { r.add(NS.dct("title"), text: title, language: language) }
        if let columns = nonEmpty(d.columnsDescription) { r.add(NS.dct("description"), text: columns, language: language) }
        // dcat:accessURL is mandatory: the download link, else the dataset page, stands in for a bad one.
        let download = IRI.web(d.downloadURL)
        r.add(NS.dcat("accessURL"), iri: IRI.web(d.accessURL) ?? download ?? fallback)
        r.add(NS.dcat("downloadURL"), iri: download)
        if let code = EUVocabulary.fileTypeCode(d.format) {
            r.add(NS.dct("format"), iri: authorityConcept(scheme: EUVocabulary.fileTypeScheme, code: code,
                                                         type: NS.dct("MediaTypeOrExtent")))
        }
        if let type = Lexical.mediaType(d.mediaType) {
            let media = IRI("https://www.iana.org/assignments/media-types/" + type)
            share(RDFResource(media, types: [NS.dct("MediaType")]))
            r.add(NS.dcat("mediaType"), iri: media)
        }
        r.add(NS.dct("license"), iri: licence(d.licenceURL))
        if let size = d.byteSize, size >= 0 {
            r.add(NS.dcat("byteSize"), lexical: String(size), datatype: NS.xsd(FeedGraphBuilder.byteSizeDatatype))
        }
        if let hex = Lexical.sha256(d.sha256) {
            let algorithm = NS.spdx("checksumAlgorithm_sha256")
            share(RDFResource(algorithm, types: [NS.spdx("ChecksumAlgorithm")]))
            var checksum = RDFResource(nil, types: [NS.spdx("Checksum")])
            checksum.add(NS.spdx("algorithm"), iri: algorithm)
            checksum.add(NS.spdx("checksumValue"), lexical: hex, datatype: NS.xsd("hexBinary"))
            r.add(NS.spdx("checksum"), .blank(checksum))
        }
        return r
    }

    /// The INSEE commune as a `dct:Location`. INSEE's current URIs are opaque (a UUID per commune version,
    /// found only through its API); the code-based pattern of INSEE's COG RDF is used because it can be built
    /// from the code alone, and the code is repeated as `dct:identifier` for harvesters that match codes.
    private mutating func location(commune code: String) -> IRI {
        let iri = IRI("http://id.insee.fr/geo/commune/" + code)
        var r = RDFResource(iri, types: [NS.dct("Location")])
        r.add(NS.dct("identifier"), .literal(RDFLiteral(code)))
        share(r)
        return iri
    }

    private func period(start: String?, end: String?) -> RDFResource? {
        let s = Lexical.date(start), e = Lexical.date(end)
        guard s != nil || e != nil else { return nil }
        var r = RDFResource(nil, types: [NS.dct("PeriodOfTime")])
        if let s { r.add(NS.dcat("startDate"), lexical: s.lexical, datatype: NS.xsd(s.datatype)) }
        if let e { r.add(NS.dcat("endDate"), lexical: e.lexical, datatype: NS.xsd(e.datatype)) }
        return r
    }

    /// `csv`, `json`, `geojson`… from the format name; `csv-2` for a second CSV; `file` when nothing is left.
    private func uniqueFragment(for format: String, taken: inout Set<String>) -> String {
        let letters = format.lowercased().unicodeScalars.filter { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") }
        var stem = String(String.UnicodeScalarView(letters.prefix(16)))
        if stem.isEmpty { stem = "file" }
        var candidate = stem
        var n = 2
        while taken.contains(candidate) {
            candidate = stem + "-" + String(n)
            n += 1
        }
        taken.insert(candidate)
        return candidate
    }
}
