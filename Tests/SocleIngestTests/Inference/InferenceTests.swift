import Foundation
import Testing
import SocleCore
@testable import SocleIngest

@Suite("Whole-file inference")
struct InferenceTests {
    typealias K = InferenceKit

    private func csv(_ header: String, _ values: [String]) -> String {
        ([header] + values).joined(separator: "\n")
    }

    @Test("a late N/A is a recorded null; a late word makes the column text with its counter-example")
    func lateValues() throws {
        let ints = (1 ... 20).map(String.init)
        let a = try K.analyze(csv("n;m", (ints + ["N/A"]).map { "\($0);\($0 == "N/A" ? "abc" : $0)" }))
        let n = try #require(K.column(a, "n"))
        #expect(n.type == .integer)
        #expect(n.evidence.values == 20 && n.evidence.nulls == 1)
        #expect(n.evidence.notes.contains(Notice("inference.note.null_tokens", ["count": "1", "values": "« N/A »"])))
        let m = try #require(K.column(a, "m"))
        #expect(m.type == .text)
        #expect(m.evidence.matches["integer"] == 20)
        #expect(m.evidence.counterExamples == ["\"abc\" (line 22)"])
        #expect(a.rowCount == 21)
        #expect(a.warnings == [InferenceFakeReader.readerNote])
    }

    @Test("leading zeros make a code and are kept")
    func leadingZeros() throws {
        let text = csv("valeur;tel", ["01001;0612345678", "75056;0145678901", "13055;0612345679"])
        let a = try K.analyze(text)
        #expect(K.column(a, "valeur")?.type == .code)
        #expect(K.column(a, "tel")?.type == .code)
        #expect(K.column(a, "valeur")?.evidence.notes
            .contains(Notice("inference.note.leading_zeros_kept", ["value": "01001", "line": "2"])) == true)
        let out = try K.convert(text, analysis: a)
        #expect(K.values(out, 0) == ["01001", "75056", "13055"])
        #expect(a.warnings == [InferenceFakeReader.readerNote])
    }

    @Test("Corsican 2A/2B codes make a code without any header hint")
    func corsica() throws {
        let a = try K.analyze(csv("x", ["75056", "2A004", "2B033", "13055"]))
        #expect(K.column(a, "x")?.type == .code)
        #expect(K.column(a, "x")?.evidence.notes.contains(Notice("inference.note.corsica")) == true)
    }

    @Test("header hints make digit columns codes", arguments: [
        "Code du département", "code_postal", "SIREN", "COM", "DEP", "id", "Code_commune_INSEE", "CODDEP",
    ])
    func hints(_ header: String) throws {
        let a = try K.analyze(csv(header, ["10", "75", "13"]))
        #expect(a.columns[0].type == .code)
    }

    @Test("no hint: digit columns stay integers", arguments: ["Inscrits", "population_commune", "count", "nombre"])
    func noHint(_ header: String) throws {
        let a = try K.analyze(csv(header, ["10", "75", "1300"]))
        #expect(a.columns[0].type == .integer)
    }

    @Test("Excel-mangled codes are kept and warned about")
    func excelMangled() throws {
        let rows = ["COM;1001;1", "COM;1002;2", "COM;3001;3", "COM;2A004;2A", "COM;75056;75", "COM;97101;971",
                    "COM;13055;13", "COM;69123;69", "COM;33063;33"]
        let a = try K.analyze(csv("TYPECOM;COM;DEP", rows))
        #expect(K.column(a, "COM")?.type == .code)
        #expect(K.column(a, "DEP")?.type == .code)
        let warnings = a.warnings.filter { $0.code == "inference.warning.zeros_stripped" }
        #expect(warnings.map { $0.args["column"] } == ["COM", "DEP"])
        #expect(warnings.first?.args["example"] == "1001")
        #expect(warnings.first?.args["modal"] == "5")
        #expect(K.column(a, "COM")?.evidence.notes.contains { $0.code == "inference.note.zeros_stripped" } == true)
        let out = try K.convert(csv("TYPECOM;COM;DEP", rows), analysis: a)
        #expect(K.values(out, 1).prefix(5) == ["1001", "1002", "3001", "2A004", "75056"])
    }

    @Test("well-formed codes of several widths are not warned about")
    func wellFormedCodes() throws {
        let a = try K.analyze(csv("Code du département;id;code_pcs;code_collectivite",
                                  ["01;1;10;94", "2A;2;21;972", "75;10;31;973", "971;100;100;972"]))
        #expect(a.columns.map(\.type) == [.code, .code, .code, .code])
        #expect(a.warnings == [InferenceFakeReader.readerNote])
    }

    @Test("day-first when a first part is above 12")
    func dayFirst() throws {
        let a = try K.analyze(csv("d", ["01/02/2024", "31/01/2024", "2024-05-06"]))
        let d = try #require(a.columns.first)
        #expect(d.type == .date && d.format.dayFirst == true)
        #expect(d.evidence.notes.contains(Notice("inference.note.day_first", ["value": "31/01/2024", "line": "3"])))
    }

    @Test("month-first only when a second part is above 12 and no first part is")
    func monthFirst() throws {
        let text = csv("d", ["01/02/2024", "01/31/2024"])
        let a = try K.analyze(text)
        #expect(a.columns[0].type == .date && a.columns[0].format.dayFirst == false)
        #expect(K.values(try K.convert(text, analysis: a), 0) == ["2024-01-02", "2024-01-31"])
    }

    @Test("ambiguous orders read day-first with a note")
    func ambiguous() throws {
        let text = csv("d", ["01/02/2024", "03/04/24", "05.06.2024"])
        let a = try K.analyze(text)
        #expect(a.columns[0].type == .date && a.columns[0].format.dayFirst == true)
        #expect(a.columns[0].evidence.notes.contains(Notice("inference.note.day_first_ambiguous")))
        #expect(K.values(try K.convert(text, analysis: a), 0) == ["2024-02-01", "2024-04-03", "2024-06-05"])
    }

    @Test("conflicting orders make text")
    func conflicting() throws {
        let a = try K.analyze(csv("d", ["31/01/2024", "01/31/2024"]))
        #expect(a.columns[0].type == .text)
        #expect(a.columns[0].evidence.notes == [Notice("inference.note.mixed_order", [
            "first": "31/01/2024", "firstLine": "2", "second": "01/31/2024", "secondLine": "3"])])
    }

    @Test("decimal comma numbers")
    func decimalComma() throws {
        let text = csv("% Abs/Ins;montant", ["19,6;1 234 567,89", "21,34;12", "21,41;-3,5"])
        let a = try K.analyze(text)
        #expect(a.columns[0].type == .number && a.columns[0].format.decimalSeparator == ",")
        #expect(a.columns[1].type == .number && a.columns[1].format.decimalSeparator == ",")
        let out = try K.convert(text, analysis: a)
        #expect(K.values(out, 0) == ["19.6", "21.34", "21.41"])
        #expect(K.values(out, 1) == ["1234567.89", "12.0", "-3.5"])
    }

    @Test("dot decimals, thousands by comma, suffixes")
    func dotDecimals() throws {
        let a = try K.analyze(csv("a;b;c;d", ["1.5;1,234.5;12 %;1.234", "2;2,000;5,5 %;2.5"]))
        #expect(a.columns[0].format.decimalSeparator == ".")
        #expect(a.columns[1].format.decimalSeparator == ".")
        #expect(a.columns[2].type == .number && a.columns[2].format.decimalSeparator == ",")
        #expect(a.columns[2].evidence.notes.contains(Notice("inference.note.suffix_dropped")))
        #expect(a.columns[3].format.decimalSeparator == ".")
    }

    @Test("mixed decimal separators make text")
    func mixedSeparators() throws {
        let a = try K.analyze(csv("a", ["1,5", "2.5"]))
        #expect(a.columns[0].type == .text)
    }

    @Test("booleans, checkbox columns and 0/1 columns")
    func booleans() throws {
        let text = csv("a;b;c", ["oui;x;0", "Non;;1", "OUI;X;1"])
        let a = try K.analyze(text)
        #expect(a.columns[0].type == .boolean)
        #expect(a.columns[1].type == .boolean)
        #expect(a.columns[0].format.emptyIsFalse == nil)
        #expect(a.columns[1].format.emptyIsFalse == true)
        #expect(a.columns[1].evidence.notes.contains(Notice("inference.note.checkbox")))
        #expect(a.columns[2].type == .integer)
        #expect(a.columns[2].evidence.notes.contains(Notice("inference.note.zero_one")))
        let out = try K.convert(text, analysis: a)
        #expect(K.values(out, 0) == ["1", "0", "1"])
        #expect(K.values(out, 1) == ["1", "0", "1"])
    }

    @Test("the converter reads a checkbox column from its format, not from its notes")
    func checkboxFromFormat() throws {
        let text = csv("a", ["x", "", "X"])
        var a = try K.analyze(text)
        #expect(a.columns[0].type == .boolean && a.columns[0].format.emptyIsFalse == true)
        a.columns[0].evidence.notes = []
        #expect(K.values(try K.convert(text, analysis: a), 0) == ["1", "0", "1"])
        a.columns[0].format.emptyIsFalse = nil
        #expect(K.values(try K.convert(text, analysis: a), 0) == ["1", "NULL", "1"])
    }

    @Test("a geopoint cell and a lat/lon pair")
    func geopoints() throws {
        let text = csv("Nom;coordonnees_gps;Latitude;Longitude", [
            "A;48.8566,2.3522;48,8566;2,3522", "B;;43,3;-0,37", "C;45.75, 4.85;;4,85",
        ])
        let a = try K.analyze(text)
        #expect(a.columns.map(\.type) == [.text, .geopoint, .number, .number, .geopoint])
        let derived = try #require(a.columns.last)
        #expect(derived.name == "geo_point" && derived.label == "")
        #expect(derived.format.latitudeColumn == "latitude" && derived.format.longitudeColumn == "longitude")
        #expect(derived.evidence.values == 2 && derived.evidence.nulls == 1)
        #expect(derived.evidence.notes == [Notice("inference.note.geopoint_pair",
                                                  ["latitude": "Latitude", "longitude": "Longitude"])])
        let layout = TableLayout(schema: a.columns)
        #expect(layout.geoSourceIndex == 1)
        let out = try K.convert(text, analysis: a)
        #expect(out[0].columns.count == layout.columns.count)
        #expect(K.values(out, 1) == ["48.8566,2.3522", "NULL", "45.75,4.85"])
        #expect(K.values(out, 4) == ["48.8566,2.3522", "43.3,-0.37", "NULL"])
        #expect(K.values(out, 5) == ["2.3522", "NULL", "4.85"])    // _geo_lon
        #expect(K.values(out, 6) == ["48.8566", "NULL", "45.75"])  // _geo_lat
        #expect(out[0].columns.count == 7)                       // no bbox helpers for a point source
    }

    @Test("lat/lon out of range does not make a pair")
    func pairOutOfRange() throws {
        let a = try K.analyze(csv("lat;lon", ["6874918,7;632479,4"]))
        #expect(a.columns.count == 2)
    }

    @Test("datetimes with offsets are stored in UTC")
    func datetimes() throws {
        let text = csv("start_datetime;d", [
            "2022-01-01T00:00:00+01:00;2024-03-01", "2022-07-01T00:00:00+02:00;2024-03-01 10:30",
        ])
        let a = try K.analyze(text)
        #expect(a.columns[0].type == .datetime)
        #expect(a.columns[0].format.dayFirst == nil)
        #expect(a.columns[0].evidence.notes.contains(Notice("inference.note.utc_offsets")))
        #expect(a.columns[1].type == .datetime)
        let out = try K.convert(text, analysis: a)
        #expect(K.values(out, 0) == ["2021-12-31T23:00:00Z", "2022-06-30T22:00:00Z"])
        #expect(K.values(out, 1) == ["2024-03-01T00:00:00", "2024-03-01T10:30:00"])
    }

    @Test("a GeoJSON geometry cell")
    func geometry() throws {
        let text = csv("shape", [#"{"type": "Point", "coordinates": [2.35, 48.85]}"#,
                                  #"{"type": "LineString", "coordinates": [[1, 2], [3, 4]]}"#])
        let a = try K.analyze(text)
        #expect(a.columns[0].type == .geometry)
        let out = try K.convert(text, analysis: a)
        #expect(K.values(out, 0)[0] == #"{"type": "Point", "coordinates": [2.35, 48.85]}"#)
        #expect(K.values(out, 1) == ["2.35", "NULL"])
        #expect(K.values(out, 3) == ["2.35", "1.0"])
        #expect(K.values(out, 6) == ["48.85", "4.0"])
    }

    @Test("empty and null-only columns are text")
    func emptyColumns() throws {
        let a = try K.analyze(csv("a;b;c", ["1;;-", "2;;N/A"]))
        #expect(a.columns[1].type == .text && a.columns[1].evidence.nulls == 2)
        #expect(a.columns[1].evidence.notes == [Notice("inference.note.no_value")])
        #expect(a.columns[2].type == .text && a.columns[2].evidence.values == 2)
    }

    @Test("evidence keeps samples and matches")
    func evidence() throws {
        let a = try K.analyze(csv("a", ["1", "2", "", "3", "4"]))
        let e = a.columns[0].evidence
        #expect(e.values == 4 && e.nulls == 1)
        #expect(e.samples == ["1", "2", "3"])
        #expect(e.matches["integer"] == 4 && e.matches["number"] == 4 && e.matches["text"] == 4)
    }

    @Test("an imposed type wins; a value that does not fit is a located error")
    func overrides() throws {
        let a = try K.analyze(csv("a;b", ["1;01", "2;02"]), overrides: ["a": .text, "b": .integer])
        #expect(a.columns.map(\.type) == [.text, .integer])
        do {
            _ = try K.analyze(csv("a", ["1", "2", "1,5"]), overrides: ["a": .integer])
            Issue.record("expected an error")
        } catch let e as SocleError {
            #expect(e.code == "inference.not_integer")
            #expect(e.location?.line == 4 && e.location?.row == 3 && e.location?.column == "a")
            #expect(e.args["value"] == "1,5")
        }
    }

    @Test("columns that appear later (JSON) are null before")
    func growingColumns() throws {
        let reader = InferenceFakeReader(labels: ["a", "b"], rows: [["1"], ["2"], ["3"], ["4", "x"], ["5", "y"]],
                                batchSize: 3, columnsAtRow: { $0 < 3 ? 1 : 2 })
        let a = try Analyzer.analyze(reader: reader, file: "t.json")
        #expect(a.columns.count == 2)
        #expect(a.columns[1].evidence.nulls == 3 && a.columns[1].evidence.values == 2)
        let again = InferenceFakeReader(labels: ["a", "b"], rows: [["1"], ["2"], ["3"], ["4", "x"], ["5", "y"]],
                               batchSize: 3, columnsAtRow: { $0 < 3 ? 1 : 2 })
        var source = ConvertingSource(reader: again, file: "t.json", analysis: a)
        var batches: [ColumnBatch] = []
        while let b = try source.next() { batches.append(b) }
        #expect(K.values(batches, 1) == ["NULL", "NULL", "NULL", "x", "y"])
    }

    @Test("a header without rows gives text columns and no batch")
    func headerOnly() throws {
        let a = try K.analyze("a;b\n")
        #expect(a.rowCount == 0 && a.columns.map(\.type) == [.text, .text])
        #expect(try K.convert("a;b\n", analysis: a).isEmpty)
    }

    @Test("progress is reported per batch with the rows so far")
    func progress() throws {
        var seen: [Int] = []
        _ = try Analyzer.analyze(reader: InferenceFakeReader(csv: "a\n1\n2\n3\n4\n5\n", batchSize: 2), file: "t") {
            #expect($0.pass == 1)
            seen.append($0.rows)
        }
        #expect(seen == [2, 4, 5])
    }
}
