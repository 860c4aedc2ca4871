import Foundation

/// A read-only view of a compound file ([MS-CFB]: the "OLE2" container of Excel 97–2003 workbooks):
/// header, DIFAT, FAT, directory and mini stream, enough to read one named stream.
///
/// Nothing the file claims is trusted: every sector number is checked against the file's real size,
/// every chain is followed with a cycle guard (a sector visited twice is a loop), and every table is
/// bounded by the number of sectors the file really has, so a forged file gets a `Failure`, never a
/// trap, a hang or an allocation larger than the file.
final class CompoundFile {
    /// Why the container cannot be read; `part` names the structure, for the located message.
    struct Failure: Error, Equatable {
        enum Reason: Equatable { case truncated, corrupt(String) }
        var reason: Reason
        static func corrupt(_ part: String) -> Failure { Failure(reason: .corrupt(part)) }
        static let truncated = Failure(reason: .truncated)
    }

    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// Special FAT values.
    private static let endOfChain: UInt32 = 0xFFFF_FFFE
    private static let freeSector: UInt32 = 0xFFFF_FFFF
    private static let noStream: UInt32 = 0xFFFF_FFFF

    struct Entry {
        var name: String
        /// 1 storage, 2 stream, 5 root.
        var type: UInt8
        var start: UInt32
        var size: Int
    }

    private let handle: FileHandle
    let fileSize: Int
    let sectorSize: Int
    private let miniSectorSize: Int
    private let miniCutoff: Int
    /// Sectors that exist in the file (after the header).
    private let sectorCount: Int
    /// Sectors the FAT describes: a chain pointing past the file but inside this range means a cut file.
    private var fatCapacity = 0
    private var fat: [UInt32] = []
    private var miniFat: [UInt32] = []
    private(set) var entries: [Entry] = []

    init(url: URL) throws {
        guard let h = FileHandle(forReadingAtPath: url.path) else { throw Failure.corrupt("fichier") }
        handle = h
        let size = (try? h.seekToEnd()).map { Int($0) } ?? 0
        fileSize = size
        try? h.seek(toOffset: 0)
        let header = [UInt8]((try? h.read(upToCount: 512)) ?? Data())
        guard header.count == 512 else { throw Failure.truncated }
        guard header.starts(with: Self.signature) else { throw Failure.corrupt("en-tête") }
        func u16(_ i: Int) -> Int { Int(header[i]) | Int(header[i + 1]) << 8 }
        func u32(_ i: Int) -> UInt32 {
            UInt32(header[i]) | UInt32(header[i + 1]) << 8 | UInt32(header[i + 2]) << 16 | UInt32(header[i + 3]) << 24
        }
        let major = u16(26), shift = u16(30), miniShift = u16(32)
        guard u16(28) == 0xFFFE, (major == 3 && shift == 9) || (major == 4 && shift == 12), miniShift == 6 else {
            throw Failure.corrupt("en-tête")
        }
        sectorSize = 1 << shift
        miniSectorSize = 1 << miniShift
        miniCutoff = Int(u32(56))
        guard miniCutoff == 4096 else { throw Failure.corrupt("en-tête") }
        sectorCount = max(0, (size - sectorSize + sectorSize - 1) / sectorSize)
        let fatSectorCount = Int(u32(44))
        guard fatSectorCount >= 1, fatSectorCount <= sectorCount else { throw Failure.corrupt("FAT") }

        // DIFAT: 109 entries in the header, then a chain of DIFAT sectors (last entry = next sector).
        var fatSectors: [UInt32] = []
        fatSectors.reserveCapacity(min(fatSectorCount, 109))
        for i in 0..<109 where fatSectors.count < fatSectorCount {
            fatSectors.append(u32(76 + 4 * i))
        }
        var difat = u32(68)
        var difatSeen = 0
        let perSector = sectorSize / 4
        while fatSectors.count < fatSectorCount {
            guard difat != Self.endOfChain, difat != Self.freeSector else { throw Failure.corrupt("DIFAT") }
            difatSeen += 1
            guard difatSeen <= sectorCount else { throw Failure.corrupt("DIFAT") }  // a loop
            let words = try readWords(sector: difat)
            for i in 0..<(perSector - 1) where fatSectors.count < fatSectorCount { fatSectors.append(words[i]) }
            difat = words[perSector - 1]
        }
        // FAT: only as many entries as there are sectors matter.
        fat.reserveCapacity(min(fatSectorCount * perSector, sectorCount + perSector))
        for s in fatSectors {
            fat += try readWords(sector: s)
            if fat.count >= sectorCount { break }
        }
        fatCapacity = fatSectorCount * perSector
        if fat.count > sectorCount { fat.removeLast(fat.count - sectorCount) }

        // Directory: 128-byte entries along the chain starting in the header.
        let directory = try readChain(start: u32(48), size: nil, part: "répertoire")
        let count = directory.count / 128
        entries.reserveCapacity(count)
        for i in 0..<count {
            let b = i * 128
            let nameBytes = min(64, Int(directory[b + 64]) | Int(directory[b + 65]) << 8)
            var units: [UInt16] = []
            var k = 0
            while k + 1 < nameBytes {
                let u = UInt16(directory[b + k]) | UInt16(directory[b + k + 1]) << 8
                if u == 0 { break }
                units.append(u)
                k += 2
            }
            func d32(_ at: Int) -> UInt32 {
                UInt32(directory[b + at]) | UInt32(directory[b + at + 1]) << 8
                    | UInt32(directory[b + at + 2]) << 16 | UInt32(directory[b + at + 3]) << 24
            }
            // Version 3 files may leave garbage in the size's high half: only the low 32 bits count.
            let low = Int(d32(120)), high = Int(d32(124))
            let streamSize = major == 3 ? low : (high << 32 | low)
            entries.append(Entry(name: String(decoding: units, as: UTF16.self), type: directory[b + 66],
                                 start: d32(116), size: streamSize))
        }
        guard let root = entries.first, root.type == 5 else { throw Failure.corrupt("répertoire") }

        // Mini FAT: only needed when a stream we read is smaller than the cutoff.
        let miniFatStart = u32(60)
        if miniFatStart != Self.endOfChain && miniFatStart != Self.freeSector {
            let bytes = try readChain(start: miniFatStart, size: nil, part: "mini FAT")
            miniFat = Self.words(bytes)
        }
    }

    deinit { try? handle.close() }

    /// The first stream with one of these names (case-insensitive, as [MS-CFB] compares them).
    func stream(named names: [String]) -> Entry? {
        let wanted = Set(names.map { $0.uppercased() })
        return entries.first { $0.type == 2 && wanted.contains($0.name.uppercased()) }
    }

    /// Opens a stream for sequential reading. Small streams (below the mini-stream cutoff) are read
    /// whole from the mini stream; others are read sector run by sector run from the file.
    func open(_ entry: Entry) throws -> CompoundStream {
        guard entry.size >= 0, entry.size <= sectorCount * sectorSize else { throw Failure.truncated }
        if entry.size < miniCutoff {
            return CompoundStream(bytes: try readMini(entry))
        }
        let chain = try chainSectors(start: entry.start, minimumBytes: entry.size, part: entry.name)
        return CompoundStream(file: self, sectors: chain, size: entry.size)
    }

    // MARK: chains

    /// The sectors of a chain, checked: each exists, none is visited twice (a loop in the FAT), and the
    /// chain is long enough for `minimumBytes`. Stops once enough sectors are known.
    private func chainSectors(start: UInt32, minimumBytes: Int?, part: String) throws -> [UInt32] {
        var out: [UInt32] = []
        var visited = [UInt64](repeating: 0, count: sectorCount / 64 + 1)
        var s = start
        let needed = minimumBytes.map { ($0 + sectorSize - 1) / sectorSize }
        while s != Self.endOfChain {
            if let needed, out.count >= needed { break }
            guard Int(s) < sectorCount else {
                throw Int(s) < fatCapacity ? Failure.truncated : Failure.corrupt(part)
            }
            let word = Int(s) >> 6, bit = UInt64(1) << (UInt64(s) & 63)
            guard visited[word] & bit == 0 else { throw Failure.corrupt("FAT (boucle)") }
            visited[word] |= bit
            out.append(s)
            guard Int(s) < fat.count else { throw Failure.corrupt("FAT") }
            s = fat[Int(s)]
        }
        if let needed, out.count < needed { throw Failure.corrupt(part) }
        return out
    }

    /// All bytes of a chain (directory, mini FAT, mini stream): bounded by the file's own size.
    private func readChain(start: UInt32, size: Int?, part: String) throws -> [UInt8] {
        let sectors = try chainSectors(start: start, minimumBytes: size, part: part)
        var out: [UInt8] = []
        out.reserveCapacity(sectors.count * sectorSize)
        for s in sectors { out += try readSector(s) }
        if let size { out.removeLast(max(0, out.count - size)) }
        return out
    }

    private func readMini(_ entry: Entry) throws -> [UInt8] {
        guard let root = entries.first else { throw Failure.corrupt("répertoire") }
        let miniStream = try readChain(start: root.start, size: nil, part: "mini stream")
        var out: [UInt8] = []
        out.reserveCapacity(entry.size)
        var s = entry.start
        var steps = 0
        while out.count < entry.size {
            guard s != Self.endOfChain, Int(s) < miniFat.count else { throw Failure.corrupt("mini FAT") }
            steps += 1
            guard steps <= miniFat.count else { throw Failure.corrupt("mini FAT (boucle)") }
            let from = Int(s) * miniSectorSize
            guard from + miniSectorSize <= miniStream.count else { throw Failure.truncated }
            out += miniStream[from ..< from + min(miniSectorSize, entry.size - out.count)]
            s = miniFat[Int(s)]
        }
        return out
    }

    // MARK: raw sectors

    /// Reads `count` consecutive sectors from `sector` on (a run); short reads mean a cut file.
    func readSectors(_ sector: UInt32, count: Int) throws -> Data {
        let offset = UInt64(sectorSize) * (UInt64(sector) + 1)
        guard Int(sector) + count <= sectorCount else { throw Failure.truncated }
        do {
            try handle.seek(toOffset: offset)
            let data = try handle.read(upToCount: count * sectorSize) ?? Data()
            // The last sector may be short when the file ends exactly after the stream's last byte.
            guard data.count > (count - 1) * sectorSize else { throw Failure.truncated }
            return data
        } catch let f as Failure {
            throw f
        } catch {
            throw Failure.truncated
        }
    }

    private func readSector(_ sector: UInt32) throws -> [UInt8] {
        var bytes = [UInt8](try readSectors(sector, count: 1))
        if bytes.count < sectorSize { bytes += [UInt8](repeating: 0, count: sectorSize - bytes.count) }
        return bytes
    }

    private func readWords(sector: UInt32) throws -> [UInt32] {
        guard Int(sector) < sectorCount else { throw Failure.corrupt("FAT") }
        return Self.words(try readSector(sector))
    }

    private static func words(_ b: [UInt8]) -> [UInt32] {
        stride(from: 0, to: b.count - 3, by: 4).map {
            UInt32(b[$0]) | UInt32(b[$0 + 1]) << 8 | UInt32(b[$0 + 2]) << 16 | UInt32(b[$0 + 3]) << 24
        }
    }
}

/// Sequential bytes of one compound-file stream, with a window refilled run of sectors by run.
final class CompoundStream {
    private let file: CompoundFile?
    private let sectors: [UInt32]
    let size: Int
    /// Bytes of the stream held now, starting at stream offset `windowStart`.
    private(set) var window: [UInt8]
    private(set) var windowStart = 0
    private var nextSector = 0

    init(bytes: [UInt8]) {
        file = nil
        sectors = []
        size = bytes.count
        window = bytes
        nextSector = 0
    }

    init(file: CompoundFile, sectors: [UInt32], size: Int) {
        self.file = file
        self.sectors = sectors
        self.size = size
        window = []
    }

    /// Bytes consumed so far is the caller's business; this is how far the window reaches.
    var windowEnd: Int { windowStart + window.count }

    /// Makes sure `[offset, offset + count)` of the stream is in the window, dropping what lies before
    /// `keepFrom`. Returns false when the stream ends before.
    func ensure(_ offset: Int, _ count: Int, keepFrom: Int) throws -> Bool {
        guard offset + count <= size else { return false }
        if offset + count <= windowEnd && offset >= windowStart { return true }
        guard let file else { return false }
        if keepFrom > windowStart {
            let drop = min(keepFrom - windowStart, window.count)
            window.removeFirst(drop)
            windowStart += drop
        }
        let sectorSize = file.sectorSize
        while windowEnd < offset + count {
            // Read the run of consecutive sectors starting at the next one, up to 256 KiB at a time.
            guard nextSector < sectors.count else { return false }
            var run = 1
            let maxRun = max(1, (256 << 10) / sectorSize)
            while run < maxRun, nextSector + run < sectors.count,
                  sectors[nextSector + run] == sectors[nextSector + run - 1] &+ 1 { run += 1 }
            let data = try file.readSectors(sectors[nextSector], count: run)
            let wanted = min(run * sectorSize, size - nextSector * sectorSize)
            guard data.count >= wanted else { throw CompoundFile.Failure.truncated }
            window.append(contentsOf: data.prefix(wanted))
            nextSector += run
        }
        return true
    }

    /// Moves to a stream offset (a sheet's BOF), keeping the window only if it already covers it.
    func seek(_ offset: Int) {
        guard file != nil else { return }
        if offset >= windowStart && offset <= windowEnd { return }
        let sectorSize = sectors.isEmpty ? 512 : (file?.sectorSize ?? 512)
        nextSector = min(sectors.count, offset / sectorSize)
        windowStart = nextSector * sectorSize
        window.removeAll(keepingCapacity: true)
    }
}
