import Foundation
import Testing
@testable import SocleIngest

@Suite struct SpreadsheetTextTests {
    private func text(_ body: (ByteAccumulator) -> Bool) -> String? {
        let out = ByteAccumulator()
        return body(out) ? out.string() : nil
    }

    @Test(arguments: [
        ("12.50", "12.5"), ("42", "42"), ("42.0", "42"), ("-0", "0"), (".5", "0.5"), ("007", "7"),
        ("2.2999999999999998", "2.3"), ("0.30000000000000004", "0.30000000000000004"), ("1E-05", "0.00001"),
        ("-1.5E-3", "-0.0015"), ("1.5E+20", "150000000000000000000"), ("123456789012345678", "123456789012345680"),
        ("1E+300", "1e+300"), (" 3.25 ", "3.25"),
    ])
    func numbersInShortestForm(input: String, expected: String) {
        var s = input
        #expect(text { out in s.withUTF8 { SpreadsheetText.appendNumber($0, to: out) } } == expected)
    }

    @Test func nonNumbersAreRefused() {
        for input in ["abc", "", "1,5", "--1"] {
            var s = input
            #expect(text { out in s.withUTF8 { SpreadsheetText.appendNumber($0, to: out) } } == nil, "\(input)")
        }
    }

    @Test(arguments: [
        ("dd/mm/yyyy", ExcelSerialDate.Kind.date), ("yyyy-mm-dd hh:mm:ss", .dateTime), ("[h]:mm:ss", .time),
        ("h:mm", .time), ("mm:ss", .time), ("0.00\" m\"", .number), ("General", .number), ("mmm-yy", .date),
        ("[$-40C]d\\ mmmm\\ yyyy;@", .date), ("#,##0 \"jours\"", .number), ("[Red]0.00;[Blue]-0.00", .number),
        ("@", .number), ("0.00E+00", .number),
    ])
    func formatCodes(code: String, kind: ExcelSerialDate.Kind) {
        #expect(ExcelSerialDate.kind(formatCode: code) == kind)
    }

    @Test func builtinFormats() {
        #expect((14...17).allSatisfy { ExcelSerialDate.kind(builtinFormat: $0) == .date })
        #expect(ExcelSerialDate.kind(builtinFormat: 22) == .dateTime)
        #expect([18, 19, 20, 21, 45, 46, 47].allSatisfy { ExcelSerialDate.kind(builtinFormat: $0) == .time })
        #expect([0, 1, 2, 9, 10, 49].allSatisfy { ExcelSerialDate.kind(builtinFormat: $0) == .number })
    }

    @Test(arguments: [
        (1.0, ExcelSerialDate.Kind.date, false, "1900-01-01"), (59, .date, false, "1900-02-28"),
        (60, .date, false, "1900-02-29"), (61, .date, false, "1900-03-01"), (44927, .date, false, "2023-01-01"),
        (45292.75, .dateTime, false, "2024-01-01T18:00:00"), (2_958_465, .date, false, "9999-12-31"),
        (0.5, .time, false, "12:00:00"), (1.25, .time, false, "1900-01-01T06:00:00"),
        (0, .date, true, "1904-01-01"), (45292.999999, .dateTime, false, "2024-01-02T00:00:00"),
        (36526.3333333333, .dateTime, false, "2000-01-01T08:00:00"),
    ])
    func serialDates(serial: Double, kind: ExcelSerialDate.Kind, date1904: Bool, expected: String) {
        #expect(text { ExcelSerialDate.append(serial: serial, kind: kind, date1904: date1904, to: $0) } == expected)
    }

    @Test func serialsThatAreNoDates() {
        for serial in [-1.0, 3_000_000, .nan, .infinity] {
            #expect(text { ExcelSerialDate.append(serial: serial, kind: .date, date1904: false, to: $0) } == nil)
        }
    }

    @Test(arguments: [("PT12H30M00S", "12:30:00"), ("PT36H", "36:00:00"), ("P1DT2H", "26:00:00"), ("PT0H0M5.4S", "00:00:05")])
    func odsDurations(input: String, expected: String) {
        var s = input
        #expect(text { out in s.withUTF8 { SpreadsheetText.appendDuration($0, to: out) } } == expected)
    }

    @Test func columnReferences() {
        for (ref, index) in [("A1", 0), ("Z9", 25), ("AA10", 26), ("XFD1", 16383), ("c5", 2)] {
            var s = ref
            #expect(s.withUTF8 { SpreadsheetText.columnIndex($0) } == index)
            #expect(SpreadsheetText.columnLetters(index) == ref.uppercased().filter(\.isLetter))
        }
        var bad = "XFE1"
        #expect(bad.withUTF8 { SpreadsheetText.columnIndex($0) } == nil)
    }
}
