import Foundation
import Testing
import SocleCore
@testable import SocleIngest

/// Rows whose field count differs from the header's, under each `RaggedPolicy`.
struct CSVRaggedTests {
    static let ragged = "a;b;c\n1;2;3\n4;5\n6;7;8;9\n10;11;12\n"

    @Test func errorPolicyNamesLineAndCounts() throws {
        let error = try #require(CSVTest.error { _ = try CSVTest.read(text: Self.ragged) })
        #expect(error.code == "csv.ragged")
        #expect(error.location?.line == 3)
        #expect(error.args["expected"] == "3")
        #expect(error.args["found"] == "2")
        #expect(error.args["delimiter"] == ";")
    }

    @Test func padPolicyPadsShortRowsButRefusesLongOnes() throws {
        let options = ReaderOptions(displayName: "r.csv", onRagged: .pad)
        let error = try #require(CSVTest.error { _ = try CSVTest.read(text: Self.ragged, options) })
        #expect(error.code == "csv.ragged_long")
        #expect(error.location?.line == 4)
        #expect(error.args["found"] == "4")

        let result = try CSVTest.read(text: "a;b;c\n1;2;3\n4;5\n6\n", options)
        #expect(result.rows == [["1", "2", "3"], ["4", "5", nil], ["6", nil, nil]])
        #expect(result.lines == [2, 3, 4])
        #expect(result.report.warnings.contains(Notice("csv.warning.padded", ["count": "2"])))
    }

    @Test func padPolicyAcceptsLongRowsWhoseExtrasAreEmpty() throws {
        let result = try CSVTest.read(text: "a;b\n1;2;;\n", ReaderOptions(displayName: "r.csv", onRagged: .pad))
        #expect(result.rows == [["1", "2"]])
    }

    @Test func skipPolicyDropsAndCounts() throws {
        let result = try CSVTest.read(text: Self.ragged, ReaderOptions(displayName: "r.csv", onRagged: .skip))
        #expect(result.rows == [["1", "2", "3"], ["10", "11", "12"]])
        #expect(result.lines == [2, 5])
        #expect(result.report.warnings.contains(Notice("csv.warning.skipped_ragged", ["count": "2", "line": "3"])))
    }

    @Test(arguments: RaggedPolicy.allCases)
    func trailingDelimiterIsToleratedUnderEveryPolicy(_ policy: RaggedPolicy) throws {
        let result = try CSVTest.read(text: "a;b\n1;2;\n3;4;\n5;6\n", ReaderOptions(displayName: "r.csv", onRagged: policy))
        #expect(result.labels == ["a", "b"])
        #expect(result.rows == [["1", "2"], ["3", "4"], ["5", "6"]])
        #expect(result.report.warnings.contains(Notice("csv.warning.trailing_empty_fields", ["count": "2"])))
    }

    @Test func headerWithTrailingDelimiterAndRowsWithout() throws {
        let result = try CSVTest.read(text: "a;b;\n1;2\n3;4;\n")
        #expect(result.labels == ["a", "b", ""])
        #expect(result.rows == [["1", "2", nil], ["3", "4", nil]])
        #expect(result.report.warnings.contains(Notice("csv.warning.padded_to_header", ["count": "1"])))
    }

    @Test func raggedQuotedRowWithNewlineReportsItsFirstLine() throws {
        let error = CSVTest.error { _ = try CSVTest.read(text: "a;b;c\n1;2;3\n\"x\ny\";2\n") }
        #expect(error?.code == "csv.ragged")
        #expect(error?.location?.line == 3)
    }

    /// Real files whose rows do not match their header.
    @Test(arguments: [
        ("scdl/equipements-futurocite/exemple-valide_broken-quoting.csv", 27, 60),
        ("scdl/decp/exemple-valide_decp-table-schema-utils.csv", 20, 21),
    ])
    func corpusRaggedFiles(_ path: String, _ expected: Int, _ found: Int) throws {
        let url = Fixtures.url(path)
        let error = try #require(CSVTest.error { _ = try CSVTest.read(url) })
        #expect(error.code == "csv.ragged")
        #expect(error.location?.line == 2)
        #expect(error.location?.file == url.lastPathComponent)
        #expect(error.args["expected"] == String(expected))
        #expect(error.args["found"] == String(found))
        #expect(error.args["delimiter"] == ",")

        let padError = CSVTest.error { _ = try CSVTest.read(url, ReaderOptions(displayName: "x", onRagged: .pad)) }
        #expect(padError?.code == "csv.ragged_long")

        let skipped = try CSVTest.read(url, ReaderOptions(displayName: "x", onRagged: .skip))
        #expect(skipped.labels.count == expected)
        #expect(skipped.rows.isEmpty)
        #expect(skipped.report.warnings.contains { $0.code == "csv.warning.skipped_ragged" && $0.args["line"] == "2" })
    }
}
