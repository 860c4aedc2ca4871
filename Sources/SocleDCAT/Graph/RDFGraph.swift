/// A literal whose text holds only characters XML 1.0 can carry, so the three syntaxes say the same thing.
struct RDFLiteral: Hashable, Sendable {
    let lexical: String
    let language: String?
    let datatype: IRI?

    init(_ text: String, language: String? = nil, datatype: IRI? = nil) {
        lexical = RDFLiteral.xmlSafe(text)
        self.language = datatype == nil ? language : nil
        self.datatype = datatype
    }

    /// Replaces what XML 1.0 cannot represent at all (C0 controls other than tab/LF/CR, U+FFFE, U+FFFF)
    /// with U+FFFD: RDF/XML could not carry them and the feed must be the same graph in every syntax.
    static func xmlSafe(_ text: String) -> String {
        let bad = text.unicodeScalars.contains { isXMLInvalid($0) }
        guard bad else { return text }
        var scalars = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            scalars.append(isXMLInvalid(s) ? "\u{FFFD}" : s)
        }
        return String(scalars)
    }

    private static func isXMLInvalid(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x20 { return v != 0x09 && v != 0x0A && v != 0x0D }
        return v == 0xFFFE || v == 0xFFFF
    }
}

/// The object of a statement: another resource by IRI, a literal, or a blank node described in place.
indirect enum RDFObject: Hashable, Sendable {
    case iri(IRI)
    case literal(RDFLiteral)
    case blank(RDFResource)
}

/// One predicate–object pair of a resource.
struct RDFStatement: Hashable, Sendable {
    let predicate: IRI
    let object: RDFObject
}

/// A subject with its types and statements; `iri == nil` means a blank node (always written nested).
struct RDFResource: Hashable, Sendable {
    let iri: IRI?
    var types: [IRI]
    var statements: [RDFStatement] = []

    init(_ iri: IRI?, types: [IRI]) {
        self.iri = iri
        self.types = types
    }

    mutating func add(_ predicate: IRI, _ object: RDFObject) {
        statements.append(RDFStatement(predicate: predicate, object: object))
    }

    mutating func add(_ predicate: IRI, iri: IRI?) {
        if let iri { add(predicate, .iri(iri)) }
    }

    mutating func add(_ predicate: IRI, text: String, language: String?) {
        add(predicate, .literal(RDFLiteral(text, language: language)))
    }

    mutating func add(_ predicate: IRI, lexical: String, datatype: IRI) {
        add(predicate, .literal(RDFLiteral(lexical, datatype: datatype)))
    }

    /// The statements grouped by predicate, in first-appearance order (for `;`/`,` in Turtle and arrays in JSON-LD).
    var groupedStatements: [(predicate: IRI, objects: [RDFObject])] {
        var order: [IRI] = []
        var byPredicate: [IRI: [RDFObject]] = [:]
        for s in statements {
            if byPredicate[s.predicate] == nil { order.append(s.predicate) }
            byPredicate[s.predicate, default: []].append(s.object)
        }
        return order.map { ($0, byPredicate[$0] ?? []) }
    }
}
