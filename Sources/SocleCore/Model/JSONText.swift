/// Minimal JSON text writing for outputs whose key order matters (rows keep their column order;
/// Foundation's encoder does not preserve insertion order on Linux).
public enum JSONText {
    /// A JSON string literal with the mandatory escapes.
    public static func string(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(c.value, radix: 16).count) + String(c.value, radix: 16)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    public static func value(_ v: CellValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .number(let d): return d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)) : "null"
        case .text(let s): return string(s)
        }
    }

    /// One object with keys in the given order.
    public static func object(_ names: [String], _ values: [CellValue]) -> String {
        "{" + zip(names, values).map { string($0) + ": " + value($1) }.joined(separator: ", ") + "}"
    }
}
