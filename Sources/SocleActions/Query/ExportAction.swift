import Foundation
import SocleCore
import SocleExport
import SocleQuery

/// One export, checked and ready: everything that can be refused (unknown format, a GeoJSON export
/// without a geometry, a bad filter) was refused by `ExportAction.prepare`, before any byte. The CLI and
/// the server only pipe `bytes` to stdout or to the socket.
public struct PreparedExport: Sendable {
    /// `<slug>-r<revision>[-excel-fr].<ext>`.
    public let fileName: String
    public let mediaType: String
    /// Distinguishes the encodings of one revision (for validators such as the ETag).
    public let variant: String
    /// The file's bytes in buffers of about `ExportAction.flushBytes`. The query starts when iteration
    /// starts (a response never written holds no connection) and stops when the iterator is dropped or
    /// cancelled; at most two buffers wait between the database and the reader, so memory stays flat.
    public let bytes: ExportBytes
}

/// The export path shared by the CLI (`socle query --export`) and every HTTP export route.
public struct ExportAction: Sendable {
    public static let flushBytes = 256 * 1024
    let reads: QueryService

    public init(reads: QueryService) { self.reads = reads }

    /// `format`: csv, excel-fr, json, ndjson, geojson, xlsx (excel-fr is CSV the French Excel way, like
    /// `excelFrench`); `request.limit` is ignored (an export has every matching row).
    public func prepare(_ grant: ReadGrant, _ request: RecordsRequest, format text: String, excelFrench: Bool = false,
                        useLabels: Bool = false) throws -> PreparedExport {
        let french = excelFrench || text.lowercased() == "excel-fr"
        let format = try ExportFormat(parameter: text.lowercased() == "excel-fr" ? "csv" : text)
        var r = request
        r.limit = nil
        let names = try reads.exportColumns(grant, r)
        let byName = Dictionary(grant.columns.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let outputNames = names.filter { $0 != "_row" }
        if format == .geojson, !outputNames.contains(where: { byName[$0]?.type.isGeographic == true }) {
            throw SocleError(.invalidInput, code: "export.no_geometry", args: ["dataset": grant.dataset.slug])
        }
        let columns = outputNames.map { n in byName[n].map { ExportColumn($0) } ?? ExportColumn(name: n, type: .number) }
        let options = ExportOptions(excelFrench: french, useLabels: useLabels)
        let dropRow = names.first == "_row"
        let reads = self.reads
        let exportRequest = r
        let bytes = ExportBytes { channel in
            Task {
                let box = ExportWriterBox(Exporter.writer(format, columns: columns, options: options))
                do {
                    _ = try await reads.export(grant, exportRequest) { chunk in
                        for b in box.write(chunk, dropFirst: dropRow, flushAt: Self.flushBytes) { try await channel.send(b) }
                    }
                    try await channel.send(box.finish())
                    await channel.finish(nil)
                } catch {
                    await channel.finish(error)
                }
            }
        }
        let file = "\(grant.dataset.slug)-r\(grant.revision.number)\(french ? "-excel-fr" : "").\(format.fileExtension)"
        return PreparedExport(fileName: file, mediaType: format.mediaType,
                              variant: format.rawValue + (french ? "fr" : "") + (useLabels ? "l" : ""), bytes: bytes)
    }
}

/// The bytes of one export (see `PreparedExport.bytes`). Iterate it once.
public struct ExportBytes: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    let start: @Sendable (ByteChannel) -> Task<Void, Never>

    public func makeAsyncIterator() -> Iterator { Iterator(start: start) }

    public final class Iterator: AsyncIteratorProtocol, @unchecked Sendable {
        let start: @Sendable (ByteChannel) -> Task<Void, Never>
        private var channel: ByteChannel?
        private var producer: Task<Void, Never>?

        init(start: @escaping @Sendable (ByteChannel) -> Task<Void, Never>) { self.start = start }

        public func next() async throws -> [UInt8]? {
            let c: ByteChannel
            if let channel { c = channel } else {
                c = ByteChannel(capacity: 2)
                channel = c
                producer = start(c)
            }
            return try await c.next()
        }

        /// Stops the query (the reader is gone).
        public func cancel() async {
            producer?.cancel()
            await channel?.cancel()
        }

        deinit {
            producer?.cancel()
            if let channel { Task { await channel.cancel() } }
        }
    }
}

/// The export writer and its pending bytes, used by one producer task at a time.
final class ExportWriterBox: @unchecked Sendable {
    var writer: any ExportWriter
    var buffer: [UInt8] = []

    init(_ writer: any ExportWriter) {
        self.writer = writer
        buffer.reserveCapacity(ExportAction.flushBytes * 2)
        self.writer.begin(into: &buffer)
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

/// A bounded queue of byte buffers between an export's producer and its reader.
public actor ByteChannel {
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
        done = true
        receiver?.resume()
        receiver = nil
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
