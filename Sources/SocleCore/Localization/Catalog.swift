import Foundation

/// A language Socle speaks. French first, English second.
public enum Language: String, Codable, Sendable, CaseIterable {
    case french = "fr"
    case english = "en"

    /// The process language: `SOCLE_LANG`, else `LANG`, else French — read once, at first use.
    public static let current: Language = {
        let env = ProcessInfo.processInfo.environment
        let tag = (env["SOCLE_LANG"] ?? env["LANG"] ?? "fr").lowercased()
        return tag.hasPrefix("en") ? .english : .french
    }()
}

/// Where a message is read. A catalog entry may have a variant per surface, keyed `code@cli`: the
/// command line can name a command to run, which a citizen on the portal or a reuser of the API could not.
public enum Surface: String, Sendable {
    case cli, web, api
}

/// The string catalogs of every module, merged. Each module ships `Resources/strings/*.json`
/// files shaped `{"key": {"fr": "…", "en": "…"}}` and registers its bundle once.
public final class Catalog: @unchecked Sendable {
    public static let shared: Catalog = {
        let c = Catalog()
        c.register(bundle: Bundle.module)
        return c
    }()

    private let lock = NSLock()
    private var entries: [String: [String: String]] = [:]
    private var registered: Set<String> = []

    public init() {}

    /// Loads every `strings/*.json` file of a module's resource bundle (idempotent).
    public func register(bundle: Bundle) {
        let key = bundle.bundlePath
        lock.lock()
        defer { lock.unlock() }
        guard !registered.contains(key) else { return }
        registered.insert(key)
        let dirs = [bundle.resourceURL?.appendingPathComponent("strings"),
                    bundle.resourceURL?.appendingPathComponent("Resources/strings")].compactMap { $0 }
        for dir in dirs {
            let files = (try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? []
            for file in files where file.pathExtension == "json" {
                guard let data = try? Data(contentsOf: file),
                      let table = try? JSONDecoder().decode([String: [String: String]].self, from: data)
                else { continue }
                entries.merge(table) { _, new in new }
            }
        }
    }

    /// Adds entries by hand (tests; a module's catalog is registered with `register(bundle:)`).
    public func register(entries table: [String: [String: String]]) {
        lock.lock()
        defer { lock.unlock() }
        entries.merge(table) { _, new in new }
    }

    /// The template for a key, or nil when no catalog has it.
    public func template(_ key: String, language: Language) -> String? {
        lock.lock()
        defer { lock.unlock() }
        guard let e = entries[key] else { return nil }
        return e[language.rawValue] ?? e["fr"]
    }

    /// Renders `{name}` placeholders with the arguments; unknown keys fall back to the key itself.
    public func string(_ key: String, language: Language, args: [String: String] = [:]) -> String {
        guard var text = template(key, language: language) else {
            let list = args.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            return list.isEmpty ? key : "\(key) (\(list))"
        }
        for (k, v) in args { text = text.replacingAll("{\(k)}", with: v) }
        return text
    }

    func render(_ error: SocleError, language: Language, surface: Surface? = nil) -> String {
        let variant = surface.map { error.code + "@" + $0.rawValue }
        let args = error.args.mapValues { value -> String in
            guard value.hasPrefix(SocleError.keyListMarker) else { return value }
            return value.dropFirst(SocleError.keyListMarker.count).split(separator: ",")
                .map { string(String($0), language: language) }.joined(separator: ", ")
        }
        let body = string(variant.flatMap { template($0, language: language) != nil ? $0 : nil } ?? error.code,
                          language: language, args: args)
        guard let loc = error.location else { return body }
        var parts: [String] = []
        if let f = loc.file { parts.append(f) }
        if let l = loc.line { parts.append(string("location.line", language: language, args: ["line": String(l)])) }
        if let r = loc.row, r != loc.line { parts.append(string("location.row", language: language, args: ["row": String(r)])) }
        if let c = loc.column { parts.append(string("location.column", language: language, args: ["column": c])) }
        return parts.isEmpty ? body : parts.joined(separator: ", ") + " : " + body
    }
}
