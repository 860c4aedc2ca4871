/// A text encoding the CSV reader decodes to UTF-8; `rawValue` is the name shown in reports.
public enum TextEncoding: String, Sendable, CaseIterable, Codable {
    case utf8 = "utf-8"
    /// UTF-8 whose file starts with a byte-order mark (decoded like UTF-8, the mark is dropped).
    case utf8BOM = "utf-8-bom"
    case windows1252 = "windows-1252"
    /// Decoded with the Windows-1252 table, as browsers do: files labelled Latin-1 that hold
    /// 0x80–0x9F bytes almost always mean `€`, `’`, `Œ`… rather than C1 control characters.
    case iso88591 = "iso-8859-1"
    case iso885915 = "iso-8859-15"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"

    /// Parses a user-given encoding name ("UTF-8", "latin1", "cp1252", "utf-16"…); nil when unknown.
    public init?(label: String) {
        let key = String(label.lowercased().filter { $0.isLetter || $0.isNumber })
        switch key {
        case "utf8", "ascii", "usascii": self = .utf8
        case "utf8bom", "utf8sig": self = .utf8BOM
        case "windows1252", "cp1252", "win1252", "ansi", "ms1252", "xcp1252": self = .windows1252
        case "iso88591", "latin1", "l1", "iso885911987", "cp819": self = .iso88591
        case "iso885915", "latin9", "l9": self = .iso885915
        case "utf16", "utf16le", "unicode", "ucs2": self = .utf16LE
        case "utf16be": self = .utf16BE
        default: return nil
        }
    }

    /// The names accepted by `init(label:)`, for error messages.
    public static let supportedNames = "utf-8, windows-1252, iso-8859-1 (latin1), iso-8859-15 (latin9), utf-16, utf-16le, utf-16be"

    var isUTF8: Bool { self == .utf8 || self == .utf8BOM }
    var isUTF16: Bool { self == .utf16LE || self == .utf16BE }
}
