import Crypto
import Foundation
import SocleCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files that hold a whole territory's data or its secrets: directories 0700, files 0600 from the moment
/// they exist (created with that mode, never chmod-ed afterwards, so no other account can open them early).
public enum PrivateFiles {
    static let chunk = 1 << 20

    /// Creates `url` (and missing parents) with mode 0700; an existing directory keeps its mode.
    public static func createDirectory(_ url: URL) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw ioError("mkdir", url, EEXIST) }
            return
        }
        try createDirectory(url.deletingLastPathComponent())
        if mkdir(url.path, 0o700) != 0 && errno != EEXIST { throw ioError("mkdir", url, errno) }
        // mkdir applies the umask, which can only remove bits: 0700 stays 0700 or less.
    }

    /// Opens a new file for writing with mode 0600; fails when it exists.
    public static func create(_ url: URL) throws -> FileHandle {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ioError("open", url, errno) }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Writes `data` to `url` atomically: a 0600 temporary file in the same directory, synced, then renamed.
    public static func write(_ data: Data, to url: URL) throws {
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            let h = try create(tmp)
            try h.write(contentsOf: data)
            try h.synchronize()
            try h.close()
            try rename(tmp, to: url)
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
    }

    /// Copies a file into a new 0600 file (fails when `destination` exists) and syncs it.
    public static func copy(_ source: URL, to destination: URL) throws {
        guard let input = FileHandle(forReadingAtPath: source.path) else { throw ioError("open", source, errno) }
        defer { try? input.close() }
        let output = try create(destination)
        do {
            while let data = try input.read(upToCount: chunk), !data.isEmpty {
                try output.write(contentsOf: data)
            }
            try output.synchronize()
            try output.close()
        } catch {
            try? output.close()
            try? FileManager.default.removeItem(at: destination)
            throw error
        }
    }

    /// `rename(2)`: atomic within one file system, replacing `destination`; then syncs the directory so
    /// the new name survives a power cut.
    public static func rename(_ source: URL, to destination: URL) throws {
        guard posixRename(source.path, destination.path) == 0 else { throw ioError("rename", destination, errno) }
        let dir = open(destination.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 {
            _ = fsync(dir)
            close(dir)
        }
    }

    private static func posixRename(_ from: String, _ to: String) -> Int32 {
        #if canImport(Glibc)
        Glibc.rename(from, to)
        #else
        Darwin.rename(from, to)
        #endif
    }

    /// Hex SHA-256 of a file, read in 1 MiB chunks.
    public static func sha256(of url: URL) throws -> String {
        guard let h = FileHandle(forReadingAtPath: url.path) else { throw ioError("open", url, errno) }
        defer { try? h.close() }
        var hasher = SHA256()
        while let data = try h.read(upToCount: chunk), !data.isEmpty {
            hasher.update(data: data)
        }
        return Hex.encode(hasher.finalize())
    }

    public static func size(of url: URL) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// True when `url` is missing or an empty directory.
    public static func isAbsentOrEmpty(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else { return true }
        guard isDir.boolValue else { return false }
        return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? ["?"]).isEmpty
    }

    /// Regular files directly in `directory` (the secrets directory is flat), sorted; none when it is missing.
    public static func regularFiles(in directory: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { name in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path, isDirectory: &isDir)
                && !isDir.boolValue
        }.sorted()
    }

    static func ioError(_ operation: String, _ url: URL, _ code: Int32) -> SocleError {
        SocleError(.internalError, code: "backup.io_error",
                   args: ["operation": operation, "path": url.path, "detail": String(cString: strerror(code))])
    }
}
