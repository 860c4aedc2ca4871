import Foundation
import SocleCore

/// One located validation error, shaped like Validata's reports.
public struct ValidationIssue: Codable, Sendable, Equatable {
    /// 1-based data row (header excluded); nil for errors about the header or the file.
    public var row: Int?
    /// The schema field name concerned, if any.
    public var field: String?
    /// The Table Schema constraint or check that failed: `required`, `unique`, `pattern`, `enum`,
    /// `minimum`, `maximum`, `minLength`, `maxLength`, `type`, `primaryKey`, `missing-field`, `extra-field`…
    public var constraint: String
    public var value: String?
    /// Rendered in the current language.
    public var message: String
    public init(row: Int?, field: String?, constraint: String, value: String?, message: String) {
        self.row = row
        self.field = field
        self.constraint = constraint
        self.value = value
        self.message = message
    }
}

public struct ValidationReport: Codable, Sendable {
    public var valid: Bool
    public var errors: [ValidationIssue]
    public init(valid: Bool, errors: [ValidationIssue]) {
        self.valid = valid
        self.errors = errors
    }
}

// PLACEHOLDER: replaced by the Table Schema owner.
/// A Table Schema (frictionless) document: fields, primary key, missing values.
public struct TableSchemaDocument: Sendable {
    public var fieldNames: [String]
    public static func load(_ url: URL) throws -> TableSchemaDocument {
        throw IngestError.make("format.unsupported", file: url.lastPathComponent)
    }
    /// The Socle column type each field imposes on a load (by field name).
    public var typeOverrides: [String: ColumnType] { [:] }
}

// PLACEHOLDER: replaced by the Table Schema owner.
public enum TableSchemaValidator {
    public static func validate(url: URL, options: ReaderOptions, schema: TableSchemaDocument,
                                maxErrors: Int = 1000) throws -> ValidationReport {
        throw IngestError.make("format.unsupported", file: options.displayName)
    }
}
