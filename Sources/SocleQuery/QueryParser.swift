import Foundation
import SocleCore

/// Recursive-descent parser of the ODSQL-compatible where-language and of select/group_by/order_by lists.
///
/// Nesting is bounded by `QueryLimits.maxDepth`, lists by `QueryLimits.maxListItems`.
public struct QueryParser {
    private let tokens: [QueryToken]
    private var index = 0
    private var depth = 0

    static let whereFunctions = ["search", "startswith", "within_distance", "in_bbox", "year", "month", "day", "hour"]

    private init(_ text: String) throws {
        tokens = try QueryLexer(text).tokens()
    }

    /// Parses a whole `where` expression.
    public static func parseWhere(_ text: String) throws -> QueryExpression {
        var p = try QueryParser(text)
        let e = try p.orExpression()
        try p.expectEnd()
        return e
    }

    /// Parses a comma-separated `select` or `group_by` list (`as` aliases allowed).
    public static func parseSelect(_ text: String) throws -> [SelectItem] {
        var p = try QueryParser(text)
        var items: [SelectItem] = []
        repeat {
            guard items.count < QueryLimits.maxListItems else { throw p.tooMany() }
            var item = try p.selectTerm()
            if p.current.isKeyword("as") {
                p.index += 1
                item.alias = try p.identifier()
            }
            items.append(item)
        } while p.accept(.comma)
        try p.expectEnd()
        return items
    }

    /// Parses an `order_by` list: terms followed by optional `asc`/`desc`.
    public static func parseOrder(_ text: String) throws -> [SelectItem] {
        var p = try QueryParser(text)
        var items: [SelectItem] = []
        repeat {
            guard items.count < QueryLimits.maxListItems else { throw p.tooMany() }
            var item = try p.selectTerm()
            if p.current.isKeyword("desc") { item.descending = true; p.index += 1 } else if p.current.isKeyword("asc") { p.index += 1 }
            items.append(item)
        } while p.accept(.comma)
        try p.expectEnd()
        return items
    }

    // MARK: - where

    private var current: QueryToken { tokens[index] }

    private mutating func orExpression() throws -> QueryExpression {
        var terms = [try andExpression()]
        while current.isKeyword("or") {
            index += 1
            terms.append(try andExpression())
        }
        return terms.count == 1 ? terms[0] : .or(terms)
    }

    private mutating func andExpression() throws -> QueryExpression {
        var terms = [try unary()]
        while current.isKeyword("and") {
            index += 1
            terms.append(try unary())
        }
        return terms.count == 1 ? terms[0] : .and(terms)
    }

    private mutating func unary() throws -> QueryExpression {
        depth += 1
        defer { depth -= 1 }
        guard depth <= QueryLimits.maxDepth else {
            throw SocleError(code: "query.too_deep", args: ["position": String(current.position), "max": String(QueryLimits.maxDepth)])
        }
        if current.isKeyword("not") {
            index += 1
            return .not(try unary())
        }
        return try primary()
    }

    private mutating func primary() throws -> QueryExpression {
        let token = current
        switch token.kind {
        case .leftParen:
            index += 1
            let e = try orExpression()
            try expect(.rightParen, ")")
            return e
        case .string(let text):
            index += 1
            return .search(nil, text, position: token.position)
        case .identifier(let name, let quoted):
            if !quoted, tokens[index + 1].kind == .leftParen { return try whereFunction(name, at: token.position) }
            index += 1
            return try predicate(FieldRef(name: name, position: token.position))
        default:
            throw expected("query.expected_condition")
        }
    }

    private mutating func predicate(_ field: FieldRef) throws -> QueryExpression {
        let token = current
        if case .symbol(let s) = token.kind, let op = ComparisonOperator(rawValue: s == "<>" ? "!=" : s) {
            index += 1
            return .compare(field, op, try literal(), position: token.position)
        }
        var negated = false
        if token.isKeyword("not") { negated = true; index += 1 }
        if current.isKeyword("in") {
            index += 1
            try expect(.leftParen, "(")
            var values: [QueryLiteral] = []
            repeat {
                guard values.count < QueryLimits.maxListItems else { throw tooMany() }
                values.append(try literal())
            } while accept(.comma)
            try expect(.rightParen, ")")
            return .inList(field, values, negated: negated, position: token.position)
        }
        if current.isKeyword("like") {
            index += 1
            return .like(field, try stringLiteral(), negated: negated, position: token.position)
        }
        if !negated, current.isKeyword("is") {
            index += 1
            let not = current.isKeyword("not")
            if not { index += 1 }
            guard current.isKeyword("null") else { throw expectedToken("null") }
            index += 1
            return .isNull(field, negated: not)
        }
        throw expected("query.expected_operator")
    }

    private mutating func whereFunction(_ name: String, at position: Int) throws -> QueryExpression {
        let lower = name.lowercased()
        guard Self.whereFunctions.contains(lower) else {
            throw SocleError(code: "query.unknown_function", args: [
                "name": name, "position": String(position), "functions": Self.whereFunctions.joined(separator: ", ")])
        }
        index += 2
        let field = try fieldRef()
        if let part = SelectFunction(rawValue: lower) {
            try expect(.rightParen, ")")
            let opToken = current
            guard case .symbol(let s) = opToken.kind, let op = ComparisonOperator(rawValue: s == "<>" ? "!=" : s) else {
                throw expected("query.expected_operator")
            }
            index += 1
            return .comparePart(part, field, op, try literal(), position: opToken.position)
        }
        try expect(.comma, ",")
        let result: QueryExpression
        switch lower {
        case "search":
            result = .search(field, try stringLiteral(), position: position)
        case "startswith":
            result = .startsWith(field, try stringLiteral())
        case "within_distance":
            let geomToken = current
            guard case .typed("geom", let wkt) = geomToken.kind else { throw expectedToken("geom'POINT(lon lat)'") }
            index += 1
            guard let (lon, lat) = Self.parsePoint(wkt) else {
                throw SocleError(code: "query.invalid_geometry", args: ["value": wkt, "position": String(geomToken.position)])
            }
            try expect(.comma, ",")
            result = .withinDistance(field, lon: lon, lat: lat, meters: try distance())
        default:
            var numbers: [Double] = []
            for i in 0..<4 {
                if i > 0 { try expect(.comma, ",") }
                numbers.append(try number())
            }
            result = .inBBox(field, lat1: numbers[0], lon1: numbers[1], lat2: numbers[2], lon2: numbers[3])
        }
        try expect(.rightParen, ")")
        return result
    }

    // MARK: - select terms

    private mutating func selectTerm() throws -> SelectItem {
        let token = current
        guard case .identifier(let name, let quoted) = token.kind else { throw expected("query.expected_column") }
        if !quoted, tokens[index + 1].kind == .leftParen {
            guard let fn = SelectFunction(rawValue: name.lowercased()) else {
                throw SocleError(code: "query.unknown_function", args: [
                    "name": name, "position": String(token.position),
                    "functions": SelectFunction.allCases.map(\.rawValue).joined(separator: ", ")])
            }
            index += 2
            var field: FieldRef?
            if fn == .count, current.kind == .star { index += 1 } else { field = try fieldRef() }
            try expect(.rightParen, ")")
            return SelectItem(value: .function(fn, field, position: token.position), position: token.position)
        }
        index += 1
        return SelectItem(value: .field(FieldRef(name: name, position: token.position)), position: token.position)
    }

    // MARK: - small pieces

    private mutating func fieldRef() throws -> FieldRef {
        let position = current.position
        return FieldRef(name: try identifier(), position: position)
    }

    private mutating func identifier() throws -> String {
        guard case .identifier(let name, _) = current.kind else { throw expected("query.expected_column") }
        index += 1
        return name
    }

    private mutating func literal() throws -> QueryLiteral {
        let token = current
        switch token.kind {
        case .string(let s): index += 1; return .string(s)
        case .number, .symbol("-"):
            let negative = accept(.symbol("-"))
            guard case .number(let text) = current.kind else { throw expected("query.expected_value") }
            index += 1
            if !text.contains("."), !text.contains("e"), let v = Int64(text) { return .integer(negative ? -v : v) }
            guard let v = Double(text), v.isFinite else {
                throw SocleError(code: "query.invalid_number", args: ["value": text, "position": String(token.position)])
            }
            return .real(negative ? -v : v)
        case .typed("date", let value):
            guard Self.isISODate(value) else {
                throw SocleError(code: "query.invalid_date", args: ["value": value, "position": String(token.position)])
            }
            index += 1
            return .date(value)
        case .identifier(let w, false) where ["true", "false", "null"].contains(w.lowercased()):
            index += 1
            switch w.lowercased() {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            default: return .null
            }
        default:
            throw expected("query.expected_value")
        }
    }

    private mutating func stringLiteral() throws -> String {
        guard case .string(let s) = current.kind else { throw expected("query.expected_string") }
        index += 1
        return s
    }

    private mutating func number() throws -> Double {
        let position = current.position
        switch try literal() {
        case .integer(let v): return Double(v)
        case .real(let v): return v
        default: throw SocleError(code: "query.expected_number", args: ["position": String(position), "found": tokens[index - 1].text])
        }
    }

    /// A distance such as `1km`, `500m` or `500` (metres).
    private mutating func distance() throws -> Double {
        let position = current.position
        let value = try number()
        var meters = value
        if case .identifier(let unit, false) = current.kind {
            switch unit.lowercased() {
            case "m": break
            case "km": meters = value * 1000
            default: throw SocleError(code: "query.invalid_distance", args: ["value": unit, "position": String(current.position)])
            }
            index += 1
        }
        guard meters >= 0, meters <= 20_100_000 else {
            throw SocleError(code: "query.invalid_distance", args: ["value": String(value), "position": String(position)])
        }
        return meters
    }

    private mutating func accept(_ kind: QueryToken.Kind) -> Bool {
        guard current.kind == kind else { return false }
        index += 1
        return true
    }

    private mutating func expect(_ kind: QueryToken.Kind, _ text: String) throws {
        guard accept(kind) else { throw expectedToken(text) }
    }

    private func expectEnd() throws {
        guard current.kind == .end else { throw expected("query.expected_end") }
    }

    private func expected(_ code: String) -> SocleError {
        SocleError(code: code, args: ["position": String(current.position), "found": current.text])
    }

    private func expectedToken(_ token: String) -> SocleError {
        SocleError(code: "query.expected_token", args: ["position": String(current.position), "token": token, "found": current.text])
    }

    private func tooMany() -> SocleError {
        SocleError(code: "query.too_many_values", args: ["position": String(current.position), "max": String(QueryLimits.maxListItems)])
    }

    /// `POINT(lon lat)`, case-insensitive, within the valid coordinate ranges.
    static func parsePoint(_ wkt: String) -> (Double, Double)? {
        let t = wkt.trimmingCharacters(in: .whitespaces)
        guard t.uppercased().hasPrefix("POINT"), let open = t.firstIndex(of: "("), t.hasSuffix(")") else { return nil }
        let inner = t[t.index(after: open)..<t.index(before: t.endIndex)]
        let parts = inner.split(whereSeparator: { $0 == " " }).compactMap { Double($0) }
        guard parts.count == 2, abs(parts[0]) <= 180, abs(parts[1]) <= 90 else { return nil }
        return (parts[0], parts[1])
    }

    /// `YYYY-MM-DD`, optionally followed by a time (`T` or space), with a plausible month and day.
    static func isISODate(_ s: String) -> Bool {
        let c = Array(s.utf8)
        guard c.count >= 10, c[4] == UInt8(ascii: "-"), c[7] == UInt8(ascii: "-") else { return false }
        let digits = c[0..<4] + c[5..<7] + c[8..<10]
        guard digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        guard let m = Int(String(decoding: c[5..<7], as: UTF8.self)), let d = Int(String(decoding: c[8..<10], as: UTF8.self)),
              (1...12).contains(m), (1...31).contains(d) else { return false }
        if c.count == 10 { return true }
        return (c[10] == UInt8(ascii: "T") || c[10] == UInt8(ascii: " ")) && c.count <= 35
    }
}
