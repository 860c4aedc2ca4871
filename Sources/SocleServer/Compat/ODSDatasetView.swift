import Foundation
import SocleActions
import SocleCore

/// How a readable dataset and its values look in Opendatasoft Explore v2.1: the dataset object
/// (`dataset_id`, `metas.default`, `fields`), field types and geographic values.
enum ODSDatasetView {
    /// Opendatasoft's name of a Socle column type.
    static func fieldType(_ t: ColumnType) -> String {
        switch t {
        case .integer: return "int"
        case .number: return "double"
        case .boolean: return "boolean"
        case .date: return "date"
        case .datetime: return "datetime"
        case .geopoint: return "geo_point_2d"
        case .geometry: return "geo_shape"
        case .code, .text: return "text"
        }
    }

    static func licenceTitle(_ l: Licence) -> String? {
        switch l {
        case .etalab2: return "Licence Ouverte v2.0 (Etalab)"
        case .odbl: return "Open Database License (ODbL)"
        case .none: return nil
        }
    }

    /// Opendatasoft's dataset features: what the dataset can be explored with.
    static func features(_ g: ReadGrant) -> [String] {
        var out = ["analyze"]
        if g.columns.contains(where: { $0.type.isGeographic }) { out.append("geo") }
        if g.columns.contains(where: { $0.type == .date || $0.type == .datetime }) { out.append("timeserie") }
        return out
    }

    static func fields(_ g: ReadGrant) -> CompatJSON {
        .array(g.columns.map { c in
            .object([("name", .string(c.name)), ("label", .string(c.label.isEmpty ? c.name : c.label)),
                     ("type", .string(fieldType(c.type))),
                     ("description", c.format.semanticDescription(.french).map(CompatJSON.string) ?? .null), ("annotations", .object([]))])
        })
    }

    /// The `metas.default` block (the DCAT-like metadata every Opendatasoft dataset has).
    static func defaultMetas(_ g: ReadGrant) -> CompatJSON {
        let m = g.metadata
        let modified = CompatURL.date(g.revision.createdAt)
        return .object([
            ("title", .string(g.dataset.title)),
            ("description", .string(m.description)),
            ("theme", .array(m.themes.map { .string($0) })),
            ("keyword", .array(m.keywords.map { .string($0) })),
            ("license", .text(licenceTitle(m.licence))),
            ("license_url", .text(m.licence.url)),
            ("language", .string("fr")),
            ("timezone", .null),
            ("modified", .string(modified)),
            ("data_processed", .string(modified)),
            ("metadata_processed", .string(modified)),
            ("publisher", .string(g.organisation.name)),
            ("references", .null),
            ("records_count", .int(g.revision.rowCount)),
            ("geographic_reference", .array(m.spatial.map { .string($0) })),
            ("federated", .bool(false)),
        ])
    }

    /// One dataset object of `/catalog/datasets` and `/catalog/datasets/{id}`.
    static func dataset(_ g: ReadGrant) -> CompatJSON {
        let m = g.metadata
        var dcat: [(String, CompatJSON)] = [("accrualperiodicity", .text(m.frequency))]
        if let c = m.contactPoint { dcat.append(("contact_email", .string(c))) }
        if let s = m.conformsTo { dcat.append(("conforms_to", .string(s))) }
        if let t = m.temporalStart { dcat.append(("temporal_coverage_start", .string(t))) }
        if let t = m.temporalEnd { dcat.append(("temporal_coverage_end", .string(t))) }
        return .object([
            ("visibility", .string(g.isMember && m.accessLevel != .public ? "restricted" : "domain")),
            ("dataset_id", .string(g.dataset.slug)),
            ("dataset_uid", .string("da_\(g.dataset.id)")),
            ("has_records", .bool(g.revision.rowCount > 0)),
            ("data_visible", .bool(true)),
            ("features", .array(features(g).map { .string($0) })),
            ("attachments", .array([])),
            ("alternative_exports", .array([])),
            ("fields", fields(g)),
            ("metas", .object([("default", defaultMetas(g)), ("dcat", .object(dcat))])),
        ])
    }

    /// A cell as Opendatasoft writes it: points as `{"lon", "lat"}`, shapes as GeoJSON features;
    /// a geographic text that cannot be read stays a plain string (never raw bytes unchecked).
    static func value(_ cell: CellValue, type: ColumnType?) -> CompatJSON {
        guard case .text(let s) = cell, let type, type.isGeographic else { return .cell(cell) }
        if type == .geopoint {
            let parts = s.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2,
                  let lat = Double(parts[0].trimmingCharacters(in: .whitespaces)),
                  let lon = Double(parts[1].trimmingCharacters(in: .whitespaces)), lat.isFinite, lon.isFinite
            else { return .cell(cell) }
            return .object([("lon", .double(lon)), ("lat", .double(lat))])
        }
        // Stored geometries are GeoJSON text; embed only what parses as one JSON object.
        let bytes = Array(s.utf8)
        guard bytes.count <= 8 << 20,
              (try? JSONSerialization.jsonObject(with: Data(bytes))) is [String: Any] else { return .cell(cell) }
        return .object([("type", .string("Feature")), ("geometry", .raw(bytes)), ("properties", .object([]))])
    }
}
