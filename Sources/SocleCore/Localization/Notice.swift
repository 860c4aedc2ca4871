/// A remark for the user that is not an error (a warning of the readers, a note of the inference):
/// a catalog key and its arguments, rendered in the reader's language where it is shown.
public struct Notice: Codable, Sendable, Equatable, Hashable {
    public var code: String
    public var args: [String: String]

    public init(_ code: String, _ args: [String: String] = [:]) {
        self.code = code
        self.args = args
    }

    public func message(_ language: Language = .current) -> String {
        Catalog.shared.string(code, language: language, args: args)
    }
}
