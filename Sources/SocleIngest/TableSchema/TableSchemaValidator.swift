import Foundation
import SocleCore

/// One located validation error, shaped like Validata's reports.
public struct ValidationIssue: Codable, Sendable, Equatable {
    /// 1-based data row (header excluded); nil for errors about the header or the file.
    public var row: Int?
    /// The schema field name concerned (for `extra-label`, the file's column label), if any.
    public var field: String?
    /// The Table Schema constraint or check that failed: `required`, `unique`, `pattern`, `enum`,
    /// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `minLength`, `maxLength`, `type`,
    /// `primaryKey`, and for the header `missing-label`, `extra-label`, `duplicate-label`, `blank-label`;
    /// `source-error` when the file could not be read to the end.
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

/// The result of validating a file against a Table Schema.
public struct ValidationReport: Codable, Sendable {
    /// False as soon as one error exists, even beyond `maxErrors`.
    public var valid: Bool
    /// Header errors first, then cell and row errors in file order; at most `maxErrors`.
    public var errors: [ValidationIssue]
    /// Problems that do not make the file invalid (an optional schema field absent from the file).
    public var warnings: [ValidationIssue]
    /// Every error found, including those not listed because of `maxErrors`.
    public var errorCount: Int
    /// Data rows read.
    public var rowCount: Int

    public init(valid: Bool, errors: [ValidationIssue], warnings: [ValidationIssue] = [],
                errorCount: Int? = nil, rowCount: Int = 0) {
        self.valid = valid
        self.errors = errors
        self.warnings = warnings
        self.errorCount = errorCount ?? errors.count
        self.rowCount = rowCount
    }

    /// True when some errors were counted but not listed.
    public var truncated: Bool { errorCount > errors.count }
}

/// Validates tabular files against a Table Schema (frictionless specs, as schema.data.gouv.fr and the
/// SCDL use them), reporting errors located like Validata does.
///
/// Columns are matched to fields by exact, case-sensitive name, in any order (Validata does the same);
/// a missing required field or an unknown column is an error, a missing optional field a warning.
public enum TableSchemaValidator {
    /// Reads the file through `ReaderFactory` and validates it. Errors opening the file are thrown; an
    /// error while reading further (a broken quote on line 5 000) ends the report with a `source-error`.
    public static func validate(url: URL, options: ReaderOptions, schema: TableSchemaDocument,
                                maxErrors: Int = 1000) throws -> ValidationReport {
        let reader = try ReaderFactory.open(url, options: options)
        let session = try TableSchemaValidation(schema: schema, maxErrors: maxErrors, format: reader.report.format)
        session.updateLabels(reader.labels)
        do {
            while let batch = try reader.nextBatch(maxRows: 8192) {
                session.updateLabels(reader.labels)
                session.check(batch)
            }
            session.updateLabels(reader.labels)
        } catch let error as SocleError {
            session.sourceError(error)
        }
        return session.finish()
    }

    /// Validates rows already read: `labels` is the header, `batches` the rows (e.g. built in memory).
    public static func validate<S: Sequence>(labels: [String], batches: S, schema: TableSchemaDocument,
                                             maxErrors: Int = 1000) throws -> ValidationReport where S.Element == RawBatch {
        let session = try TableSchemaValidation(schema: schema, maxErrors: maxErrors)
        session.updateLabels(labels)
        for batch in batches { session.check(batch) }
        return session.finish()
    }
}
