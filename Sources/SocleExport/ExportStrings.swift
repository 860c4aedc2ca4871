import Foundation
import SocleCore

/// Registers the export module's string catalog (format errors and truncation notices).
public enum ExportStrings {
    private static let done: Void = Catalog.shared.register(bundle: Bundle.module)
    public static func register() { _ = done }
}
