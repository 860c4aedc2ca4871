import Foundation
import Hummingbird
import SocleActions
import SocleCore

/// A file streamed to the staging directory, waiting for its ingest job.
struct StagedFile: Sendable {
    var url: URL
    /// The name the user gave the file (sanitised): readers use its extension, messages show it.
    var fileName: String
    var size: Int64
}

/// Streams an upload to the staging directory, chunk by chunk, never holding it in memory. Refuses
/// with 413 as soon as the limit is passed (before reading anything when `Content-Length` says so),
/// and deletes the partial file on any failure.
struct UploadReceiver: Sendable {
    let directory: URL
    let limit: Int64
    let metrics: ServerMetrics

    /// Content types accepted for a raw body (`?filename=` gives the name).
    static let rawTypes = ["text/csv", "text/plain", "text/tab-separated-values", "application/csv",
                           "application/octet-stream", "application/json", "application/geo+json",
                           "application/x-ndjson", "application/ndjson", "application/vnd.ms-excel",
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           "application/vnd.oasis.opendocument.spreadsheet"]
    static let acceptedDescription = "multipart/form-data, " + rawTypes.joined(separator: ", ")
    /// Room for the text fields and part headers around the file in a multipart body.
    static let multipartOverhead: Int64 = 64 * 1024

    enum Kind {
        case multipart(boundary: String)
        case raw
    }

    /// Decides how to read the body from its `Content-Type` (415 when it cannot be an upload).
    static func kind(of request: Request) throws -> Kind {
        let header = request.headers[.contentType]
        let type = (header ?? "application/octet-stream").split(separator: ";").first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        if type == "multipart/form-data" {
            guard let b = MultipartParser.boundary(contentType: header ?? "") else {
                throw SocleError(.invalidInput, code: "server.multipart_no_boundary")
            }
            return .multipart(boundary: b)
        }
        guard rawTypes.contains(type) else {
            throw ServerError.unsupportedMediaType(header, accepted: acceptedDescription)
        }
        return .raw
    }

    func tooLarge() -> SocleError {
        SocleError(.tooLarge, code: "server.upload_too_large", args: ["limit": Self.describe(bytes: limit)])
    }

    func checkDeclaredLength(_ request: Request, overhead: Int64) throws {
        if let text = request.headers[.contentLength], let n = Int64(text), n > limit + overhead { throw tooLarge() }
    }

    /// A raw body (`Content-Type` of the file itself).
    func receiveRaw(_ request: Request, fileName: String) async throws -> StagedFile {
        try checkDeclaredLength(request, overhead: 0)
        var sink = try FileSink(directory: directory, fileName: fileName, limit: limit, tooLarge: tooLarge())
        do {
            for try await chunk in request.body {
                try sink.write(chunk.readableBytesView)
            }
            return try sink.close(metrics: metrics)
        } catch {
            sink.discard()
            throw error
        }
    }

    /// A multipart form: text fields are collected (they come first); the part named `file` is streamed
    /// to disk. `beforeFile` runs when the file part starts, with the fields read so far, so that the CSRF
    /// token, the target dataset and the permission are checked before a byte is written.
    func receiveMultipart(_ request: Request, boundary: String,
                          beforeFile: (FormFields) async throws -> Void) async throws -> (FormFields, StagedFile?) {
        try checkDeclaredLength(request, overhead: Self.multipartOverhead)
        var parser = MultipartParser(boundary: boundary)
        var fields = FormFields()
        var fieldCount = 0
        var current: MultipartParser.PartHeader?
        var text: [UInt8] = []
        var sink: FileSink?
        var staged: StagedFile?
        do {
            for try await chunk in request.body {
                for event in try parser.feed(chunk.readableBytesView) {
                    switch event {
                    case .begin(let header):
                        current = header
                        text = []
                        fieldCount += 1
                        if fieldCount > 200 { throw MultipartParser.malformed("parts") }
                        if header.name == "file" && staged == nil && sink == nil {
                            try await beforeFile(fields)
                            sink = try FileSink(directory: directory, fileName: header.filename ?? "upload",
                                                limit: limit, tooLarge: tooLarge())
                        }
                    case .data(let bytes):
                        if sink != nil, current?.name == "file" {
                            try sink!.write(bytes)
                        } else if current?.filename == nil {
                            text.append(contentsOf: bytes)
                            if text.count > 64 * 1024 { throw MultipartParser.malformed("field") }
                        }   // other file parts are ignored
                    case .end:
                        if current?.name == "file", let s = sink {
                            staged = try s.close(metrics: metrics)
                            sink = nil
                        } else if let h = current, h.filename == nil {
                            fields.append(h.name, String(decoding: text, as: UTF8.self))
                        }
                        current = nil
                    }
                }
                if parser.isDone { break }
            }
            try parser.finish()
            if staged == nil { try await beforeFile(fields) }
            return (fields, staged)
        } catch {
            sink?.discard()
            if let staged { try? FileManager.default.removeItem(at: staged.url) }
            throw error
        }
    }

    /// "1 Gio" / "1 GiB" style, in French units (the message is French first; bytes are exact below 1 KiB).
    static func describe(bytes: Int64) -> String {
        let units = ["o", "Kio", "Mio", "Gio", "Tio"]
        var v = Double(bytes)
        var u = 0
        while v >= 1024 && u < units.count - 1 { v /= 1024; u += 1 }
        let number = v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)
        return number + " " + units[u]
    }

    /// "C:\\Users\\x\\budget 2024.csv" → "budget 2024.csv"; control characters removed; never empty.
    static func sanitize(fileName: String) -> String {
        let last = fileName.replacingOccurrences(of: "\\", with: "/").split(separator: "/").last.map(String.init) ?? ""
        let clean = String(last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        let short = String(clean.prefix(200))
        return short.isEmpty || short == "." || short == ".." ? "upload" : short
    }
}

/// The staging file being written; counts bytes against the limit.
struct FileSink {
    let url: URL
    let fileName: String
    let limit: Int64
    let tooLarge: SocleError
    private let handle: FileHandle
    private(set) var size: Int64 = 0

    init(directory: URL, fileName: String, limit: Int64, tooLarge: SocleError) throws {
        let name = UploadReceiver.sanitize(fileName: fileName)
        let ext = (name as NSString).pathExtension.lowercased()
        let safeExt = ext.count <= 10 && ext.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } ? ext : ""
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        url = directory.appendingPathComponent(UUID().uuidString.lowercased() + (safeExt.isEmpty ? "" : "." + safeExt))
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let h = try? FileHandle(forWritingTo: url) else {
            if let free = try? FileManager.default.attributesOfFileSystem(forPath: directory.path)[.systemFreeSize] as? Int64, free < 4_096 {
                throw SocleError(.unavailable, code: "store.disk_full")
            }
            throw SocleError(.internalError, code: "server.staging_unwritable", args: ["path": directory.path])
        }
        handle = h
        self.fileName = name
        self.limit = limit
        self.tooLarge = tooLarge
    }

    mutating func write<C: Collection>(_ bytes: C) throws where C.Element == UInt8 {
        size += Int64(bytes.count)
        if size > limit { throw tooLarge }
        do { try handle.write(contentsOf: Data(bytes)) } catch { throw Self.diskError(error) }
    }

    /// A full disk while staging is said as such (503, nothing kept); other write errors stay internal.
    static func diskError(_ error: any Error) -> any Error {
        let ns = error as NSError
        let posix = (ns.userInfo[NSUnderlyingErrorKey] as? NSError)?.code ?? ns.code
        if posix == Int(ENOSPC) || posix == Int(EDQUOT) || ns.code == NSFileWriteOutOfSpaceError {
            return SocleError(.unavailable, code: "store.disk_full")
        }
        return error
    }

    func close(metrics: ServerMetrics) throws -> StagedFile {
        do { try handle.close() } catch { throw Self.diskError(error) }
        metrics.recordUploadBytes(size)
        return StagedFile(url: url, fileName: fileName, size: size)
    }

    func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(at: url)
    }
}
