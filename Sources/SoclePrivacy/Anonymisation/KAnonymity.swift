import SocleCore

/// Suppresses the rows whose quasi-identifier combination is shared by fewer than k rows.
enum KAnonymity {
    struct Outcome {
        var smallestBefore: Int
        var smallestAfter: Int?
        var groupsBefore: Int
        var groupsSuppressed: Int
        var rowsSuppressed: Int
        var smallestGroups: [[String]]
    }

    /// Removes rows in groups under k; refuses (`anonymisation.k_unreachable`) when no group reaches k,
    /// because publishing nothing is not an anonymisation the DPO asked for.
    static func enforce(_ table: inout WorkingTable, quasi: [Int], k: Int) throws -> Outcome {
        let groups = Grouping.groups(table, by: quasi)
        let smallestBefore = groups.values.map(\.count).min() ?? 0
        var keep = [Bool](repeating: true, count: table.rowCount)
        var suppressedGroups = 0, suppressedRows = 0
        for (_, rows) in groups where rows.count < k {
            suppressedGroups += 1
            suppressedRows += rows.count
            for r in rows { keep[r] = false }
        }
        let remaining = table.rowCount - suppressedRows
        if remaining < k {
            throw AnonymisationText.error("k_unreachable", [
                "smallest": String(smallestBefore), "k": String(k), "rows": String(table.rowCount),
                "largest": String(groups.values.map(\.count).max() ?? 0),
                "columns": quasi.map { table.columns[$0].name }.joined(separator: ", "),
            ])
        }
        table.keepRows(keep)
        let kept = groups.filter { $0.value.count >= k }
        return Outcome(smallestBefore: smallestBefore, smallestAfter: kept.values.map(\.count).min(),
                       groupsBefore: groups.count, groupsSuppressed: suppressedGroups, rowsSuppressed: suppressedRows,
                       smallestGroups: Grouping.smallest(kept))
    }
}
