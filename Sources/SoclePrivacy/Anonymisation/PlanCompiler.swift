import SocleCore

/// A plan checked against the table: columns resolved, conflicts refused, ranges validated.
struct CompiledPlan {
    enum Transform: Equatable { case pseudonymise, generalise(Generalisation) }
    struct Aggregate { var groupBy: [Int]; var sum: [Int]; var k: Int; var step: Int }

    /// The plan's steps with column names instead of what the user typed.
    var steps: [AnonymisationStep] = []
    var dropped: [Int: Int] = [:]
    var transforms: [Int: (transform: Transform, step: Int)] = [:]
    var rare: [Int: (k: Int, step: Int)] = [:]
    var aggregate: Aggregate?
    /// Requested k-anonymity (column indices, k). With an aggregation the group-by columns are the
    /// quasi-identifiers (every other column is aggregated away) and the requested k raises the aggregation's.
    var quasi: [Int]?
    var k: Int?

    var pseudonymises: Bool { transforms.values.contains { $0.transform == .pseudonymise } }
    var usesAgeBand: Bool { transforms.values.contains { $0.transform == .generalise(.ageBand) } }
}

/// Turns an `AnonymisationPlan` into a `CompiledPlan`, or refuses it with a located, actionable error.
enum PlanCompiler {
    static let kRange = 2...10_000

    private enum Role: String { case drop, pseudonymise, generalise, rare = "suppress-rare", group = "group-by", sum }

    static func compile(_ plan: AnonymisationPlan, columns: [ColumnSchema]) throws -> CompiledPlan {
        var out = CompiledPlan()
        var roles: [Int: [Role]] = [:]
        func use(_ c: Int, _ role: Role) throws {
            let previous = roles[c] ?? []
            for p in previous where conflicts(p, role) {
                throw AnonymisationText.error("step_conflict", [
                    "column": columns[c].name, "first": p.rawValue, "second": role.rawValue,
                ], column: columns[c].name)
            }
            roles[c, default: []].append(role)
        }
        func resolve(_ name: String) throws -> Int { try ColumnResolver.index(of: name, in: columns) }

        for (n, step) in plan.steps.enumerated() {
            switch step {
            case .drop(let name):
                let c = try resolve(name)
                try use(c, .drop)
                out.dropped[c] = n
                out.steps.append(.drop(column: columns[c].name))
            case .pseudonymise(let name):
                let c = try resolve(name)
                try use(c, .pseudonymise)
                out.transforms[c] = (.pseudonymise, n)
                out.steps.append(.pseudonymise(column: columns[c].name))
            case .generalise(let name, let g):
                let c = try resolve(name)
                try use(c, .generalise)
                if case .grid(let m) = g, !Generalisation.gridRange.contains(m) {
                    throw AnonymisationText.error("grid_size", [
                        "value": String(m), "min": String(Generalisation.gridRange.lowerBound),
                        "max": String(Generalisation.gridRange.upperBound),
                    ], column: columns[c].name)
                }
                guard g.acceptedTypes.contains(columns[c].type) else {
                    throw AnonymisationText.error("generalise_type", [
                        "column": columns[c].name, "type": columns[c].type.rawValue, "generalisation": g.description,
                        "accepted": g.acceptedTypes.map(\.rawValue).sorted().joined(separator: ", "),
                    ], column: columns[c].name)
                }
                out.transforms[c] = (.generalise(g), n)
                out.steps.append(.generalise(column: columns[c].name, to: g))
            case .suppressRare(let name, let k):
                let c = try resolve(name)
                try checkK(k, step: "suppress-rare", column: columns[c].name)
                try use(c, .rare)
                out.rare[c] = (k, n)
                out.steps.append(.suppressRare(column: columns[c].name, k: k))
            case .aggregate(let groupBy, let sum, let k):
                guard out.aggregate == nil else { throw AnonymisationText.error("aggregate_twice") }
                try checkK(k, step: "aggregate", column: nil)
                var g: [Int] = [], s: [Int] = []
                for name in groupBy {
                    let c = try resolve(name)
                    try use(c, .group)
                    g.append(c)
                }
                for name in sum {
                    let c = try resolve(name)
                    try use(c, .sum)
                    guard columns[c].type == .integer || columns[c].type == .number else {
                        throw AnonymisationText.error("sum_type", ["column": columns[c].name, "type": columns[c].type.rawValue],
                                                      column: columns[c].name)
                    }
                    s.append(c)
                }
                out.aggregate = .init(groupBy: g, sum: s, k: k, step: n)
                out.steps.append(.aggregate(groupBy: g.map { columns[$0].name }, sum: s.map { columns[$0].name }, k: k))
            }
        }
        if let req = plan.kAnonymity {
            try checkK(req.k, step: "k-anonymity", column: nil)
            var quasi: [Int] = []
            for name in req.quasiIdentifiers {
                let c = try resolve(name)
                if out.dropped[c] != nil {
                    throw AnonymisationText.error("quasi_dropped", ["column": columns[c].name], column: columns[c].name)
                }
                if !quasi.contains(c) { quasi.append(c) }
            }
            if quasi.isEmpty && out.aggregate == nil { throw AnonymisationText.error("quasi_empty") }
            out.quasi = quasi
            out.k = req.k
        }
        return out
    }

    private static func conflicts(_ a: Role, _ b: Role) -> Bool {
        if a == .drop || b == .drop || a == .sum || b == .sum { return true }
        let transforms: Set<Role> = [.pseudonymise, .generalise]
        if transforms.contains(a) && transforms.contains(b) { return true }
        return a == b
    }

    private static func checkK(_ k: Int, step: String, column: String?) throws {
        guard kRange.contains(k) else {
            throw AnonymisationText.error("k_range", [
                "k": String(k), "step": step, "min": String(kRange.lowerBound), "max": String(kRange.upperBound),
            ], column: column)
        }
    }
}
