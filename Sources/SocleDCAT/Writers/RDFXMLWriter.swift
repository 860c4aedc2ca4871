/// Writes resources as RDF/XML: typed node elements, nested blank nodes, every text XML-escaped.
enum RDFXMLWriter {
    static func write(_ resources: [RDFResource]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF"
        for (prefix, ns) in NS.prefixes { out += "\n    xmlns:\(prefix)=\"\(attribute(ns))\"" }
        out += ">\n"
        for r in resources {
            guard r.iri != nil, !(r.types.isEmpty && r.statements.isEmpty) else { continue }
            node(r, indent: "  ", into: &out)
        }
        out += "</rdf:RDF>\n"
        return out
    }

    /// A node element: the first type that has a prefixed name names the element, the others are `rdf:type`.
    private static func node(_ r: RDFResource, indent: String, into out: inout String) {
        let elementType = r.types.first { $0.qname != nil }
        let name = elementType?.qname ?? "rdf:Description"
        out += indent
        out += "<"
        out += name
        if let iri = r.iri {
            out += " rdf:about=\""
            out += attribute(iri.value)
            out += "\""
        }
        out += ">\n"
        let inner = indent + "  "
        for t in r.types where t != elementType {
            out += inner
            out += "<rdf:type rdf:resource=\""
            out += attribute(t.value)
            out += "\"/>\n"
        }
        for s in r.statements {
            guard let (open, close) = propertyTags(s.predicate) else { continue }
            out += inner
            out += "<"
            out += open
            switch s.object {
            case .iri(let iri):
                out += " rdf:resource=\""
                out += attribute(iri.value)
                out += "\"/>\n"
            case .literal(let lit):
                if let dt = lit.datatype {
                    out += " rdf:datatype=\""
                    out += attribute(dt.value)
                    out += "\""
                } else if let lang = lit.language {
                    out += " xml:lang=\""
                    out += attribute(lang)
                    out += "\""
                }
                out += ">"
                out += text(lit.lexical)
                out += "</"
                out += close
                out += ">\n"
            case .blank(let b):
                out += ">\n"
                node(b, indent: inner + "  ", into: &out)
                out += inner
                out += "</"
                out += close
                out += ">\n"
            }
        }
        out += indent
        out += "</"
        out += name
        out += ">\n"
    }

    /// Opening and closing tag names of a property element. A predicate outside the declared vocabularies
    /// gets its namespace declared on the element itself; one with no XML-name local part cannot be written.
    private static func propertyTags(_ predicate: IRI) -> (open: String, close: String)? {
        if let q = predicate.qname { return (q, q) }
        let v = predicate.value
        guard let cut = v.lastIndex(where: { $0 == "#" || $0 == "/" }) else { return nil }
        let ns = String(v[...cut]), local = String(v[v.index(after: cut)...])
        guard let first = local.utf8.first, isNameStart(first),
              local.utf8.allSatisfy({ isNameStart($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2E })
        else { return nil }
        return ("ns0:" + local + " xmlns:ns0=\"" + attribute(ns) + "\"", "ns0:" + local)
    }

    private static func isNameStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
    }

    /// Element content: `&`, `<`, `>` escaped, and CR kept as a character reference (parsers turn a raw CR into LF).
    static func text(_ s: String) -> String {
        Text.escape(s) { b in
            switch b {
            case UInt8(ascii: "&"): return "&amp;"
            case UInt8(ascii: "<"): return "&lt;"
            case UInt8(ascii: ">"): return "&gt;"
            case 0x0D: return "&#13;"
            default: return nil
            }
        }
    }

    /// Attribute values: also quotes, and whitespace other than spaces as character references.
    static func attribute(_ s: String) -> String {
        Text.escape(s) { b in
            switch b {
            case UInt8(ascii: "&"): return "&amp;"
            case UInt8(ascii: "<"): return "&lt;"
            case UInt8(ascii: ">"): return "&gt;"
            case UInt8(ascii: "\""): return "&quot;"
            case 0x09: return "&#9;"
            case 0x0A: return "&#10;"
            case 0x0D: return "&#13;"
            default: return nil
            }
        }
    }
}
