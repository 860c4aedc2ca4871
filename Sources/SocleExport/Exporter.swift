import SocleCore

/// Entry point: the writer for a format.
public enum Exporter {
    /// A fresh writer; call `begin`, `row`… and `end` on it.
    public static func writer(_ format: ExportFormat, columns: [ExportColumn],
                              options: ExportOptions = ExportOptions()) -> any ExportWriter {
        ExportStrings.register()
        switch format {
        case .csv: return CSVWriter(columns: columns, options: options)
        case .json: return JSONWriter(columns: columns)
        case .ndjson: return NDJSONWriter(columns: columns)
        case .geojson: return GeoJSONWriter(columns: columns)
        case .xlsx: return XLSXWriter(columns: columns, options: options)
        }
    }
}
