import Foundation
import SocleCore

/// Writes JSON straight into bytes, keeping the columns' order (a dictionary would not) and without an
/// intermediate document: used for records pages whose rows arrive from the database.
struct JSONBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most values need no escaping: copy them whole instead of byte by byte.
        var s = s
        let plain = s.withUTF8 { buffer -> Bool in
            guard !buffer.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            bytes.append(contentsOf: buffer)
            return true
        }
        if plain {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
            case 0x0A: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0 ..< 0x20:
                bytes.append(contentsOf: Array("\\u00".utf8))
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(hex[Int(b >> 4)])
                bytes.append(hex[Int(b & 15)])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func integer(_ i: Int64) { bytes.append(contentsOf: String(i).utf8) }

    mutating func cell(_ v: CellValue) {
        switch v {
        case .null: raw("null")
        case .bool(let b): if b { raw("true") } else { raw("false") }
        case .integer(let i): integer(i)
        case .number(let d):
            if d.isFinite {
                if d == d.rounded(), abs(d) < 1e15 { bytes.append(contentsOf: String(Int64(d)).utf8); raw(".0") } else { bytes.append(contentsOf: "\(d)".utf8) }
            } else { raw("null") }
        case .text(let s): string(s)
        }
    }

    /// `{"a": 1, "b": "x"}` with keys in the given order; `skip` leaves out one column (e.g. `_row`).
    mutating func object(_ names: [String], _ row: [CellValue], skip: String? = nil) {
        bytes.append(UInt8(ascii: "{"))
        var first = true
        for (i, name) in names.enumerated() where name != skip && i < row.count {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            string(name)
            bytes.append(UInt8(ascii: ":"))
            cell(row[i])
        }
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func key(_ k: String) {
        string(k)
        bytes.append(UInt8(ascii: ":"))
    }
}
