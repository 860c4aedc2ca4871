/// A ZIP archive written front to back without seeking: STORED entries (method 0), the streamed
/// one followed by a data descriptor (general-purpose bit 3), then the central directory.
///
/// Offsets and sizes are 32-bit (no ZIP64): the caller keeps the archive under 4 GiB, which
/// `offset` lets it check before committing bytes.
public struct ZipStreamWriter: Sendable {
    public init() {}
    /// Largest offset or size the 32-bit fields can hold.
    static let maxOffset: UInt64 = 0xFFFF_FFFF

    private struct Entry: Sendable {
        var name: [UInt8]
        var crc: UInt32
        var size: UInt32
        var offset: UInt32
        var flags: UInt16
    }

    /// Bytes of the archive written so far.
    private(set) var offset: UInt64 = 0
    private var entries: [Entry] = []
    private var streamedEntry: Entry?
    private var streamedCRC = CRC32()
    private var streamedSize: UInt64 = 0

    private static let version: UInt16 = 20
    private static let dataDescriptorFlag: UInt16 = 0x0008
    // A fixed timestamp (1980-01-01 00:00, the DOS epoch) makes exports byte-for-byte reproducible.
    private static let dosTime: UInt16 = 0
    private static let dosDate: UInt16 = (1 << 5) | 1

    /// Writes a whole entry whose content is known.
    public mutating func addEntry(name: String, content: [UInt8], into out: inout [UInt8]) {
        var crc = CRC32()
        crc.update(content)
        let entry = Entry(name: Array(name.utf8), crc: crc.value, size: UInt32(truncatingIfNeeded: content.count),
                          offset: UInt32(truncatingIfNeeded: offset), flags: 0)
        let start = out.count
        appendLocalHeader(entry, into: &out)
        out.append(contentsOf: content)
        offset += UInt64(out.count - start)
        entries.append(entry)
    }

    /// Starts an entry whose content follows through `consumed(_:from:)`.
    mutating func beginStreamedEntry(name: String, into out: inout [UInt8]) {
        let entry = Entry(name: Array(name.utf8), crc: 0, size: 0,
                          offset: UInt32(truncatingIfNeeded: offset), flags: Self.dataDescriptorFlag)
        let start = out.count
        appendLocalHeader(entry, into: &out)
        offset += UInt64(out.count - start)
        streamedEntry = entry
        streamedCRC = CRC32()
        streamedSize = 0
    }

    /// Counts `out[start...]`, just appended by the caller, as content of the streamed entry.
    mutating func consumed(_ out: [UInt8], from start: Int) {
        guard start < out.count else { return }
        out.withUnsafeBytes { streamedCRC.update(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        let n = UInt64(out.count - start)
        streamedSize += n
        offset += n
    }

    /// Closes the streamed entry with its data descriptor.
    mutating func endStreamedEntry(into out: inout [UInt8]) {
        guard var entry = streamedEntry else { return }
        entry.crc = streamedCRC.value
        entry.size = UInt32(truncatingIfNeeded: streamedSize)
        let start = out.count
        out.appendLE32(0x0807_4B50)
        out.appendLE32(entry.crc)
        out.appendLE32(entry.size)
        out.appendLE32(entry.size)
        offset += UInt64(out.count - start)
        entries.append(entry)
        streamedEntry = nil
    }

    /// Writes the central directory and its end record; the archive is complete.
    public mutating func finish(into out: inout [UInt8]) {
        let directoryStart = offset
        let start = out.count
        for e in entries {
            out.appendLE32(0x0201_4B50)
            out.appendLE16(Self.version)  // made by: MS-DOS attributes, spec 2.0
            out.appendLE16(Self.version)
            out.appendLE16(e.flags)
            out.appendLE16(0)  // stored
            out.appendLE16(Self.dosTime)
            out.appendLE16(Self.dosDate)
            out.appendLE32(e.crc)
            out.appendLE32(e.size)
            out.appendLE32(e.size)
            out.appendLE16(UInt16(truncatingIfNeeded: e.name.count))
            out.appendLE16(0)  // extra field
            out.appendLE16(0)  // comment
            out.appendLE16(0)  // disk number
            out.appendLE16(0)  // internal attributes
            out.appendLE32(0)  // external attributes
            out.appendLE32(e.offset)
            out.append(contentsOf: e.name)
        }
        let directorySize = UInt64(out.count - start)
        out.appendLE32(0x0605_4B50)
        out.appendLE16(0)
        out.appendLE16(0)
        out.appendLE16(UInt16(truncatingIfNeeded: entries.count))
        out.appendLE16(UInt16(truncatingIfNeeded: entries.count))
        out.appendLE32(UInt32(truncatingIfNeeded: directorySize))
        out.appendLE32(UInt32(truncatingIfNeeded: directoryStart))
        out.appendLE16(0)  // comment
        offset += UInt64(out.count - start)
    }

    private func appendLocalHeader(_ e: Entry, into out: inout [UInt8]) {
        out.appendLE32(0x0403_4B50)
        out.appendLE16(Self.version)
        out.appendLE16(e.flags)
        out.appendLE16(0)  // stored
        out.appendLE16(Self.dosTime)
        out.appendLE16(Self.dosDate)
        // With the data-descriptor flag these three are zero and follow the content instead.
        out.appendLE32(e.crc)
        out.appendLE32(e.size)
        out.appendLE32(e.size)
        out.appendLE16(UInt16(truncatingIfNeeded: e.name.count))
        out.appendLE16(0)
        out.append(contentsOf: e.name)
    }
}
