/// Reads the text forms of geographic cells: geopoints `"lat,lon"` and GeoJSON geometry objects.
public enum GeoText {
    /// How a point is written.
    public enum PointStyle {
        /// `{"lat":48.8,"lon":2.3}` (JSON and NDJSON exports).
        case latLonObject
        /// `{"type":"Point","coordinates":[2.3,48.8]}` (GeoJSON: longitude first).
        case geoJSONPoint
    }

    /// Appends the point of a `"lat,lon"` text; returns false (nothing written) when the text is
    /// not two numbers separated by one comma.
    public static func appendPoint(_ text: String, style: PointStyle, to out: inout [UInt8]) -> Bool {
        text.withUTF8Bytes { bytes in
            guard let comma = bytes.firstIndex(of: UInt8(ascii: ",")) else { return false }
            let lat = Coordinate(bytes, trimmed(bytes, 0, comma))
            let lon = Coordinate(bytes, trimmed(bytes, comma + 1, bytes.count))
            guard let lat, let lon else { return false }
            switch style {
            case .latLonObject:
                out.appendLiteral("{\"lat\":")
                lat.append(bytes, to: &out)
                out.appendLiteral(",\"lon\":")
                lon.append(bytes, to: &out)
                out.append(UInt8(ascii: "}"))
            case .geoJSONPoint:
                out.appendLiteral("{\"type\":\"Point\",\"coordinates\":[")
                lon.append(bytes, to: &out)
                out.append(UInt8(ascii: ","))
                lat.append(bytes, to: &out)
                out.appendLiteral("]}")
            }
            return true
        }
    }

    /// A coordinate read from a point's text: its bytes when they already are a JSON number,
    /// else the double they spell (`+2.3`, `.5`), rewritten.
    private enum Coordinate {
        case verbatim(Range<Int>)
        case parsed(Double)

        /// Nil when the bytes are no finite number.
        init?(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            guard !range.isEmpty else { return nil }
            let slice = UnsafeBufferPointer(rebasing: bytes[range])
            if GeoText.isJSONNumber(slice) {
                self = .verbatim(range)
                return
            }
            // isFinite rejects the "inf" and "nan" that Double() accepts.
            guard slice.count <= 64, let d = Double(String(decoding: slice, as: UTF8.self)), d.isFinite else {
                return nil
            }
            self = .parsed(d)
        }

        func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
            switch self {
            case .verbatim(let range): out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
            case .parsed(let d): NumberText.append(d, to: &out)
            }
        }
    }

    /// Appends a geometry's GeoJSON text as-is when it is one JSON object whose brackets and
    /// strings are balanced, so an embedded text can never break the surrounding document.
    /// Returns false (nothing written) otherwise.
    public static func appendGeometry(_ text: String, to out: inout [UInt8]) -> Bool {
        text.withUTF8Bytes { bytes in
            let range = trimmed(bytes, 0, bytes.count)
            guard isBalancedObject(bytes, range) else { return false }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
            return true
        }
    }

    private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Range<Int> {
        var lo = start
        var hi = end
        while lo < hi && isSpace(bytes[lo]) { lo += 1 }
        while hi > lo && isSpace(bytes[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    public static func isJSONNumber(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = s.count
        func digits() -> Int {
            let start = i
            while i < n && s[i] >= UInt8(ascii: "0") && s[i] <= UInt8(ascii: "9") { i += 1 }
            return i - start
        }
        if i < n && s[i] == UInt8(ascii: "-") { i += 1 }
        guard i < n else { return false }
        if s[i] == UInt8(ascii: "0") {
            i += 1
        } else if digits() == 0 {
            return false
        }
        if i < n && s[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return false }
        }
        if i < n && (s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E")) {
            i += 1
            if i < n && (s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-")) { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == n
    }

    /// One `{…}` whose brackets match (up to 64 levels), whose strings close, hold no raw
    /// control character, and outside of which only JSON's own characters appear.
    private static func isBalancedObject(_ s: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count >= 2, s[range.lowerBound] == UInt8(ascii: "{"),
              s[range.upperBound - 1] == UInt8(ascii: "}") else { return false }
        // Bit i of `stack` is 1 for an object, 0 for an array, at depth i+1.
        var stack: UInt64 = 0
        var depth = 0
        var inString = false
        var escaped = false
        for i in range {
            let b = s[i]
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false } else if b < 0x20 { return false }
                continue
            }
            // Nothing may follow the outermost closing brace.
            if depth == 0 && i != range.lowerBound { return false }
            switch b {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard depth < 64 else { return false }
                let bit: UInt64 = 1 << UInt64(depth)
                if b == UInt8(ascii: "{") { stack |= bit } else { stack &= ~bit }
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard depth > 0 else { return false }
                let isObject = stack & (1 << UInt64(depth - 1)) != 0
                guard isObject == (b == UInt8(ascii: "}")) else { return false }
                depth -= 1
            case UInt8(ascii: "\""):
                inString = true
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "+"),
                 UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "A")...UInt8(ascii: "Z"):
                break
            default:
                return false
            }
        }
        return depth == 0 && !inString
    }
}
