import Foundation

/// Runs `scripts/check-dcat` (Python, pyshacl) from the package root, when pyshacl is importable.
enum CheckScript {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let script = root.appendingPathComponent("scripts/check-dcat")

    /// True when `python3 -c "import pyshacl, rdflib"` works; the tests never install anything
    /// (`scripts/test` does, before the tests). Under CI the tests always run: a missing validator is a
    /// failure there, never a silent skip.
    static let available: Bool = ProcessInfo.processInfo.environment["CI"] == "true"
        || run(["python3", "-c", "import pyshacl, rdflib"]).status == 0

    static let skipNote = "pyshacl is not importable: run scripts/test (it installs pyshacl and rdflib) to validate the feed"

    /// Exit status and combined output of a command found through PATH.
    static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Writes the documents to a fresh temporary folder and runs the script on them.
    static func check(_ files: [(name: String, text: String)], options: [String] = []) throws -> (status: Int32, output: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dcat-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths: [String] = []
        for f in files {
            let url = dir.appendingPathComponent(f.name)
            try f.text.write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        return run(["python3", script.path] + options + paths)
    }
}
