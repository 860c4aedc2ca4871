/// Where in a source a problem was found. Every field is optional; the message shows what is known.
public struct SourceLocation: Codable, Sendable, Equatable {
    /// File name as the user gave it (not a full path when avoidable).
    public var file: String?
    /// 1-based physical line in the file (CSV), record number (JSON) or sheet row (XLSX).
    public var line: Int?
    /// The column's label or name, when the problem is in one column.
    public var column: String?
    /// 1-based data row (header excluded), when it differs from the line.
    public var row: Int?

    public init(file: String? = nil, line: Int? = nil, column: String? = nil, row: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.row = row
    }
}

/// The error every Socle module throws for a problem a user can act on.
///
/// It carries a catalog key and arguments, never a pre-rendered sentence, so that the CLI, the API
/// and the web pages render it in the reader's language (French first).
public struct SocleError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    /// What kind of refusal this is; decides exit codes and HTTP statuses.
    public enum Kind: String, Codable, Sendable {
        case invalidInput, notFound, conflict, forbidden, unauthorized, tooLarge, unavailable, internalError
    }

    public var kind: Kind
    /// Catalog key, e.g. `csv.unclosed_quote`.
    public var code: String
    public var args: [String: String]
    public var location: SourceLocation?

    public init(_ kind: Kind = .invalidInput, code: String, args: [String: String] = [:],
                location: SourceLocation? = nil) {
        self.kind = kind
        self.code = code
        self.args = args
        self.location = location
    }

    /// The message in the given language ("fr" or "en"), location first.
    public func message(_ language: Language = .current) -> String {
        Catalog.shared.render(self, language: language)
    }

    /// The message as worded for one surface (the command line may name commands; the portal and API don't).
    public func message(_ language: Language, surface: Surface) -> String {
        Catalog.shared.render(self, language: language, surface: surface)
    }

    public var description: String { message(.english) }
}

extension SocleError {
    static let keyListMarker = "\u{1}keys:"

    /// An argument that names catalog entries: each is written in the message's language, joined by commas.
    public static func keyList(_ keys: [String]) -> String { keyListMarker + keys.joined(separator: ",") }

    /// `store.not_found.<what>`: an unknown (or not visible) dataset, organisation, revision, job…
    public static func notFound(_ what: String, _ slug: String) -> SocleError {
        SocleError(.notFound, code: "store.not_found.\(what)", args: ["slug": slug])
    }

    /// `store.conflict.<what>`: the slug, e-mail… is already taken.
    public static func conflict(_ what: String, _ slug: String) -> SocleError {
        SocleError(.conflict, code: "store.conflict.\(what)", args: ["slug": slug])
    }
}
