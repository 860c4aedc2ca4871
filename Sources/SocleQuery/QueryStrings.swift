import Foundation
import SocleCore

/// Registers the query module's string catalog (error messages of the query language).
public enum QueryStrings {
    private static let done: Void = Catalog.shared.register(bundle: Bundle.module)
    public static func register() { _ = done }
}
