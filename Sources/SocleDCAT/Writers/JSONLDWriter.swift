/// Writes resources as compacted JSON-LD: one `@context` of prefixes, a `@graph` of node objects, blank
/// nodes embedded, every value in its expanded form (`@id`, `@value` with `@language` or `@type`).
enum JSONLDWriter {
    static func write(_ resources: [RDFResource]) -> String {
        var out = "{\n  \"@context\": {"
        for (i, p) in NS.prefixes.enumerated() {
            out += i == 0 ? "\n    " : ",\n    "
            out += string(p.prefix) + ": " + string(p.namespace)
        }
        out += "\n  },\n  \"@graph\": ["
        var first = true
        for r in resources where r.iri != nil && !(r.types.isEmpty && r.statements.isEmpty) {
            out += first ? "\n    " : ",\n    "
            first = false
            node(r, indent: "    ", into: &out)
        }
        out += "\n  ]\n}\n"
        return out
    }

    private static func node(_ r: RDFResource, indent: String, into out: inout String) {
        let inner = indent + "  "
        var first = true
        func member(_ key: String) {
            out += first ? "{\n" : ",\n"
            out += inner
            out += string(key)
            out += ": "
            first = false
        }
        if let iri = r.iri {
            member("@id")
            out += string(iri.value)
        }
        if !r.types.isEmpty {
            member("@type")
            out += "["
            for (i, t) in r.types.enumerated() {
                if i > 0 { out += ", " }
                out += string(term(t))
            }
            out += "]"
        }
        for (predicate, objects) in r.groupedStatements {
            member(term(predicate))
            out += "["
            for (i, o) in objects.enumerated() {
                out += i == 0 ? "\n" : ",\n"
                out += inner
                out += "  "
                value(o, indent: inner + "  ", into: &out)
            }
            out += "\n"
            out += inner
            out += "]"
        }
        out += first ? "{}" : "\n" + indent + "}"
    }

    private static func value(_ o: RDFObject, indent: String, into out: inout String) {
        switch o {
        case .iri(let iri):
            out += "{\"@id\": "
            out += string(iri.value)
            out += "}"
        case .literal(let lit):
            out += "{\"@value\": "
            out += string(lit.lexical)
            if let dt = lit.datatype {
                out += ", \"@type\": "
                out += string(term(dt))
            } else if let lang = lit.language {
                out += ", \"@language\": "
                out += string(lang)
            }
            out += "}"
        case .blank(let b):
            node(b, indent: indent, into: &out)
        }
    }

    /// The compact IRI of a vocabulary term (its prefix is in `@context`), else the full IRI.
    private static func term(_ iri: IRI) -> String { iri.qname ?? iri.value }

    /// A JSON string literal; `<`, `>`, `&`, U+2028 and U+2029 are escaped too, so the document can be
    /// embedded in an HTML `<script>` block as it is.
    static func string(_ s: String) -> String {
        var body = Text.escape(s) { b in
            switch b {
            case UInt8(ascii: "\""): return "\\\""
            case UInt8(ascii: "\\"): return "\\\\"
            case 0x0A: return "\\n"
            case 0x0D: return "\\r"
            case 0x09: return "\\t"
            case 0..<0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"): return Text.uEscape(UInt32(b))
            default: return nil
            }
        }
        // U+2028/U+2029 are the only non-ASCII characters escaped; both start with the byte E2.
        if body.utf8.contains(0xE2) {
            var out = ""
            for c in body.unicodeScalars {
                if c == "\u{2028}" || c == "\u{2029}" { out += Text.uEscape(c.value) } else { out.unicodeScalars.append(c) }
            }
            body = out
        }
        return "\"" + body + "\""
    }
}
