import SocleCore

/// One lexical unit of a query expression, with its 1-based character position.
public struct QueryToken: Sendable, Equatable {
    /// What the token is.
    public enum Kind: Sendable, Equatable {
        /// A field or keyword; `quoted` when written between back-quotes (never a keyword then).
        case identifier(String, quoted: Bool)
        case number(String)
        case string(String)
        /// A prefixed literal such as `date'2024-01-01'` or `geom'POINT(2.3 48.8)'` (prefix lower-cased).
        case typed(prefix: String, value: String)
        /// `=`, `!=`, `<>`, `<`, `>`, `<=`, `>=`, `-`.
        case symbol(String)
        case leftParen, rightParen, comma, star, end
    }

    public var kind: Kind
    public var position: Int

    /// The token as the user would recognise it in an error message.
    public var text: String {
        switch kind {
        case .identifier(let s, let quoted): return quoted ? "`\(s)`" : s
        case .number(let s): return s
        case .string(let s): return "\"\(s)\""
        case .typed(let p, let v): return "\(p)'\(v)'"
        case .symbol(let s): return s
        case .leftParen: return "("
        case .rightParen: return ")"
        case .comma: return ","
        case .star: return "*"
        case .end: return ""
        }
    }

    /// True for an unquoted identifier equal (case-insensitively) to `word`.
    func isKeyword(_ word: String) -> Bool {
        if case .identifier(let s, false) = kind { return s.lowercased() == word }
        return false
    }
}
