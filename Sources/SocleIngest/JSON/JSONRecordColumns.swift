import Foundation
import SocleCore

/// The growing column set of a JSON source and the values of the record being read.
///
/// Nested objects flatten to `a.b` columns; arrays stay compact JSON text. Columns keep their
/// first-seen order. Key lookups first try the column the previous record had at the same place,
/// so records with a stable shape never hash their keys.
final class JSONRecordColumns {
    private(set) var labels: [String] = []
    private var labelBytes: [[UInt8]] = []
    private var lookup: [[UInt8]: Int] = [:]
    /// Column sequence of the previous record, to predict the next key.
    @exclusivity(unchecked) private var order: [Int] = []
    @exclusivity(unchecked) private var seq = 0
    @exclusivity(unchecked) private var stamp: [Int] = []
    @exclusivity(unchecked) private var generation = 0
    @exclusivity(unchecked) private var starts: [Int] = []
    @exclusivity(unchecked) private var ends: [Int] = []
    /// Values of the current record, back to back.
    let values = ByteAccumulator(capacity: 1 << 16)
    /// Dotted path of the key being read.
    let path = ByteAccumulator(capacity: 256, limit: 1 << 16)
    private(set) var flattenedObjects = false
    private(set) var keptArrays = false

    var count: Int { labels.count }

    func beginRecord() {
        generation += 1
        seq = 0
        values.removeAll()
    }

    /// The column for the key in `path`, created when new (refused past `IngestLimits.maxColumns`).
    func columnForPath(_ sc: JSONStreamScanner) throws -> Int {
        if seq < order.count {
            let c = order[seq]
            if path.equals(labelBytes[c]) {
                seq += 1
                return c
            }
        }
        let key = path.array()
        let c: Int
        if let known = lookup[key] {
            c = known
        } else {
            guard labels.count < IngestLimits.maxColumns else { throw sc.fail(.tooManyColumns) }
            c = addColumn(bytes: key)
        }
        if seq < order.count { order[seq] = c } else { order.append(c) }
        seq += 1
        return c
    }

    /// Adds a column with the given label (no lookup by path; used for GeoJSON's id and geometry).
    @discardableResult
    func addColumn(label: String) -> Int {
        addColumn(bytes: Array(label.utf8))
    }

    private func addColumn(bytes: [UInt8]) -> Int {
        let c = labels.count
        labels.append(String(decoding: bytes, as: UTF8.self))
        labelBytes.append(bytes)
        lookup[bytes] = c
        stamp.append(0)
        starts.append(0)
        ends.append(0)
        return c
    }

    func index(of label: String) -> Int? { lookup[Array(label.utf8)] }

    @inline(__always)
    func set(_ column: Int, _ start: Int, _ end: Int) {
        stamp[column] = generation
        starts[column] = start
        ends[column] = end
    }

    func hasValue(_ column: Int) -> Bool { stamp[column] == generation && ends[column] > starts[column] }

    /// Reads the object at the scanner (its `{` not yet consumed) into columns; keys below
    /// `prefix` bytes of `path` are the parents' dotted path. `keysOnly` registers columns only.
    func readObject(_ sc: JSONStreamScanner, prefix: Int, depth: Int, keysOnly: Bool) throws {
        guard depth < sc.maxDepth else { throw sc.fail(.tooDeep) }
        let close = UInt8(ascii: "}")
        let sink: ByteAccumulator? = keysOnly ? nil : values
        sc.advance()
        try sc.skipWhitespace()
        guard let first = try sc.peek() else { throw sc.fail(.truncated(close)) }
        if first == close {
            sc.advance()
            return
        }
        while true {
            try sc.skipWhitespace()
            guard let q = try sc.peek() else { throw sc.fail(.truncated(close)) }
            guard q == 0x22 else { throw sc.fail(.expectedKey) }
            path.count = prefix
            try sc.scanString(into: path, raw: false)
            try sc.expectColon(close: close)
            try sc.skipWhitespace()
            guard let v = try sc.peek() else { throw sc.fail(.truncated(close)) }
            switch v {
            case UInt8(ascii: "{"):
                flattenedObjects = true
                path.append(UInt8(ascii: "."))
                try readObject(sc, prefix: path.count, depth: depth + 1, keysOnly: keysOnly)
            case UInt8(ascii: "["):
                keptArrays = true
                let col = try columnForPath(sc)
                let s = values.count
                try sc.copyValue(into: sink, close: close, depth: depth + 1)
                set(col, s, values.count)
            case 0x22:
                let col = try columnForPath(sc)
                let s = values.count
                try sc.scanString(into: sink, raw: false)
                set(col, s, values.count)
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                let col = try columnForPath(sc)
                let s = values.count
                if try sc.scanLiteral(into: nil) != 2 {
                    sink?.append(v == UInt8(ascii: "t") ? "true" : "false")
                }
                set(col, s, values.count)
            case UInt8(ascii: "-"), 0x30...0x39:
                let col = try columnForPath(sc)
                let s = values.count
                try sc.scanNumber(into: sink)
                set(col, s, values.count)
            default:
                throw sc.fail(.expectedValue)
            }
            if !(try sc.nextSeparator(close: close)) { return }
        }
    }

    /// Appends the current record as one row, widening the batch first when columns appeared.
    func emitRow(into batch: inout RawBatch, line: Int) {
        if labels.count > batch.columnCount { Self.widen(&batch, to: labels.count) }
        let n = batch.columnCount
        for c in 0..<n {
            if stamp[c] == generation && ends[c] > starts[c] {
                batch.appendField(values.slice(starts[c], ends[c]))
            } else {
                batch.appendNullField()
            }
        }
        batch.endRow(line: line)
    }

    /// Pads the rows already in `batch` with nulls so it has `count` columns.
    static func widen(_ batch: inout RawBatch, to count: Int) {
        let old = batch.columnCount
        guard count > old else { return }
        guard batch.rowCount > 0 else { batch.columnCount = count; return }
        var newEnds: [Int] = []
        newEnds.reserveCapacity(batch.rowCount * count)
        var last = 0
        for r in 0..<batch.rowCount {
            for c in 0..<old {
                last = batch.ends[r * old + c]
                newEnds.append(last)
            }
            for _ in old..<count { newEnds.append(last) }
        }
        batch.ends = newEnds
        batch.columnCount = count
    }

    /// Notices for the report about how nested values were turned into columns.
    var shapeWarnings: [Notice] {
        var w: [Notice] = []
        if flattenedObjects { w.append(Notice("json.warning.flattened")) }
        if keptArrays { w.append(Notice("json.warning.arrays_kept")) }
        return w
    }
}
