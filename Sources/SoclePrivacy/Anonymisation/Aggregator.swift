import SocleCore

/// Replaces the rows by one row per group: the group-by values, a count, and one sum per summed column.
/// Groups with fewer than k rows are removed (small-cell suppression).
enum Aggregator {
    struct Output {
        var table: WorkingTable
        var groupsBefore: Int
        var smallestBefore: Int
        var smallestAfter: Int?
        var smallestGroups: [[String]]
    }

    static func run(_ table: WorkingTable, groupBy: [Int], sum: [Int], k: Int, report: inout StepReport) -> Output {
        let groups = Grouping.groups(table, by: groupBy)
        // Output order: by group values, so that the derived dataset does not reveal the source's row order.
        let ordered = groups.sorted { Grouping.lexicallyBefore($0.key, $1.key) }
        let kept = ordered.filter { $0.value.count >= k }
        let suppressed = ordered.filter { $0.value.count < k }
        report.groupsSuppressed = suppressed.count
        report.rowsSuppressed = suppressed.reduce(0) { $0 + $1.value.count }
        if !suppressed.isEmpty {
            report.notes.append(Notice("anonymisation.note.small_groups", [
                "groups": String(suppressed.count), "rows": String(report.rowsSuppressed), "k": String(k),
            ]))
        }

        var columns = groupBy.map { table.columns[$0] }
        // Each group shows its first row's value; the "empty" group shows null, not whichever blank text came first.
        var cells: [[CellValue]] = groupBy.map { c in
            kept.map { g in
                let v = table.cells[c][g.value[0]]
                return Grouping.key(v) == nil ? .null : v
            }
        }
        var taken = Set(columns.map(\.name))
        func unique(_ base: String) -> String {
            var name = base, n = 2
            while taken.contains(name) { name = "\(base)_\(n)"; n += 1 }
            taken.insert(name)
            return name
        }
        columns.append(ColumnSchema(name: unique("count"), label: label("anonymisation.column.count", [:]), type: .integer))
        cells.append(kept.map { .integer(Int64($0.value.count)) })

        var ignored = 0
        var overflowed: [String] = []
        for c in sum {
            let source = table.columns[c]
            var sums: [CellValue] = []
            var integers: [Int64?] = []
            var doubles: [Double] = []
            var overflow = false
            for (_, rows) in kept {
                var i: Int64 = 0, d = 0.0, exact = true
                for r in rows {
                    var whole: Int64?
                    switch table.cells[c][r] {
                    case .null: break
                    case .integer(let v): whole = v
                    case .bool(let b): whole = b ? 1 : 0
                    case .number(let v) where v.isFinite: d += v; exact = false
                    default: ignored += 1
                    }
                    if let whole {
                        d += Double(whole)
                        let (s, o) = i.addingReportingOverflow(whole)
                        if o { exact = false } else { i = s }
                    }
                }
                if source.type == .integer && !exact { overflow = true }
                integers.append(exact ? i : nil)
                doubles.append(d)
            }
            if source.type == .integer && !overflow {
                sums = integers.map { .integer($0 ?? 0) }
            } else {
                if source.type == .integer { overflowed.append(source.name) }
                sums = doubles.map { $0.isFinite ? .number($0) : .null }
            }
            let integral = source.type == .integer && !overflow
            columns.append(ColumnSchema(name: unique("sum_" + source.name),
                                        label: label("anonymisation.column.sum", ["label": source.label.isEmpty ? source.name : source.label]),
                                        type: integral ? .integer : .number))
            cells.append(sums)
        }
        if ignored > 0 { report.notes.append(Notice("anonymisation.note.sum_ignored", ["count": String(ignored)])) }
        if !overflowed.isEmpty {
            report.notes.append(Notice("anonymisation.note.sum_overflow", ["columns": overflowed.joined(separator: ", ")]))
        }

        var out = table
        out.columns = columns
        out.cells = cells
        out.rowCount = kept.count
        let keptGroups = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
        return Output(table: out, groupsBefore: groups.count, smallestBefore: groups.values.map(\.count).min() ?? 0,
                      smallestAfter: kept.map(\.value.count).min(), smallestGroups: Grouping.smallest(keptGroups))
    }

    /// Derived column labels are data of a French authority: written in French.
    private static func label(_ key: String, _ args: [String: String]) -> String {
        Catalog.shared.string(key, language: .french, args: args)
    }
}
