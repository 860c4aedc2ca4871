import Foundation
import SocleCore

/// Text helpers of the anonymisation engine: folding for label matching, catalog registration, errors.
enum AnonymisationText {
    /// Bounds the work done on a hostile header or value; real labels and addresses are far shorter.
    static let scanLimit = 2_000

    /// Lowercased, accent-free words separated by one space: "Date de naissance " → "date de naissance".
    static func fold(_ text: String) -> String {
        words(text).joined(separator: " ")
    }

    /// Lowercased, accent-free alphanumeric words.
    static func words(_ text: String) -> [String] {
        let head = text.count > scanLimit ? String(text.prefix(scanLimit)) : text
        let folded = head.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var out: [String] = []
        var current = ""
        for ch in folded {
            if ch.isLetter || ch.isNumber { current.append(ch) } else if !current.isEmpty { out.append(current); current = "" }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    private static let registered: Void = Catalog.shared.register(bundle: Bundle.module)

    /// Loads the module's catalogs (idempotent), so that errors render even if the detector never ran.
    static func registerCatalog() { _ = registered }

    static func error(_ code: String, _ args: [String: String] = [:], column: String? = nil,
                      kind: SocleError.Kind = .invalidInput) -> SocleError {
        SocleError(kind, code: "anonymisation.\(code)", args: args,
                   location: column.map { SourceLocation(column: $0) })
    }

    /// A user-supplied text cut to a printable length for an error message.
    static func shown(_ text: String, limit: Int = 60) -> String {
        let clean = String(text.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) })
        return clean.count > limit ? String(clean.prefix(limit)) + "…" : clean
    }
}
