import Foundation
import SocleCore

/// One Table Schema shipped with Socle (SCDL, etalab), known by a short name (`subventions`).
public struct BundledSchema: Sendable {
    /// The file's name without `.json`: what `--schema scdl:NAME` and `?schema=NAME` take.
    public var name: String
    public var title: String
    public var version: String?
    public var document: TableSchemaDocument
    /// Old column names of this schema (earlier versions) → current field name, with their source.
    public var aliases: [SchemaAlias]
    /// The field names prepared for `SchemaMatcher`, once.
    let index: SchemaIndex

    init(name: String, title: String, version: String?, document: TableSchemaDocument, aliases: [SchemaAlias]) {
        self.name = name
        self.title = title
        self.version = version
        self.document = document
        self.aliases = aliases
        index = SchemaIndex(fields: document.fields, aliases: aliases)
    }
}

/// An old column name of a schema, and where the correspondence comes from.
public struct SchemaAlias: Sendable, Codable, Equatable {
    public var old: String
    public var field: String
    public var source: String
}

/// The schemas of `Resources/schemas/` (sources in its SOURCES.md), parsed once on first use.
public enum BundledSchemas {
    /// The prefix naming a bundled schema where a path is also accepted.
    public static let prefix = "scdl:"

    public static let all: [BundledSchema] = load()

    public static func named(_ name: String) -> BundledSchema? { all.first { $0.name == name } }

    /// `scdl:NAME` (or a bare `NAME` when no such file exists) → the bundled schema; anything else is a path.
    /// An unknown name is refused with the list of names.
    public static func resolve(_ reference: String) throws -> TableSchemaDocument {
        if reference.hasPrefix(prefix) {
            let name = String(reference.dropFirst(prefix.count))
            guard let s = named(name) else { throw unknown(name) }
            return s.document
        }
        if !FileManager.default.fileExists(atPath: reference), let s = named(reference) { return s.document }
        return try TableSchemaDocument.load(URL(fileURLWithPath: reference))
    }

    /// The file a reference names: `scdl:NAME` → the bundled JSON file (unknown names refused); else a path.
    public static func fileURL(_ reference: String) throws -> URL {
        guard reference.hasPrefix(prefix) else { return URL(fileURLWithPath: reference) }
        let name = String(reference.dropFirst(prefix.count))
        guard named(name) != nil, let dir = directory() else { throw unknown(name) }
        return dir.appendingPathComponent(name + ".json")
    }

    public static func unknown(_ name: String) -> SocleError {
        IngestError.registerCatalog()
        return SocleError(.invalidInput, code: "schema.unknown",
                          args: ["name": name, "known": all.map(\.name).joined(separator: ", ")])
    }

    private static func directory() -> URL? {
        Bundle.module.url(forResource: "schemas", withExtension: nil)
            ?? Bundle.module.url(forResource: "schemas", withExtension: nil, subdirectory: "Resources")
    }

    private static func load() -> [BundledSchema] {
        guard let dir = directory(),
              let files = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        // Schema name → its old column names (each with its source): see SOURCES.md beside the file.
        let aliases = FileManager.default.contents(atPath: dir.appendingPathComponent("aliases.json").path)
            .flatMap { try? JSONDecoder().decode([String: [SchemaAlias]].self, from: $0) } ?? [:]
        return files.filter { $0.hasSuffix(".json") && $0 != "aliases.json" }.sorted().compactMap { file in
            let name = String(file.dropLast(5))
            guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(file).path),
                  let doc = try? TableSchemaDocument.parse([UInt8](data), sourceName: file) else { return nil }
            return BundledSchema(name: name, title: doc.title ?? name, version: doc.version.map(Self.version),
                                 document: doc, aliases: aliases[name] ?? [])
        }
    }

    /// "v2.3.0" and "2.3.0" are the same version.
    private static func version(_ v: String) -> String { v.hasPrefix("v") ? String(v.dropFirst()) : v }
}
