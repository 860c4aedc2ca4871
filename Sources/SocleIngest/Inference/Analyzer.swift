import Foundation
import SocleCore

/// Progress of a pass over a file, for progress bars and job pages.
public struct IngestProgress: Sendable {
    /// 1 = analysis (type inference), 2 = load.
    public var pass: Int
    public var bytesRead: Int64
    public var totalBytes: Int64
    public var rows: Int
    public init(pass: Int, bytesRead: Int64, totalBytes: Int64, rows: Int) {
        self.pass = pass
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.rows = rows
    }
}

/// The result of the first pass: the columns with their types and evidence, and the file's shape.
public struct IngestAnalysis: Sendable, Codable {
    public var columns: [ColumnSchema]
    public var rowCount: Int
    public var report: ReaderReport
    /// Reader warnings plus inference warnings (e.g. codes that lost their leading zeros), in English.
    public var warnings: [String]
    public init(columns: [ColumnSchema], rowCount: Int, report: ReaderReport, warnings: [String]) {
        self.columns = columns
        self.rowCount = rowCount
        self.report = report
        self.warnings = warnings
    }
}

// PLACEHOLDER: replaced by the inference owner.
/// Pass 1: reads the whole file and decides names and types.
public enum Analyzer {
    /// `typeOverrides` maps an original label to a type a declared schema imposes.
    public static func analyze(url: URL, options: ReaderOptions,
                               typeOverrides: [String: ColumnType] = [:],
                               progress: ((IngestProgress) -> Void)? = nil) throws -> IngestAnalysis {
        throw IngestError.make("format.unsupported", file: options.displayName)
    }
}

// PLACEHOLDER: replaced by the inference owner.
/// Pass 2: reads the file again and converts each raw batch into typed columns following the analysis.
public struct ConvertingSource: BatchSource {
    public init(url: URL, options: ReaderOptions, analysis: IngestAnalysis, batchRows: Int = 8192,
                progress: ((IngestProgress) -> Void)? = nil) throws {
        throw IngestError.make("format.unsupported", file: options.displayName)
    }
    public mutating func next() throws -> ColumnBatch? { nil }
}
