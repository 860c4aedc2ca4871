import Crypto
import Foundation
import SocleCore

/// Size and SHA-256 of a file, read in chunks so memory stays flat.
enum FileDigest {
    static func sha256(of url: URL) throws -> (size: Int64, hex: String) {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw SocleError(.invalidInput, code: "file.unreadable", location: SourceLocation(file: url.lastPathComponent))
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += Int64(chunk.count)
        }
        let hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return (size, hex)
    }
}
