import Foundation
import Testing
import SocleCore
@testable import SoclePrivacy

@Suite struct GridSnapperTests {
    private func parse(_ s: String?) -> (Double, Double)? { s.flatMap { GridSnapper.parse($0) } }

    @Test func pointsOfOneCellShareItsCentre() throws {
        // Two points about 20 m apart in Vire fall in the same 200 m cell; one 500 m away does not.
        let a = try #require(GridSnapper.snap("48.83850,-0.88900", metres: 200))
        let b = try #require(GridSnapper.snap("48.83860,-0.88920", metres: 200))
        let c = try #require(GridSnapper.snap("48.84300,-0.88900", metres: 200))
        #expect(a == b)
        #expect(a != c)
        let (lat, lon) = try #require(parse(a))
        // The centre is within half a cell (100 m) of the point on each axis.
        #expect(abs(lat - 48.8385) * 111_320 <= 100.5)
        #expect(abs(lon + 0.889) * 111_320 * cos(lat * .pi / 180) <= 100.5)
        #expect(a.split(separator: ",")[0].split(separator: ".")[1].count == 4)
    }

    @Test func centreIsItsOwnCentre() throws {
        for p in ["48.8385,-0.889", "-33.86,151.21", "0,0", "89.9999,179.9", "-90,-180", "45,180"] {
            let once = try #require(GridSnapper.snap(p, metres: 1000), "\(p)")
            #expect(GridSnapper.snap(once, metres: 1000) == once, "\(p)")
            let (lat, lon) = try #require(parse(once))
            #expect((-90...90).contains(lat) && (-180...180).contains(lon))
        }
    }

    @Test func noNegativeZero() throws {
        #expect(GridSnapper.format(-0.00001, 4) == "0.0000")
        #expect(GridSnapper.format(-0.00001, 5) == "-0.00001")
        // Just south of the equator is the row below it: a negative centre, not zero.
        #expect(GridSnapper.snap("-0.00001,-0.00001", metres: 100_000)?.hasPrefix("-0.4") == true)
    }

    @Test(arguments: ["", "48.8", "48.8,", "91,0", "0,181", "abc,def", "48,8;2", "nan,0", "1e400,0", "48.8, -0.8, 3"])
    func notAPoint(_ text: String) throws {
        #expect(GridSnapper.snap(text, metres: 200) == nil)
    }

    @Test func sizeMustBeSensible() throws {
        let input = AnonFixtures.single("position", .geopoint, [.text("48.8,-0.8")])
        for m in [0, 9, 100_001, -5] {
            #expect(AnonFixtures.code {
                try AnonFixtures.run(AnonymisationPlan(steps: [.generalise(column: "position", to: .grid(metres: m))]), input)
            } == "anonymisation.grid_size")
        }
        #expect(AnonFixtures.code { try Generalisation(parsing: "grid:5") } == "anonymisation.grid_size")
        #expect(AnonFixtures.code { try Generalisation(parsing: "grid:abc") } == "anonymisation.grid_size")
        #expect((try? Generalisation(parsing: "grid:200")) == .grid(metres: 200))
    }

    @Test func pairSourcesMustGo() throws {
        var point = AnonFixtures.column("geo_point", "", .geopoint)
        point.format.latitudeColumn = "lat"
        point.format.longitudeColumn = "lon"
        let input = AnonymisationInput(
            columns: [AnonFixtures.column("lat", "lat", .number), AnonFixtures.column("lon", "lon", .number), point],
            rows: [[.number(48.8385), .number(-0.889), .text("48.8385,-0.889")]],
            verdicts: ["lat": .personal, "lon": .personal, "geo_point": .personal])
        let kept = try AnonFixtures.run(AnonymisationPlan(steps: [.generalise(column: "geo_point", to: .grid(metres: 500))]), input)
        #expect(kept.report.checks.contains { $0.kind == .geoSources && !$0.passed })
        #expect(!kept.report.clearsPersonalData)
        let dropped = try AnonFixtures.run(AnonymisationPlan(steps: [
            .drop(column: "lat"), .drop(column: "lon"), .generalise(column: "geo_point", to: .grid(metres: 500)),
        ]), input)
        #expect(dropped.report.checks.contains { $0.kind == .geoSources && $0.passed })
        #expect(dropped.columns.map(\.name) == ["geo_point"])
        #expect(dropped.columns[0].format.latitudeColumn == nil && dropped.columns[0].type == .geopoint)
    }
}
