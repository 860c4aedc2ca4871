/// A small workbook of several worksheets, built in memory and written at once: for documents laid out by hand
/// (the register in the CNIL's model), not for data exports, which stream through `XLSXWriter`. Cells are inline
/// strings or numbers, with three styles (plain, bold, wrapped) and per-column widths; it shares the ZIP
/// writer, the XML escaping and the sheet-name rules of `XLSXWriter`.
public struct XLSXWorkbook: Sendable {
    public enum Style: Sendable {
        case plain, bold, wrapped, boldWrapped
        /// Index in `cellXfs`.
        var index: Int {
            switch self {
            case .plain: return 0
            case .bold: return 1
            case .wrapped: return 2
            case .boldWrapped: return 3
            }
        }
    }

    public struct Cell: Sendable {
        public enum Value: Sendable {
            case text(String)
            case number(Double)
        }
        public var value: Value
        public var style: Style
        public init(_ text: String, _ style: Style = .plain) {
            value = .text(text)
            self.style = style
        }
        public init(number: Double, _ style: Style = .plain) {
            value = .number(number)
            self.style = style
        }
    }

    public struct Sheet: Sendable {
        public var name: String
        /// Column widths in characters (Excel's unit), from column A.
        public var widths: [Double]
        public var rows: [[Cell]]
        public init(name: String, widths: [Double] = [], rows: [[Cell]] = []) {
            self.name = name
            self.widths = widths
            self.rows = rows
        }
    }

    public var sheets: [Sheet] = []
    public init(sheets: [Sheet] = []) {
        self.sheets = sheets
    }

    /// The sheet names as written: cleaned like `XLSXWriter`'s, and made unique (Excel refuses duplicates,
    /// case-insensitively) by a ` (2)` suffix that keeps them within 31 characters.
    public var sheetNames: [String] {
        var seen = Set<String>()
        return sheets.map { sheet in
            let base = XLSXParts.cleanSheetName(sheet.name)
            var name = base
            var n = 2
            while seen.contains(name.lowercased()) {
                let suffix = " (\(n))"
                name = XLSXParts.cleanSheetName(String(base.prefix(31 - suffix.count)) + suffix)
                n += 1
            }
            seen.insert(name.lowercased())
            return name
        }
    }

    /// The `.xlsx` file.
    public func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var zip = ZipStreamWriter()
        let names = sheetNames
        func add(_ name: String, _ text: String) { zip.addEntry(name: name, content: Array(text.utf8), into: &out) }
        var types = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
            """
        var rels = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            """
        var book = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>
            """
        for (i, name) in names.enumerated() {
            let n = i + 1
            types += "<Override PartName=\"/xl/worksheets/sheet\(n).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            rels += "<Relationship Id=\"rId\(n)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(n).xml\"/>"
            book += "<sheet name=\"\(Self.escaped(name))\" sheetId=\"\(n)\" r:id=\"rId\(n)\"/>"
        }
        rels += "<Relationship Id=\"rId\(names.count + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>"
        add("[Content_Types].xml", types + "</Types>")
        add("_rels/.rels", XLSXParts.rootRelationships)
        add("xl/workbook.xml", book + "</sheets></workbook>")
        add("xl/_rels/workbook.xml.rels", rels)
        add("xl/styles.xml", Self.styles)
        for (i, sheet) in sheets.enumerated() {
            zip.addEntry(name: "xl/worksheets/sheet\(i + 1).xml", content: Self.sheetXML(sheet), into: &out)
        }
        zip.finish(into: &out)
        return out
    }

    static func sheetXML(_ sheet: Sheet) -> [UInt8] {
        var x = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            """
        if !sheet.widths.isEmpty {
            x += "<cols>"
            for (i, w) in sheet.widths.enumerated() {
                x += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(w)\" customWidth=\"1\"/>"
            }
            x += "</cols>"
        }
        x += "<sheetData>"
        var out = Array(x.utf8)
        for (r, row) in sheet.rows.enumerated() {
            out += Array("<row r=\"\(r + 1)\">".utf8)
            for (c, cell) in row.enumerated() {
                let ref = String(decoding: XLSXParts.columnLetters(c), as: UTF8.self) + String(r + 1)
                let style = cell.style.index == 0 ? "" : " s=\"\(cell.style.index)\""
                switch cell.value {
                case .number(let d):
                    guard d.isFinite else { continue }
                    let text = d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
                    out += Array("<c r=\"\(ref)\"\(style)><v>\(text)</v></c>".utf8)
                case .text(let s):
                    if s.isEmpty { continue }
                    out += Array("<c r=\"\(ref)\"\(style) t=\"inlineStr\"><is><t xml:space=\"preserve\">".utf8)
                    s.withUTF8Bytes { bytes in
                        // Excel's cell limit, cut at a character boundary.
                        XMLText.appendEscaped(UnsafeBufferPointer(rebasing: bytes[..<XMLText.prefixFitting(bytes)]), to: &out)
                    }
                    out += Array("</t></is></c>".utf8)
                }
            }
            out += Array("</row>".utf8)
        }
        out += Array("</sheetData></worksheet>".utf8)
        return out
    }

    static func escaped(_ s: String) -> String {
        var out: [UInt8] = []
        XMLText.appendEscaped(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// 0 plain, 1 bold, 2 wrapped (top-aligned), 3 bold and wrapped.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
        <font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="4">\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>\
        </cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """
}
