/// The values already seen in a `unique` field, with the row of their first occurrence. Integers and
/// reals get their own tables: hashing a plain `Int64` is several times cheaper than hashing an enum.
struct UniqueIndex {
    private var integers: [Int64: Int] = [:]
    private var reals: [Double: Int] = [:]
    private var others: [CellValue: Int] = [:]

    /// The row where `value` was first seen, or nil after recording `row` as its first occurrence.
    mutating func firstRow(of value: CellValue, recording row: Int) -> Int? {
        switch value {
        case .integer(let i):
            if let first = integers[i] { return first }
            integers[i] = row
        case .real(let d) where !d.isNaN:
            if let first = reals[d] { return first }
            reals[d] = row
        case .ordinal(let o):
            // Dates, years and year-months never share a field with integers: same table, no clash.
            if let first = integers[o] { return first }
            integers[o] = row
        default:
            if let first = others[value] { return first }
            others[value] = row
        }
        return nil
    }
}
