import Foundation
import Hummingbird
import SocleCore

/// The parameters of a CKAN action, from the query string (GET) or a JSON or URL-encoded body (POST),
/// as ckanapi and harvesters send them. Query-string values are text: a value that CKAN expects as
/// JSON (`filters`, `fields`, `facet.field`) is parsed when it is JSON text.
struct CKANParameters: Sendable {
    var values: [String: CompatJSON]

    init(values: [String: CompatJSON]) { self.values = values }

    static func read(_ request: Request) async throws -> CKANParameters {
        var values: [String: CompatJSON] = [:]
        for (k, v) in try QueryParameters(request).pairs { values[k] = .string(v) }
        guard request.method == .post else { return CKANParameters(values: values) }
        let buffer = try await request.body.collect(upTo: 1 << 20)
        let bytes = Array(buffer.readableBytesView)
        guard bytes.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
            return CKANParameters(values: values)
        }
        let contentType = (request.headers[.contentType] ?? "").lowercased()
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw SocleError(.invalidInput, code: "params.bad_encoding", args: ["name": "body"])
            }
            for (k, v) in try QueryParameters(raw: text).pairs { values[k] = .string(v) }
            return CKANParameters(values: values)
        }
        // CKAN reads any other body as JSON (ckanapi sends application/json).
        guard let body = try? JSONDecoder().decode(CompatJSON.self, from: Data(bytes)), case .object(let pairs) = body else {
            throw SocleError(.invalidInput, code: "ckan.bad_body")
        }
        for (k, v) in pairs { values[k] = v }
        return CKANParameters(values: values)
    }

    /// A scalar parameter as text; empty text counts as absent.
    func string(_ name: String) -> String? {
        guard let v = values[name], let s = v.scalarText, !s.allSatisfy(\.isWhitespace) else { return nil }
        return s
    }

    func require(_ name: String) throws -> String {
        guard let s = string(name) else { throw SocleError(.invalidInput, code: "ckan.missing", args: ["name": name]) }
        return s
    }

    /// A whole number ≥ 0; CKAN's `limit_to_configured_maximum` lowers values above `max` silently.
    func natural(_ name: String, default value: Int, max: Int? = nil) throws -> Int {
        guard let v = values[name], v != .null else { return value }
        let text = v.scalarText?.trimmingCharacters(in: .whitespaces) ?? ""
        if text.isEmpty { return value }
        let n: Int
        if let i = Int(text) {
            n = i
        } else if case .double(let d) = v, d.isFinite, d == d.rounded(), abs(d) < 1e15 {
            n = Int(d)
        } else {
            throw SocleError(.invalidInput, code: "ckan.not_integer", args: ["name": name, "value": String(text.prefix(40))])
        }
        guard n >= 0 else { throw SocleError(.invalidInput, code: "ckan.negative", args: ["name": name, "value": String(n)]) }
        return max.map { Swift.min(n, $0) } ?? n
    }

    func bool(_ name: String, default value: Bool) throws -> Bool {
        guard let v = values[name], v != .null else { return value }
        if case .bool(let b) = v { return b }
        guard let text = v.scalarText?.trimmingCharacters(in: .whitespaces).lowercased() else {
            throw SocleError(.invalidInput, code: "ckan.not_boolean", args: ["name": name, "value": "…"])
        }
        switch text {
        case "": return value
        case "true", "1", "yes", "on", "t", "y": return true
        case "false", "0", "no", "off", "f", "n": return false
        default: throw SocleError(.invalidInput, code: "ckan.not_boolean", args: ["name": name, "value": String(text.prefix(40))])
        }
    }

    /// A value CKAN reads as JSON: a string holding JSON text is parsed (a plain string stays text).
    func json(_ name: String) -> CompatJSON? {
        guard let v = values[name], v != .null else { return nil }
        if case .string(let s) = v {
            let t = s.trimmingCharacters(in: .whitespaces)
            if let first = t.first, first == "{" || first == "[", let parsed = CompatJSON.parse(t) { return parsed }
            return t.isEmpty ? nil : .string(t)
        }
        return v
    }

    /// A list of names: a JSON list, or text separated by commas.
    func list(_ name: String) throws -> [String]? {
        guard let v = json(name) else { return nil }
        switch v {
        case .array(let items):
            return try items.map { item in
                guard let s = item.scalarText else { throw SocleError(.invalidInput, code: "ckan.bad_list", args: ["name": name]) }
                return s.trimmingCharacters(in: .whitespaces)
            }
        case .string(let s):
            return s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        default:
            throw SocleError(.invalidInput, code: "ckan.bad_list", args: ["name": name])
        }
    }
}
