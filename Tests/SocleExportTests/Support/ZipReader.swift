/// Reads back a STORED ZIP archive through its central directory, checking every structure the
/// writer promised: local headers, data descriptors, CRC-32 (computed bit by bit, independently
/// of the writer's tables) and sizes.
struct ZipReader {
    struct Malformed: Error, CustomStringConvertible { var description: String }

    struct Entry {
        var name: String
        var flags: UInt16
        var content: [UInt8]
    }

    let entries: [Entry]

    init(_ b: [UInt8]) throws {
        func u16(_ at: Int) throws -> Int {
            guard at >= 0, at + 2 <= b.count else { throw Malformed(description: "u16 out of range at \(at)") }
            return Int(b[at]) | Int(b[at + 1]) << 8
        }
        func u32(_ at: Int) throws -> Int {
            guard at >= 0, at + 4 <= b.count else { throw Malformed(description: "u32 out of range at \(at)") }
            return Int(b[at]) | Int(b[at + 1]) << 8 | Int(b[at + 2]) << 16 | Int(b[at + 3]) << 24
        }
        let eocd = b.count - 22
        guard try u32(eocd) == 0x0605_4B50 else { throw Malformed(description: "no end record") }
        let count = try u16(eocd + 10)
        let cdSize = try u32(eocd + 12)
        var p = try u32(eocd + 16)
        guard p + cdSize == eocd else { throw Malformed(description: "directory does not end at end record") }
        var list: [Entry] = []
        for _ in 0..<count {
            guard try u32(p) == 0x0201_4B50 else { throw Malformed(description: "bad directory entry") }
            let flags = UInt16(try u16(p + 8))
            guard try u16(p + 10) == 0 else { throw Malformed(description: "not stored") }
            let crc = try u32(p + 16)
            let size = try u32(p + 20)
            guard try u32(p + 24) == size else { throw Malformed(description: "sizes differ") }
            let nameLength = try u16(p + 28)
            let extra = try u16(p + 30) + (try u16(p + 32))
            let local = try u32(p + 42)
            let name = String(decoding: b[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            p += 46 + nameLength + extra

            guard try u32(local) == 0x0403_4B50, UInt16(try u16(local + 6)) == flags else {
                throw Malformed(description: "bad local header for \(name)")
            }
            let localName = String(decoding: b[(local + 30)..<(local + 30 + (try u16(local + 26)))], as: UTF8.self)
            guard localName == name else { throw Malformed(description: "names differ") }
            let dataStart = local + 30 + (try u16(local + 26)) + (try u16(local + 28))
            guard dataStart + size <= eocd else { throw Malformed(description: "data past the directory") }
            let content = Array(b[dataStart..<(dataStart + size)])
            guard Int(Self.crc32(content)) == crc else { throw Malformed(description: "CRC mismatch in \(name)") }
            if flags & 0x0008 != 0 {
                let d = dataStart + size
                guard try u32(d) == 0x0807_4B50, try u32(d + 4) == crc, try u32(d + 8) == size,
                      try u32(d + 12) == size else { throw Malformed(description: "bad data descriptor for \(name)") }
            } else {
                guard try u32(local + 14) == crc, try u32(local + 18) == size else {
                    throw Malformed(description: "local header disagrees for \(name)")
                }
            }
            list.append(Entry(name: name, flags: flags, content: content))
        }
        guard p == eocd else { throw Malformed(description: "directory size mismatch") }
        entries = list
    }

    func text(_ name: String) -> String? {
        entries.first { $0.name == name }.map { String(decoding: $0.content, as: UTF8.self) }
    }

    /// Bitwise CRC-32, the textbook definition.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
