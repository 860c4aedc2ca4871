import Foundation
import HTTPTypes
import Hummingbird

/// Absolute URLs in compatibility answers (CKAN resources, links), which clients follow as given.
enum CompatURL {
    /// The configured public URL (`SOCLE_PUBLIC_URL`, read by `socle serve`), else the scheme and host the
    /// request came to.
    static func base(_ request: Request, _ configuration: ServerConfiguration) -> String {
        if let u = configuration.publicURL { return u }
        let proto = request.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https" ? "https" : "http"
        return "\(proto)://\(request.head.authority ?? "localhost")"
    }

    /// A query string from ordered pairs, every name and value percent-encoded.
    static func query(_ pairs: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return pairs.map { ($0.0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") + "="
            + ($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") }.joined(separator: "&")
    }

    /// ISO 8601 with seconds and an explicit UTC offset, as both APIs write dates.
    static func date(_ d: Date) -> String {
        d.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .colon))
    }
}
