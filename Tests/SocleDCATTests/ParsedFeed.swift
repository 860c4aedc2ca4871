import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import SocleDCAT

/// The JSON-LD document read back with JSONSerialization: node objects of `@graph` by `@id`.
struct ParsedJSONLD {
    let context: [String: Any]
    let nodes: [[String: Any]]

    init(_ text: String) throws {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        guard let root = object as? [String: Any], let context = root["@context"] as? [String: Any],
              let graph = root["@graph"] as? [[String: Any]]
        else { throw ParseFailure(reason: "no @context/@graph") }
        self.context = context
        nodes = graph
    }

    func node(_ id: String) -> [String: Any]? { nodes.first { $0["@id"] as? String == id } }

    /// `@value`s of a property of a node.
    func values(_ id: String, _ property: String) -> [String] {
        (node(id)?[property] as? [[String: Any]] ?? []).compactMap { $0["@value"] as? String }
    }

    /// `@id`s a property of a node points at.
    func links(_ id: String, _ property: String) -> [String] {
        (node(id)?[property] as? [[String: Any]] ?? []).compactMap { $0["@id"] as? String }
    }

    func types(_ id: String) -> [String] { node(id)?["@type"] as? [String] ?? [] }
}

struct ParseFailure: Error { let reason: String }

/// The RDF/XML document read back with Foundation's XMLParser: every element with its namespace,
/// attributes and text.
final class ParsedRDFXML: NSObject, XMLParserDelegate {
    struct Element {
        let namespace: String
        let name: String
        let attributes: [String: String]
        var text: String
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []
    private(set) var error: Error?

    init(_ text: String) throws {
        super.init()
        let parser = XMLParser(data: Data(text.utf8))
        parser.shouldProcessNamespaces = true
        parser.delegate = self
        let ok = parser.parse()
        if !ok { throw parser.parserError ?? ParseFailure(reason: "XMLParser failed") }
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        open.append(elements.count)
        elements.append(Element(namespace: namespaceURI ?? "", name: elementName, attributes: attributeDict, text: ""))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let i = open.last { elements[i].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        _ = open.popLast()
    }

    /// Texts of the elements `namespace` + `name`.
    func texts(_ namespace: String, _ name: String) -> [String] {
        elements.filter { $0.namespace == namespace && $0.name == name }.map(\.text)
    }

    /// Values of an attribute on the elements `namespace` + `name` (attribute keys as the parser reports them).
    func attribute(_ key: String, of namespace: String, _ name: String) -> [String] {
        elements.filter { $0.namespace == namespace && $0.name == name }.compactMap {
            $0.attributes[key] ?? $0.attributes.first { $0.key.hasSuffix(":" + key) || $0.key == key }?.value
        }
    }
}
