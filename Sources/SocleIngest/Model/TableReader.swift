import Foundation
import SocleCore

/// What to do with a row whose field count differs from the header's.
public enum RaggedPolicy: String, Codable, Sendable, CaseIterable {
    /// Refuse the file, naming the first ragged line (the default).
    case error
    /// Pad short rows with nulls; long rows are refused unless the extra fields are all empty.
    case pad
    /// Drop ragged rows and count them in the warnings.
    case skip
}

/// File formats Socle reads.
public enum SourceFormat: String, Codable, Sendable, CaseIterable {
    case csv, xlsx, ods, json, ndjson, geojson, xls

    /// Guesses the format from the name, then from the first bytes (zip magic, `{`/`[`).
    /// An OpenDocument spreadsheet announces itself in its first bytes, so it wins over any extension.
    public static func detect(fileName: String, head: [UInt8]) -> SourceFormat {
        if isOpenDocumentSpreadsheet(head) { return .ods }
        if head.starts(with: CompoundFile.signature) { return .xls }
        let ext = (fileName as NSString).pathExtension.lowercased()
        switch ext {
        case "xlsx", "xlsm": return .xlsx
        case "ods": return .ods
        case "geojson": return .geojson
        case "ndjson", "jsonl": return .ndjson
        case "json": return .json
        case "csv", "tsv", "txt", "tab": return .csv
        default: break
        }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .xlsx }
        let first = head.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        if first == UInt8(ascii: "[") || first == UInt8(ascii: "{") { return .json }
        return .csv
    }

    /// The OpenDocument signature: the zip's first local entry is `mimetype`, stored uncompressed,
    /// holding `application/vnd.oasis.opendocument.spreadsheet` (or its `-template` variant).
    static func isOpenDocumentSpreadsheet(_ head: [UInt8]) -> Bool {
        guard head.count >= 30, head.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return false }
        func le16(_ at: Int) -> Int { Int(head[at]) | Int(head[at + 1]) << 8 }
        let method = le16(8), nameLength = le16(26), extraLength = le16(28)
        let nameStart = 30, dataStart = nameStart + nameLength + extraLength
        guard method == 0, nameLength == 8, dataStart <= head.count,
              head[nameStart ..< nameStart + nameLength].elementsEqual("mimetype".utf8) else { return false }
        return head[dataStart...].starts(with: "application/vnd.oasis.opendocument.spreadsheet".utf8)
    }
}

/// Options a user may force instead of letting the readers sniff.
public struct ReaderOptions: Sendable {
    /// Name shown in error messages (the file name the user gave).
    public var displayName: String
    /// Forced encoding: "utf-8", "windows-1252", "iso-8859-1"… nil = detect.
    public var encoding: String?
    /// Forced delimiter (one character; "\t" for tab). nil = sniff.
    public var delimiter: String?
    /// Sheet name or 1-based index for spreadsheets. nil = first sheet.
    public var sheet: String?
    public var onRagged: RaggedPolicy
    /// Forced format; nil = detect.
    public var format: SourceFormat?
    /// The header's row number as a person sees it (sheet row, CSV line), 1-based; nil = detect it.
    public var headerRow: Int?
    /// The dataset's own "no value" markers, on top of the built-in list (`NullTokens`).
    public var nullMarkers: [String] = []

    public init(displayName: String, encoding: String? = nil, delimiter: String? = nil,
                sheet: String? = nil, onRagged: RaggedPolicy = .error, format: SourceFormat? = nil, headerRow: Int? = nil) {
        self.headerRow = headerRow
        self.displayName = displayName
        self.encoding = encoding
        self.delimiter = delimiter
        self.sheet = sheet
        self.onRagged = onRagged
        self.format = format
    }
}

/// What a reader found out about the file's shape, for the ingest report.
public struct ReaderReport: Sendable, Codable, Equatable {
    public var format: SourceFormat
    /// Encoding used to decode the file ("utf-8", "utf-8-bom", "windows-1252"…); nil for binary formats.
    public var encoding: String?
    /// The delimiter used, for CSV.
    public var delimiter: String?
    /// Remarks for the report (e.g. a title line skipped above the header), as catalog notices.
    public var warnings: [Notice]

    public init(format: SourceFormat, encoding: String? = nil, delimiter: String? = nil, warnings: [Notice] = []) {
        self.format = format
        self.encoding = encoding
        self.delimiter = delimiter
        self.warnings = warnings
    }
}

/// A streaming reader of one tabular file. Memory stays bounded by the batch size, whatever the file size.
public protocol TableReader: AnyObject {
    /// Original header labels, as written (may be empty strings, duplicates, contain newlines).
    /// May grow between batches for JSON sources; never shrinks or reorders.
    var labels: [String] { get }
    /// The next batch of at most `maxRows` rows, or nil at the end of the file.
    /// Throws `SocleError` with a located, actionable message on malformed input.
    func nextBatch(maxRows: Int) throws -> RawBatch?
    /// Bytes of the source consumed so far (for progress bars).
    var bytesRead: Int64 { get }
    /// Total bytes of the source.
    var totalBytes: Int64 { get }
    var report: ReaderReport { get }
}

/// Opens the right reader for a file.
public enum ReaderFactory {
    public static func open(_ url: URL, options: ReaderOptions) throws -> any TableReader {
        let format = try options.format ?? detectFormat(url, options: options)
        let reader: any TableReader
        switch format {
        case .csv: reader = RowFilterReader(try CSVReader(url: url, options: options, deferLoneValues: true))
        case .xlsx: reader = RowFilterReader(try XLSXReader(url: url, options: options))
        case .ods: reader = RowFilterReader(try ODSReader(url: url, options: options))
        case .xls: reader = RowFilterReader(try XLSReader(url: url, options: options))
        case .json, .ndjson: reader = try JSONTableReader(url: url, options: options, format: format)
        case .geojson: reader = try GeoJSONReader(url: url, options: options)
        }
        // One check for every format: a table wider than the stores accept is refused before any work.
        guard reader.labels.count <= IngestLimits.maxColumns else {
            throw IngestError.make("file.too_many_columns", file: options.displayName,
                                   args: ["count": String(reader.labels.count), "max": String(IngestLimits.maxColumns)])
        }
        return XLSDisguise.noteRenamed(reader, format: format, options: options)
    }

    public static func detectFormat(_ url: URL, options: ReaderOptions) throws -> SourceFormat {
        guard let h = FileHandle(forReadingAtPath: url.path) else {
            throw IngestError.make("file.unreadable", file: options.displayName)
        }
        defer { try? h.close() }
        let head = [UInt8]((try? h.read(upToCount: 4096)) ?? Data())
        var format = SourceFormat.detect(fileName: options.displayName, head: head)
        // A ".json" that is a FeatureCollection is GeoJSON.
        if format == .json, let text = String(bytes: head, encoding: .utf8),
           text.contains("\"FeatureCollection\"") || text.contains("\"Feature\"") {
            format = .geojson
        }
        try XLSDisguise.refuseMarkup(head, format: format, options: options)
        return format
    }
}
