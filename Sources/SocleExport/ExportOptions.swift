/// Choices a reuser makes when downloading; each writer ignores what does not apply to it.
public struct ExportOptions: Sendable, Equatable {
    /// CSV only: the variant French Excel opens correctly (UTF-8 BOM, `;`, decimal comma,
    /// `VRAI`/`FAUX`).
    public var excelFrench: Bool
    /// CSV and XLSX: header row shows the source labels instead of the column names.
    public var useLabels: Bool
    /// XLSX only: the worksheet's name (cleaned to Excel's rules: 31 characters, no `[]:*?/\`).
    public var sheetName: String

    public init(excelFrench: Bool = false, useLabels: Bool = false, sheetName: String = "Export") {
        self.excelFrench = excelFrench
        self.useLabels = useLabels
        self.sheetName = sheetName
    }
}
