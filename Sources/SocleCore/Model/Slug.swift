/// Validation of the URL identifiers of organisations and datasets.
public enum Slug {
    /// Lowercase ASCII letters, digits and inner hyphens, 2 to 64 characters.
    public static func validate(_ slug: String) throws {
        let ok = (2...64).contains(slug.utf8.count)
            && slug.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
            && !slug.hasPrefix("-") && !slug.hasSuffix("-")
        if !ok { throw SocleError(.invalidInput, code: "slug.invalid", args: ["slug": slug]) }
    }
}
