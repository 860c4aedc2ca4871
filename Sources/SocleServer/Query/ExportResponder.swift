import Foundation
import Hummingbird
import SocleActions
import SocleCore
import SocleExport
import SocleQuery

/// Streams an export: rows leave the database in chunks, pass through the format's writer and reach
/// the socket in ~256 KiB buffers, with a bounded queue between the two, so memory stays flat for ten
/// million rows. Everything that can be refused (unknown format, bad filter) is refused before the
/// first byte; a failure after it cuts the connection, which clients see as an incomplete download.
struct ExportResponder {
    let state: ServerState
    static let flushBytes = 256 * 1024

    func respond(_ request: Request, _ context: SocleRequestContext, format text: String, slug: String? = nil,
                 params given: QueryParameters? = nil) async throws -> Response {
        let params = try given ?? QueryParameters(request)
        let slug = try slug ?? context.parameters.require("slug")
        var name = text
        if let d = params.nonEmpty("dialect"), d != "excel-fr" {
            throw SocleError(.invalidInput, code: "server.bad_choice", args: ["field": "dialect", "value": String(d.prefix(40)), "allowed": "excel-fr"])
        }
        if let l = params.nonEmpty("labels"), l != "true", l != "false" {
            throw SocleError(.invalidInput, code: "server.bad_choice", args: ["field": "labels", "value": String(l.prefix(40)), "allowed": "true, false"])
        }
        var excelFrench = params["dialect"] == "excel-fr"
        if name.lowercased() == "excel-fr" { name = "csv"; excelFrench = true }
        let format = try ExportFormat(parameter: name)
        let grant = try await state.policy.grant(slug, for: context.principal)
        var recordsRequest = try params.recordsRequest()
        recordsRequest.limit = nil
        let names = try state.reads.exportColumns(grant, recordsRequest)
        let byName = Dictionary(grant.columns.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let outputNames = names.filter { $0 != "_row" }
        if format == .geojson, !outputNames.contains(where: { byName[$0]?.type.isGeographic == true }) {
            throw SocleError(.invalidInput, code: "export.no_geometry", args: ["dataset": grant.dataset.slug])
        }
        let columns = outputNames.map { n in byName[n].map { ExportColumn($0) } ?? ExportColumn(name: n, type: .number) }
        let validators = ConditionalGET(grant: grant, request: request, variant: format.rawValue + (excelFrench ? "fr" : ""))
        if validators.notModified(request) { return validators.notModifiedResponse() }
        let options = ExportOptions(excelFrench: excelFrench, useLabels: params["labels"] == "true")
        let dropRow = names.first == "_row"
        let reads = state.reads
        let exportRequest = recordsRequest
        // The query starts when the body is written, not before: a response whose body is never written
        // (HEAD, a client gone before the first byte) must not leave a producer holding a connection.
        let body = ResponseBody { writer in
            let channel = ByteChannel(capacity: 2)
            let producer = Task {
                var exportWriter = Exporter.writer(format, columns: columns, options: options)
                var buffer: [UInt8] = []
                buffer.reserveCapacity(Self.flushBytes * 2)
                exportWriter.begin(into: &buffer)
                let box = WriterBox(writer: exportWriter, buffer: buffer)
                do {
                    _ = try await reads.export(grant, exportRequest) { chunk in
                        let full = box.write(chunk, dropFirst: dropRow, flushAt: Self.flushBytes)
                        for b in full { try await channel.send(b) }
                    }
                    try await channel.send(box.finish())
                    await channel.finish(nil)
                } catch {
                    await channel.finish(error)
                }
            }
            do {
                while let bytes = try await channel.next() {
                    try await writer.write(ByteBuffer(bytes: bytes))
                }
                try await writer.finish(nil)
            } catch {
                producer.cancel()
                await channel.cancel()
                throw error
            }
        }
        let file = "\(grant.dataset.slug)-r\(grant.revision.number)\(excelFrench ? "-excel-fr" : "").\(format.fileExtension)"
        var response = Response(status: .ok, headers: [
            .contentType: format.mediaType,
            .contentDisposition: "attachment; filename=\"\(file)\"",
        ], body: body)
        validators.apply(to: &response)
        return response
    }
}

/// The export writer and its pending bytes, used by one producer task at a time.
final class WriterBox: @unchecked Sendable {
    var writer: any ExportWriter
    var buffer: [UInt8]
    init(writer: any ExportWriter, buffer: [UInt8]) {
        self.writer = writer
        self.buffer = buffer
    }

    /// Writes a chunk of rows; returns the buffers ready to send.
    func write(_ rows: [[CellValue]], dropFirst: Bool, flushAt: Int) -> [[UInt8]] {
        var out: [[UInt8]] = []
        for row in rows {
            writer.row(dropFirst ? Array(row.dropFirst()) : row, into: &buffer)
            if buffer.count >= flushAt {
                out.append(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        return out
    }

    func finish() -> [UInt8] {
        writer.end(into: &buffer)
        defer { buffer = [] }
        return buffer
    }
}

/// A bounded queue of byte buffers between an export producer and the response writer.
actor ByteChannel {
    private var queue: [[UInt8]] = []
    private var done = false
    private var failure: (any Error)?
    private var cancelled = false
    private var receiver: CheckedContinuation<Void, Never>?
    private var senders: [CheckedContinuation<Void, Never>] = []
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func send(_ bytes: [UInt8]) async throws {
        while queue.count >= capacity && !cancelled {
            await withCheckedContinuation { senders.append($0) }
        }
        if cancelled { throw CancellationError() }
        queue.append(bytes)
        receiver?.resume()
        receiver = nil
    }

    func finish(_ error: (any Error)?) {
        done = true
        failure = error
        receiver?.resume()
        receiver = nil
    }

    func cancel() {
        cancelled = true
        for s in senders { s.resume() }
        senders = []
    }

    func next() async throws -> [UInt8]? {
        while queue.isEmpty && !done {
            await withCheckedContinuation { receiver = $0 }
        }
        if !queue.isEmpty {
            let b = queue.removeFirst()
            if !senders.isEmpty { senders.removeFirst().resume() }
            return b
        }
        if let failure { throw failure }
        return nil
    }
}
