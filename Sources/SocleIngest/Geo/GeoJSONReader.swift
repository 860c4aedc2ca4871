import Foundation
import SocleCore

/// Streams the features of a GeoJSON FeatureCollection (or a single Feature or geometry) one at a
/// time: flattened properties, then "id" when features carry one, then a final "geometry" column
/// holding compact GeoJSON. A first pass over the file finds every property key (so "geometry"
/// stays last), the legacy `crs` member and where the features array starts.
public final class GeoJSONReader: TableReader {
    private enum Layout { case collection, feature, geometry }

    private let options: ReaderOptions
    private let path: String
    private let supplier: FileByteSupplier
    private let scanner: JSONStreamScanner
    private let columns = JSONRecordColumns()
    private var layout = Layout.collection
    private var hadBOM = false
    private var dataStart: Int64 = 0
    private var notes: [Notice] = []
    private var idColumn: Int?
    private var geometryColumn = 0
    private var projected = false
    private var featureIndex = 0
    private var emptyGeometries = 0
    private var finished = false
    private var afterFirst = false

    public init(url: URL, options: ReaderOptions) throws {
        self.options = options
        self.path = url.path
        guard let supplier = FileByteSupplier(path: url.path) else {
            throw IngestError.make("file.unreadable", file: options.displayName)
        }
        self.supplier = supplier
        self.scanner = JSONStreamScanner(window: StreamByteWindow(supplier: supplier))
        try guarded { try self.survey() }
    }

    public var labels: [String] { columns.labels }
    public var bytesRead: Int64 { finished ? supplier.size : scanner.w.offset }
    public var totalBytes: Int64 { supplier.size }

    public var report: ReaderReport {
        var w = notes + columns.shapeWarnings
        if emptyGeometries > 0 {
            w.append(Notice("geojson.warning.empty_geometries", ["count": String(emptyGeometries)]))
        }
        return ReaderReport(format: .geojson, encoding: hadBOM ? "utf-8-bom" : "utf-8", warnings: w)
    }

    public func nextBatch(maxRows: Int) throws -> RawBatch? {
        var batch = RawBatch(columnCount: columns.count, capacityRows: min(max(maxRows, 1), 4096),
                             capacityBytes: 1 << 16)
        while batch.rowCount < maxRows, batch.bytes.count < IngestLimits.maxBatchBytes, try guarded({ try self.readFeature() }) {
            columns.emitRow(into: &batch, line: featureIndex)
        }
        return batch.rowCount == 0 ? nil : batch
    }

    // MARK: first pass

    private func survey() throws {
        let sc = scanner
        hadBOM = try sc.skipBOM()
        dataStart = sc.w.offset
        try sc.skipWhitespace()
        guard let c = try sc.peek() else { throw IngestError.make("file.empty", file: options.displayName) }
        guard c == UInt8(ascii: "{") else {
            throw IngestError.make("geojson.not_geojson", file: options.displayName, line: sc.line,
                                   args: ["found": sc.fail(.expectedValue).found])
        }
        var topType: String?
        var crsName: String?
        var features: (offset: Int64, line: Int, lineStart: Int64)?
        var sawId = false
        let key = ByteAccumulator(capacity: 64)
        let close = UInt8(ascii: "}")
        sc.advance()
        try sc.skipWhitespace()
        if try sc.peek() == close { sc.advance() } else {
            repeat {
                try sc.skipWhitespace()
                guard try sc.peek() == 0x22 else {
                    if try sc.peek() == nil { throw sc.fail(.truncated(close)) }
                    throw sc.fail(.expectedKey)
                }
                key.removeAll()
                try sc.scanString(into: key, raw: false)
                try sc.expectColon(close: close)
                try sc.skipWhitespace()
                switch key.string() {
                case "type" where try sc.peek() == 0x22:
                    key.removeAll()
                    try sc.scanString(into: key, raw: false)
                    topType = key.string()
                case "crs":
                    key.removeAll()
                    try sc.copyValue(into: key, close: close, depth: 1)
                    crsName = Self.crsName(Data(key.bytes))
                case "features" where try sc.peek() == UInt8(ascii: "["):
                    features = (sc.w.offset, sc.line, sc.lineStart)
                    sawId = try surveyFeatures() || sawId
                default:
                    try sc.copyValue(into: nil, close: close, depth: 1)
                }
            } while try sc.nextSeparator(close: close)
        }
        try sc.skipWhitespace()
        if try sc.peek() != nil { throw sc.fail(.trailingContent) }

        switch topType {
        case "FeatureCollection":
            guard let f = features else {
                throw IngestError.make("geojson.no_features", file: options.displayName)
            }
            layout = .collection
            try sc.jump(to: f.offset + 1, line: f.line, lineStart: f.lineStart)
        case "Feature":
            layout = .feature
            try sc.jump(to: dataStart, line: 1, lineStart: 0)
            featureIndex = 1
            sawId = try surveyFeature()
            featureIndex = 0
            try sc.jump(to: dataStart, line: 1, lineStart: 0)
        case let t? where Self.geometryTypes.contains(t):
            layout = .geometry
            notes.append(Notice("geojson.warning.bare_geometry", ["type": t]))
            try sc.jump(to: dataStart, line: 1, lineStart: 0)
        default:
            throw IngestError.make("geojson.not_geojson", file: options.displayName,
                                   args: ["found": topType ?? "{"])
        }
        if sawId && columns.index(of: "id") == nil { idColumn = columns.addColumn(label: "id") }
        geometryColumn = columns.addColumn(label: "geometry")
        if let name = crsName { describeCRS(name) }
    }

    /// Walks the features array registering property keys; true when some feature has an `id`.
    private func surveyFeatures() throws -> Bool {
        let sc = scanner
        let close = UInt8(ascii: "]")
        var sawId = false
        sc.advance()
        try sc.skipWhitespace()
        if try sc.peek() == close { sc.advance(); return false }
        repeat {
            featureIndex += 1
            sawId = try surveyFeature() || sawId
        } while try sc.nextSeparator(close: close)
        featureIndex = 0
        return sawId
    }

    private func surveyFeature() throws -> Bool {
        try forEachMember(ofFeature: featureIndex) { name, sc in
            switch name {
            case "properties":
                try self.readProperties(keysOnly: true)
                return false
            case "id":
                try sc.copyValue(into: nil, close: UInt8(ascii: "}"), depth: 1)
                return true
            default:
                try sc.copyValue(into: nil, close: UInt8(ascii: "}"), depth: 1)
                return false
            }
        }
    }

    /// Calls `body` for every member of the feature object at the scanner after checking that it is
    /// an object whose `type` is "Feature"; returns true when any call returned true.
    private func forEachMember(ofFeature index: Int,
                               _ body: (String, JSONStreamScanner) throws -> Bool) throws -> Bool {
        let sc = scanner
        let close = UInt8(ascii: "}")
        try sc.skipWhitespace()
        let line = sc.line
        guard let c = try sc.peek() else { throw sc.fail(.truncated(UInt8(ascii: "]"))) }
        guard c == UInt8(ascii: "{") else {
            throw IngestError.make("geojson.bad_feature", file: options.displayName, line: line, row: index,
                                   args: ["feature": String(index), "found": sc.fail(.expectedValue).found])
        }
        sc.advance()
        var any = false
        var type: String?
        let key = ByteAccumulator(capacity: 32)
        try sc.skipWhitespace()
        if try sc.peek() == close { sc.advance() } else {
            repeat {
                try sc.skipWhitespace()
                guard try sc.peek() == 0x22 else {
                    if try sc.peek() == nil { throw sc.fail(.truncated(close)) }
                    throw sc.fail(.expectedKey)
                }
                key.removeAll()
                try sc.scanString(into: key, raw: false)
                try sc.expectColon(close: close)
                try sc.skipWhitespace()
                let name = key.string()
                if name == "type", try sc.peek() == 0x22 {
                    key.removeAll()
                    try sc.scanString(into: key, raw: false)
                    type = key.string()
                } else if try body(name, sc) {
                    any = true
                }
            } while try sc.nextSeparator(close: close)
        }
        guard type == "Feature" else {
            throw IngestError.make("geojson.bad_feature", file: options.displayName, line: line, row: index,
                                   args: ["feature": String(index), "found": type ?? "{"])
        }
        return any
    }

    private func readProperties(keysOnly: Bool) throws {
        let sc = scanner
        switch try sc.peek() {
        case UInt8(ascii: "{"):
            columns.path.removeAll()
            try columns.readObject(sc, prefix: 0, depth: 1, keysOnly: keysOnly)
        case UInt8(ascii: "n"):
            _ = try sc.scanLiteral(into: nil)
        default:
            throw IngestError.make("geojson.bad_properties", file: options.displayName, line: sc.line,
                                   row: featureIndex, args: ["feature": String(featureIndex)])
        }
    }

    // MARK: second pass

    /// Reads the next feature into `columns`; false at the end.
    private func readFeature() throws -> Bool {
        guard !finished else { return false }
        let sc = scanner
        switch layout {
        case .collection:
            if afterFirst {
                guard try sc.nextSeparator(close: UInt8(ascii: "]")) else { finished = true; return false }
            } else {
                afterFirst = true
                try sc.skipWhitespace()
                if try sc.peek() == UInt8(ascii: "]") { finished = true; return false }
            }
        case .feature, .geometry:
            finished = true
        }
        featureIndex += 1
        columns.beginRecord()
        try sc.skipWhitespace()
        let line = sc.line
        if layout == .geometry {
            let s = columns.values.count
            try sc.copyValue(into: columns.values, close: nil, depth: 0)
            try checkGeometry(start: s, end: columns.values.count, line: line)
            return true
        }
        var geometryRange: (Int, Int)?
        _ = try forEachMember(ofFeature: featureIndex) { name, sc in
            let close = UInt8(ascii: "}")
            switch name {
            case "properties":
                try self.readProperties(keysOnly: false)
            case "geometry":
                let c = try sc.peek()
                if c == UInt8(ascii: "n") {
                    _ = try sc.scanLiteral(into: nil)
                } else if c == UInt8(ascii: "{") {
                    let s = self.columns.values.count
                    try sc.copyValue(into: self.columns.values, close: close, depth: 1)
                    geometryRange = (s, self.columns.values.count)
                } else {
                    throw IngestError.make("geojson.bad_geometry_member", file: self.options.displayName,
                                           line: sc.line, row: self.featureIndex,
                                           args: ["feature": String(self.featureIndex)])
                }
            case "id" where self.idColumn != nil:
                let s = self.columns.values.count
                if try sc.peek() == 0x22 {
                    try sc.scanString(into: self.columns.values, raw: false)
                } else if try sc.peek() == UInt8(ascii: "n") {
                    _ = try sc.scanLiteral(into: nil)
                } else {
                    try sc.copyValue(into: self.columns.values, close: close, depth: 1)
                }
                if let c = self.idColumn { self.columns.set(c, s, self.columns.values.count) }
            default:
                try sc.copyValue(into: nil, close: close, depth: 1)
            }
            return false
        }
        if let (s, e) = geometryRange { try checkGeometry(start: s, end: e, line: line) }
        return true
    }

    /// Validates the geometry text at `start…` of the values and assigns it to the geometry column.
    private func checkGeometry(start: Int, end: Int, line: Int) throws {
        let box: GeoJSONGeometry.BBox
        do {
            box = try GeoJSONGeometry.check(columns.values.slice(start, end))
        } catch let problem as GeoJSONGeometry.Problem {
            if problem == .empty {
                emptyGeometries += 1
                return
            }
            throw GeoJSONProblemText.error(problem, file: options.displayName, line: line, feature: featureIndex)
        }
        if !projected && (box.minX < -180 || box.maxX > 180 || box.minY < -90 || box.maxY > 90) {
            let x = box.minX < -180 ? box.minX : box.maxX > 180 ? box.maxX : box.minX
            let y = box.minY < -90 ? box.minY : box.maxY > 90 ? box.maxY : box.minY
            throw IngestError.make("geojson.out_of_range", file: options.displayName, line: line,
                                   row: featureIndex,
                                   args: ["feature": String(featureIndex), "x": "\(x)", "y": "\(y)"])
        }
        columns.set(geometryColumn, start, end)
    }

    // MARK: crs

    static let geometryTypes: Set<String> = [
        "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection",
    ]

    /// EPSG codes of geographic (lon/lat in degrees) systems met in French data.
    static let geographicEPSG: Set<Int> = [4326, 4258, 4171, 4269, 4230, 4275, 4807, 4624, 4627, 4559, 4640, 4687, 4471]

    static func crsName(_ data: Data) -> String? {
        guard let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        if let props = obj["properties"] as? [String: Any] {
            if let name = props["name"] as? String { return name }
            if let code = props["code"] { return "EPSG:\(code)" }
        }
        return obj["type"] as? String
    }

    /// Notes the legacy `crs` member; a projected system switches off the lon/lat range check.
    private func describeCRS(_ name: String) {
        let upper = name.uppercased()
        var code: Int?
        if let r = upper.range(of: "EPSG") {
            let digits = upper[r.upperBound...].drop { !$0.isNumber }.prefix { $0.isNumber }
            code = Int(digits)
        }
        if upper.contains("CRS84") || upper.contains("CRS83") || code.map(Self.geographicEPSG.contains) == true {
            notes.append(Notice("geojson.warning.crs_geographic", ["crs": name]))
        } else if let code {
            projected = true
            notes.append(Notice("geojson.warning.crs_projected", ["code": String(code), "crs": name]))
        } else {
            notes.append(Notice("geojson.warning.crs_unknown", ["crs": name]))
        }
    }

    private func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as JSONScanError {
            throw e.located(file: options.displayName, path: path, row: featureIndex > 0 ? featureIndex : nil)
        }
    }
}
