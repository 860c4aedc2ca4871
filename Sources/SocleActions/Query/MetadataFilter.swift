import Foundation
import SocleCore
import SocleQuery

/// A value of one item's named field, for `MetadataFilter`.
public enum MetadataValue: Equatable, Sendable {
    case text(String)
    case number(Double)
    case bool(Bool)
}

/// The where-language (`where`, `refine`/`exclude`, `order_by`) evaluated in memory over named fields of
/// items that are not rows — the catalog's datasets, whose fields (`title`, `keyword`, `modified`…) a
/// compatibility view defines through `values`. The expressions are parsed by the records' parser, so
/// the syntax and its errors are the same everywhere. Text compares folded (`fold`: case and accents).
public struct MetadataFilter<Item>: Sendable {
    public let fields: [String]
    let values: @Sendable (String, Item) -> [MetadataValue]?
    let fold: @Sendable (String) -> String

    public init(fields: [String], fold: @escaping @Sendable (String) -> String,
                values: @escaping @Sendable (String, Item) -> [MetadataValue]?) {
        self.fields = fields
        self.fold = fold
        self.values = values
    }

    /// The items that satisfy `where` and every `refine` (`field:value`) and no `exclude`. Unknown fields
    /// and unsupported functions are refused even when there is no item to test.
    public func filter(_ items: [Item], where text: String?, refine: [String], exclude: [String]) throws -> [Item] {
        var conditions: [QueryExpression] = []
        if let text { conditions.append(try QueryParser.parseWhere(text)) }
        for (list, negated) in [(refine, false), (exclude, true)] {
            for item in list where !item.isEmpty {
                guard let colon = item.firstIndex(of: ":"), colon != item.startIndex else {
                    throw SocleError(.invalidInput, code: "query.invalid_refine", args: ["value": String(item.prefix(200))])
                }
                let field = String(item[..<colon]).trimmingCharacters(in: .whitespaces)
                conditions.append(.refine(FieldRef(name: field, position: 1), String(item[item.index(after: colon)...]), negated: negated))
            }
        }
        try conditions.forEach(check)
        return try items.filter { g in try conditions.allSatisfy { try matches($0, g) } }
    }

    // MARK: where

    /// Refuses unknown fields and unsupported functions even when no dataset is there to test.
    func check(_ e: QueryExpression) throws {
        switch e {
        case .and(let parts), .or(let parts): try parts.forEach(check)
        case .not(let inner): try check(inner)
        case .compare(let f, _, _, _), .inList(let f, _, _, _), .like(let f, _, _, _), .isNull(let f, _),
             .startsWith(let f, _), .refine(let f, _, _):
            guard fields.contains(f.name) else { throw unknownField(f) }
        case .search(let f, _, _):
            if let f, !fields.contains(f.name) { throw unknownField(f) }
        case .withinDistance(let f, _, _, _), .inBBox(let f, _, _, _, _):
            throw SocleError(.invalidInput, code: "ods.catalog_unsupported", args: ["what": "geo", "position": String(f.position)])
        case .comparePart(let fn, let f, _, _, _):
            throw SocleError(.invalidInput, code: "ods.catalog_unsupported", args: ["what": fn.rawValue, "position": String(f.position)])
        }
    }

    func matches(_ e: QueryExpression, _ g: Item) throws -> Bool {
        switch e {
        case .and(let parts): return try parts.allSatisfy { try matches($0, g) }
        case .or(let parts): return try parts.contains { try matches($0, g) }
        case .not(let inner): return try !matches(inner, g)
        case .compare(let f, let op, let literal, _):
            let vs = try field(f, g)
            return op == .notEqual ? !vs.contains { compare($0, .equal, literal) } : vs.contains { compare($0, op, literal) }
        case .inList(let f, let list, let negated, _):
            let vs = try field(f, g)
            let found = vs.contains { v in list.contains { compare(v, .equal, $0) } }
            return negated ? !found : found
        case .like(let f, let pattern, let negated, _):
            let found = try field(f, g).contains { v in
                if case .text(let s) = v { return Self.like(fold(s), fold(pattern)) }
                return false
            }
            return negated ? !found : found
        case .isNull(let f, let negated):
            let empty = try field(f, g).isEmpty
            return negated ? !empty : empty
        case .search(let f, let text, _):
            let names = f.map { [$0.name] } ?? ["dataset_id", "title", "description", "publisher", "keyword", "theme"]
            let words = fold(text).split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            var haystack = ""
            for n in names {
                for v in try field(FieldRef(name: n, position: f?.position ?? 1), g) {
                    if case .text(let s) = v { haystack += " " + fold(s) }
                }
            }
            return words.allSatisfy { haystack.contains($0) }
        case .startsWith(let f, let prefix):
            return try field(f, g).contains { v in
                if case .text(let s) = v { return fold(s).hasPrefix(fold(prefix)) }
                return false
            }
        case .refine(let f, let value, let negated):
            let found = try field(f, g).contains { v in compare(v, .equal, .string(value)) }
            return negated ? !found : found
        case .withinDistance, .inBBox, .comparePart:
            try check(e)
            return false
        }
    }

    private func field(_ f: FieldRef, _ g: Item) throws -> [MetadataValue] {
        guard let vs = values(f.name, g) else { throw unknownField(f) }
        return vs
    }

    private func unknownField(_ f: FieldRef) -> SocleError {
        SocleError(.invalidInput, code: "ods.catalog_unknown_field",
                   args: ["field": String(f.name.prefix(80)), "position": String(f.position), "fields": fields.joined(separator: ", ")])
    }

    /// Text compares folded (case and accents ignored), dates as ISO text, numbers as numbers.
    func compare(_ v: MetadataValue, _ op: ComparisonOperator, _ literal: QueryLiteral) -> Bool {
        let order: ComparisonResult?
        switch (v, literal) {
        case (.number(let a), .integer(let b)): order = a == Double(b) ? .orderedSame : (a < Double(b) ? .orderedAscending : .orderedDescending)
        case (.number(let a), .real(let b)): order = a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
        case (.number(let a), .string(let s)):
            guard let b = Double(s) else { return false }
            order = a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
        case (.text(let a), .string(let b)), (.text(let a), .date(let b)):
            let x = fold(a), y = fold(b)
            order = x == y ? .orderedSame : (x < y ? .orderedAscending : .orderedDescending)
        case (.text(let a), .integer(let b)): order = a == String(b) ? .orderedSame : nil
        case (.bool(let a), .boolean(let b)): order = a == b ? .orderedSame : nil
        default: order = nil
        }
        guard let order else { return false }
        switch op {
        case .equal: return order == .orderedSame
        case .notEqual: return order != .orderedSame
        case .less: return order == .orderedAscending
        case .greater: return order == .orderedDescending
        case .lessOrEqual: return order != .orderedDescending
        case .greaterOrEqual: return order != .orderedAscending
        }
    }


    /// SQL `LIKE` on folded text: `%` any run, `_` one character (the records API's semantics).
    static func like(_ text: String, _ pattern: String) -> Bool {
        let t = Array(text), p = Array(pattern)
        var ti = 0, pi = 0
        var star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "_" || (p[pi] != "%" && p[pi] == t[ti]) {
                ti += 1
                pi += 1
            } else if pi < p.count, p[pi] == "%" {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "%" { pi += 1 }
        return pi == p.count
    }

    // MARK: order_by

    /// Sorts by the `order_by` list (`title`, `modified desc`…); plain fields only.
    public func sort(_ grants: [Item], orderBy text: String) throws -> [Item] {
        let items = try QueryParser.parseOrder(text)
        var keys: [(String, Bool)] = []
        for item in items {
            guard case .field(let f) = item.value else {
                throw SocleError(.invalidInput, code: "ods.catalog_unsupported", args: ["what": "order_by", "position": String(item.position)])
            }
            guard fields.contains(f.name) else { throw unknownField(f) }
            keys.append((f.name, item.descending))
        }
        return grants.sorted { a, b in
            for (name, descending) in keys {
                let x = values(name, a)?.first, y = values(name, b)?.first
                if x == y { continue }
                let ascending = less(x, y)
                return descending ? !ascending : ascending
            }
            return false
        }
    }

    /// Missing values sort last.
    private func less(_ x: MetadataValue?, _ y: MetadataValue?) -> Bool {
        switch (x, y) {
        case (nil, _): return false
        case (_, nil): return true
        case (.number(let a)?, .number(let b)?): return a < b
        case (.text(let a)?, .text(let b)?): return fold(a) < fold(b)
        case (.bool(let a)?, .bool(let b)?): return !a && b
        default: return false
        }
    }
}
