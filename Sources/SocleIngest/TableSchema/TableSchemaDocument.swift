import Foundation
import SocleCore

/// A Table Schema (frictionless) document: fields, primary key, missing values.
public struct TableSchemaDocument: Sendable {
    public var fields: [SchemaField]
    /// Field names forming the primary key (empty when none); their values must be present and unique together.
    public var primaryKey: [String]
    /// Cell values that mean "no value" (schema level; the spec's default is `[""]`).
    public var missingValues: [String]
    public var name: String?
    public var title: String?
    public var version: String?
    /// The schema's file name, used in error messages.
    public var sourceName: String

    public init(fields: [SchemaField], primaryKey: [String] = [], missingValues: [String] = [""],
                sourceName: String = "schema.json") {
        self.fields = fields
        self.primaryKey = primaryKey
        self.missingValues = missingValues
        self.sourceName = sourceName
    }

    public var fieldNames: [String] { fields.map(\.name) }

    public func field(named name: String) -> SchemaField? { fields.first { $0.name == name } }

    /// Reads and checks a Table Schema JSON file. Throws a located `SocleError` when the file is not JSON,
    /// is another kind of JSON document (JSON Schema, Data Package, GeoJSON…), or declares something
    /// invalid (unknown type, bad pattern, primary key naming an unknown field…).
    public static func load(_ url: URL) throws -> TableSchemaDocument {
        let name = url.lastPathComponent
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw IngestError.make("file.unreadable", file: name)
        }
        return try parse([UInt8](data), sourceName: name)
    }

    /// Same as `load`, from bytes already in memory.
    public static func parse(_ bytes: [UInt8], sourceName: String) throws -> TableSchemaDocument {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw IngestError.make("tableschema.json." + error.reason.rawValue, file: sourceName, line: error.line,
                                   args: ["line": String(error.line), "column": String(error.column),
                                          "found": error.found ?? ""])
        }
        let document = try TableSchemaParser.document(from: json, sourceName: sourceName)
        // Compiling every field now reports bad patterns, formats and constraint values at load time.
        for field in document.fields {
            _ = try FieldRule(field, schema: document)
        }
        return document
    }
}
