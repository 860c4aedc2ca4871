import Foundation
import SocleCore

/// An opaque keyset position: "after this row", for deep pages without `OFFSET`.
///
/// It holds the last row's id and its value in the sort column, and a signature of the query it was
/// made for, so that a cursor reused with another filter or order is refused instead of skipping rows.
public struct QueryCursor: Sendable, Equatable {
    public var row: Int64
    /// The last row's value in the (single) sort column; nil when the query is in load order.
    public var sortValue: SQLBind?
    public var signature: String

    public init(row: Int64, sortValue: SQLBind?, signature: String) {
        self.row = row
        self.sortValue = sortValue
        self.signature = signature
    }

    private struct Wire: Codable {
        var r: Int64
        var t: String?
        var v: String?
        var s: String
    }

    /// URL-safe base64 of a small JSON document.
    public func encoded() -> String {
        var wire = Wire(r: row, t: nil, v: nil, s: signature)
        switch sortValue {
        case .integer(let i): wire.t = "i"; wire.v = String(i)
        case .real(let d): wire.t = "f"; wire.v = String(d)
        case .text(let s): wire.t = "s"; wire.v = s
        case .null: wire.t = "n"
        case nil: break
        }
        let data = (try? JSONEncoder().encode(wire)) ?? Data()
        return Base64URL.fromStandard(data.base64EncodedString())
    }

    /// Reads a cursor, refusing anything malformed with `query.invalid_cursor`.
    public static func decode(_ text: String) throws -> QueryCursor {
        let invalid = SocleError(code: "query.invalid_cursor")
        guard text.utf8.count <= 2_000 else { throw invalid }
        let b64 = Base64URL.toStandard(text)
        guard let data = Data(base64Encoded: b64), let wire = try? JSONDecoder().decode(Wire.self, from: data) else { throw invalid }
        let value: SQLBind?
        switch (wire.t, wire.v) {
        case (nil, nil): value = nil
        case ("n", nil): value = .null
        case ("i", let v?): guard let i = Int64(v) else { throw invalid }; value = .integer(i)
        case ("f", let v?): guard let d = Double(v), d.isFinite else { throw invalid }; value = .real(d)
        case ("s", let v?): value = .text(v)
        default: throw invalid
        }
        return QueryCursor(row: wire.r, sortValue: value, signature: wire.s)
    }

    /// A stable 64-bit FNV-1a digest of the parts of a request that decide row order and membership.
    static func signature(of request: RecordsRequest) -> String {
        let parts = [request.filter ?? "", request.orderBy ?? "", request.refine.joined(separator: "\u{1}"),
                     request.exclude.joined(separator: "\u{1}")].joined(separator: "\u{2}")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in parts.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }

    /// The condition "after this cursor" for rows ordered by `expression` (or load order), nulls last, ties by `_row`.
    func condition(expression: String?, descending: Bool, into b: inout SQLBuilder) -> String {
        guard let expression else { return "_row > \(b.bind(.integer(row)))" }
        guard let value = sortValue, value != .null else { return "(\(expression) IS NULL AND _row > \(b.bind(.integer(row))))" }
        let op = descending ? "<" : ">"
        return "(\(expression) \(op) \(b.bind(value)) OR (\(expression) = \(b.bind(value)) AND _row > \(b.bind(.integer(row)))) OR \(expression) IS NULL)"
    }
}
