import Foundation
import SocleCore

/// JSON that a person or a client hands in (an API body, a file given to the CLI): snake_case and camelCase
/// keys alike, ISO 8601 dates, and a decoding failure told as the field and what was wrong.
public enum JSONInput {
    public static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        d.dateDecodingStrategy = .iso8601
        return d
    }()

    /// Decodes `data`; a malformed document is an `invalidInput` naming `source` and the field.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, source: String) throws -> T {
        do {
            return try decoder.decode(T.self, from: data)
        } catch let e as DecodingError {
            throw SocleError(.invalidInput, code: "input.bad_json", args: ["source": source, "detail": describe(e)])
        }
    }

    /// "field `themes`: expected an array" — enough for an API client to fix its JSON.
    public static func describe(_ e: DecodingError) -> String {
        func path(_ c: DecodingError.Context) -> String {
            let p = c.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return p.isEmpty ? c.debugDescription : "\(p): \(c.debugDescription)"
        }
        switch e {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): return path(c)
        case .keyNotFound(let k, let c): return path(c) + " (" + k.stringValue + ")"
        @unknown default: return String(describing: e)
        }
    }
}
