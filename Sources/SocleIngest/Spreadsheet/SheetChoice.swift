import Foundation
import SocleCore

/// Picks the sheet the user asked for: by exact name, then by name ignoring case and surrounding
/// spaces, then by 1-based position; the first sheet when nothing was asked.
enum SheetChoice {
    /// Index of the chosen sheet, or nil when `wanted` names none of `names`.
    static func index(_ wanted: String?, among names: [String]) -> Int? {
        guard let wanted else { return names.isEmpty ? nil : 0 }
        if let i = names.firstIndex(of: wanted) { return i }
        let folded = wanted.trimmingCharacters(in: .whitespaces).lowercased()
        if let i = names.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == folded }) { return i }
        if let n = Int(folded), n >= 1, n <= names.count { return n - 1 }
        return nil
    }

    /// Like `index`, throwing a located error that lists the sheets that exist.
    static func pick(_ wanted: String?, among names: [String], file: String, code: String) throws -> Int {
        if let i = index(wanted, among: names) { return i }
        throw notFound(wanted, names: names, file: file, code: code)
    }

    static func notFound(_ wanted: String?, names: [String], file: String, code: String) -> SocleError {
        let list = names.enumerated().map { "\($0.offset + 1). \"\($0.element)\"" }.joined(separator: ", ")
        return IngestError.make(code, file: file, args: ["sheet": wanted ?? "1", "sheets": list.isEmpty ? "—" : list])
    }
}
