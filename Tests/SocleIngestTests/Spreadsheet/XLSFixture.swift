import Foundation

/// Builds small .xls files byte by byte from [MS-XLS] records in an [MS-CFB] container, for the cases a
/// real writer rarely produces on demand: a shared string whose characters switch between compressed
/// and UTF-16 at a CONTINUE boundary, hidden sheets, a workbook small enough for the mini stream, and
/// forged containers (FAT loops, sizes past the file).
enum XLSFixture {
    static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    static func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
    static func f64(_ d: Double) -> [UInt8] { (0..<8).map { UInt8(d.bitPattern >> (8 * UInt64($0)) & 0xFF) } }
    static func latin1(_ s: String) -> [UInt8] { s.unicodeScalars.map { UInt8($0.value) } }
    static func utf16(_ s: String) -> [UInt8] { s.utf16.flatMap { le16(Int($0)) } }

    static func record(_ type: Int, _ data: [UInt8]) -> [UInt8] { le16(type) + le16(data.count) + data }
    static func cell(_ type: Int, row: Int, col: Int, xf: Int = 0, _ rest: [UInt8]) -> [UInt8] {
        record(type, le16(row) + le16(col) + le16(xf) + rest)
    }
    /// A LABEL cell (XLUnicodeString, compressed when every character fits in Latin-1).
    static func label(row: Int, col: Int, _ s: String) -> [UInt8] {
        let wide = s.unicodeScalars.contains { $0.value > 0xFF }
        return cell(0x0204, row: row, col: col, le16(s.utf16.count) + [wide ? 1 : 0] + (wide ? utf16(s) : latin1(s)))
    }
    static func rk(_ v: Int, x100: Bool = false) -> UInt32 { UInt32(bitPattern: Int32(v << 2)) | 2 | (x100 ? 1 : 0) }

    static func bof(_ dt: Int) -> [UInt8] { record(0x0809, le16(0x0600) + le16(dt) + [UInt8](repeating: 0, count: 12)) }
    static let eof = record(0x000A, [])

    /// A workbook stream: globals (with BOUNDSHEETs pointing at each sheet) then the sheets.
    typealias Sheet = (name: String, state: UInt8, kind: UInt8, cells: [UInt8])

    static func workbook(globals: [UInt8], sheets: [Sheet]) -> [UInt8] {
        func boundSheet(_ offset: Int, _ s: Sheet) -> [UInt8] {
            record(0x0085, le32(UInt32(offset)) + [s.state, s.kind, UInt8(s.name.unicodeScalars.count), 0] + latin1(s.name))
        }
        let head = bof(0x0005) + globals
        var size = head.count + eof.count
        for s in sheets { size += boundSheet(0, s).count }
        var offsets: [Int] = []
        var at = size
        for s in sheets {
            offsets.append(at)
            at += bof(0).count + s.cells.count + eof.count
        }
        var out = head
        for (s, o) in zip(sheets, offsets) { out += boundSheet(o, s) }
        out += eof
        for s in sheets { out += bof(s.kind == 2 ? 0x0020 : 0x0010) + s.cells + eof }
        return out
    }

    /// A version 3 compound file (512-byte sectors) holding one stream. Layout: sector 0 FAT,
    /// sector 1 directory, then (stream ≥ 4096 bytes) the stream from sector 2, or (smaller) the
    /// mini FAT in sector 2 and the mini stream from sector 3.
    static func compound(_ stream: [UInt8], name: String = "Workbook") -> [UInt8] {
        let end: UInt32 = 0xFFFF_FFFE, free: UInt32 = 0xFFFF_FFFF
        let mini = stream.count < 4096
        var sectors: [[UInt8]] = []
        var fat: [UInt32] = [0xFFFF_FFFD, end]
        func pad(_ b: [UInt8], _ n: Int) -> [UInt8] { b + [UInt8](repeating: 0, count: (n - b.count % n) % n) }
        var rootStart = end, rootSize = 0, streamStart: UInt32 = 2, miniFatStart = end, miniFatCount = 0
        var body: [UInt8]
        if mini {
            let miniSectors = (stream.count + 63) / 64
            var miniFat = (0..<miniSectors).map { UInt32($0 + 1) }
            miniFat[miniSectors - 1] = end
            // The mini FAT (one sector, its unused entries free) is sector 2.
            sectors.append((miniFat + [UInt32](repeating: free, count: 128 - miniFat.count)).flatMap(le32))
            miniFatStart = 2
            miniFatCount = 1
            fat.append(end)
            body = pad(stream, 64)
            rootStart = 3
            rootSize = body.count
            streamStart = 0
        } else {
            body = stream
        }
        let first = UInt32(fat.count)
        let n = (body.count + 511) / 512
        for k in 0..<n { fat.append(k == n - 1 ? end : first + UInt32(k) + 1) }
        precondition(fat.count <= 128)
        fat += [UInt32](repeating: free, count: 128 - fat.count)

        func entry(_ name: String, type: UInt8, child: UInt32, start: UInt32, size: Int) -> [UInt8] {
            var e = [UInt8](repeating: 0, count: 128)
            let n = utf16(name) + [0, 0]
            e.replaceSubrange(0..<n.count, with: n)
            e.replaceSubrange(64..<66, with: le16(n.count))
            e[66] = type
            e[67] = 1
            e.replaceSubrange(68..<80, with: le32(free) + le32(free) + le32(child))
            e.replaceSubrange(116..<120, with: le32(start))
            e.replaceSubrange(120..<124, with: le32(UInt32(size)))
            return e
        }
        var directory = entry("Root Entry", type: 5, child: 1, start: rootStart, size: rootSize)
        directory += entry(name, type: 2, child: free, start: streamStart, size: stream.count)
        directory += [UInt8](repeating: 0, count: 256)

        var header = [UInt8](repeating: 0, count: 512)
        header.replaceSubrange(0..<8, with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        header.replaceSubrange(24..<34, with: le16(0x3E) + le16(3) + le16(0xFFFE) + le16(9) + le16(6))
        header.replaceSubrange(44..<76, with: le32(1) + le32(1) + le32(0) + le32(4096) + le32(miniFatStart)
                               + le32(UInt32(miniFatCount)) + le32(end) + le32(0))
        header.replaceSubrange(76..<80, with: le32(0))
        for i in 1..<109 { header.replaceSubrange(76 + 4 * i ..< 80 + 4 * i, with: le32(free)) }
        return header + fat.flatMap(le32) + directory + sectors.flatMap { $0 } + pad(body, 512)
    }

    // MARK: the workbook most tests read

    /// Globals: a custom date format (id 164) on XF 1, and a shared-string table split over three
    /// CONTINUE records: string 0 starts compressed and goes on in UTF-16, string 1 the reverse,
    /// string 2's rich-text run is cut in two.
    static func globals(dateMode1904: Bool = false, extra: [UInt8] = []) -> [UInt8] {
        var g = record(0x0042, le16(1252))
        if dateMode1904 { g += record(0x0022, le16(1)) }
        g += record(0x041E, le16(164) + le16(10) + [0] + latin1("dd/mm/yyyy"))
        let xfRest = [UInt8](repeating: 0, count: 16)
        g += record(0x00E0, le16(0) + le16(0) + xfRest)
        g += record(0x00E0, le16(0) + le16(164) + xfRest)
        g += extra
        g += record(0x00FC, le32(4) + le32(4) + le16(13) + [0x00] + latin1("B"))
        g += record(0x003C, [0x01] + utf16("œurs-en-Othe") + le16(6) + [0x01] + utf16("Œu"))
        g += record(0x003C, [0x00] + latin1("illy") + le16(13) + [0x08] + le16(1) + latin1("Saint-Étienne") + [0, 0])
        g += record(0x003C, [0, 0] + le16(3) + [0] + latin1("fin"))
        g += record(0x00FF, le16(8))  // EXTSST, ignored
        return g
    }

    static func dataCells() -> [UInt8] {
        var c: [UInt8] = []
        for (i, h) in ["commune", "montant", "date", "ok", "calcul"].enumerated() { c += label(row: 0, col: i, h) }
        // Row 2: shared string, RK integer, dated NUMBER, boolean, formula with a cached number.
        c += cell(0x00FD, row: 1, col: 0, le32(0))
        c += cell(0x027E, row: 1, col: 1, le32(rk(1234)))
        c += cell(0x0203, row: 1, col: 2, xf: 1, f64(45292))
        c += cell(0x0205, row: 1, col: 3, [1, 0])
        c += cell(0x0006, row: 1, col: 4, f64(3.5) + le16(0) + le32(0) + le16(0))
        // Row 3: MULRK (×100 and a date), an error, a formula whose text follows in STRING.
        c += cell(0x00FD, row: 2, col: 0, le32(1))
        c += record(0x00BD, le16(2) + le16(1) + le16(0) + le32(rk(1234, x100: true)) + le16(1) + le32(rk(45293)) + le16(2))
        c += cell(0x0205, row: 2, col: 3, [0x2A, 1])
        c += cell(0x0006, row: 2, col: 4, [0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + le16(0) + le32(0) + le16(0))
        c += record(0x04BC, [0, 0, 0, 0])  // SHRFMLA between FORMULA and STRING
        c += record(0x0207, le16(7) + [0] + latin1("calculé"))
        // Row 4: a UTF-16 LABEL, a negative NUMBER, blanks, booleans as value and as formula result.
        c += label(row: 3, col: 0, "L’Haÿ-les-Roses")
        c += cell(0x0203, row: 3, col: 1, f64(-0.5))
        c += cell(0x0201, row: 3, col: 2, [])
        c += cell(0x0205, row: 3, col: 3, [0, 0])
        c += cell(0x0006, row: 3, col: 4, [1, 0, 0, 0, 0, 0, 0xFF, 0xFF] + le16(0) + le32(0) + le16(0))
        // Row 5 is empty (a MULBLANK only); row 6 has the rich string.
        c += record(0x00BE, le16(4) + le16(0) + le16(0) + le16(0) + le16(1))
        c += cell(0x00FD, row: 5, col: 0, le32(2))
        return c
    }

    static func stream(globals g: [UInt8] = globals(), padTo: Int = 0) -> [UInt8] {
        var s = workbook(globals: g, sheets: [("Paramètres", 1, 0, label(row: 0, col: 0, "clé")), ("Données", 0, 0, dataCells()),
                                              ("Graphique", 0, 2, [])])
        if s.count < padTo { s += [UInt8](repeating: 0, count: padTo - s.count) }
        return s
    }

    static let expectedRows: [[String?]] = [
        ["Bœurs-en-Othe", "1234", "2024-01-01", "true", "3.5"],
        ["Œuilly", "12.34", "2024-01-02", nil, "calculé"],
        ["L’Haÿ-les-Roses", "-0.5", nil, "false", "false"],
        ["Saint-Étienne", nil, nil, nil, nil],
    ]
}
