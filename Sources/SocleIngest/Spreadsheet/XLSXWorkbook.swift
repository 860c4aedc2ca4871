import Foundation
import SocleCore
import ZIPFoundation

/// The parts of an XLSX workbook needed to read a sheet: sheet list, date system, shared strings
/// and which cell styles show dates. All small enough to hold in memory.
struct XLSXWorkbook {
    struct Sheet {
        var name: String
        /// Path of the sheet XML inside the zip.
        var path: String?
        var isWorksheet: Bool
    }

    var sheets: [Sheet] = []
    var date1904 = false
    var sharedStringsPath: String?
    var stylesPath: String?

    /// Reads workbook.xml and its relationships; nil when the zip holds no workbook.
    static func load(_ archive: Archive) throws -> XLSXWorkbook? {
        var workbookPath = "xl/workbook.xml"
        if let rels = try ZipContainer.read(archive, "_rels/.rels") {
            for r in try relationships(rels) where r.type.hasSuffix("/officeDocument") {
                workbookPath = resolve(r.target, base: "")
            }
        }
        guard let xml = try ZipContainer.read(archive, workbookPath) else { return nil }
        let dir = workbookPath.contains("/") ? String(workbookPath[..<(workbookPath.lastIndex(of: "/") ?? workbookPath.endIndex)]) + "/" : ""
        let relsPath = dir + "_rels/" + (workbookPath.split(separator: "/").last.map(String.init) ?? "workbook.xml") + ".rels"
        var byId: [String: (type: String, target: String)] = [:]
        var book = XLSXWorkbook()
        if let rels = try ZipContainer.read(archive, relsPath) {
            for r in try relationships(rels) {
                let target = resolve(r.target, base: dir)
                byId[r.id] = (r.type, target)
                if r.type.hasSuffix("/sharedStrings") { book.sharedStringsPath = target }
                if r.type.hasSuffix("/styles") { book.stylesPath = target }
            }
        }
        if book.sharedStringsPath == nil, archive[dir + "sharedStrings.xml"] != nil { book.sharedStringsPath = dir + "sharedStrings.xml" }
        if book.stylesPath == nil, archive[dir + "styles.xml"] != nil { book.stylesPath = dir + "styles.xml" }

        let x = XMLPullTokenizer(window: StreamByteWindow(supplier: MemoryByteSupplier(xml), capacity: 1 << 16))
        while true {
            let ev = try x.next()
            if ev == .eof { break }
            guard ev == .start else { continue }
            if x.localNameIs("workbookPr"), let v = x.attributeString("date1904") {
                book.date1904 = v == "1" || v.lowercased() == "true"
            } else if x.localNameIs("sheet") {
                let name = x.attributeString("name") ?? ""
                let rel = x.attribute(local: "id").map { String(decoding: $0, as: UTF8.self) }
                let target = rel.flatMap { byId[$0] }
                book.sheets.append(Sheet(name: name, path: target?.target,
                                         isWorksheet: target.map { $0.type.hasSuffix("/worksheet") } ?? false))
            }
        }
        return book
    }

    private static func relationships(_ xml: [UInt8]) throws -> [(id: String, type: String, target: String)] {
        let x = XMLPullTokenizer(window: StreamByteWindow(supplier: MemoryByteSupplier(xml), capacity: 1 << 16))
        var out: [(String, String, String)] = []
        while true {
            let ev = try x.next()
            if ev == .eof { break }
            if ev == .start && x.localNameIs("Relationship") {
                out.append((x.attributeString("Id") ?? "", x.attributeString("Type") ?? "", x.attributeString("Target") ?? ""))
            }
        }
        return out
    }

    /// A relationship target as a path inside the zip (absolute "/xl/…" or relative to `base`).
    static func resolve(_ target: String, base: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = base.split(separator: "/").map(String.init)
        for p in target.split(separator: "/") {
            if p == ".." { if !parts.isEmpty { parts.removeLast() } } else if p != "." { parts.append(String(p)) }
        }
        return parts.joined(separator: "/")
    }

    /// For each cellXfs style index, what its number format shows.
    static func styleKinds(_ xml: [UInt8]) throws -> [ExcelSerialDate.Kind] {
        let x = XMLPullTokenizer(window: StreamByteWindow(supplier: MemoryByteSupplier(xml), capacity: 1 << 16))
        var codes: [Int: String] = [:]
        var formatIds: [Int] = []
        var inCellXfs = false
        while true {
            let ev = try x.next()
            if ev == .eof { break }
            if ev == .end && x.localNameIs("cellXfs") { inCellXfs = false }
            guard ev == .start else { continue }
            if x.localNameIs("numFmt"), let id = x.attributeInt("numFmtId") {
                codes[id] = x.attributeString("formatCode") ?? ""
            } else if x.localNameIs("cellXfs") {
                inCellXfs = !x.selfClosing
            } else if inCellXfs && x.localNameIs("xf") {
                formatIds.append(x.attributeInt("numFmtId") ?? 0)
            }
        }
        return formatIds.map { id in
            if let code = codes[id] { return ExcelSerialDate.kind(formatCode: code) }
            return ExcelSerialDate.kind(builtinFormat: id)
        }
    }
}

/// The shared string table, held as one buffer (rich text runs concatenated, phonetic runs left out).
final class XLSXSharedStrings {
    private let bytes = ByteAccumulator(capacity: 1 << 16, limit: IngestLimits.maxWholePartBytes)
    private var ends: [Int] = []

    var count: Int { ends.count }

    init(_ xml: [UInt8]) throws {
        let x = XMLPullTokenizer(window: StreamByteWindow(supplier: MemoryByteSupplier(xml), capacity: 1 << 16))
        var itemStart = 0
        var phonetic = 0
        while true {
            let ev = try x.next()
            switch ev {
            case .eof:
                return
            case .start:
                if x.localNameIs("si") {
                    itemStart = bytes.count
                } else if x.localNameIs("rPh") {
                    phonetic += 1
                } else if x.localNameIs("t") && phonetic == 0 {
                    x.captureText = true
                }
            case .text:
                bytes.append(x.text.ptr, x.text.count)
                if bytes.overflowed { throw XMLPullTokenizer.TooLarge() }
            case .end:
                if x.localNameIs("t") {
                    x.captureText = false
                } else if x.localNameIs("rPh") {
                    phonetic = max(0, phonetic - 1)
                } else if x.localNameIs("si") {
                    XLSXEscapes.decode(bytes, from: itemStart)
                    guard ends.count < IngestLimits.maxSharedStrings else { throw XMLPullTokenizer.TooLarge() }
                    ends.append(bytes.count)
                }
            }
        }
    }

    /// The i-th string (0-based), nil when out of range.
    func string(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
        guard i >= 0 && i < ends.count else { return nil }
        return bytes.slice(i == 0 ? 0 : ends[i - 1], ends[i])
    }
}

/// OOXML escapes characters XML cannot hold as `_xHHHH_` (e.g. `_x000D_` for a carriage return).
enum XLSXEscapes {
    /// Decodes `_xHHHH_` sequences in `buf[from...]` in place.
    static func decode(_ buf: ByteAccumulator, from start: Int) {
        let p = buf.ptr
        let n = buf.count
        var i = start
        while i + 6 < n && !(p[i] == UInt8(ascii: "_") && p[i + 1] == UInt8(ascii: "x")) { i += 1 }
        guard i + 6 < n else { return }
        var out = i
        while i < n {
            if i + 6 < n, p[i] == UInt8(ascii: "_"), p[i + 1] == UInt8(ascii: "x"), p[i + 6] == UInt8(ascii: "_"),
               let v = hex4(p + i + 2) {
                let tmp = ByteAccumulator(capacity: 4)
                JSONStreamScanner.appendScalar(v, to: tmp)
                for k in 0..<tmp.count { p[out + k] = tmp.ptr[k] }
                out += tmp.count
                i += 7
            } else {
                p[out] = p[i]
                out += 1
                i += 1
            }
        }
        buf.count = out
    }

    private static func hex4(_ p: UnsafeMutablePointer<UInt8>) -> UInt32? {
        var v: UInt32 = 0
        for k in 0..<4 {
            let c = p[k]
            switch c {
            case 0x30...0x39: v = v << 4 | UInt32(c - 0x30)
            case 0x41...0x46: v = v << 4 | UInt32(c - 0x41 + 10)
            case 0x61...0x66: v = v << 4 | UInt32(c - 0x61 + 10)
            default: return nil
            }
        }
        return (v >= 0xD800 && v < 0xE000) ? nil : v
    }
}
