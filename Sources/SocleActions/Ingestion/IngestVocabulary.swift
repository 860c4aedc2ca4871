import Foundation
import SocleCore
import SocleIngest

// The ingestion values that callers of the actions name — reader options, the ragged-row policy, progress,
// a schema validation's report — published by the action layer as part of its own API, so that the CLI and
// the server build requests and read results without importing the ingestion module (issue 11: one door).
// These are plain values; the readers and the rules stay behind the actions.
public typealias ReaderOptions = SocleIngest.ReaderOptions
public typealias RaggedPolicy = SocleIngest.RaggedPolicy
public typealias IngestProgress = SocleIngest.IngestProgress
public typealias ValidationReport = SocleIngest.ValidationReport
public typealias SchemaMatch = SocleIngest.SchemaMatch
public typealias SchemaAlias = SocleIngest.SchemaAlias

/// Checks on a file that load nothing: `socle validate`, `socle scan`.
public enum FileChecks {
    /// Refuses a file that does not exist or cannot be read, naming it (`file.unreadable`).
    public static func requireReadable(_ url: URL) throws {
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw IngestError.make("file.unreadable", file: url.lastPathComponent)
        }
    }

    /// The schema file a `--schema` names: `scdl:NAME` is a schema shipped with Socle, anything else a path.
    public static func schemaURL(_ reference: String) throws -> URL {
        try BundledSchemas.fileURL(reference)
    }

    /// Validates the file against a Table Schema (a JSON file) without loading it.
    public static func validate(_ url: URL, schema: URL, options: ReaderOptions) throws -> ValidationReport {
        let doc = try TableSchemaDocument.load(schema)
        return try TableSchemaValidator.validate(url: url, options: options, schema: doc)
    }
}
