import Foundation
import Hummingbird
import SocleCore

/// The query string of an Opendatasoft Explore v2.1 request, read with Opendatasoft's rules:
/// `limit` from -1 (all groups, with `group_by` only) to 100, 10 by default; `offset + limit` at
/// most 10 000; `lang` picks the language of messages; `timezone` must be a known zone.
struct ODSParameters: Sendable {
    static let maxLimit = 100
    static let defaultLimit = 10
    static let window = 10_000

    let params: QueryParameters
    let language: Language

    /// The language a request asks for with `lang`, else the reader's; usable before decoding fails.
    static func language(_ request: Request, _ context: SocleRequestContext) -> Language {
        let raw = request.uri.query ?? ""
        for part in raw.split(separator: "&") where part.hasPrefix("lang=") {
            let value = part.dropFirst(5).lowercased()
            if value.hasPrefix("en") { return .english }
            if value.hasPrefix("fr") { return .french }
        }
        return context.language
    }

    init(_ request: Request, _ context: SocleRequestContext) throws {
        language = Self.language(request, context)
        params = try QueryParameters(request)
        if let zone = params.nonEmpty("timezone"), TimeZone(identifier: zone) == nil {
            throw SocleError(.invalidInput, code: "ods.invalid_timezone", args: ["value": String(zone.prefix(60))])
        }
    }

    /// `limit` checked against Opendatasoft's bounds; nil means every group (`-1`).
    func limit(grouped: Bool) throws -> Int? {
        guard let text = params.nonEmpty("limit") else { return Self.defaultLimit }
        guard let n = Int(text.trimmingCharacters(in: .whitespaces)), (-1 ... Self.maxLimit).contains(n) else {
            throw SocleError(.invalidInput, code: "ods.invalid_limit",
                             args: ["value": String(text.prefix(40)), "max": String(Self.maxLimit)])
        }
        if n == -1 {
            guard grouped else { throw SocleError(.invalidInput, code: "ods.limit_all_needs_group_by") }
            return nil
        }
        return n
    }

    func offset() throws -> Int {
        guard let text = params.nonEmpty("offset") else { return 0 }
        guard let n = Int(text.trimmingCharacters(in: .whitespaces)), n >= 0 else {
            throw SocleError(.invalidInput, code: "ods.invalid_offset", args: ["value": String(text.prefix(40))])
        }
        return n
    }

    /// The records request of `/records`: ODSQL parameters passed to the compiler unchanged.
    func recordsRequest() throws -> RecordsRequest {
        let groupBy = params.nonEmpty("group_by")
        let limit = try limit(grouped: groupBy != nil)
        let offset = try offset()
        // Opendatasoft refuses to page past 10 000 rows; exports have no such window.
        let (sum, overflow) = offset.addingReportingOverflow(limit ?? 0)
        if overflow || sum > Self.window {
            throw SocleError(.invalidInput, code: "ods.window",
                             args: ["offset": String(offset), "limit": String(limit ?? -1), "max": String(Self.window)])
        }
        return RecordsRequest(select: params.nonEmpty("select"), filter: params.nonEmpty("where"), groupBy: groupBy,
                              orderBy: params.nonEmpty("order_by"), limit: limit ?? QueryLimits.maxLimit, offset: offset,
                              refine: params.all("refine").filter { !$0.isEmpty },
                              exclude: params.all("exclude").filter { !$0.isEmpty })
    }

    /// The parameters an export passes on to `ExportResponder`: Opendatasoft's `limit` (-1 for all)
    /// and `offset` do not apply to the streamed export, and `delimiter=;` asks for the French Excel CSV.
    func exportParameters() -> QueryParameters {
        var p = params
        p.pairs = params.pairs.filter { !["limit", "offset", "dialect", "excel_fr"].contains($0.0) }
        if params["delimiter"] == ";" { p.pairs.append(("dialect", "excel-fr")) }
        return p
    }
}
