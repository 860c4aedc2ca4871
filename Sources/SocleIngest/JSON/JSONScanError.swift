#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SocleCore

/// Why the JSON scanner stopped, and where (stream offset, line, start of that line).
struct JSONScanError: Error {
    enum Reason: Equatable {
        /// The stream ended inside a value; the byte is the closer still missing (`}`, `]`, `"`).
        case truncated(UInt8?)
        case expectedValue, expectedKey, expectedColon
        /// Expected `,` or the given closer.
        case expectedSeparator(UInt8)
        case badEscape, controlCharacter, badNumber, badLiteral, badUTF8, badEncoding
        case trailingContent, tooDeep
        /// A value or record past `IngestLimits`; more columns than `IngestLimits.maxColumns`.
        case valueTooLarge, tooManyColumns
    }

    var reason: Reason
    var offset: Int64
    var line: Int
    var lineStart: Int64
    var found: String

    var isTruncation: Bool {
        if case .truncated = reason { return true }
        return false
    }

    /// The catalog key and arguments for this failure.
    var codeAndArgs: (String, [String: String]) {
        func sym(_ b: UInt8?) -> String { b.map { String(UnicodeScalar($0)) } ?? "…" }
        var args = ["found": found]
        let code: String
        switch reason {
        case .truncated(let close): code = "json.truncated"; args["close"] = sym(close)
        case .expectedValue: code = "json.expected_value"
        case .expectedKey: code = "json.expected_key"
        case .expectedColon: code = "json.expected_colon"
        case .expectedSeparator(let close): code = "json.expected_separator"; args["close"] = sym(close)
        case .badEscape: code = "json.bad_escape"
        case .controlCharacter: code = "json.control_character"
        case .badNumber: code = "json.bad_number"
        case .badLiteral: code = "json.bad_literal"
        case .badUTF8: code = "json.bad_utf8"
        case .badEncoding: code = "json.bad_encoding"
        case .trailingContent: code = "json.trailing_content"
        case .tooDeep: code = "json.too_deep"
        case .valueTooLarge: code = "json.value_too_large"; args["max"] = String(IngestLimits.maxRecordBytes >> 20)
        case .tooManyColumns: code = "json.too_many_columns"; args["max"] = String(IngestLimits.maxColumns)
        }
        return (code, args)
    }

    /// A located `SocleError`: physical line, character position in that line (counted by re-reading
    /// the line start from `path`), and the record or feature number as `row`.
    func located(file: String, path: String?, row: Int?, extra: [String: String] = [:]) -> SocleError {
        var (code, args) = codeAndArgs
        args["line"] = String(line)
        args["position"] = String(Self.characterPosition(path: path, lineStart: lineStart, offset: offset))
        for (k, v) in extra { args[k] = v }
        return IngestError.make(code, file: file, line: line, row: row, args: args)
    }

    /// 1-based character (not byte) position of `offset` within its line.
    static func characterPosition(path: String?, lineStart: Int64, offset: Int64) -> Int64 {
        let span = offset - lineStart
        guard span > 0 else { return 1 }
        guard let path, let file = FileByteSupplier(path: path), (try? file.seek(to: lineStart)) != nil else {
            return span + 1
        }
        var remaining = span
        var chars: Int64 = 0
        let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
        defer { buf.deallocate() }
        while remaining > 0 {
            guard let n = try? file.read(into: buf, count: Int(min(remaining, 1 << 16))), n > 0 else { break }
            for i in 0..<n where buf[i] & 0xC0 != 0x80 { chars += 1 }
            remaining -= Int64(n)
        }
        return chars + 1
    }
}
