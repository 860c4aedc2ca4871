import Foundation
import ZIPFoundation
@testable import SocleIngest

/// Builds small XLSX and ODS files in tests from XML strings.
enum ZipFixture {
    /// Writes a zip holding the given entries under a fresh temporary file name; entries are
    /// deflated except those named in `stored` (an ODS `mimetype` is stored, as ODF requires).
    static func write(_ name: String, _ entries: [(String, String)], stored: Set<String> = []) throws -> URL {
        let url = try Fixtures.temp(name, [UInt8]())
        try FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text) in entries {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: stored.contains(path) ? .none : .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url
    }

    static let ns = #"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#

    /// An XLSX with the given sheets (name, sheetData inner XML), shared strings and styles.
    static func xlsx(_ name: String, sheets: [(String, String)], sharedStrings: [String] = [],
                     styles: String? = nil, date1904: Bool = false, stored: Set<String> = []) throws -> URL {
        var entries: [(String, String)] = []
        entries.append(("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#))
        entries.append(("_rels/.rels", #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#))
        var sheetTags = ""
        var rels = ""
        for (i, s) in sheets.enumerated() {
            let escaped = s.0.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "'", with: "&apos;")
            sheetTags += #"<sheet name="\#(escaped)" sheetId="\#(i + 1)" r:id="rIdS\#(i + 1)"/>"#
            rels += #"<Relationship Id="rIdS\#(i + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet\#(i + 1).xml"/>"#
            entries.append(("xl/worksheets/sheet\(i + 1).xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n<worksheet \(ns)><dimension ref=\"A1\"/><sheetData>\(s.1)</sheetData><pageMargins left=\"0.7\"/></worksheet>"))
        }
        rels += #"<Relationship Id="rIdSS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
        rels += #"<Relationship Id="rIdST" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        entries.append(("xl/workbook.xml", #"<?xml version="1.0" encoding="UTF-8"?><workbook \#(ns)><workbookPr date1904="\#(date1904 ? "1" : "0")"/><sheets>\#(sheetTags)</sheets></workbook>"#))
        entries.append(("xl/_rels/workbook.xml.rels", #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#(rels)</Relationships>"#))
        let sst = sharedStrings.map { $0.hasPrefix("<") ? "<si>\($0)</si>" : "<si><t>\($0)</t></si>" }.joined()
        entries.append(("xl/sharedStrings.xml", #"<?xml version="1.0" encoding="UTF-8"?><sst \#(ns) count="\#(sharedStrings.count)">\#(sst)</sst>"#))
        entries.append(("xl/styles.xml", styles ?? #"<?xml version="1.0" encoding="UTF-8"?><styleSheet \#(ns)><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>"#))
        return try write(name, entries, stored: stored)
    }

    /// An ODS whose content.xml body holds the given tables (name, rows XML).
    static func ods(_ name: String, tables: [(String, String)], mimetype: String = odsMimetype, storeContent: Bool = false) throws -> URL {
        let body = tables.map { #"<table:table table:name="\#($0.0)"><table:table-column table:number-columns-repeated="1024"/>\#($0.1)</table:table>"# }.joined()
        let content = #"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:body><office:spreadsheet>\#(body)</office:spreadsheet></office:body></office:document-content>"#
        return try write(name, [("mimetype", mimetype), ("content.xml", content)], stored: storeContent ? ["mimetype", "content.xml"] : ["mimetype"])
    }

    static let odsMimetype = "application/vnd.oasis.opendocument.spreadsheet"

    /// The first bytes of a file, as `ReaderFactory.detectFormat` reads them.
    static func head(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url).prefix(4096))
    }
}
