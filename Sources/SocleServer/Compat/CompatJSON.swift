import Foundation
import Hummingbird
import SocleCore

/// A JSON value with ordered object keys, for the compatibility APIs: their answers are small
/// documents whose key order imitates the originals (CKAN and Opendatasoft clients print them as is).
/// Also decodes request bodies, keeping booleans and numbers apart.
indirect enum CompatJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([CompatJSON])
    case object([(String, CompatJSON)])
    /// A cell as the native API writes it.
    case cell(CellValue)
    /// Bytes already checked to be one JSON value (a stored GeoJSON geometry).
    case raw([UInt8])

    static func == (a: CompatJSON, b: CompatJSON) -> Bool {
        a.bytes == b.bytes
    }

    /// A string, or null when absent.
    static func text(_ s: String?) -> CompatJSON { s.map { .string($0) } ?? .null }

    /// The value of a key of an object (nil for other values or a missing key).
    subscript(_ key: String) -> CompatJSON? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.last { $0.0 == key }?.1
    }

    var bytes: [UInt8] {
        var out = JSONBuffer(capacity: 1024)
        write(into: &out)
        return out.bytes
    }

    func write(into out: inout JSONBuffer) {
        switch self {
        case .null: out.raw("null")
        case .bool(let b): if b { out.raw("true") } else { out.raw("false") }
        case .int(let i): out.integer(i)
        case .double(let d): out.cell(.number(d))
        case .string(let s): out.string(s)
        case .cell(let c): out.cell(c)
        case .raw(let b): out.bytes.append(contentsOf: b)
        case .array(let items):
            out.raw("[")
            for (i, item) in items.enumerated() {
                if i > 0 { out.raw(",") }
                item.write(into: &out)
            }
            out.raw("]")
        case .object(let pairs):
            out.raw("{")
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out.raw(",") }
                out.key(key)
                value.write(into: &out)
            }
            out.raw("}")
        }
    }

    /// A JSON response with this value as body.
    func response(status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The text of a scalar as a query-string parameter would carry it (nil for arrays, objects, null).
    var scalarText: String? {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)) : nil
        case .bool(let b): return b ? "true" : "false"
        case .cell(let c): return c.text
        default: return nil
        }
    }
}

extension CompatJSON: Decodable {
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int64.self) {
            self = .int(i)
        } else if let d = try? c.decode(Double.self) {
            self = .double(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([CompatJSON].self) {
            self = .array(a)
        } else {
            let o = try c.decode([String: CompatJSON].self)
            self = .object(o.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
    }

    /// Parses a JSON text, or nil when it is not JSON.
    static func parse(_ text: String) -> CompatJSON? {
        try? JSONDecoder().decode(CompatJSON.self, from: Data(text.utf8))
    }
}

