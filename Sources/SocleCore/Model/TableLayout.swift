/// The physical columns of a revision table, in order, as both the converter and the stores see them.
///
/// User columns come first, in schema order, then the geographic helper columns when the schema
/// has a geopoint or geometry column (the first such column feeds them): `_geo_lon`, `_geo_lat`,
/// and for a geometry its bounding box (a point's box would only repeat lon/lat).
public struct TableLayout: Codable, Sendable, Equatable {
    public struct Column: Codable, Sendable, Equatable {
        public var name: String
        public var storage: StorageClass
        /// The logical type for user columns; nil for helper columns.
        public var logical: ColumnType?
        public init(name: String, storage: StorageClass, logical: ColumnType?) {
            self.name = name
            self.storage = storage
            self.logical = logical
        }
    }

    public static let helperLon = "_geo_lon"
    public static let helperLat = "_geo_lat"
    public static let helperBBox = ["_geo_xmin", "_geo_ymin", "_geo_xmax", "_geo_ymax"]

    public var columns: [Column]
    /// Index in `columns` of the user column feeding the geo helpers, if any.
    public var geoSourceIndex: Int?

    public init(schema: [ColumnSchema]) {
        var cols = schema.map { Column(name: $0.name, storage: $0.type.storage, logical: $0.type) }
        let geo = schema.firstIndex { $0.type.isGeographic }
        if let geo {
            cols.append(Column(name: Self.helperLon, storage: .real, logical: nil))
            cols.append(Column(name: Self.helperLat, storage: .real, logical: nil))
            if schema[geo].type == .geometry {
                for n in Self.helperBBox { cols.append(Column(name: n, storage: .real, logical: nil)) }
            }
        }
        self.columns = cols
        self.geoSourceIndex = geo
    }

    public var hasGeoHelpers: Bool { geoSourceIndex != nil }

    /// True when the helpers include the bounding box (the geo source is a geometry).
    public var hasBoundingBox: Bool { columns.contains { $0.name == Self.helperBBox[0] } }
}
