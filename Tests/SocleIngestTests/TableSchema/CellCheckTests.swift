import Foundation
import Testing
@testable import SocleIngest

/// One field, one cell: which check fails (nil when the cell is valid).
private func failure(_ field: String, _ value: String?, missingValues: String = #"[""]"#) throws -> String? {
    let schema = try SchemaTestSupport.schema(#"{"missingValues": \#(missingValues), "fields": [{"name": "x", \#(field)}]}"#)
    let report = try SchemaTestSupport.validate(schema, ["x"], [[value]])
    #expect(report.valid == report.errors.isEmpty)
    return report.errors.first?.constraint
}

@Suite struct CellCheckTests {
    @Test(arguments: [
        // integers
        (#""type": "integer""#, "42", nil), (#""type": "integer""#, "-7", nil), (#""type": "integer""#, " 12 ", nil),
        (#""type": "integer""#, "+3", nil), (#""type": "integer""#, "1.0", "type"), (#""type": "integer""#, "1 000", "type"),
        (#""type": "integer""#, "99999999999999999999999", nil), (#""type": "integer""#, "12a", "type"),
        (#""type": "integer", "bareNumber": false"#, "12 €", nil), (#""type": "integer", "groupChar": " ""#, "1 000", nil),
        // numbers
        (#""type": "number""#, "1.5", nil), (#""type": "number""#, ".5", nil), (#""type": "number""#, "1e3", nil),
        (#""type": "number""#, "NaN", nil), (#""type": "number""#, "-INF", nil), (#""type": "number""#, "1,5", "type"),
        (#""type": "number""#, "€1.5", "type"), (#""type": "number""#, "1.2.3", "type"), (#""type": "number""#, "-", "type"),
        (#""type": "number", "decimalChar": ",""#, "22,26", nil), (#""type": "number", "decimalChar": ",""#, "22.26", "type"),
        (#""type": "number", "decimalChar": ",", "groupChar": " ""#, "1 234 567,89", nil),
        (#""type": "number", "decimalChar": ",", "groupChar": " ""#, "1\u{00A0}234,5", nil),
        (#""type": "number", "bareNumber": false"#, "12.5 %", nil), (#""type": "number", "bareNumber": false"#, "€ -3", nil),
        // booleans
        (#""type": "boolean""#, "true", nil), (#""type": "boolean""#, "0", nil), (#""type": "boolean""#, "tRue", "type"),
        (#""type": "boolean""#, "oui", "type"), (#""type": "boolean", "trueValues": ["oui"], "falseValues": ["non"]"#, "non", nil),
        (#""type": "boolean", "trueValues": ["oui"], "falseValues": ["non"]"#, "true", "type"),
        // dates
        (#""type": "date""#, "2024-01-31", nil), (#""type": "date""#, "2024-1-5", nil), (#""type": "date""#, "2023-02-29", "type"),
        (#""type": "date""#, "2024-02-29", nil), (#""type": "date""#, "31/01/2024", "type"), (#""type": "date""#, "20240131", "type"),
        (#""type": "date", "format": "%d/%m/%Y""#, "31/01/2024", nil), (#""type": "date", "format": "%d/%m/%Y""#, "5/1/2024", nil),
        (#""type": "date", "format": "%d/%m/%Y""#, "31/01/24", "type"), (#""type": "date", "format": "%d/%m/%Y""#, "31/02/2024", "type"),
        (#""type": "date", "format": "%d/%m/%y""#, "31/01/24", nil), (#""type": "date", "format": "%d %B %Y""#, "5 march 2024", nil),
        (#""type": "date", "format": "%Y%m%d""#, "20240131", nil), (#""type": "date", "format": "%d%m%Y""#, "1122024", nil),
        (#""type": "date", "format": "any""#, "31/01/2024", nil), (#""type": "date", "format": "any""#, "31.01.2024", nil),
        (#""type": "date", "format": "any""#, "hier", "type"), (#""type": "date", "format": "%j/%Y""#, "60/2024", nil),
        // datetimes and times
        (#""type": "datetime""#, "2022-10-18T12:35:49+0000", nil), (#""type": "datetime""#, "2020-06-22T10:00:00Z", nil),
        (#""type": "datetime""#, "2010-07-13T00:00:00+01:00", nil), (#""type": "datetime""#, "2022-10-18 12:35:49", nil),
        (#""type": "datetime""#, "2022-10-18T12:35:49.123+01", nil), (#""type": "datetime""#, "2022-10-18T12:35", "type"),
        (#""type": "datetime""#, "2022-10-18", "type"), (#""type": "datetime""#, "2022-10-18T25:00:00", "type"),
        (#""type": "datetime", "format": "%d/%m/%Y %H:%M""#, "18/10/2022 14:05", nil),
        (#""type": "datetime", "format": "%d/%m/%Y %I:%M %p""#, "18/10/2022 02:05 PM", nil),
        (#""type": "datetime", "format": "any""#, "18/10/2022 14:05", nil),
        (#""type": "time""#, "12:35:49", nil), (#""type": "time""#, "12:35", "type"), (#""type": "time""#, "24:00:00", "type"),
        (#""type": "time", "format": "%Hh%M""#, "8h30", nil),
        // year, yearmonth, duration
        (#""type": "year""#, "2016", nil), (#""type": "year""#, "16", "type"), (#""type": "year""#, "2016.0", "type"),
        (#""type": "yearmonth""#, "2016-01", nil), (#""type": "yearmonth""#, "2016-13", "type"),
        (#""type": "duration""#, "P1Y2M", nil), (#""type": "duration""#, "PT1H30M", nil), (#""type": "duration""#, "PT0.5S", nil),
        (#""type": "duration""#, "P", "type"), (#""type": "duration""#, "PT", "type"), (#""type": "duration""#, "1H", "type"),
        (#""type": "duration""#, "P1M1Y", "type"),
        // geo and JSON
        (#""type": "geopoint""#, "7.4, 48.3", nil), (#""type": "geopoint""#, "200,10", "type"), (#""type": "geopoint""#, "[7.4,48.3]", "type"),
        (#""type": "geopoint", "format": "array""#, "[7.48710500,48.345345]", nil),
        (#""type": "geopoint", "format": "array""#, "[7.4]", "type"), (#""type": "geopoint", "format": "array""#, "[10, 95]", "type"),
        (#""type": "geopoint", "format": "object""#, #"{"lon": 2.35, "lat": 48.85}"#, nil),
        (#""type": "geojson""#, #"{"type":"Point","coordinates":[1,2]}"#, nil), (#""type": "geojson""#, #"{"type":"Foo"}"#, "type"),
        (#""type": "geojson""#, #"{"type":"Point""#, "type"), (#""type": "object""#, #"{"a":1}"#, nil), (#""type": "object""#, "[1]", "type"),
        (#""type": "array""#, #"["a"]"#, nil), (#""type": "array""#, "a", "type"), (#""type": "any""#, "n'importe quoi", nil),
        // string formats
        (#""format": "email""#, "contact@societe-amenageur.com", nil), (#""format": "email""#, "contact@mairie", "type"),
        (#""format": "email""#, "a b@mairie.fr", "type"), (#""format": "email""#, "mairie.fr", "type"),
        (#""format": "uri""#, "https://www.exemple.fr/stationnement/", nil), (#""format": "uri""#, "mailto:a@b.fr", nil),
        (#""format": "uri""#, "www.exemple.fr", "type"), (#""format": "uuid""#, "123e4567-e89b-12d3-a456-426614174000", nil),
        (#""format": "uuid""#, "123e4567", "type"), (#""format": "hostname""#, "n'importe", nil),
    ] as [(String, String, String?)])
    func types(field: String, value: String, failed: String?) throws {
        #expect(try failure(field, value) == failed, "\(field) ← \(value)")
    }

    @Test(arguments: [
        (#""constraints": {"required": true}"#, nil, "required"), (#""constraints": {"required": true}"#, "x", nil),
        (#""type": "integer", "constraints": {"required": true}"#, nil, "required"),
        (#""constraints": {"pattern": "^\\d{5}$"}"#, "01234", nil), (#""constraints": {"pattern": "\\d{5}"}"#, "012345", "pattern"),
        (#""constraints": {"pattern": "\\d{5}"}"#, "1234", "pattern"), (#""constraints": {"pattern": "a|b"}"#, "ab", "pattern"),
        (#""constraints": {"pattern": "^([013-9]\\d|2[AB1-9])\\d{3}$"}"#, "2A004", nil),
        (#""constraints": {"pattern": "^([013-9]\\d|2[AB1-9])\\d{3}$"}"#, "20004", "pattern"),
        (#""constraints": {"pattern": "^\\d{3}$"}"#, "١٢٣", nil),  // Arabic-Indic digits are \d, as in Python
        (#""constraints": {"pattern": "(?P<d>\\d)(?P=d)"}"#, "11", nil),
        (#""constraints": {"enum": ["tous", "abonnés"]}"#, "abonnés", nil), (#""constraints": {"enum": ["tous", "abonnés"]}"#, "Tous", "enum"),
        (#""type": "integer", "constraints": {"enum": [1, 2]}"#, "02", nil), (#""type": "integer", "constraints": {"enum": [1, 2]}"#, "3", "enum"),
        (#""type": "number", "constraints": {"enum": ["1.5"]}"#, "1.50", nil),
        (#""type": "boolean", "constraints": {"enum": [true]}"#, "1", nil), (#""type": "boolean", "constraints": {"enum": [true]}"#, "false", "enum"),
        (#""type": "date", "constraints": {"enum": ["2024-01-31"]}"#, "2024-1-31", nil),
        (#""type": "integer", "constraints": {"minimum": 0}"#, "-1", "minimum"), (#""type": "integer", "constraints": {"minimum": 0}"#, "0", nil),
        (#""type": "number", "constraints": {"minimum": 0.01, "maximum": 1}"#, "1", nil),
        (#""type": "number", "constraints": {"minimum": 0.01, "maximum": 1}"#, "100", "maximum"),
        (#""type": "number", "constraints": {"minimum": 0.01, "maximum": 1}"#, "0.001", "minimum"),
        (#""type": "number", "constraints": {"minimum": "0.5"}"#, "0.4", "minimum"),
        (#""type": "number", "decimalChar": ",", "constraints": {"maximum": 1}"#, "0,5", nil),
        (#""type": "number", "constraints": {"exclusiveMinimum": 0}"#, "0", "exclusiveMinimum"),
        (#""type": "integer", "constraints": {"exclusiveMaximum": 10}"#, "9", nil),
        (#""type": "date", "constraints": {"minimum": "2020-01-01"}"#, "2019-12-31", "minimum"),
        (#""type": "date", "format": "%d/%m/%Y", "constraints": {"maximum": "31/12/2024"}"#, "01/01/2025", "maximum"),
        (#""type": "datetime", "constraints": {"maximum": "2024-01-01T00:00:00Z"}"#, "2024-01-01T00:30:00+01:00", nil),
        (#""type": "year", "constraints": {"minimum": 2000}"#, "1999", "minimum"),
        (#""constraints": {"minLength": 3}"#, "ab", "minLength"), (#""constraints": {"maxLength": 5}"#, "Orléa", nil),
        (#""constraints": {"maxLength": 5}"#, "Orléans", "maxLength"),
        (#""type": "array", "constraints": {"maxLength": 1}"#, #"["a","b"]"#, "maxLength"),
        (#""type": "array", "arrayItem": {"type": "string", "constraints": {"enum": ["bio", "label rouge"]}}"#, #"["bio"]"#, nil),
        (#""type": "array", "arrayItem": {"type": "string", "constraints": {"enum": ["bio", "label rouge"]}}"#, #"["bio","AOC"]"#, "enum"),
    ] as [(String, String?, String?)])
    func constraints(field: String, value: String?, failed: String?) throws {
        #expect(try failure(field, value) == failed, "\(field) ← \(value ?? "nil")")
    }

    @Test func schemaMissingValuesAreNulls() throws {
        #expect(try failure(#""type": "integer""#, "NA", missingValues: #"["", "NA"]"#) == nil)
        #expect(try failure(#""type": "integer", "constraints": {"required": true}"#, "NA", missingValues: #"["", "NA"]"#) == "required")
        #expect(try failure(#""type": "integer""#, "NA") == "type")
        #expect(try failure(#""type": "integer", "missingValues": ["-"]"#, "-", missingValues: #"["", "NA"]"#) == nil)
    }
}
