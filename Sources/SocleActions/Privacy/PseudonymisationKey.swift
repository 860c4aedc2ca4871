import Foundation
import SocleCore

/// The HMAC key of pseudonymisation: a file outside the database (so a database dump alone cannot
/// reverse pseudonyms by brute force over small value sets), created on first use with mode 0600,
/// rotatable (the old key is kept beside it, dated, for re-identification under legal request).
public struct PseudonymisationKey: Sendable {
    public let directory: URL
    public init(directory: URL) { self.directory = directory }

    var file: URL { directory.appendingPathComponent("pseudonymisation.key") }

    /// The key, generated when missing.
    public func load() throws -> [UInt8] {
        if let data = try? Data(contentsOf: file), data.count >= 32 { return Array(data) }
        return try write(fresh())
    }

    /// Replaces the key; the previous one is renamed with the date. Returns the new key.
    @discardableResult
    public func rotate(now: Date = Date()) throws -> [UInt8] {
        if FileManager.default.fileExists(atPath: file.path) {
            let stamp = StoreDate.compact(now)
            try FileManager.default.moveItem(at: file, to: directory.appendingPathComponent("pseudonymisation.key.\(stamp)"))
        }
        return try write(fresh())
    }

    func fresh() -> [UInt8] {
        var g = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &g) }
    }

    func write(_ key: [UInt8]) throws -> [UInt8] {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let ok = FileManager.default.createFile(atPath: file.path, contents: Data(key), attributes: [.posixPermissions: 0o600])
            guard ok else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            throw SocleError(.unavailable, code: "anonymise.key_unwritable", args: ["path": directory.path])
        }
        return key
    }
}

enum StoreDate {
    static func compact(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss"
        return f.string(from: d)
    }
}
