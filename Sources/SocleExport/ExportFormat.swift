import SocleCore

/// A file format reusers can download a dataset in.
public enum ExportFormat: String, CaseIterable, Sendable {
    case csv, json, ndjson, geojson, xlsx

    /// The HTTP `Content-Type` of the response.
    public var mediaType: String {
        switch self {
        case .csv: return "text/csv; charset=utf-8"
        case .json: return "application/json"
        case .ndjson: return "application/x-ndjson"
        case .geojson: return "application/geo+json"
        case .xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
    }

    /// The file name extension, without the dot.
    public var fileExtension: String { rawValue }

    /// Reads a format name from a URL parameter or a command-line option, ignoring case and a
    /// leading dot; `jsonl` is accepted for NDJSON.
    public init(parameter: String) throws {
        var name = parameter.lowercased()
        if name.hasPrefix(".") { name.removeFirst() }
        if name == "jsonl" { name = "ndjson" }
        guard let format = ExportFormat(rawValue: name) else {
            ExportStrings.register()
            throw SocleError(.invalidInput, code: "export.unknown_format", args: [
                "format": parameter,
                "formats": ExportFormat.allCases.map(\.rawValue).joined(separator: ", "),
            ])
        }
        self = format
    }
}
