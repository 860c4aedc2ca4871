import Foundation
import Hummingbird
import SocleCore

/// The query string of a read request, decoded strictly: a value that is not valid UTF-8 after
/// percent-decoding is a 400 naming the parameter, never replacement characters passed on.
struct QueryParameters: Sendable {
    var pairs: [(String, String)]

    init(_ request: Request) throws {
        try self.init(raw: request.uri.query ?? "")
    }

    init(raw: String) throws {
        guard raw.utf8.count <= 64 * 1024 else { throw SocleError(.invalidInput, code: "params.too_long", args: ["max": "65536"]) }
        pairs = []
        for part in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let rawName = Self.plusAsSpace(kv[0])
            let rawValue = kv.count > 1 ? Self.plusAsSpace(kv[1]) : ""
            guard let name = rawName.removingPercentEncoding else {
                throw SocleError(.invalidInput, code: "params.bad_encoding", args: ["name": String(rawName.prefix(40))])
            }
            guard let value = rawValue.removingPercentEncoding, !value.contains("\0") else {
                throw SocleError(.invalidInput, code: "params.bad_encoding", args: ["name": String(name.prefix(40))])
            }
            pairs.append((name, value))
        }
    }

    /// `+` means a space in a query string (Foundation's `replacingOccurrences` costs more than the rest
    /// of the parsing, so it is done on bytes, and only when there is a `+`).
    static func plusAsSpace(_ part: Substring) -> String {
        guard part.utf8.contains(UInt8(ascii: "+")) else { return String(part) }
        return String(decoding: part.utf8.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }

    subscript(_ name: String) -> String? { pairs.last { $0.0 == name }?.1 }

    /// A parameter that may appear once; a repeated one is refused (which value was meant?).
    func single(_ name: String) throws -> String? {
        let values = all(name)
        guard values.count <= 1 else {
            throw SocleError(.invalidInput, code: "params.repeated", args: ["name": String(name.prefix(40))])
        }
        return values.first.flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 }
    }
    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }
    func nonEmpty(_ name: String) -> String? { self[name].flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 } }

    /// An integer parameter within a range (400 naming it otherwise).
    func integer(_ name: String, default value: Int?, range: ClosedRange<Int>) throws -> Int? {
        // Present but empty is refused too: the document says integer, and a blank was probably a mistake.
        guard try single(name) != nil || !all(name).isEmpty, let text = all(name).first else { return value }
        guard let n = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(n) else {
            throw SocleError(.invalidInput, code: "server.bad_parameter",
                             args: ["name": name, "value": String(text.prefix(40)),
                                    "range": "\(range.lowerBound)…\(range.upperBound == Int.max ? "∞" : String(range.upperBound))"])
        }
        return n
    }

    /// The ODSQL parameters shared by the native and Opendatasoft records, facets and exports.
    func recordsRequest(limitRange: ClosedRange<Int> = 0...Int.max) throws -> RecordsRequest {
        RecordsRequest(select: try single("select"), filter: try single("where") ?? single("q"), groupBy: try single("group_by"),
                       orderBy: try single("order_by"),
                       limit: try integer("limit", default: nil, range: limitRange),
                       offset: try integer("offset", default: nil, range: 0...Int.max),
                       refine: all("refine").filter { !$0.isEmpty }, exclude: all("exclude").filter { !$0.isEmpty },
                       cursor: try single("cursor"))
    }
}
