import Foundation
import SocleCore
import Testing
@testable import SocleExport

@Suite struct GeoJSONWriterTests {
    static func features(_ bytes: [UInt8]) throws -> [[String: Any]] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(root["type"] as? String == "FeatureCollection")
        return try #require(root["features"] as? [[String: Any]])
    }

    @Test func pointsComeFromTheFirstGeoColumnLongitudeFirst() throws {
        let writer = GeoJSONWriter(columns: SampleTable.columns)
        #expect(writer.geometryColumn == 6)
        let features = try Self.features(SampleTable.render(writer))
        #expect(features.count == 5)
        for feature in features { #expect(feature["type"] as? String == "Feature") }

        let geometry = try #require(features[0]["geometry"] as? [String: Any])
        #expect(geometry["type"] as? String == "Point")
        #expect((geometry["coordinates"] as? [NSNumber])?.map(\.doubleValue) == [5.22, 46.2])
        let properties = try #require(features[0]["properties"] as? [String: Any])
        #expect(properties["position"] == nil)
        #expect(properties.count == 8)
        #expect(properties["code_insee"] as? String == "01053")
        #expect((properties["contour"] as? [String: Any])?["type"] as? String == "Point")

        let spaced = try #require(features[1]["geometry"] as? [String: Any])
        #expect((spaced["coordinates"] as? [NSNumber])?.map(\.doubleValue) == [8.74, 41.93])
        #expect((features[1]["properties"] as? [String: Any])?["nom"] as? String == SampleTable.tricky)
        // Null and unreadable points give a null geometry; the feature stays.
        #expect(features[2]["geometry"] is NSNull)
        #expect(features[3]["geometry"] is NSNull)
        #expect(features[4]["geometry"] is NSNull)
    }

    @Test func geometryColumnIsEmbeddedAsIs() throws {
        let columns = [ExportColumn(name: "contour", type: .geometry), ExportColumn(name: "nom", type: .text)]
        let rows: [[CellValue]] = [
            [.text(SampleTable.polygon), .text("a")],
            [.text("{\"type\":\"Point\",\"coordinates\":[1,2]}}"), .text("b")],  // unbalanced: refused
            [.text("POINT(1 2)"), .text("c")],
        ]
        let bytes = SampleTable.render(GeoJSONWriter(columns: columns), rows: rows)
        #expect(SampleTable.text(bytes).contains(SampleTable.polygon))
        let features = try Self.features(bytes)
        let polygon = try #require(features[0]["geometry"] as? [String: Any])
        #expect(polygon["type"] as? String == "Polygon")
        #expect(features[1]["geometry"] is NSNull)
        #expect(features[2]["geometry"] is NSNull)
        #expect((features[2]["properties"] as? [String: Any])?.count == 1)
    }

    @Test func tableWithoutGeoColumnGivesNullGeometries() throws {
        let columns = [ExportColumn(name: "nom", type: .text)]
        let writer = GeoJSONWriter(columns: columns)
        #expect(writer.geometryColumn == nil)
        let features = try Self.features(SampleTable.render(writer, rows: [[.text("a")], [.text("b")]]))
        #expect(features.count == 2)
        #expect(features.allSatisfy { $0["geometry"] is NSNull })
        #expect((features[1]["properties"] as? [String: String]) == ["nom": "b"])
    }

    @Test func emptyCollectionIsValid() throws {
        let bytes = SampleTable.render(GeoJSONWriter(columns: SampleTable.columns), rows: [])
        #expect(try Self.features(bytes).isEmpty)
    }

    /// Geometry texts that could break out of the surrounding document are never embedded.
    @Test(arguments: [
        "{", "}", "{}}", "{\"a\":[}", "{\"a\":\"x}", "{\"a\":1}{\"b\":2}", "{\"a\":\"\u{01}\"}",
        "{\"a\":1}]", "{\"a\":<1>}", " ", "",
    ])
    func unsafeGeometriesAreRefused(text: String) {
        var out: [UInt8] = []
        #expect(!GeoText.appendGeometry(text, to: &out))
        #expect(out.isEmpty)
    }

    @Test(arguments: ["46.2,5.22", "-0.5,1e-3", "+46.2,.5", " 46 , 5 "])
    func pointsAreValidJSONNumbers(text: String) throws {
        var out: [UInt8] = []
        #expect(GeoText.appendPoint(text, style: .latLonObject, to: &out))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out)) as? [String: NSNumber])
        #expect(object.keys.sorted() == ["lat", "lon"])
    }

    @Test(arguments: ["", ",", "46.2", "46.2;5.2", "a,b", "46.2,5.2,3", "nan,1", "inf,2", "46.2,"])
    func unreadablePointsAreRefused(text: String) {
        var out: [UInt8] = []
        #expect(!GeoText.appendPoint(text, style: .geoJSONPoint, to: &out))
        #expect(out.isEmpty)
    }
}
