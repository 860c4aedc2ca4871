import SocleCore

/// Decides, column by column and for the whole table, whether the result may leave the personal-data world.
struct ComplianceChecks {
    let input: AnonymisationInput
    let plan: CompiledPlan
    /// The output table (after every step).
    let output: WorkingTable
    /// Input column index of each output column (nil for the aggregation's count and sums).
    let origin: [Int?]
    /// True when the k-anonymity requirement (or the aggregation's k) was enforced.
    let kEnforced: Bool

    func run() -> [AnonymisationCheck] {
        var checks: [AnonymisationCheck] = []
        for (c, column) in input.columns.enumerated() {
            let level = input.verdicts[column.name]
            if level == nil, survives(c) {
                checks.append(.init(kind: .classification, column: column.name, passed: false,
                                    notice: Notice("anonymisation.check.unclassified", ["column": column.name])))
            }
            if let level, level != .public {
                checks.append(personalColumn(c, level: level))
            }
        }
        checks += quasiIdentifierChecks()
        checks += geoSourceChecks()
        return checks
    }

    /// Still present in the output, transformed or not.
    private func survives(_ c: Int) -> Bool { origin.contains(c) }

    private func personalColumn(_ c: Int, level: PrivacyLevel) -> AnonymisationCheck {
        let name = input.columns[c].name
        let args = ["column": name, "level": level.rawValue]
        func result(_ passed: Bool, _ key: String, _ extra: [String: String] = [:]) -> AnonymisationCheck {
            .init(kind: .personalColumn, column: name, passed: passed,
                  notice: Notice("anonymisation.check.\(key)", args.merging(extra) { $1 }))
        }
        if plan.dropped[c] != nil { return result(true, "dropped") }
        if let agg = plan.aggregate {
            if agg.sum.contains(c) { return result(true, "summed", ["k": String(effectiveK)]) }
            if !agg.groupBy.contains(c) { return result(true, "aggregated_away") }
        }
        if let t = plan.transforms[c] {
            switch t.transform {
            case .pseudonymise: return result(false, "pseudonymised")
            case .generalise(let g):
                return result(true, "generalised", ["generalisation": g.description])
            }
        }
        if let agg = plan.aggregate, agg.groupBy.contains(c) {
            // Counting people by a sensitive attribute in groups of at least k is how statistics publish it.
            return result(true, "grouped", ["k": String(effectiveK)])
        }
        if let quasi = plan.quasi, quasi.contains(c), kEnforced {
            // k-anonymity protects identity, not the attribute itself: a sensitive value must not stay row by row.
            if level == .sensitive { return result(false, "sensitive_kept") }
            return result(true, "k_protected", ["k": String(effectiveK)])
        }
        if plan.rare[c] != nil { return result(false, "rare_only") }
        return result(false, "kept")
    }

    private var effectiveK: Int { max(plan.k ?? 0, plan.aggregate?.k ?? 0) }

    /// Output columns that look like quasi-identifiers, by output index.
    private var hintedQuasi: [Int] {
        output.columns.indices.filter { o in
            guard let c = origin[o] else { return false }
            if case .pseudonymise? = plan.transforms[c]?.transform { return false }
            let generalised = plan.transforms[c] != nil
            return QuasiIdentifierHints.looksLikeQuasiIdentifier(output.columns[o],
                                                                 category: input.categories[input.columns[c].name],
                                                                 generalised: generalised)
                || (input.verdicts[input.columns[c].name] ?? .public) != .public
        }
    }

    private func quasiIdentifierChecks() -> [AnonymisationCheck] {
        if let agg = plan.aggregate {
            let names = agg.groupBy.map { input.columns[$0].name }.joined(separator: ", ")
            return [.init(kind: .kAnonymity, passed: true, notice: Notice("anonymisation.check.k_aggregate", [
                "k": String(effectiveK), "columns": names,
            ]))]
        }
        let hinted = hintedQuasi
        if let quasi = plan.quasi, let k = plan.k {
            let quasiNames = quasi.map { input.columns[$0].name }
            var checks = [AnonymisationCheck(kind: .kAnonymity, passed: kEnforced, notice: Notice(
                "anonymisation.check.k_reached", ["k": String(k), "columns": quasiNames.joined(separator: ", ")]))]
            let missing = hinted.compactMap { origin[$0] }.filter { !quasi.contains($0) }.map { input.columns[$0].name }
            checks.append(.init(kind: .quasiIdentifiers, passed: missing.isEmpty, notice: Notice(
                missing.isEmpty ? "anonymisation.check.quasi_covered" : "anonymisation.check.quasi_missing",
                ["columns": missing.joined(separator: ", ")])))
            return checks
        }
        guard !hinted.isEmpty else {
            return [.init(kind: .kAnonymity, passed: true, notice: Notice("anonymisation.check.no_quasi_identifiers"))]
        }
        // Not verified: say how bad it is, over the columns that look like quasi-identifiers.
        let groups = Grouping.groups(output, by: hinted)
        let smallest = groups.values.map(\.count).min() ?? 0
        return [.init(kind: .kAnonymity, passed: false, notice: Notice("anonymisation.check.k_not_verified", [
            "columns": hinted.map { output.columns[$0].name }.joined(separator: ", "), "smallest": String(smallest),
        ]))]
    }

    /// A point generalised to a grid must not keep the exact latitude/longitude columns it was built from.
    private func geoSourceChecks() -> [AnonymisationCheck] {
        var checks: [AnonymisationCheck] = []
        for (c, t) in plan.transforms {
            guard case .generalise(.grid) = t.transform else { continue }
            let f = input.columns[c].format
            let sources = [f.latitudeColumn, f.longitudeColumn].compactMap { $0 }
            let kept = sources.filter { s in origin.contains { $0.map { input.columns[$0].name } == s } }
            guard !sources.isEmpty else { continue }
            checks.append(.init(kind: .geoSources, column: input.columns[c].name, passed: kept.isEmpty, notice: Notice(
                kept.isEmpty ? "anonymisation.check.geo_sources_dropped" : "anonymisation.check.geo_sources_kept",
                ["column": input.columns[c].name, "sources": (kept.isEmpty ? sources : kept).joined(separator: ", ")])))
        }
        return checks.sorted { ($0.column ?? "") < ($1.column ?? "") }
    }
}
