import CZlib
import Foundation
import SocleCore

/// Checks a zip's structure before ZIPFoundation reads it (found by `scripts/fuzz`): ZIPFoundation 0.9.20
/// traps on ZIP64 sizes above 2^63 and spins forever on a deflate stream that ends before its data does.
/// This reads the central directory itself, refuses sizes and offsets that do not fit in the file, and
/// inflates every compressed entry once, within its own bytes and under the inflation limits, requiring the
/// stream to end there. Only a zip that passes reaches ZIPFoundation.
enum ZipGuard {
    struct Invalid: Error {}

    /// Files already checked (path, size, modification time): one load opens a workbook several times
    /// (analysis, conversion), and the check inflates every entry, so it runs once per file.
    private static let checked = NSLock()
    nonisolated(unsafe) private static var passed: [String] = []

    static func validate(_ url: URL, maxInflated: Int64 = IngestLimits.maxInflatedEntryBytes) throws {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        let key = "\(url.path)|\(attributes?[.size] ?? "")|\((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        if checked.withLock({ passed.contains(key) }) { return }
        try check(url, maxInflated: maxInflated)
        checked.withLock {
            passed.append(key)
            if passed.count > 64 { passed.removeFirst() }
        }
    }

    private static func check(_ url: URL, maxInflated: Int64) throws {
        guard let h = FileHandle(forReadingAtPath: url.path) else { throw Invalid() }
        defer { try? h.close() }
        let size = Int64((try? h.seekToEnd()) ?? 0)
        func read(_ offset: Int64, _ count: Int) throws -> [UInt8] {
            guard offset >= 0, count >= 0, offset + Int64(count) <= size else { throw Invalid() }
            try h.seek(toOffset: UInt64(offset))
            let d = try h.read(upToCount: count) ?? Data()
            guard d.count == count else { throw Invalid() }
            return [UInt8](d)
        }
        func u16(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(b[i]) | UInt64(b[i + 1]) << 8 }
        func u32(_ b: [UInt8], _ i: Int) -> UInt64 { u16(b, i) | u16(b, i + 2) << 16 }
        func u64(_ b: [UInt8], _ i: Int) -> UInt64 { u32(b, i) | u32(b, i + 4) << 32 }

        // End of central directory: the last signature in the final 64 KiB + 22 bytes.
        let tailLength = Int(min(size, 65_557))
        let tail = try read(size - Int64(tailLength), tailLength)
        guard let e = stride(from: tail.count - 22, through: 0, by: -1).first(where: {
            tail[$0] == 0x50 && tail[$0 + 1] == 0x4B && tail[$0 + 2] == 5 && tail[$0 + 3] == 6
        }) else { throw Invalid() }
        var count = u16(tail, e + 10), cdSize = u32(tail, e + 12), cdOffset = u32(tail, e + 16)
        if count == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF {
            // ZIP64: the locator just before the record gives the ZIP64 end record.
            let locatorAt = size - Int64(tailLength) + Int64(e) - 20
            let locator = try read(locatorAt, 20)
            guard u32(locator, 0) == 0x0706_4B50 else { throw Invalid() }
            let recordAt = u64(locator, 8)
            guard recordAt < UInt64(size) else { throw Invalid() }
            let record = try read(Int64(recordAt), 56)
            guard u32(record, 0) == 0x0606_4B50 else { throw Invalid() }
            count = u64(record, 32); cdSize = u64(record, 40); cdOffset = u64(record, 48)
        }
        guard cdOffset <= UInt64(size), cdSize <= UInt64(size) - cdOffset, count <= cdSize / 46 + 1 else { throw Invalid() }
        let cd = try read(Int64(cdOffset), Int(cdSize))
        var p = 0
        for _ in 0 ..< count {
            guard p + 46 <= cd.count, u32(cd, p) == 0x0201_4B50 else { throw Invalid() }
            let method = u16(cd, p + 10)
            var compressed = u32(cd, p + 20), uncompressed = u32(cd, p + 24)
            let nameLength = Int(u16(cd, p + 28)), extraLength = Int(u16(cd, p + 30)), commentLength = Int(u16(cd, p + 32))
            var localOffset = u32(cd, p + 42)
            guard p + 46 + nameLength + extraLength + commentLength <= cd.count else { throw Invalid() }
            // ZIP64 extended information: the 64-bit values, in order, for the fields that are saturated.
            var x = p + 46 + nameLength
            let extraEnd = x + extraLength
            while x + 4 <= extraEnd {
                let id = u16(cd, x), length = Int(u16(cd, x + 2))
                guard x + 4 + length <= extraEnd else { throw Invalid() }
                if id == 1 {
                    var q = x + 4
                    func next() throws -> UInt64 {
                        guard q + 8 <= x + 4 + length else { throw Invalid() }
                        defer { q += 8 }
                        return u64(cd, q)
                    }
                    if uncompressed == 0xFFFF_FFFF { uncompressed = try next() }
                    if compressed == 0xFFFF_FFFF { compressed = try next() }
                    if localOffset == 0xFFFF_FFFF { localOffset = try next() }
                }
                x += 4 + length
            }
            guard compressed <= UInt64(size), localOffset <= UInt64(size), uncompressed < (1 << 62) else { throw Invalid() }
            let local = try read(Int64(localOffset), 30)
            guard u32(local, 0) == 0x0403_4B50 else { throw Invalid() }
            let dataOffset = Int64(localOffset) + 30 + Int64(u16(local, 26)) + Int64(u16(local, 28))
            guard dataOffset + Int64(compressed) <= size else { throw Invalid() }
            switch method {
            case 0: guard compressed == uncompressed else { throw Invalid() }
            case 8: try inflateWithin(h, at: dataOffset, compressed: Int64(compressed), maxInflated: maxInflated)
            default: break   // other methods: ZIPFoundation refuses them on its own
            }
            p += 46 + nameLength + extraLength + commentLength
        }
    }

    /// Inflates `compressed` bytes at `offset`; the stream must end within them, and stay under the limits.
    static func inflateWithin(_ h: FileHandle, at offset: Int64, compressed: Int64, maxInflated: Int64) throws {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw Invalid() }
        defer { inflateEnd(&stream) }
        try h.seek(toOffset: UInt64(offset))
        var remaining = compressed
        var out = [UInt8](repeating: 0, count: 1 << 16)
        var inflated: Int64 = 0
        var meter = ZipEntryPipe.InflationMeter(compressed: compressed, maxBytes: maxInflated)
        var ended = false
        while remaining > 0, !ended {
            let chunk = [UInt8](try h.read(upToCount: Int(min(remaining, 1 << 16))) ?? Data())
            guard !chunk.isEmpty else { throw Invalid() }
            remaining -= Int64(chunk.count)
            var input = chunk
            try input.withUnsafeMutableBufferPointer { inBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = UInt32(inBuf.count)
                repeat {
                    let produced: Int = try out.withUnsafeMutableBufferPointer { outBuf in
                        stream.next_out = outBuf.baseAddress
                        stream.avail_out = UInt32(outBuf.count)
                        let rc = inflate(&stream, Z_NO_FLUSH)
                        if rc == Z_STREAM_END { ended = true } else if rc != Z_OK && rc != Z_BUF_ERROR { throw Invalid() }
                        return outBuf.count - Int(stream.avail_out)
                    }
                    inflated += Int64(produced)
                    try meter.add(produced)
                    if produced == 0 && !ended && stream.avail_in > 0 { throw Invalid() }
                } while (stream.avail_in > 0 || stream.avail_out == 0) && !ended
            }
        }
        guard ended else { throw Invalid() }
        _ = inflated
    }
}
