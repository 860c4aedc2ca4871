import Foundation
import Testing
import SocleCore
@testable import SocleIngest

/// Zip parts whose headers lie about their size (found by `scripts/fuzz`, harness FuzzSpreadsheet).
@Suite struct ZipForgedSizeTests {
    /// A zip holding one stored entry whose ZIP64 data descriptor claims `claimed` bytes; the central
    /// directory tells the truth. Written by hand: no zip library writes a lie.
    static func zip(path: String, content: String, claimed: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        func le(_ v: UInt64, _ bytes: Int) { for i in 0 ..< bytes { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) } }
        let name = Array(path.utf8), data = Array(content.utf8)
        // Local header: sizes deferred to the data descriptor (flag bit 3).
        le(0x0403_4B50, 4); le(45, 2); le(0x0008, 2); le(0, 2); le(0, 2); le(0x21, 2)
        le(0, 4); le(0, 4); le(0, 4); le(UInt64(name.count), 2); le(0, 2)
        out += name
        out += data
        // ZIP64 data descriptor (version 4.5 below says ZIP64): the lie.
        le(0x0807_4B50, 4); le(0, 4); le(UInt64(data.count), 8); le(claimed, 8)
        let directory = out.count
        le(0x0201_4B50, 4); le(45, 2); le(45, 2); le(0x0008, 2); le(0, 2); le(0, 2); le(0x21, 2)
        le(0, 4); le(UInt64(data.count), 4); le(UInt64(data.count), 4); le(UInt64(name.count), 2)
        le(0, 2); le(0, 2); le(0, 2); le(0, 2); le(0, 4); le(0, 4)
        out += name
        let directorySize = out.count - directory
        le(0x0605_4B50, 4); le(0, 2); le(0, 2); le(1, 2); le(1, 2)
        le(UInt64(directorySize), 4); le(UInt64(directory), 4); le(0, 2)
        return out
    }

    /// The reader reserved the claimed size before reading a part: 2^62 bytes aborted the process.
    @Test func workbookClaimingExabytesIsRefusedNotAllocated() throws {
        let workbook = #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>"#
        let url = try Fixtures.temp("menteur.xlsx", Self.zip(path: "xl/workbook.xml", content: workbook, claimed: 1 << 62))
        let error = socleError { _ = try ReaderFactory.open(url, options: ReaderOptions(displayName: "menteur.xlsx")) }
        #expect(error?.code == "xlsx.sheet_not_found")
    }
}

/// Zips that ZIPFoundation 0.9.20 cannot survive, refused by `ZipGuard` before it sees them (found by
/// `scripts/fuzz`; the first hung a core forever, the second trapped the process).
@Suite struct ZipGuardTests {
    @Test("a deflate stream that ends before its data does is refused, not read forever", .timeLimit(.minutes(1)))
    func truncatedDeflate() throws {
        let url = Fixtures.url("fuzz/truncated-deflate.xlsx")
        let error = socleError { _ = try HostileInputTests.drain(url) }
        #expect(error?.code == "xlsx.corrupt")
        #expect(error?.message(.french).contains("truncated-deflate.xlsx") == true)
    }

    /// One stored entry whose central-directory record says, through its ZIP64 extra field, that it holds
    /// `size` bytes.
    static func zip64(claimed size: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        func le(_ v: UInt64, _ bytes: Int) { for i in 0 ..< bytes { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) } }
        let name = Array("xl/workbook.xml".utf8), data = Array("<workbook/>".utf8)
        le(0x0403_4B50, 4); le(45, 2); le(0, 2); le(0, 2); le(0, 2); le(0x21, 2)
        le(0, 4); le(UInt64(data.count), 4); le(UInt64(data.count), 4); le(UInt64(name.count), 2); le(0, 2)
        out += name
        out += data
        let directory = out.count
        le(0x0201_4B50, 4); le(45, 2); le(45, 2); le(0, 2); le(0, 2); le(0, 2); le(0x21, 2)
        le(0, 4); le(0xFFFF_FFFF, 4); le(0xFFFF_FFFF, 4); le(UInt64(name.count), 2)
        le(20, 2); le(0, 2); le(0, 2); le(0, 2); le(0, 4); le(0, 4)
        out += name
        le(1, 2); le(16, 2); le(size, 8); le(size, 8)
        let directorySize = out.count - directory
        le(0x0605_4B50, 4); le(0, 2); le(0, 2); le(1, 2); le(1, 2)
        le(UInt64(directorySize), 4); le(UInt64(directory), 4); le(0, 2)
        return out
    }

    @Test("ZIP64 sizes past what the file can hold (2^63 and more) are refused, not trapped on", arguments: [UInt64(1) << 63 | 5, UInt64.max, 1 << 50])
    func zip64Sizes(_ claimed: UInt64) throws {
        let url = try Fixtures.temp("geant.xlsx", Self.zip64(claimed: claimed))
        let error = socleError { _ = try ReaderFactory.open(url, options: ReaderOptions(displayName: "geant.xlsx")) }
        #expect(error?.code == "xlsx.corrupt")
    }

    @Test("real workbooks pass the guard")
    func realWorkbooksPass() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: Fixtures.url("real_csv/elections").path) where name.hasSuffix(".xlsx") {
            #expect(throws: Never.self, "\(name)") { try ZipGuard.validate(Fixtures.url("real_csv/elections/" + name)) }
        }
    }
}
