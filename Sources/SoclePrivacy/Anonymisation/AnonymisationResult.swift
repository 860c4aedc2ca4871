import SocleCore

/// The derived table and the report that justifies it.
public struct AnonymisationResult: Sendable {
    /// Output columns: names and labels kept, types changed by generalisation, evidence rebuilt from the output
    /// (the source evidence holds raw sample values that must not follow the derived dataset).
    public var columns: [ColumnSchema]
    public var rows: [[CellValue]]
    public var report: AnonymisationReport

    public init(columns: [ColumnSchema], rows: [[CellValue]], report: AnonymisationReport) {
        self.columns = columns
        self.rows = rows
        self.report = report
    }
}
