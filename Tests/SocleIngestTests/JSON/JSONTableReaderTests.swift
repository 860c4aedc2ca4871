import Foundation
import Testing
import SocleCore
@testable import SocleIngest

@Suite struct JSONTableReaderTests {
    private func open(_ name: String, _ text: String, format: SourceFormat? = nil) throws -> JSONTableReader {
        let url = try Fixtures.temp(name, text)
        let f = format ?? (name.hasSuffix(".json") ? .json : .ndjson)
        return try JSONTableReader(url: url, options: ReaderOptions(displayName: name), format: f)
    }

    @Test func arrayOfObjectsFlattensNestsAndKeepsArrays() throws {
        let text = """
        [
          {"id": 1, "nom": "Rennes", "pop": 222485.5, "ok": true, "geo": {"lat": 48.11, "lon": -1.68}, "tags": ["a", "b"]},
          {"id": 2, "nom": "Caf\\u00e9 \\ud83d\\ude00", "pop": null, "ok": false, "geo": {"lat": 47.2}, "tags": []},
          {"id": 3, "nom": "", "note": "quote \\" and \\\\ and \\n", "tags": [{"k": 1}, null]},
          {"id": 4, "nested": {"deep": {"er": "x"}}}
        ]
        """
        let d = try ReaderDump.read(open("villes.json", text))
        #expect(d.labels == ["id", "nom", "pop", "ok", "geo.lat", "geo.lon", "tags", "note", "nested.deep.er"])
        #expect(d.rows.count == 4)
        #expect(d.lines == [1, 2, 3, 4])
        #expect(d.rows[0] == ["1", "Rennes", "222485.5", "true", "48.11", "-1.68", "[\"a\",\"b\"]", nil, nil])
        #expect(d.value(1, "nom") == "Café 😀")
        #expect(d.value(1, "pop") == nil)
        #expect(d.value(1, "ok") == "false")
        #expect(d.value(1, "geo.lon") == nil)
        #expect(d.value(1, "tags") == "[]")
        #expect(d.value(2, "nom") == nil)
        #expect(d.value(2, "note") == "quote \" and \\ and \n")
        #expect(d.value(2, "tags") == "[{\"k\":1},null]")
        #expect(d.value(3, "nested.deep.er") == "x")
        #expect(d.report.format == .json)
        #expect(d.report.warnings.contains(Notice("json.warning.flattened")))
        #expect(d.report.warnings.contains(Notice("json.warning.arrays_kept")))
    }

    @Test func labelsAreKnownAfterOpenAndGrowWithoutReordering() throws {
        let r = try open("grow.json", #"[{"a":1},{"a":2},{"a":3},{"b":4,"a":5},{"c":6}]"#)
        #expect(r.labels == ["a"])
        let first = try #require(try r.nextBatch(maxRows: 3))
        #expect(first.columnCount == 1 && first.rowCount == 3)
        let second = try #require(try r.nextBatch(maxRows: 3))
        #expect(second.columnCount == 3)
        #expect(second.string(row: 0, column: 0) == "5" && second.string(row: 0, column: 1) == "4")
        #expect(second.string(row: 0, column: 2) == nil && second.string(row: 1, column: 2) == "6")
        #expect(r.labels == ["a", "b", "c"])
        #expect(try r.nextBatch(maxRows: 3) == nil)
    }

    @Test func wrapperObjectMemberHoldsTheRecords() throws {
        let text = #"{"total_count": 2, "links": {"next": null}, "results": [{"code": "2A004"}, {"code": "01001"}]}"#
        let d = try ReaderDump.read(open("ods.json", text))
        #expect(d.labels == ["code"])
        #expect(d.column("code") == ["2A004", "01001"])
        #expect(d.report.warnings.contains(Notice("json.warning.wrapper_array", ["key": "results"])))
    }

    @Test func ndjsonSkipsBlankLinesAndNumbersRowsByLine() throws {
        let text = "{\"a\": 1}\n\n{\"a\": 2, \"b\": \"x\"}\r\n   \n{\"b\": \"y\"}\n"
        let d = try ReaderDump.read(open("events.ndjson", text))
        #expect(d.labels == ["a", "b"])
        #expect(d.rows == [["1", nil], ["2", "x"], [nil, "y"]])
        #expect(d.lines == [1, 3, 5])
        #expect(d.report.format == .ndjson)
    }

    @Test func jsonFileWithOneObjectPerLineIsReadAsNDJSON() throws {
        let d = try ReaderDump.read(open("lines.json", "{\"a\":1}\n{\"a\":2}\n"))
        #expect(d.rows == [["1"], ["2"]])
        #expect(d.report.format == .ndjson)
    }

    @Test func emptyArrayGivesNoRowsAndEmptyFileIsRefused() throws {
        let d = try ReaderDump.read(open("empty.json", " [ ] "))
        #expect(d.rows.isEmpty && d.labels.isEmpty)
        let e = socleError { _ = try open("vide.json", "  \n") }
        #expect(e?.code == "file.empty")
    }

    @Test(arguments: [
        ("[{\"a\": 1}, {\"a\": 2", "json.truncated", 1, 19),
        ("[{\"a\": 1},\n {\"a\": \"abc", "json.truncated", 2, 12),
        ("[{\"a\": 1}\n {\"a\": 2}]", "json.expected_separator", 2, 2),
        ("[{\"a\": 1,}]", "json.expected_key", 1, 10),
        ("[{\"a\": 1}, ]", "json.expected_value", 1, 12),
        ("[{\"é\": 01}]", "json.bad_number", 1, 8),
        ("[{\"a\": tru}]", "json.bad_literal", 1, 8),
        ("[{\"a\": \"\\x\"}]", "json.bad_escape", 1, 9),
        ("[{\"a\" 1}]", "json.expected_colon", 1, 7),
        ("[{\"a\": 1}] x", "json.trailing_content", 1, 12),
        ("[{\"a\": \"\u{01}\"}]", "json.control_character", 1, 9),
    ])
    func invalidJSONIsLocated(text: String, code: String, line: Int, position: Int) throws {
        let e = socleError { _ = try ReaderDump.read(open("bad.json", text)) }
        #expect(e?.code == code)
        #expect(e?.location?.line == line)
        #expect(e?.args["position"] == String(position))
        #expect(e?.location?.file == "bad.json")
    }

    @Test func truncatedMessageSaysWhatIsMissing() throws {
        let e = try #require(socleError { _ = try ReaderDump.read(open("cut.json", "[{\"a\": [1, 2")) })
        #expect(e.code == "json.truncated")
        #expect(e.args["close"] == "]")
        IngestError.registerCatalog()
        let fr = e.message(.french)
        #expect(fr.contains("cut.json") && fr.contains("« ] »") && fr.contains("caractère 13"))
    }

    @Test func recordThatIsNotAnObjectIsRefused() throws {
        let e = socleError { _ = try ReaderDump.read(open("mixed.json", "[{\"a\": 1}, [1, 2]]")) }
        #expect(e?.code == "json.not_object")
        #expect(e?.location?.row == 2)
        #expect(e?.args["found"]?.hasPrefix("[1, 2]") == true)
        let n = socleError { _ = try ReaderDump.read(open("mixed.ndjson", "{\"a\": 1}\n\"texte\"\n")) }
        #expect(n?.code == "json.not_object")
        #expect(n?.location?.line == 2)
        let top = socleError { _ = try open("scalar.json", "42") }
        #expect(top?.code == "json.top_level")
    }

    @Test func nestingDepthIsBounded() throws {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        let e = socleError { _ = try ReaderDump.read(open("deep.json", "[{\"a\": \(deep)}]")) }
        #expect(e?.code == "json.too_deep")
        let fine = String(repeating: "{\"k\": ", count: 50) + "1" + String(repeating: "}", count: 50)
        let d = try ReaderDump.read(open("nested.json", "[\(fine)]"))
        #expect(d.labels == [Array(repeating: "k", count: 50).joined(separator: ".")])
    }

    @Test func invalidUTF8IsRefused() throws {
        let url = try Fixtures.temp("latin1.json", [UInt8]("[{\"nom\": \"caf".utf8) + [0xE9] + [UInt8]("\"}]".utf8))
        let e = socleError { _ = try ReaderDump.read(JSONTableReader(url: url, options: ReaderOptions(displayName: "latin1.json"), format: .json)) }
        #expect(e?.code == "json.bad_utf8")
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let url = try Fixtures.temp("bom.json", [0xEF, 0xBB, 0xBF] + [UInt8]("[{\"a\": \"ü\"}]".utf8))
        let d = try ReaderDump.read(JSONTableReader(url: url, options: ReaderOptions(displayName: "bom.json"), format: .json))
        #expect(d.rows == [["ü"]])
        #expect(d.report.encoding == "utf-8-bom")
    }

    @Test func chirpStackUplinkIsOneFlattenedRecord() throws {
        let url = Fixtures.url("sensors/lorawan/Bosch_Parking_Lot_Sensor__ChirpStack__uplink.json")
        let d = try ReaderDump.read(JSONTableReader(url: url, options: ReaderOptions(displayName: "uplink.json"), format: .json))
        #expect(d.rows.count == 1)
        #expect(d.value(0, "deviceInfo.devEui") == "1000000000000001")
        #expect(d.value(0, "fCnt") == "4")
        #expect(d.value(0, "adr") == "true")
        #expect(d.value(0, "txInfo.modulation.lora.spreadingFactor") == "7")
        #expect(d.value(0, "rxInfo")?.hasPrefix("[{\"gatewayId\":\"6a7e111a10000000\"") == true)
        #expect(d.report.warnings.contains(Notice("json.warning.single_record")))
    }

    @Test(arguments: [
        ("sensors/lorawan/Elsys_ERS2_CO2__ThingsStackCommunity__uplink.json", "end_device_ids.dev_eui", "1000000000000001"),
        ("sensors/lorawan/Decentlab_DL-PM__ThingPark__uplink.json", "DevEUI_uplink.DevEUI", "70B3D57BA000156B"),
        ("sensors/fiware/ParkingSpot_example-normalized.json", "status.value", "free"),
        ("sensors/fiware/AirQualityObserved_example-normalized.json", "temperature.value", "12.2"),
    ])
    func sensorMessagesAreSingleRecords(path: String, label: String, value: String) throws {
        let url = Fixtures.url(path)
        let d = try ReaderDump.read(ReaderFactory.open(url, options: ReaderOptions(displayName: url.lastPathComponent)))
        #expect(d.rows.count == 1)
        #expect(d.value(0, label) == value)
    }

    @Test func progressReachesTheFileSize() throws {
        var text = "["
        for i in 0..<5000 { text += (i == 0 ? "" : ",") + "{\"n\": \(i), \"s\": \"v\(i)\"}" }
        text += "]"
        let r = try open("big.json", text)
        var rows = 0
        while let b = try r.nextBatch(maxRows: 1000) { rows += b.rowCount }
        #expect(rows == 5000)
        #expect(r.bytesRead == r.totalBytes)
    }
}
