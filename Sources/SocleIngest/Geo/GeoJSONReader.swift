import Foundation
import SocleCore

// PLACEHOLDER: replaced by the real reader.
public final class GeoJSONReader: TableReader {
    public init(url: URL, options: ReaderOptions) throws {
        throw IngestError.make("format.unsupported", file: options.displayName)
    }
    public var labels: [String] { [] }
    public func nextBatch(maxRows: Int) throws -> RawBatch? { nil }
    public var bytesRead: Int64 { 0 }
    public var totalBytes: Int64 { 0 }
    public var report: ReaderReport { ReaderReport(format: .csv) }
}
