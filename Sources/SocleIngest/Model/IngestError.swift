import Foundation
import SocleCore

/// Builds the located errors of the ingest module; its catalog lives in `Resources/strings/`.
public enum IngestError {
    private static let registered: Void = Catalog.shared.register(bundle: Bundle.module)

    /// A located `SocleError` whose message comes from the ingest catalogs.
    public static func make(_ code: String, file: String? = nil, line: Int? = nil, column: String? = nil,
                            row: Int? = nil, args: [String: String] = [:],
                            kind: SocleError.Kind = .invalidInput) -> SocleError {
        _ = registered
        let loc = (file == nil && line == nil && column == nil && row == nil)
            ? nil : SourceLocation(file: file, line: line, column: column, row: row)
        return SocleError(kind, code: code, args: args, location: loc)
    }

    /// Makes sure the ingest catalogs are loaded (for callers rendering messages).
    public static func registerCatalog() { _ = registered }
}
