import SocleCore

/// How one column's cells become stored values, decided once from its schema (pass 2).
///
/// Storage: integer → Int64; boolean → 1/0; number → Double; date → `YYYY-MM-DD`;
/// datetime → `YYYY-MM-DDTHH:MM:SS[.fff]` + `Z` when an offset was given (then in UTC);
/// code → trimmed text (without a float's `.0` when the column says so); text → the text as found; geopoint → canonical `lat,lon`;
/// geometry → the GeoJSON text as found. Empty cells and, in typed columns, null markers
/// (`NullTokens`, with the dataset's own) → NULL.
struct ValueConverter {
    enum Kind {
        case integer, number(decimal: UInt8), boolean(checkbox: Bool), date(dayFirst: Bool)
        case datetime(dayFirst: Bool), code(dropsDecimalZero: Bool), text, geopoint, geometry
        /// A point built from a latitude and a longitude column (raw indices, decimal separators).
        case pair(lat: Int, latDecimal: UInt8, lon: Int, lonDecimal: UInt8)
    }

    let kind: Kind
    let type: ColumnType
    /// The dataset's own null markers (folded keys), on top of `NullTokens.all`.
    let extraNulls: Set<FoldKey.Key>

    init(column: ColumnSchema, extraNulls: Set<FoldKey.Key> = []) {
        type = column.type
        self.extraNulls = extraNulls
        let dayFirst = column.format.dayFirst ?? true
        switch column.type {
        case .integer: kind = .integer
        case .number: kind = .number(decimal: column.format.decimalSeparator == "." ? 0x2E : 0x2C)
        case .boolean: kind = .boolean(checkbox: column.format.emptyIsFalse == true)
        case .date: kind = .date(dayFirst: dayFirst)
        case .datetime: kind = .datetime(dayFirst: dayFirst)
        case .code: kind = .code(dropsDecimalZero: column.format.dropsDecimalZero == true)
        case .text: kind = .text
        case .geopoint: kind = .geopoint
        case .geometry: kind = .geometry
        }
    }

    init(pairOf column: ColumnSchema, lat: Int, latDecimal: UInt8, lon: Int, lonDecimal: UInt8) {
        type = column.type
        extraNulls = []
        kind = .pair(lat: lat, latDecimal: latDecimal, lon: lon, lonDecimal: lonDecimal)
    }

    /// True when the (trimmed, non-empty) value converts; used to check imposed types in pass 1.
    func accepts(_ value: String) -> Bool {
        ByteText.with(value) { raw in
            let v = ByteText.trim(raw)
            if v.isEmpty || NullTokens.matches(v, extra: extraNulls) { return true }
            switch kind {
            case .integer: return IntegerParser.parse(v) != nil
            case .number(let d): return NumberParser.parse(v, decimalSeparator: d) != nil
            case .boolean: return BooleanParser.parse(v, allowDigits: true, allowCheckbox: true) != nil
            case .date(let df): return DateParser.parseDate(v, dayFirst: df) != nil
            case .datetime(let df): return DateParser.parseDateTime(v, dayFirst: df, allowDateOnly: true) != nil
            case .code, .text, .pair: return true
            case .geopoint: return GeoPointParser.parse(v) != nil
            case .geometry: return GeoJSONGeometry.bbox(utf8: v) != nil
            }
        }
    }

    /// The located error for a value that does not fit `type`.
    static func mismatch(_ type: ColumnType, value: String, file: String, line: Int?, column: String,
                         row: Int?) -> SocleError {
        IngestError.make("inference.not_\(type.rawValue)", file: file, line: line, column: column, row: row,
                         args: ["value": ByteText.excerpt(value, limit: 60), "type": type.rawValue])
    }
}

/// The six geographic helper columns of a batch, fed by the first geographic column.
struct GeoHelpers {
    var lon: [Double] = [], lat: [Double] = [], xmin: [Double] = [], ymin: [Double] = []
    var xmax: [Double] = [], ymax: [Double] = []
    var pointValid: [Bool] = [], boxValid: [Bool] = []

    init(capacity: Int) {
        lon.reserveCapacity(capacity); lat.reserveCapacity(capacity)
        xmin.reserveCapacity(capacity); ymin.reserveCapacity(capacity)
        xmax.reserveCapacity(capacity); ymax.reserveCapacity(capacity)
        pointValid.reserveCapacity(capacity); boxValid.reserveCapacity(capacity)
    }

    @inline(__always)
    mutating func point(lat y: Double, lon x: Double) {
        lon.append(x); lat.append(y)
        xmin.append(x); ymin.append(y); xmax.append(x); ymax.append(y)
        pointValid.append(true); boxValid.append(true)
    }

    @inline(__always)
    mutating func box(_ b: GeoJSONGeometry.BBox) {
        if b.isPoint {
            lon.append(b.minX); lat.append(b.minY)
            pointValid.append(true)
        } else {
            lon.append(0); lat.append(0)
            pointValid.append(false)
        }
        xmin.append(b.minX); ymin.append(b.minY); xmax.append(b.maxX); ymax.append(b.maxY)
        boxValid.append(true)
    }

    @inline(__always)
    mutating func null() {
        lon.append(0); lat.append(0); xmin.append(0); ymin.append(0); xmax.append(0); ymax.append(0)
        pointValid.append(false); boxValid.append(false)
    }

    /// The helper vectors in `TableLayout` order: `_geo_lon`, `_geo_lat`, then the bbox for geometries.
    func vectors(withBoundingBox: Bool) -> [ColumnVector] {
        let point: [ColumnVector] = [.reals(lon, valid: pointValid), .reals(lat, valid: pointValid)]
        guard withBoundingBox else { return point }
        return point + [.reals(xmin, valid: boxValid), .reals(ymin, valid: boxValid),
                        .reals(xmax, valid: boxValid), .reals(ymax, valid: boxValid)]
    }
}
