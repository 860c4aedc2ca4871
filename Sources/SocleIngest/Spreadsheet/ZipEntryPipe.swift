import Foundation
import SocleCore
import ZIPFoundation

/// Streams one zip entry's inflated bytes to a pull reader.
///
/// ZIPFoundation only pushes chunks to a closure, so a helper thread runs the extraction and hands
/// chunks over through a small bounded queue: memory stays at a few chunks whatever the entry size.
final class ZipEntryPipe: StreamByteSupplier, @unchecked Sendable {
    private let cond = NSCondition()
    private var queue: [Data] = []
    private var finished = false
    private var failed = false
    private var limitHit: LimitExceeded?
    private var cancelled = false
    private let maxQueued = 4
    /// Chunk being consumed by the reader (reader side only, no lock needed).
    private var head = Data()
    private var headOffset = 0

    init(archiveURL: URL, entryPath: String, chunkSize: Int = 1 << 16) {
        let thread = Thread { [self] in
            self.produce(archiveURL: archiveURL, entryPath: entryPath, chunkSize: chunkSize)
        }
        thread.start()
    }

    deinit { cancel() }

    private struct Cancelled: Error {}

    private func produce(archiveURL: URL, entryPath: String, chunkSize: Int) {
        var ok = false
        var limit: LimitExceeded?
        do {
            let archive = try Archive(url: archiveURL, accessMode: .read)
            if let entry = archive[entryPath] {
                var meter = InflationMeter(compressed: Int64(clamping: entry.compressedSize), maxBytes: IngestLimits.maxInflatedEntryBytes)
                _ = try archive.extract(entry, bufferSize: chunkSize, skipCRC32: true) { data in
                    try meter.add(data.count)
                    try self.push(data)
                }
                ok = true
            }
        } catch let e as LimitExceeded {
            limit = e
        } catch {
            ok = false
        }
        cond.lock()
        finished = true
        failed = !ok
        limitHit = limit
        cond.broadcast()
        cond.unlock()
    }

    private func push(_ data: Data) throws {
        guard !data.isEmpty else { return }
        cond.lock()
        defer { cond.unlock() }
        while queue.count >= maxQueued && !cancelled { cond.wait() }
        if cancelled { throw Cancelled() }
        queue.append(data)
        cond.broadcast()
    }

    /// Stops the producer thread (the reader is done or gone).
    func cancel() {
        cond.lock()
        cancelled = true
        cond.broadcast()
        cond.unlock()
    }

    /// Thrown by `read` when the entry could not be inflated (corrupt archive).
    struct Broken: Error {}

    /// Thrown when an entry inflates past `IngestLimits` (size or ratio): a zip bomb, or a sheet too big.
    struct LimitExceeded: Error {
        var inflated: Int64
        var compressed: Int64
        var maxBytes: Int64
        func error(file: String) -> SocleError {
            IngestError.make("zip.inflation_limit", file: file, args: [
                "max": String(maxBytes >> 20),
                "ratio": String(IngestLimits.maxInflationRatio),
            ], kind: .tooLarge)
        }
    }

    /// Counts inflated bytes against the absolute limit and the ratio to the compressed size.
    struct InflationMeter {
        var compressed: Int64
        var maxBytes: Int64
        var inflated: Int64 = 0
        mutating func add(_ n: Int) throws {
            inflated += Int64(n)
            if inflated > maxBytes
                || (inflated > IngestLimits.ratioCheckedAbove && inflated > IngestLimits.maxInflationRatio * max(compressed, 1)) {
                throw LimitExceeded(inflated: inflated, compressed: compressed, maxBytes: maxBytes)
            }
        }
    }

    func read(into dest: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
        if headOffset >= head.count {
            cond.lock()
            while queue.isEmpty && !finished { cond.wait() }
            if queue.isEmpty {
                let bad = failed
                let limit = limitHit
                cond.unlock()
                if let limit { throw limit }
                if bad { throw Broken() }
                return 0
            }
            head = queue.removeFirst()
            headOffset = 0
            cond.broadcast()
            cond.unlock()
        }
        let n = min(count, head.count - headOffset)
        head.withUnsafeBytes { raw in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return }
            dest.update(from: base + headOffset, count: n)
        }
        headOffset += n
        return n
    }
}

/// Zip helpers shared by the XLSX and ODS readers.
enum ZipContainer {
    enum Kind { case zip, legacyOffice, other }

    /// What the first bytes say the file is.
    static func sniff(_ url: URL) -> Kind? {
        guard let h = FileHandle(forReadingAtPath: url.path) else { return nil }
        defer { try? h.close() }
        let head = [UInt8]((try? h.read(upToCount: 8)) ?? Data())
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return .legacyOffice }
        return .other
    }

    /// Opens the archive or throws the reader's located "not a zip" error.
    static func open(_ url: URL, displayName: String, prefix: String) throws -> Archive {
        switch sniff(url) {
        case nil: throw IngestError.make("file.unreadable", file: displayName)
        case .legacyOffice?: throw IngestError.make("\(prefix).legacy_office", file: displayName)
        case .other?: throw IngestError.make("\(prefix).not_zip", file: displayName)
        case .zip?: break
        }
        // Our own look at the structure first: ZIPFoundation traps or spins forever on some forged zips.
        do {
            try ZipGuard.validate(url)
        } catch let limit as ZipEntryPipe.LimitExceeded {
            throw limit.error(file: displayName)
        } catch {
            throw IngestError.make("\(prefix).corrupt", file: displayName, args: ["part": "zip"])
        }
        do {
            return try Archive(url: url, accessMode: .read)
        } catch {
            throw IngestError.make("\(prefix).not_zip", file: displayName)
        }
    }

    /// The whole content of a (small) entry, or nil when it is missing or unreadable. An entry that
    /// inflates past `IngestLimits.maxWholePartBytes` (or the ratio limit) throws `LimitExceeded`,
    /// whatever size its header claims.
    static func read(_ archive: Archive, _ path: String) throws -> [UInt8]? {
        guard let entry = archive[path] else { return nil }
        var bytes: [UInt8] = []
        // The declared size is the file's claim, not a fact: a forged data descriptor may claim exabytes.
        bytes.reserveCapacity(Int(clamping: min(entry.uncompressedSize, 1 << 20)))
        var meter = ZipEntryPipe.InflationMeter(compressed: Int64(clamping: entry.compressedSize),
                                                maxBytes: Int64(IngestLimits.maxWholePartBytes))
        do {
            _ = try archive.extract(entry, skipCRC32: true) { data in
                try meter.add(data.count)
                bytes.append(contentsOf: data)
            }
        } catch let e as ZipEntryPipe.LimitExceeded {
            throw e
        } catch {
            return nil
        }
        return bytes
    }
}
