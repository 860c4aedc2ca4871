import Foundation
import SocleCore

/// Turns a geometry problem into a located error naming the feature.
enum GeoJSONProblemText {
    static func error(_ problem: GeoJSONGeometry.Problem, file: String, line: Int, feature: Int) -> SocleError {
        var args = ["feature": String(feature)]
        let code: String
        switch problem {
        case .syntax: code = "geojson.geometry_syntax"
        case .missingType: code = "geojson.geometry_type_missing"
        case .unknownType(let t): code = "geojson.geometry_type_unknown"; args["type"] = t
        case .missingCoordinates: code = "geojson.coordinates_missing"
        case .notNumber: code = "geojson.coordinate_not_number"
        case .shortPosition: code = "geojson.position_too_short"
        case .nesting(let t): code = "geojson.coordinates_nesting"; args["type"] = t.isEmpty ? "?" : t
        case .empty: code = "geojson.geometry_empty"
        }
        return IngestError.make(code, file: file, line: line, row: feature, args: args)
    }
}
