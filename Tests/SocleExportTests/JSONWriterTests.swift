import Foundation
import SocleCore
import Testing
@testable import SocleExport

@Suite struct JSONWriterTests {
    static func parse(_ bytes: [UInt8]) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }

    /// Checks the values every JSON-family output shares, row by row.
    static func checkSampleObjects(_ objects: [[String: Any]]) throws {
        try #require(objects.count == 5)
        let first = objects[0]
        #expect((first["id"] as? NSNumber)?.int64Value == 1)
        #expect((first["montant"] as? NSNumber)?.doubleValue == 12.5)
        #expect(first["ouverture"] as? String == "2024-01-05")
        #expect(first["maj"] as? String == "2024-01-05T14:30:00Z")
        #expect(first["code_insee"] as? String == "01053")
        let position = try #require(first["position"] as? [String: Any])
        #expect((position["lat"] as? NSNumber)?.doubleValue == 46.2)
        #expect((position["lon"] as? NSNumber)?.doubleValue == 5.22)
        let contour = try #require(first["contour"] as? [String: Any])
        #expect(contour["type"] as? String == "Point")
        #expect(first["nom"] as? String == "Bourg-en-Bresse")

        let second = objects[1]
        #expect(second["nom"] as? String == SampleTable.tricky)
        let spaced = try #require(second["position"] as? [String: Any])
        #expect((spaced["lat"] as? NSNumber)?.doubleValue == 41.93)
        #expect((second["contour"] as? [String: Any])?["type"] as? String == "Polygon")

        #expect(objects[2].count == 9)
        #expect(objects[2].values.allSatisfy { $0 is NSNull })

        let fourth = objects[3]
        #expect((fourth["id"] as? NSNumber)?.int64Value == .max)
        #expect(fourth["montant"] is NSNull)
        #expect(fourth["code_insee"] as? String == "007")
        // Unreadable geographic text is kept as text, never dropped or embedded broken.
        #expect(fourth["position"] as? String == "pas un point")
        #expect(fourth["contour"] as? String == "{\"type\":\"Point\"}]")
        #expect(fourth["nom"] as? String == SampleTable.hostile)

        #expect((objects[4]["id"] as? NSNumber)?.int64Value == .min)
        #expect(objects[4]["montant"] is NSNull)
        #expect(objects[4]["nom"] is NSNull)
    }

    @Test func writesAnArrayOfObjectsThatParsesBack() throws {
        let bytes = SampleTable.render(JSONWriter(columns: SampleTable.columns))
        let objects = try #require(try Self.parse(bytes) as? [[String: Any]])
        try Self.checkSampleObjects(objects)
        let text = SampleTable.text(bytes)
        // Key order follows the columns; booleans are JSON booleans, also when stored as integers.
        #expect(text.contains("{\"id\":1,\"montant\":12.5,\"actif\":true,"))
        #expect(text.contains("{\"id\":9223372036854775807,\"montant\":null,\"actif\":true,"))
        #expect(text.contains("\"actif\":false,\"ouverture\":null"))
        #expect(text.contains("\\u0001"))
        #expect(text.contains("🇫🇷 é 日本"))  // valid UTF-8 passes through unescaped
    }

    @Test func escapesEveryControlCharacter() throws {
        let all = String(decoding: (0..<32).map { UInt8($0) } + Array("\"\\/é".utf8), as: UTF8.self)
        let columns = [ExportColumn(name: "t\"k", type: .text)]
        let bytes = SampleTable.render(JSONWriter(columns: columns), rows: [[.text(all)]])
        let objects = try #require(try Self.parse(bytes) as? [[String: String]])
        #expect(objects == [["t\"k": all]])
    }

    @Test func emptyTableIsAnEmptyArray() throws {
        let bytes = SampleTable.render(JSONWriter(columns: SampleTable.columns), rows: [])
        #expect(SampleTable.text(bytes) == "[]\n")
        #expect((try Self.parse(bytes) as? [Any])?.isEmpty == true)
    }

    @Test func ndjsonWritesOneObjectPerLine() throws {
        let bytes = SampleTable.render(NDJSONWriter(columns: SampleTable.columns))
        let text = SampleTable.text(bytes)
        #expect(text.hasSuffix("}\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 5)
        let objects = try lines.map { line in
            try #require(try Self.parse(Array(line.utf8)) as? [String: Any])
        }
        try Self.checkSampleObjects(objects)
        #expect(SampleTable.render(NDJSONWriter(columns: SampleTable.columns), rows: []).isEmpty)
    }

    @Test func flushingDoesNotChangeTheDocument() {
        for format in ExportFormat.allCases {
            let whole = SampleTable.render(Exporter.writer(format, columns: SampleTable.columns), flushAt: .max)
            let pieces = SampleTable.render(Exporter.writer(format, columns: SampleTable.columns), flushAt: 0)
            #expect(whole == pieces, "\(format)")
        }
    }
}
