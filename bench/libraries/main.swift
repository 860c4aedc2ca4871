// Socle's hand-written pieces against the library in the package mirror that could replace them (issue 11):
// the same input through both, in one release process, median of several runs, and the ratio. Only the pieces
// kept hand-written are here; what was measured and replaced (HTTP dates) is in bench/README.md.
//   bench/libraries/run.sh
// What each number means and what was decided from it: bench/README.md, "bench/libraries".
import Foundation
import MultipartKit
import NIOCore
import SocleExport
import SocleServer
import ZIPFoundation

let runs = 7

/// Median wall time of `runs` runs of `body`, after one warm-up run. `body` returns a value that depends
/// on all the work, printed once, so that the optimiser cannot drop the work.
func median(_ body: () throws -> UInt64) rethrows -> (seconds: Double, check: UInt64) {
    var check = try body()
    var times: [Double] = []
    for _ in 0..<runs {
        let start = ContinuousClock.now
        check = try body()
        let d = ContinuousClock.now - start
        times.append(Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
    }
    return (times.sorted()[runs / 2], check)
}

func row(_ what: String, _ socle: (seconds: Double, check: UInt64), _ library: (seconds: Double, check: UInt64),
         bytes: Int? = nil, operations: Int? = nil) {
    func rate(_ s: Double) -> String {
        if let bytes { return String(format: "%8.0f MB/s", Double(bytes) / 1_048_576 / s) }
        return String(format: "%8.0f ns/op", s * 1e9 / Double(operations ?? 1))
    }
    let same = socle.check == library.check ? "same result" : "RESULTS DIFFER (\(socle.check) vs \(library.check))"
    print(what.padding(toLength: 44, withPad: " ", startingAt: 0)
          + " socle \(rate(socle.seconds))   library \(rate(library.seconds))   "
          + String(format: "library/socle time ×%.2f", library.seconds / socle.seconds) + "   " + same)
}

// MARK: multipart/form-data — SocleServer.MultipartParser vs vapor/multipart-kit 4.7.1

/// A body as a browser sends it: two form fields, then a CSV file of `size` bytes, cut into the chunks a
/// socket read delivers (16 KiB).
func multipartBody(size: Int, lineEnd: String, boundary: String) -> [ByteBuffer] {
    var csv = [UInt8]()
    csv.reserveCapacity(size + 200)
    var i = 0
    while csv.count < size {
        let line = "\(10_000_000 + (i % 60) * 7919);Compteur vélo n°\(i % 60) — rue de la République;"
            + "2023-01-\(String(format: "%02d", 1 + i % 28))T\(String(format: "%02d", i % 24)):00:00+01:00;\(i % 977);48.86412,-0.88581" + lineEnd
        csv.append(contentsOf: line.utf8)
        i += 1
    }
    var body = [UInt8]()
    func text(_ s: String) { body.append(contentsOf: s.utf8) }
    text("--\(boundary)\r\nContent-Disposition: form-data; name=\"encoding\"\r\n\r\nutf-8\r\n")
    text("--\(boundary)\r\nContent-Disposition: form-data; name=\"on_ragged\"\r\n\r\nrefuse\r\n")
    text("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"velo.csv\"\r\nContent-Type: text/csv\r\n\r\n")
    body.append(contentsOf: csv)
    text("\r\n--\(boundary)--\r\n")
    return stride(from: 0, to: body.count, by: 16_384).map { ByteBuffer(bytes: body[$0..<min($0 + 16_384, body.count)]) }
}

func benchMultipart(lineEnd: String, label: String) throws {
    let boundary = "----SocleBench7MA4YWxkTrZu0gW"
    let chunks = multipartBody(size: 64 << 20, lineEnd: lineEnd, boundary: boundary)
    let total = chunks.reduce(0) { $0 + $1.readableBytes }
    let socle = try median {
        var parser = SocleServer.MultipartParser(boundary: boundary)
        var bytes: UInt64 = 0
        for chunk in chunks {
            for event in try parser.feed(chunk.readableBytesView) {
                if case .data(let d) = event { bytes += UInt64(d.count) }
            }
        }
        try parser.finish()
        return bytes
    }
    let library = try median {
        let parser = MultipartKit.MultipartParser(boundary: boundary)
        var bytes: UInt64 = 0
        parser.onBody = { bytes += UInt64($0.readableBytes) }
        for chunk in chunks { try parser.execute(chunk) }
        return bytes
    }
    row("multipart, 64 MiB CSV, \(label)", socle, library, bytes: total)
}

// MARK: CRC-32 — SocleExport.CRC32 (slicing-by-8) vs ZIPFoundation 0.9.20 `Data.crc32(checksum:)`

func benchCRC() {
    // What the XLSX writer checksums: sheet XML, streamed in 64 KiB pieces.
    var xml = [UInt8]()
    var i = 0
    while xml.count < 64 << 20 {
        xml.append(contentsOf: "<row r=\"\(i)\"><c r=\"A\(i)\" t=\"inlineStr\"><is><t>Compteur \(i % 60)</t></is></c><c r=\"B\(i)\"><v>\(i % 977)</v></c></row>".utf8)
        i += 1
    }
    let pieces = stride(from: 0, to: xml.count, by: 65_536).map { Array(xml[$0..<min($0 + 65_536, xml.count)]) }
    let dataPieces = pieces.map { Data($0) }
    let socle = median {
        var crc = SocleExport.CRC32()
        for p in pieces { p.withUnsafeBytes { crc.update($0) } }
        return UInt64(crc.value)
    }
    let library = median {
        var crc: ZIPFoundation.CRC32 = 0
        for d in dataPieces { crc = d.crc32(checksum: crc) }
        return UInt64(crc)
    }
    // The writer holds [UInt8] buffers: using the library means a Data copy of each piece.
    let libraryWithCopy = median {
        var crc: ZIPFoundation.CRC32 = 0
        for p in pieces { crc = Data(p).crc32(checksum: crc) }
        return UInt64(crc)
    }
    row("CRC-32 of 64 MiB of sheet XML", socle, library, bytes: xml.count)
    row("CRC-32, library with the [UInt8]→Data copy", socle, libraryWithCopy, bytes: xml.count)
}

print("bench/libraries: median of \(runs) runs each, release build")
try benchMultipart(lineEnd: "\r\n", label: "CRLF lines")
try benchMultipart(lineEnd: "\n", label: "LF lines")
benchCRC()
