import Foundation

/// A cell's value reduced to what constraints need: identity (`unique`, `enum`, primary keys) and order
/// (`minimum`, `maximum`). Lexical types (strings, JSON, durations) keep their bytes.
enum CellValue: Hashable, Sendable {
    case text([UInt8])
    case integer(Int64)
    case real(Double)
    case boolean(Bool)
    /// Dates (days since 1970-01-01), years, year-months (months since year 0).
    case ordinal(Int64)
    /// Datetimes (seconds since the epoch, UTC) and times (seconds since midnight).
    case instant(Double)

    /// Numeric order across integers and reals; nil when the two values cannot be ordered.
    static func compare(_ a: CellValue, _ b: CellValue) -> Int? {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x > y ? 1 : 0) }
        switch (a, b) {
        case let (.integer(x), .integer(y)): return cmp(x, y)
        case let (.integer(x), .real(y)): return y.isNaN ? nil : cmp(Double(x), y)
        case let (.real(x), .integer(y)): return x.isNaN ? nil : cmp(x, Double(y))
        case let (.real(x), .real(y)): return x.isNaN || y.isNaN ? nil : cmp(x, y)
        case let (.ordinal(x), .ordinal(y)): return cmp(x, y)
        case let (.instant(x), .instant(y)): return cmp(x, y)
        case let (.text(x), .text(y)): return x == y ? 0 : (x.lexicographicallyPrecedes(y) ? -1 : 1)
        case let (.boolean(x), .boolean(y)): return x == y ? 0 : (x ? 1 : -1)
        default: return nil
        }
    }
}

/// Reads one field's cells as the Table Schema type says: on bytes, without allocating unless the
/// value itself is needed (`keep`).
struct CellCaster {
    enum Temporal {
        case iso
        case any([StrptimeFormat])
        case pattern(StrptimeFormat)
    }

    enum StringFormat { case plain, email, uri, uuid, binary }
    enum GeoFormat { case pair, array, object }

    let type: FieldType
    let temporal: Temporal
    let stringFormat: StringFormat
    let geoFormat: GeoFormat
    let topojson: Bool
    let trueValues: [[UInt8]]
    let falseValues: [[UInt8]]
    let number: NumberLexer

    struct UnsupportedFormat: Error { var format: String }

    init(_ field: SchemaField) throws(UnsupportedFormat) {
        type = field.type
        trueValues = field.trueValues.map { Array($0.utf8) }
        falseValues = field.falseValues.map { Array($0.utf8) }
        number = NumberLexer(decimal: field.decimalChar, group: field.groupChar, bare: field.bareNumber)
        var format = field.format
        if format.hasPrefix("fmt:") { format = String(format.dropFirst(4)) }
        var temporal = Temporal.iso
        var stringFormat = StringFormat.plain
        var geo = GeoFormat.pair
        switch field.type {
        case .date, .time, .datetime:
            if format == "any" {
                temporal = .any(CellCaster.anyFormats(field.type))
            } else if format != "default" && !format.isEmpty {
                guard format.contains("%"), let f = try? StrptimeFormat(format) else { throw UnsupportedFormat(format: format) }
                temporal = .pattern(f)
            }
        case .string:
            switch format {
            case "email": stringFormat = .email
            case "uri": stringFormat = .uri
            case "uuid": stringFormat = .uuid
            case "binary": stringFormat = .binary
            default: stringFormat = .plain  // unknown string formats are descriptive only
            }
        case .geopoint:
            switch format {
            case "default", "": geo = .pair
            case "array": geo = .array
            case "object": geo = .object
            default: throw UnsupportedFormat(format: format)
            }
        default:
            break
        }
        self.temporal = temporal
        self.stringFormat = stringFormat
        self.geoFormat = geo
        self.topojson = field.type == .geojson && format == "topojson"
    }

    /// What `format: any` accepts: ISO first, then the day-first forms French files use.
    static func anyFormats(_ type: FieldType) -> [StrptimeFormat] {
        let dates = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%d/%m/%y", "%Y%m%d", "%d %B %Y", "%B %d %Y"]
        let times = ["%H:%M:%S", "%H:%M", "%H:%M:%S.%f", "%Hh%M", "%I:%M %p", "%H:%M:%S%z"]
        var list: [String]
        switch type {
        case .date: list = dates
        case .time: list = times
        default:
            list = dates.flatMap { d in ["%H:%M:%S", "%H:%M", "%H:%M:%S.%f", "%H:%M:%S%z", "%H:%M:%S.%f%z"].map { d + " " + $0 } }
            list += dates.prefix(1).flatMap { d in ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M:%S%z", "%H:%M:%S.%f%z", "%H:%M"].map { d + "T" + $0 } }
        }
        return list.compactMap { try? StrptimeFormat($0) }
    }

    /// The typed value, or nil when the cell is not of the field's type. With `keep == false` a
    /// lexical value comes back as an empty `.text` (the caller only wanted the type check).
    func cast(_ v: UnsafeBufferPointer<UInt8>, keep: Bool) -> CellValue? {
        switch type {
        case .string:
            guard stringFormatAccepts(v) else { return nil }
            return .text(keep ? Array(v) : [])
        case .any:
            return .text(keep ? Array(v) : [])
        case .integer:
            return number.integer(v, keep: keep)
        case .number:
            return number.number(v, keep: keep)
        case .boolean:
            if trueValues.contains(where: { equal($0, v) }) { return .boolean(true) }
            if falseValues.contains(where: { equal($0, v) }) { return .boolean(false) }
            return nil
        case .date:
            guard let p = temporalParts(v), let d = p.epochDay else { return nil }
            return .ordinal(d)
        case .datetime:
            guard let p = temporalParts(v), let s = p.epochSeconds else { return nil }
            return .instant(s)
        case .time:
            guard let p = temporalParts(v) else { return nil }
            return .instant(p.secondsOfDay)
        case .year:
            var s = ByteScanner(v)
            guard let y = s.digits(min: 4, max: 4), s.atEnd else { return nil }
            return .ordinal(Int64(y))
        case .yearmonth:
            var s = ByteScanner(v)
            guard let y = s.digits(min: 4, max: 4), s.eat(UInt8(ascii: "-")),
                  let m = s.digits(min: 1, max: 2), s.atEnd, m >= 1, m <= 12 else { return nil }
            return .ordinal(Int64(y) * 12 + Int64(m - 1))
        case .duration:
            guard CellCaster.isDuration(v) else { return nil }
            return .text(keep ? Array(v) : [])
        case .geopoint:
            guard geopoint(v) != nil else { return nil }
            return .text(keep ? Array(v) : [])
        case .geojson:
            guard case .object(let o)? = try? JSONParser.parse(v), let t = o["type"]?.stringValue else { return nil }
            let ok = topojson ? t == "Topology" : CellCaster.geoJSONTypes.contains(t)
            return ok ? .text(keep ? Array(v) : []) : nil
        case .object:
            guard case .object? = try? JSONParser.parse(v) else { return nil }
            return .text(keep ? Array(v) : [])
        case .array:
            guard case .array? = try? JSONParser.parse(v) else { return nil }
            return .text(keep ? Array(v) : [])
        }
    }

    static let geoJSONTypes: Set<String> = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
                                            "MultiPolygon", "GeometryCollection", "Feature", "FeatureCollection"]

    private func temporalParts(_ v: UnsafeBufferPointer<UInt8>) -> DateTimeParts? {
        switch temporal {
        case .iso:
            switch type {
            case .date: return ISOTemporal.date(v)
            case .time: return ISOTemporal.time(v)
            default: return ISOTemporal.datetime(v)
            }
        case .pattern(let f):
            return f.parse(v)
        case .any(let formats):
            if type == .datetime, let p = ISOTemporal.datetime(v) { return p }
            for f in formats { if let p = f.parse(v) { return p } }
            return nil
        }
    }

    /// (longitude, latitude) of a geopoint cell, range-checked.
    func geopoint(_ v: UnsafeBufferPointer<UInt8>) -> (Double, Double)? {
        var lon: Double?
        var lat: Double?
        switch geoFormat {
        case .pair:
            guard let comma = v.firstIndex(of: UInt8(ascii: ",")) else { return nil }
            let plain = NumberLexer(decimal: ".", group: "", bare: true)
            if case .real(let x)? = plain.number(UnsafeBufferPointer(rebasing: v[..<comma])) { lon = x }
            if case .real(let y)? = plain.number(UnsafeBufferPointer(rebasing: v[(comma + 1)...])) { lat = y }
        case .array:
            guard case .array(let items)? = try? JSONParser.parse(v), items.count == 2 else { return nil }
            lon = items[0].numberValue
            lat = items[1].numberValue
        case .object:
            guard case .object(let o)? = try? JSONParser.parse(v) else { return nil }
            lon = o["lon"]?.numberValue
            lat = o["lat"]?.numberValue
        }
        guard let x = lon, let y = lat, x >= -180, x <= 180, y >= -90, y <= 90 else { return nil }
        return (x, y)
    }

    private func equal(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for k in 0..<a.count where a[k] != b[k] { return false }
        return true
    }

    private func stringFormatAccepts(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        switch stringFormat {
        case .plain: return true
        case .email: return CellCaster.isEmail(v)
        case .uri: return CellCaster.isURI(v)
        case .uuid: return CellCaster.isUUID(v)
        case .binary: return CellCaster.isBase64(v)
        }
    }
}
