import Foundation
import Testing
import SocleCore
@testable import SocleIngest

@Suite struct GeoJSONReaderTests {
    private func open(_ name: String, _ text: String) throws -> GeoJSONReader {
        try GeoJSONReader(url: Fixtures.temp(name, text), options: ReaderOptions(displayName: name))
    }

    private func bbox(_ text: String) -> GeoJSONGeometry.BBox? {
        var t = text
        return t.withUTF8 { GeoJSONGeometry.bbox(utf8: $0) }
    }

    @Test(arguments: [
        ("geojson/france-geojson/cantons-75-paris.geojson", 0, ["geometry"]),
        ("geojson/france-geojson/communes-2A-corse-du-sud.geojson", 124, ["code", "nom", "geometry"]),
        ("geojson/france-geojson/communes-75-paris.geojson", 1, ["code", "nom", "geometry"]),
        ("geojson/france-geojson/communes-90-territoire-de-belfort.geojson", 102, ["code", "nom", "geometry"]),
        ("geojson/france-geojson/communes-971-guadeloupe.geojson", 32, ["code", "nom", "geometry"]),
        ("geojson/france-geojson/departements-version-simplifiee.geojson", 96, ["code", "nom", "geometry"]),
        ("geojson/france-geojson/regions-version-simplifiee.geojson", 13, ["code", "nom", "geometry"]),
        ("geojson/geobretagne-cyclab/epci.geojson", 30, ["code_epci", "nom_epci", "geometry"]),
        ("geojson/geobretagne-cyclab/schema_cyclables_existant.geojson", 569, ["fid", "EPCI", "Type", "geometry"]),
    ])
    func corpusFilesReadEveryFeature(path: String, count: Int, labels: [String]) throws {
        let url = Fixtures.url(path)
        let reader = try ReaderFactory.open(url, options: ReaderOptions(displayName: url.lastPathComponent))
        #expect(reader.labels == labels)
        let d = try ReaderDump.read(reader, batchRows: 50)
        #expect(d.rows.count == count)
        #expect(d.lines == Array(stride(from: 1, through: count, by: 1)))
        #expect(d.report.format == .geojson)
        for row in d.rows {
            let geometry = try #require(row.last ?? nil)
            let box = try #require(bbox(geometry))
            #expect(box.minX >= -180 && box.maxX <= 180 && box.minY >= -90 && box.maxY <= 90)
        }
        #expect(reader.bytesRead == reader.totalBytes)
    }

    @Test func corsicaKeepsItsAlphanumericCodes() throws {
        let url = Fixtures.url("geojson/france-geojson/communes-2A-corse-du-sud.geojson")
        let d = try ReaderDump.read(GeoJSONReader(url: url, options: ReaderOptions(displayName: "2A.geojson")), batchRows: 1000)
        let codes = d.column("code").compactMap { $0 }
        #expect(codes.count == 124 && codes.allSatisfy { $0.hasPrefix("2A") })
        #expect(d.value(0, "nom") == "Bonifacio")
        #expect(d.value(0, "geometry")?.hasPrefix("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[9.09538,41.4496],") == true)
    }

    @Test func legacyCRSIsNotedAndBigFileStreams() throws {
        let url = Fixtures.url("geojson/geobretagne-cyclab/epci.geojson")
        let d = try ReaderDump.read(GeoJSONReader(url: url, options: ReaderOptions(displayName: "epci.geojson")), batchRows: 7)
        #expect(d.value(0, "code_epci") == "200070688")
        #expect(d.report.warnings.contains { $0.code == "geojson.warning.crs_geographic" && $0.args["crs"]?.contains("CRS84") == true })
        let g0 = try #require(d.value(0, "geometry"))
        let box = try #require(bbox(g0))
        #expect(box.minX > -2 && box.maxX < -1 && box.minY > 48 && box.maxY < 49)
        #expect(d.batches == 5)
    }

    @Test func everyGeometryTypeIdsAndNestedProperties() throws {
        let text = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "id": "a1", "properties": {"nom": "Point", "meta": {"src": "ign", "v": 2}}, "geometry": {"type": "Point", "coordinates": [2.35, 48.85]}},
          {"type": "Feature", "id": 7, "properties": {"nom": "MultiPoint"}, "geometry": {"type": "MultiPoint", "coordinates": [[1, 2], [3, 4, 5]]}},
          {"type": "Feature", "properties": {"nom": "LineString", "tags": ["x"]}, "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}},
          {"type": "Feature", "properties": {"nom": "MultiLineString"}, "geometry": {"type": "MultiLineString", "coordinates": [[[1, 2], [3, 4]], [[-5, -6], [7, 8]]]}},
          {"type": "Feature", "properties": {"nom": "Polygon"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}},
          {"geometry": {"coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]]], "type": "MultiPolygon"}, "properties": {"nom": "MultiPolygon"}, "type": "Feature"},
          {"type": "Feature", "properties": {"nom": "GeometryCollection"}, "geometry": {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [10, 20]}, {"type": "LineString", "coordinates": [[-10, -20], [0, 0]]}]}},
          {"type": "Feature", "properties": null, "geometry": null},
          {"type": "Feature", "properties": {"nom": "vide"}, "geometry": {"type": "Polygon", "coordinates": []}}
        ]}
        """
        let r = try open("types.geojson", text)
        #expect(r.labels == ["nom", "meta.src", "meta.v", "tags", "id", "geometry"])
        let d = try ReaderDump.read(r)
        #expect(d.rows.count == 9)
        #expect(d.value(0, "id") == "a1" && d.value(1, "id") == "7" && d.value(2, "id") == nil)
        #expect(d.value(0, "meta.src") == "ign" && d.value(0, "meta.v") == "2")
        #expect(d.value(2, "tags") == "[\"x\"]")
        #expect(d.value(0, "geometry") == "{\"type\":\"Point\",\"coordinates\":[2.35,48.85]}")
        #expect(d.value(5, "geometry") == "{\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]]],\"type\":\"MultiPolygon\"}")
        #expect(d.rows[7] == [nil, nil, nil, nil, nil, nil])
        #expect(d.value(8, "nom") == "vide" && d.value(8, "geometry") == nil)
        #expect(d.report.warnings.contains(Notice("geojson.warning.empty_geometries", ["count": "1"])))
        let g6 = try #require(d.value(6, "geometry"))
        let gc = try #require(bbox(g6))
        #expect(gc == GeoJSONGeometry.BBox(minX: -10, minY: -20, maxX: 10, maxY: 20))
    }

    @Test func idPropertyWinsOverFeatureId() throws {
        let d = try ReaderDump.read(open("id.geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","id":9,"properties":{"id":"p1"},"geometry":null}]}"#))
        #expect(d.labels == ["id", "geometry"])
        #expect(d.rows == [["p1", nil]])
    }

    @Test func singleFeatureAndBareGeometry() throws {
        let f = try ReaderDump.read(open("one.geojson", #"{"type":"Feature","properties":{"a":1},"geometry":{"type":"Point","coordinates":[1,2]}}"#))
        #expect(f.labels == ["a", "geometry"] && f.rows == [["1", "{\"type\":\"Point\",\"coordinates\":[1,2]}"]])
        let g = try ReaderDump.read(open("geom.geojson", #"{"type": "LineString", "coordinates": [[1, 2], [3, 4]]}"#))
        #expect(g.labels == ["geometry"] && g.rows == [["{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,4]]}"]])
    }

    @Test func projectedCRSAllowsMetresAndSaysSo() throws {
        let text = #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2154"}},"features":[{"type":"Feature","properties":{"n":1},"geometry":{"type":"Point","coordinates":[652000.5,6862000.25]}}]}"#
        let d = try ReaderDump.read(open("l93.geojson", text))
        #expect(d.rows.count == 1)
        #expect(d.report.warnings.contains { $0.code == "geojson.warning.crs_projected" && $0.args["code"] == "2154" })
    }

    @Test func crsAfterFeaturesStillCounts() throws {
        let text = #"{"features":[{"type":"Feature","properties":{"n":1},"geometry":{"type":"Point","coordinates":[652000.5,6862000.25]}}],"crs":{"type":"name","properties":{"name":"EPSG:2154"}},"type":"FeatureCollection"}"#
        let d = try ReaderDump.read(open("l93-fin.geojson", text))
        #expect(d.rows == [["1", "{\"type\":\"Point\",\"coordinates\":[652000.5,6862000.25]}"]])
    }

    @Test(arguments: [
        (#"{"type":"Point","coordinates":[652000.5,6862000.25]}"#, "geojson.out_of_range"),
        (#"{"type":"Point","coordinates":["2.3","48.8"]}"#, "geojson.coordinate_not_number"),
        (#"{"type":"Point","coordinates":[2.3]}"#, "geojson.position_too_short"),
        (#"{"type":"Polygon","coordinates":[[2.3,48.8],[2.4,48.9]]}"#, "geojson.coordinates_nesting"),
        (#"{"type":"LineString","coordinates":[[2.3,48.8],[[2.4,48.9]]]}"#, "geojson.coordinates_nesting"),
        (#"{"type":"Polygone","coordinates":[[[0,0],[1,1],[0,0]]]}"#, "geojson.geometry_type_unknown"),
        (#"{"coordinates":[1,2]}"#, "geojson.geometry_type_missing"),
        (#"{"type":"Point"}"#, "geojson.coordinates_missing"),
        (#"{"type":"Point","coordinates":[null,1]}"#, "geojson.coordinate_not_number"),
    ])
    func invalidCoordinatesNameTheFeatureAndLine(geometry: String, code: String) throws {
        let text = """
        {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"n": 1}, "geometry": {"type": "Point", "coordinates": [1, 2]}},
        {"type": "Feature", "properties": {"n": 2}, "geometry": \(geometry)}
        ]}
        """
        let e = socleError { _ = try ReaderDump.read(open("bad.geojson", text)) }
        #expect(e?.code == code)
        #expect(e?.location?.line == 3)
        #expect(e?.location?.row == 2)
        #expect(e?.args["feature"] == "2")
    }

    @Test func badFeaturesAndTruncationAreLocated() throws {
        let notFeature = socleError { _ = try open("nf.geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null},[1,2]]}"#) }
        #expect(notFeature?.code == "geojson.bad_feature" && notFeature?.location?.row == 2)
        let wrongType = socleError { _ = try open("wt.geojson", #"{"type":"FeatureCollection","features":[{"type":"Point","coordinates":[1,2]}]}"#) }
        #expect(wrongType?.code == "geojson.bad_feature")
        let cut = socleError { _ = try open("cut.geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":1},"geometry":{"type":"Point","coordinates":[1,"#) }
        #expect(cut?.code == "json.truncated" && cut?.location?.line == 1 && cut?.location?.row == 1)
        let notGeo = socleError { _ = try open("x.geojson", #"{"type":"Topology","objects":{}}"#) }
        #expect(notGeo?.code == "geojson.not_geojson")
        let noFeatures = socleError { _ = try open("nof.geojson", #"{"type":"FeatureCollection"}"#) }
        #expect(noFeatures?.code == "geojson.no_features")
    }

    @Test func bboxParsesNumbersExactly() throws {
        let box = try #require(bbox(#" { "bbox": [0, 0, 1, 1], "type" : "LineString" , "coordinates" : [ [ -1.392604825934214 , 48.316944447086115 ] , [ 1e-3, -2.5E+1, 100 ] ] } "#))
        #expect(box.minX == -1.392604825934214 && box.maxX == 0.001)
        #expect(box.minY == -25 && box.maxY == 48.316944447086115)
        #expect(bbox(#"{"type":"Point","coordinates":[2.35,48.85]}"#)?.isPoint == true)
        for invalid in ["", "[]", "{}", "{\"type\":\"Point\",\"coordinates\":[1,2]", "{\"type\":\"Point\",\"coordinates\":[1,2]}x",
                        "{\"type\":\"Polygon\",\"coordinates\":[]}", "{\"type\":\"GeometryCollection\",\"geometries\":[]}",
                        "{\"type\":\"Point\",\"coordinates\":[1e999,2]}", "{\"type\":\"MultiPoint\",\"coordinates\":[1,2]}"] {
            #expect(bbox(invalid) == nil, "\(invalid)")
        }
        let values = ["0.1", "-0.30000000000000004", "123456789.123456789", "1.7976931348623157e308", "5e-324", "48.318176091647892"]
        for v in values {
            let b = try #require(bbox("{\"type\":\"Point\",\"coordinates\":[\(v),0]}"))
            #expect(b.minX == Double(v)!, "\(v)")
        }
    }
}
