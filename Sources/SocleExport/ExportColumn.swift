import SocleCore

/// One column of an export: its API name (JSON keys, CSV header), its label and its type.
public struct ExportColumn: Sendable, Equatable {
    /// Safe identifier used as JSON key and, by default, as CSV/XLSX header.
    public var name: String
    /// The header as the source file wrote it; used when `ExportOptions.useLabels` is set.
    public var label: String
    public var type: ColumnType

    /// An empty label falls back to the name.
    public init(name: String, label: String? = nil, type: ColumnType) {
        self.name = name
        if let label, !label.isEmpty { self.label = label } else { self.label = name }
        self.type = type
    }

    /// The export column of a revision column.
    public init(_ schema: ColumnSchema) {
        self.init(name: schema.name, label: schema.label, type: schema.type)
    }

    /// The header text under the given options.
    func header(_ options: ExportOptions) -> String {
        options.useLabels ? label : name
    }
}
