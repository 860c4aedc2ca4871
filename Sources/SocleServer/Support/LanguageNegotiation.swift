import Foundation
import Hummingbird
import SocleCore

/// Picks the reader's language: `?lang=`, then the `socle_lang` cookie, then `Accept-Language`,
/// then French.
enum LanguageNegotiation {
    static let cookieName = "socle_lang"

    static func language(for request: Request) -> Language {
        if let q = request.uri.queryParameters.get("lang"), let l = Language(rawValue: q.lowercased()) { return l }
        if let c = request.cookies[cookieName]?.value, let l = Language(rawValue: c) { return l }
        return fromAcceptLanguage(request.headers[.acceptLanguage] ?? "")
    }

    /// The language with the highest weight among those Socle speaks ("en-GB,en;q=0.9,fr;q=0.5" → English).
    static func fromAcceptLanguage(_ header: String) -> Language {
        var best: (Language, Double)?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased(), !tag.isEmpty else { continue }
            var q = 1.0
            for p in parts.dropFirst() where p.hasPrefix("q=") { q = Double(p.dropFirst(2)) ?? 0 }
            let lang: Language? = tag.hasPrefix("fr") ? .french : tag.hasPrefix("en") ? .english : nil
            guard let lang, q > 0 else { continue }
            if best == nil || q > best!.1 { best = (lang, q) }
        }
        return best?.0 ?? .french
    }
}
