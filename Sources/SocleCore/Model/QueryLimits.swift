import Foundation

/// The bounds that keep hostile query strings cheap.
public enum QueryLimits {
    public static let maxLength = 10_000
    public static let maxDepth = 64
    public static let maxListItems = 1_000
    /// Most `refine` plus `exclude` parameters in one request.
    public static let maxRefinements = 100
    /// Largest page a query may ask for; larger limits are capped and reported.
    public static let maxLimit = 10_000
}
