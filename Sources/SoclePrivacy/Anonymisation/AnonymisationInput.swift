import SocleCore

/// The table to anonymise, held in memory: columns, rows, and the effective privacy verdict of each column.
///
/// The engine is made for the tables of a town or a CCAS (thousands to a few hundred thousand rows):
/// `Anonymiser.maxCells` bounds rows × columns so that a mistaken call cannot exhaust the server's memory.
/// Pass the user columns only (not the `_geo_*` helper columns of the revision table).
public struct AnonymisationInput: Sendable {
    public var columns: [ColumnSchema]
    /// One array per row, one cell per column, in column order.
    public var rows: [[CellValue]]
    /// Effective verdict (reviewed, else suggested) per column name. A column without one is unclassified
    /// and blocks clearing, because Socle clears only what a person classified.
    public var verdicts: [String: PrivacyLevel]
    /// Data category per column name when known; it sharpens the quasi-identifier hints.
    public var categories: [String: DataCategory]

    public init(columns: [ColumnSchema], rows: [[CellValue]], verdicts: [String: PrivacyLevel],
                categories: [String: DataCategory] = [:]) {
        self.columns = columns
        self.rows = rows
        self.verdicts = verdicts
        self.categories = categories
    }
}
