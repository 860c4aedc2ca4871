import SocleCore

/// An incremental writer of one export document: it appends bytes to a caller-owned buffer,
/// which the caller flushes (e.g. to the socket) whenever it grows past ~64 KiB, so that a
/// ten-million-row export never sits in memory.
///
/// Call `begin` once, `row` for each row (cells aligned with the columns: missing cells are
/// null, extra cells are ignored), then `end` once.
public protocol ExportWriter: Sendable {
    var format: ExportFormat { get }
    mutating func begin(into out: inout [UInt8])
    mutating func row(_ cells: [CellValue], into out: inout [UInt8])
    mutating func end(into out: inout [UInt8])
    /// Data rows written so far (rows refused after a format limit are not counted).
    var rowCount: Int { get }
    /// True when the format's limits made the writer drop rows (XLSX only).
    var truncated: Bool { get }
    /// Remarks for the user about what the format could not hold, from the `export` catalog.
    var notices: [Notice] { get }
}

extension ExportWriter {
    public var truncated: Bool { false }
    public var notices: [Notice] { [] }
}
