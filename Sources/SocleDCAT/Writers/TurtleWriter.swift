/// Writes resources as Turtle: prefixed names for vocabulary terms, blank nodes nested as `[ … ]`.
enum TurtleWriter {
    static func write(_ resources: [RDFResource]) -> String {
        var out = ""
        for (prefix, ns) in NS.prefixes { out += "@prefix \(prefix): <\(ns)> .\n" }
        for r in resources {
            guard let iri = r.iri, !(r.types.isEmpty && r.statements.isEmpty) else { continue }
            out += "\n"
            term(iri, into: &out)
            body(r, indent: "    ", into: &out)
            out += " .\n"
        }
        return out
    }

    /// The predicate–object list, each predicate on its own line (nothing when the resource is empty).
    private static func body(_ r: RDFResource, indent: String, into out: inout String) {
        var first = true
        func line() {
            out += first ? "\n" : " ;\n"
            out += indent
            first = false
        }
        if !r.types.isEmpty {
            line()
            out += "a "
            for (i, t) in r.types.enumerated() {
                if i > 0 { out += ", " }
                term(t, into: &out)
            }
        }
        for (predicate, objects) in r.groupedStatements {
            line()
            term(predicate, into: &out)
            out += " "
            for (i, o) in objects.enumerated() {
                if i > 0 { out += ", " }
                object(o, indent: indent, into: &out)
            }
        }
    }

    private static func object(_ o: RDFObject, indent: String, into out: inout String) {
        switch o {
        case .iri(let iri):
            term(iri, into: &out)
        case .literal(let lit):
            out += "\""
            out += escape(lit.lexical)
            out += "\""
            if let dt = lit.datatype {
                out += "^^"
                term(dt, into: &out)
            } else if let lang = lit.language {
                out += "@"
                out += lang
            }
        case .blank(let r):
            if r.types.isEmpty && r.statements.isEmpty {
                out += "[]"
                return
            }
            out += "["
            body(r, indent: indent + "    ", into: &out)
            out += "\n"
            out += indent
            out += "]"
        }
    }

    private static func term(_ iri: IRI, into out: inout String) {
        if let q = iri.qname {
            out += q
        } else {
            out += "<"
            out += iri.value
            out += ">"
        }
    }

    /// Turtle string escapes (ECHAR), and `\uXXXX` for any other control character.
    static func escape(_ text: String) -> String {
        Text.escape(text) { b in
            switch b {
            case UInt8(ascii: "\""): return "\\\""
            case UInt8(ascii: "\\"): return "\\\\"
            case 0x0A: return "\\n"
            case 0x0D: return "\\r"
            case 0x09: return "\\t"
            case 0x08: return "\\b"
            case 0x0C: return "\\f"
            case 0..<0x20, 0x7F: return Text.uEscape(UInt32(b))
            default: return nil
            }
        }
    }
}
