/// The vocabularies the feed uses, with the prefixes every writer declares.
enum NS {
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let xsd = "http://www.w3.org/2001/XMLSchema#"
    static let dcat = "http://www.w3.org/ns/dcat#"
    static let dct = "http://purl.org/dc/terms/"
    static let foaf = "http://xmlns.com/foaf/0.1/"
    static let vcard = "http://www.w3.org/2006/vcard/ns#"
    static let skos = "http://www.w3.org/2004/02/skos/core#"
    static let spdx = "http://spdx.org/rdf/terms#"
    static let hydra = "http://www.w3.org/ns/hydra/core#"

    /// Prefix → namespace, in the order the writers declare them.
    static let prefixes: [(prefix: String, namespace: String)] = [
        ("rdf", rdf), ("xsd", xsd), ("dcat", dcat), ("dct", dct), ("foaf", foaf),
        ("vcard", vcard), ("skos", skos), ("spdx", spdx), ("hydra", hydra),
    ]

    static func rdf(_ local: String) -> IRI { IRI(term: local, prefix: "rdf", namespace: rdf) }
    static func xsd(_ local: String) -> IRI { IRI(term: local, prefix: "xsd", namespace: xsd) }
    static func dcat(_ local: String) -> IRI { IRI(term: local, prefix: "dcat", namespace: dcat) }
    static func dct(_ local: String) -> IRI { IRI(term: local, prefix: "dct", namespace: dct) }
    static func foaf(_ local: String) -> IRI { IRI(term: local, prefix: "foaf", namespace: foaf) }
    static func vcard(_ local: String) -> IRI { IRI(term: local, prefix: "vcard", namespace: vcard) }
    static func skos(_ local: String) -> IRI { IRI(term: local, prefix: "skos", namespace: skos) }
    static func spdx(_ local: String) -> IRI { IRI(term: local, prefix: "spdx", namespace: spdx) }
    static func hydra(_ local: String) -> IRI { IRI(term: local, prefix: "hydra", namespace: hydra) }
}
