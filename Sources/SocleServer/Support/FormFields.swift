import Foundation
import SocleCore

/// The fields of a form (URL-encoded body or multipart text parts), repeated names kept in order.
public struct FormFields: Sendable, Equatable {
    public private(set) var values: [String: [String]] = [:]

    public init() {}

    /// Parses `application/x-www-form-urlencoded` text (also a URL query).
    public init(urlEncoded text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            append(name, value)
        }
    }

    public mutating func append(_ name: String, _ value: String) {
        values[name, default: []].append(value)
    }

    /// The first value of a field, trimmed; nil when absent or blank.
    public subscript(_ name: String) -> String? {
        guard let v = values[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
        return v
    }

    /// The first value of a required field; a located `server.field_required` refusal when absent or blank.
    public func require(_ name: String) throws -> String {
        guard let v = self[name] else {
            throw SocleError(.invalidInput, code: "server.field_required", args: ["field": name])
        }
        return v
    }

    /// The first value exactly as sent ("" when absent): passwords are not trimmed.
    public func raw(_ name: String) -> String { values[name]?.first ?? "" }

    public func all(_ name: String) -> [String] { values[name] ?? [] }

    public func has(_ name: String) -> Bool { values[name] != nil }

    /// Every field as its first value, for refilling a form after a refusal (never the password).
    public var firstValues: [String: String] {
        var out: [String: String] = [:]
        for (k, v) in values where k != "password" && k != "_csrf" { out[k] = v.first ?? "" }
        return out
    }

    static func decode(_ s: Substring) -> String {
        let spaced = s.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
