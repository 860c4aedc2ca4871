import Foundation

/// Locates test fixtures copied from the shared corpus into `Tests/Fixtures/` (see its SOURCES.md).
enum Fixtures {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("Fixtures")
            if url.lastPathComponent == "Tests", FileManager.default.fileExists(atPath: candidate.path) {
                return candidate
            }
        }
        fatalError("Tests/Fixtures not found above \(#filePath)")
    }()

    /// A fixture by its path under `Tests/Fixtures/`, e.g. `real_csv/laposte/laposte_hexasmal.csv`.
    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    /// Writes bytes to a fresh temporary file with the given name and returns its URL.
    static func temp(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("socle-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    static func temp(_ name: String, _ text: String) throws -> URL {
        try temp(name, Array(text.utf8))
    }
}
