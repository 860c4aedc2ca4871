import Foundation
import SocleCore

/// Files named `.xls` that are not Excel 97–2003 workbooks, as web applications often export them.
///
/// The choice, documented in `docs/ingestion.md`: a CSV/TSV renamed `.xls` is read as the text it is,
/// with a notice in the report; an HTML page or an XML Spreadsheet 2003 named `.xls` is refused with a
/// message saying what it is and how to convert it (reading an HTML table's cells, merged headers and
/// formatting faithfully is another reader); a zip (an `.xlsx` or `.ods` renamed) is read by content.
enum XLSDisguise {
    static func hasXLSName(_ options: ReaderOptions) -> Bool {
        (options.displayName as NSString).pathExtension.lowercased() == "xls"
    }

    /// Refuses markup named `.xls` before any reader sees it.
    static func refuseMarkup(_ head: [UInt8], format: SourceFormat, options: ReaderOptions) throws {
        guard format == .csv, hasXLSName(options) else { return }
        // Lower-cased ASCII of the start, skipping a UTF-8 BOM and UTF-16 zero bytes.
        let text = String(decoding: head.prefix(2048).filter { $0 != 0 && $0 < 0x80 }, as: UTF8.self).lowercased()
        let trimmed = text.drop { $0.isWhitespace }
        if text.contains("urn:schemas-microsoft-com:office:spreadsheet") && !text.contains("<html") {
            throw IngestError.make("xls.xml_spreadsheet", file: options.displayName)
        }
        if trimmed.hasPrefix("<!doctype html") || trimmed.hasPrefix("<html") || trimmed.hasPrefix("<table")
            || (trimmed.hasPrefix("<") && (text.contains("<html") || text.contains("<table") || text.contains("<body"))) {
            throw IngestError.make("xls.html", file: options.displayName)
        }
    }

    /// A text file named `.xls` was read as CSV: say so in its report.
    static func noteRenamed(_ reader: any TableReader, format: SourceFormat, options: ReaderOptions) -> any TableReader {
        guard format == .csv, options.format == nil, hasXLSName(options) else { return reader }
        return NoticedReader(reader, notice: Notice("xls.warning.text_named_xls"))
    }
}

/// A reader whose report carries one more notice.
final class NoticedReader: TableReader {
    private let inner: any TableReader
    private let notice: Notice

    init(_ inner: any TableReader, notice: Notice) {
        self.inner = inner
        self.notice = notice
    }

    var labels: [String] { inner.labels }
    func nextBatch(maxRows: Int) throws -> RawBatch? { try inner.nextBatch(maxRows: maxRows) }
    var bytesRead: Int64 { inner.bytesRead }
    var totalBytes: Int64 { inner.totalBytes }
    var report: ReaderReport {
        var r = inner.report
        r.warnings.insert(notice, at: 0)
        return r
    }
}
