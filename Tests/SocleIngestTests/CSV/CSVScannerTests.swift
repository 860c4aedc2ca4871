import Foundation
import Testing
@testable import SocleIngest

/// The scanner alone, with the buffer cut at every byte: a cut record must be re-read whole.
struct CSVScannerTests {
    /// Scans `bytes` with only `split` bytes available at first, then all of them, then EOF.
    static func scan(_ bytes: [UInt8], split: Int) throws -> (records: [[String]], lines: [Int]) {
        var sink = FieldSink(byteCapacity: 4, endCapacity: 2)
        defer { sink.free() }
        var scanner = CSVScanner(delimiter: 0x3B)
        var records: [[String]] = []
        var lines: [Int] = []
        var pos = 0
        var available = split
        var eof = false
        try bytes.withUnsafeBufferPointer { buffer in
            guard let p = buffer.baseAddress else { return }
            while true {
                let mark = sink.mark
                let line = scanner.line
                switch try scanner.next(p, &pos, available, eof, &sink) {
                case .record(let n):
                    records.append((mark.ends ..< mark.ends + n).map { sink.string(field: $0) })
                    lines.append(line)
                case .needMore:
                    sink.rollback(to: mark)
                    if available == bytes.count { eof = true }
                    available = bytes.count
                case .end:
                    return
                }
            }
        }
        return (records, lines)
    }

    static let texts = [
        "a;b\r\n\"x\"\"y\";\"l1\r\nl2\rl3\nl4\"\r\n;\r\rq;\"\"\r\n\"end\"",
        "é;€\n\"\";\"\"\"\"\n1;2\r",
        "\"a\"b;c\n\"\r\";\n",
    ]

    @Test(arguments: texts)
    func everySplitGivesTheSameRecords(_ text: String) throws {
        let bytes = Array(text.utf8)
        let whole = try Self.scan(bytes, split: bytes.count)
        for split in 0 ... bytes.count {
            let cut = try Self.scan(bytes, split: split)
            #expect(cut.records == whole.records, "split at \(split)")
            #expect(cut.lines == whole.lines, "split at \(split)")
        }
    }

    @Test func recordsAndLines() throws {
        let r = try Self.scan(Array(Self.texts[0].utf8), split: 0)
        #expect(r.records == [["a", "b"], ["x\"y", "l1\r\nl2\rl3\nl4"], ["", ""], [""], ["q", ""], ["end"]])
        #expect(r.lines == [1, 2, 6, 7, 8, 9])
    }

    @Test func unclosedQuoteAtEOF() {
        #expect(throws: CSVScanner.Failure.self) { try Self.scan(Array("a;b\n1;\"x\ny".utf8), split: 3) }
    }
}
