import Foundation
import SocleCore
import Testing
@testable import SocleExport

/// Hands a written workbook to Python's zipfile (and openpyxl when installed): readers we did
/// not write. Skipped when python3 is absent.
@Suite struct ExternalReaderTests {
    static let python: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").map { "\($0)/python3" } ?? []
        return (path + ["/usr/bin/python3", "/usr/local/bin/python3"]).first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }()

    static func run(_ script: String, file: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python ?? "python3")
        process.arguments = ["-c", script, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func writeSample() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("socle-export-\(UUID().uuidString).xlsx")
        try Data(SampleTable.render(XLSXWriter(columns: SampleTable.columns))).write(to: url)
        return url
    }

    @Test(.enabled(if: python != nil))
    func pythonZipfileAcceptsTheArchive() throws {
        let url = try Self.writeSample()
        defer { try? FileManager.default.removeItem(at: url) }
        let script = """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            bad = z.testzip()
            print("OK" if bad is None else "BAD " + bad, len(z.namelist()))
            """
        let result = try Self.run(script, file: url)
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("OK 6"), "\(result.output)")
    }

    @Test(.enabled(if: python != nil))
    func openpyxlReadsTheValuesWhenInstalled() throws {
        let url = try Self.writeSample()
        defer { try? FileManager.default.removeItem(at: url) }
        let script = """
            import sys
            try:
                import openpyxl
            except ImportError:
                print("SKIP"); sys.exit(0)
            ws = openpyxl.load_workbook(sys.argv[1]).active
            rows = list(ws.iter_rows(values_only=True))
            r = rows[1]
            print(len(rows), r[0], r[1], r[2], r[3].date().isoformat(), r[4].isoformat(), repr(r[5]), rows[2][8] == %@)
            """.replacingOccurrences(of: "%@", with: "\"Ajaccio \\\"la\\\" ville; côte, \\nligne 2\\r\\nfin\"")
        let result = try Self.run(script, file: url)
        #expect(result.status == 0, "\(result.output)")
        if result.output.hasPrefix("SKIP") { return }  // openpyxl not installed
        #expect(result.output == "6 1 12.5 True 2024-01-05 2024-01-05T14:30:00 '01053' True\n")
    }
}
