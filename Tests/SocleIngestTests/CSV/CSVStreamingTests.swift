import Foundation
import Testing
import SocleCore
@testable import SocleIngest

/// Chunked reading: records cut by the 1 MiB reads, huge fields, batches and progress.
struct CSVStreamingTests {
    /// A deterministic pseudo-random table with every quoting and line-end case, and its CSV text.
    static func generated(rows: Int, seed: UInt64 = 42) -> (text: String, rows: [[String?]], lines: [Int]) {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let words = ["Paris", "Saint-Étienne", "L’Haÿ", "Œuvre €", "a;b", "x,y", "dit \"oui\"", "l1\nl2", "c1\r\nc2", "r1\rr2", "", " "]
        let ends = ["\n", "\r\n", "\r"]
        var text = "id;nom;valeur\n"
        var table: [[String?]] = []
        var lines: [Int] = []
        var line = 2
        for i in 0 ..< rows {
            let w = words[next(words.count)]
            let needsQuotes = w.unicodeScalars.contains(where: { ";\"\n\r".unicodeScalars.contains($0) }) || next(4) == 0
            let field = needsQuotes ? "\"" + w.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : w
            let v = next(3) == 0 ? "" : String(next(100000))
            text += "\(i);\(field);\(v)" + ends[next(3)]
            table.append([String(i), w.isEmpty ? nil : w, v.isEmpty ? nil : v])
            lines.append(line)
            line += 1 + w.filter { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }.count
        }
        return (text, table, lines)
    }

    @Test(arguments: [1000, 7])
    func recordsCutByChunksAreReassembled(_ batchRows: Int) throws {
        let g = Self.generated(rows: 120_000)
        #expect(g.text.utf8.count > 2 * TextSource.chunkSize)
        let result = try CSVTest.read(Fixtures.temp("gen.csv", g.text), batchRows: batchRows)
        #expect(result.labels == ["id", "nom", "valeur"])
        #expect(result.rows.count == g.rows.count)
        #expect(result.rows == g.rows)
        #expect(result.lines == g.lines)
        #expect(result.report.delimiter == ";")
    }

    @Test func transcodedChunksAreReassembled() throws {
        let g = Self.generated(rows: 60_000, seed: 7)
        // Windows-1252 (no emoji in the generator, every character is encodable).
        let ansi: [UInt8] = g.text.unicodeScalars.map { s in
            if s.value < 0x80 || (0xA0 ... 0xFF).contains(s.value) { return UInt8(s.value) }
            return UInt8(0x80 + (Windows1252.highControls.firstIndex(of: s.value) ?? 0))
        }
        let a = try CSVTest.read(Fixtures.temp("ansi.csv", ansi))
        #expect(a.report.encoding == "windows-1252")
        #expect(a.rows == g.rows)
        #expect(a.lines == g.lines)
        let utf16 = try CSVTest.read(Fixtures.temp("u16.csv", CSVEncodingTests.utf16(g.text, bigEndian: false, bom: true)))
        #expect(utf16.report.encoding == "utf-16le")
        #expect(utf16.rows == g.rows)
    }

    @Test func fiveMegabyteQuotedField() throws {
        var big = String(repeating: "Lorem ipsum \"dolor\" sit amet;\n", count: 180_000)
        big += "fin"
        #expect(big.utf8.count > 5_000_000)
        let escaped = big.replacingOccurrences(of: "\"", with: "\"\"")
        let text = "id;texte;n\n1;\"\(escaped)\";2\n3;x;4\n"
        let result = try CSVTest.read(text: text)
        #expect(result.rows.count == 2)
        #expect(result.rows[0][1] == big)
        #expect(result.rows[0][2] == "2")
        #expect(result.rows[1] == ["3", "x", "4"])
        #expect(result.lines == [2, 3 + 180_000])
    }

    @Test func fiveMegabyteUnquotedField() throws {
        let big = String(repeating: "0123456789", count: 520_000)
        let result = try CSVTest.read(text: "a;b\n\(big);1\n2;\(big)\n")
        #expect(result.rows == [[big, "1"], ["2", big]])
    }

    @Test func unclosedQuoteFarIntoTheFile() throws {
        var text = "a;b\n"
        for i in 0 ..< 100_000 { text += "\(i);valeur \(i)\n" }
        text += "x;\"jamais refermé\n" + String(repeating: "1;2\n", count: 1000)
        let error = CSVTest.error { _ = try CSVTest.read(text: text) }
        #expect(error?.code == "csv.unclosed_quote")
        #expect(error?.location?.line == 100_002)
    }

    @Test func raggedLineFarIntoTheFile() throws {
        var text = "a;b\n"
        for i in 0 ..< 150_000 { text += "\(i);\"v\n\(i)\"\n" }
        text += "1;2;3\n"
        let error = CSVTest.error { _ = try CSVTest.read(text: text) }
        #expect(error?.code == "csv.ragged")
        #expect(error?.location?.line == 2 + 2 * 150_000)
    }

    @Test func batchesRespectMaxRowsAndProgressAdvances() throws {
        let url = Fixtures.url("real_csv/laposte/laposte_hexasmal.csv")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        let reader = try CSVReader(url: url, options: ReaderOptions(displayName: "laposte.csv"))
        #expect(reader.totalBytes == Int64(size))
        var rows = 0
        var progress: [Int64] = []
        while let batch = try reader.nextBatch(maxRows: 5000) {
            #expect(batch.rowCount <= 5000)
            #expect(batch.columnCount == 6)
            rows += batch.rowCount
            progress.append(reader.bytesRead)
        }
        #expect(rows == 39192)
        #expect(progress.first.map { $0 < Int64(size) } == true)
        #expect(zip(progress, progress.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(reader.bytesRead == Int64(size))
        #expect(try reader.nextBatch(maxRows: 5000) == nil)
    }

    @Test func zeroMaxRowsStillProgresses() throws {
        let reader = try CSVReader(url: Fixtures.temp("t.csv", "a;b\n1;2\n3;4\n"), options: ReaderOptions(displayName: "t.csv"))
        #expect(try reader.nextBatch(maxRows: 0)?.rowCount == 1)
        #expect(try reader.nextBatch(maxRows: 10)?.rowCount == 1)
        #expect(try reader.nextBatch(maxRows: 10) == nil)
    }

    @Test func readerFactoryOpensCSV() throws {
        let reader = try ReaderFactory.open(Fixtures.url("real_csv/ban_bal_validateur/locales.csv"),
                                            options: ReaderOptions(displayName: "locales.csv"))
        #expect((reader as? RowFilterReader)?.base is CSVReader, "the factory wraps the format's reader in the header and footer filter")
        #expect(reader.labels.count == 6)
    }
}
