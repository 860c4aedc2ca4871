import SocleCore

/// The table being transformed, column-major: transforms touch one column, suppressions drop rows.
struct WorkingTable {
    var columns: [ColumnSchema]
    /// `cells[column][row]`.
    var cells: [[CellValue]]
    var rowCount: Int

    init(columns: [ColumnSchema], rows: [[CellValue]]) {
        self.columns = columns
        self.rowCount = rows.count
        var cells = [[CellValue]](repeating: [], count: columns.count)
        for c in cells.indices { cells[c].reserveCapacity(rows.count) }
        for row in rows {
            for c in cells.indices { cells[c].append(c < row.count ? row[c] : .null) }
        }
        self.cells = cells
    }

    /// Keeps the rows whose flag is true, in order.
    mutating func keepRows(_ keep: [Bool]) {
        for c in cells.indices {
            var kept: [CellValue] = []
            kept.reserveCapacity(rowCount)
            for (r, v) in cells[c].enumerated() where r < keep.count && keep[r] { kept.append(v) }
            cells[c] = kept
        }
        rowCount = keep.prefix(rowCount).filter { $0 }.count
    }

    /// Row-major copy for the result.
    func rows() -> [[CellValue]] {
        (0..<rowCount).map { r in cells.map { $0[r] } }
    }
}

/// Group keys over cells: a null, empty or blank cell is one "empty" value.
enum Grouping {
    static func key(_ cell: CellValue) -> String? {
        switch cell {
        case .null: return nil
        case .text(let s):
            // Fast path on bytes: any visible ASCII byte makes the cell non-blank.
            for b in s.utf8 {
                if b > 0x20 && b < 0x7F { return s }
                if b >= 0x80 { return s.allSatisfy { $0.isWhitespace || $0.unicodeScalars.allSatisfy(\.properties.isDefaultIgnorableCodePoint) } ? nil : s }
            }
            return nil
        default: return cell.text
        }
    }

    /// Rows of each combination of the given columns' values.
    static func groups(_ table: WorkingTable, by columns: [Int]) -> [[String?]: [Int]] {
        var out: [[String?]: [Int]] = [:]
        for r in 0..<table.rowCount {
            out[columns.map { key(table.cells[$0][r]) }, default: []].append(r)
        }
        return out
    }

    /// The keys of the (up to) `limit` smallest groups, smallest first, then in value order; "" for empty.
    static func smallest(_ groups: [[String?]: [Int]], limit: Int = 3) -> [[String]] {
        groups.map { (key: $0.key, size: $0.value.count) }
            .sorted { a, b in a.size != b.size ? a.size < b.size : lexicallyBefore(a.key, b.key) }
            .prefix(limit)
            .map { $0.key.map { $0 ?? "" } }
    }

    static func lexicallyBefore(_ a: [String?], _ b: [String?]) -> Bool {
        for (x, y) in zip(a, b) where x != y {
            switch (x, y) {
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?): return x < y
            }
        }
        return a.count < b.count
    }
}
