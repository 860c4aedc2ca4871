/// Bounds every reader enforces, whatever the file claims: they keep one job's memory bounded and turn a
/// hostile or broken file into a clear, located refusal instead of a crash (issue 10, finding 2).
public enum IngestLimits {
    /// Largest single value (cell, JSON string, GeoJSON geometry) in bytes once decoded.
    public static let maxCellBytes = 32 << 20
    /// Largest record (all its values) in bytes; CSV's record buffer stops at the same size.
    public static let maxRecordBytes = 64 << 20
    /// Most columns a table may have: below PostgreSQL's 1,600 and SQLite's 2,000, with room for the
    /// geo helper columns added at load.
    public static let maxColumns = 1_500
    /// A batch handed to the next stage stops growing at this many bytes, whatever its row count.
    public static let maxBatchBytes = 64 << 20
    /// Most bytes one zip entry (a sheet's XML) may inflate to.
    public static let maxInflatedEntryBytes: Int64 = 4 << 30
    /// Past `ratioCheckedAbove` inflated bytes, an entry may not inflate more than this many times its
    /// compressed size (ordinary sheets inflate 5 to 30 times; a zip bomb about 1,000 times).
    public static let maxInflationRatio: Int64 = 200
    public static let ratioCheckedAbove: Int64 = 16 << 20
    /// Most bytes a part read whole (shared strings, styles, workbook) may inflate to.
    public static let maxWholePartBytes = 256 << 20
    /// Most entries in a spreadsheet's shared-strings table.
    public static let maxSharedStrings = 10_000_000
}
