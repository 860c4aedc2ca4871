/// A JSON document written straight into bytes, keeping the order of keys (a dictionary would not) and
/// without an intermediate document: records pages, compatibility answers, the CLI's JSON. Values go
/// through `JSONBytes`, the one writer for rows, so every surface writes a cell the same way.
public struct JSONBuffer: Sendable {
    public var bytes: [UInt8] = []

    public init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    @inlinable
    public mutating func raw(_ s: StaticString) { bytes.appendLiteral(s) }

    public mutating func string(_ s: String) { JSONBytes.appendString(s, to: &bytes) }

    public mutating func integer(_ i: Int64) { bytes.appendDecimal(i) }

    public mutating func cell(_ v: CellValue) { JSONBytes.appendCell(v, to: &bytes) }

    /// `{"a":1,"b":"x"}` with keys in the given order; `skip` leaves out one column (e.g. `_row`).
    public mutating func object(_ names: [String], _ row: [CellValue], skip: String? = nil) {
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

    public mutating func key(_ k: String) {
        string(k)
        bytes.append(UInt8(ascii: ":"))
    }

    /// The document as text (the CLI prints it).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
