import Foundation
import SocleCore

/// The anonymisation engine: applies a plan to an in-memory table and says whether the result is cleared.
///
/// Pure and deterministic for a given input, plan, secret and reference date: the caller reads the source
/// revision, runs this, loads the result as a new dataset and records the plan and the report as lineage.
public enum Anonymiser {
    /// rows × columns accepted in memory: ≈ 120 MB were measured for 100,000 rows × 8 columns (input, work table
    /// and output coexist), so ≈ 0.6–1 GB at the limit. A CCAS file has thousands of rows; a larger table should
    /// be aggregated in the database instead.
    public static let maxCells = 5_000_000

    /// Runs the plan. Throws (and produces nothing) on an invalid plan, a secret too short for a
    /// pseudonymisation, or a k-anonymity requirement no group can meet.
    public static func run(_ plan: AnonymisationPlan, on input: AnonymisationInput, secret: [UInt8],
                           referenceDate: Date) throws -> AnonymisationResult {
        AnonymisationText.registerCatalog()
        try validate(input)
        let compiled = try PlanCompiler.compile(plan, columns: input.columns)
        if compiled.pseudonymises && secret.count < Pseudonymiser.minimumSecretBytes {
            throw AnonymisationText.error("secret_too_short", ["min": String(Pseudonymiser.minimumSecretBytes)])
        }
        var table = WorkingTable(columns: input.columns, rows: input.rows)
        var reports = compiled.steps.map { StepReport(step: $0) }
        let transforms = ColumnTransforms(secret: secret, reference: CivilDate(referenceDate))

        // 1. Value transforms, then 2. rare values, each column independently.
        for (c, t) in compiled.transforms.sorted(by: { $0.key < $1.key }) {
            table.cells[c] = transforms.apply(t.transform, to: table.cells[c], report: &reports[t.step])
            table.columns[c] = retyped(table.columns[c], transform: t.transform)
        }
        for (c, r) in compiled.rare.sorted(by: { $0.key < $1.key }) {
            table.cells[c] = ColumnTransforms.suppressRare(table.cells[c], k: r.k, report: &reports[r.step])
        }

        // 3. k-anonymity suppression, or the aggregation (which enforces its own k).
        var origin: [Int?] = Array(input.columns.indices)
        var kReport: KAnonymityReport?
        var smallestGroups: [[String]]?
        if let agg = compiled.aggregate {
            let k = max(agg.k, compiled.k ?? 0)
            if k != agg.k { reports[agg.step].notes.append(Notice("anonymisation.note.k_raised", ["k": String(k)])) }
            let out = Aggregator.run(table, groupBy: agg.groupBy, sum: agg.sum, k: k, report: &reports[agg.step])
            table = out.table
            origin = agg.groupBy.map { Optional($0) } + Array(repeating: nil, count: 1 + agg.sum.count)
            kReport = KAnonymityReport(k: k, quasiIdentifiers: agg.groupBy.map { input.columns[$0].name },
                                       smallestGroupBefore: out.smallestBefore, smallestGroupAfter: out.smallestAfter,
                                       groupsBefore: out.groupsBefore, groupsSuppressed: reports[agg.step].groupsSuppressed,
                                       rowsSuppressed: reports[agg.step].rowsSuppressed)
            smallestGroups = out.smallestGroups
        } else if let quasi = compiled.quasi, let k = compiled.k {
            let enforced = try KAnonymity.enforce(&table, quasi: quasi, k: k)
            kReport = KAnonymityReport(k: k, quasiIdentifiers: quasi.map { input.columns[$0].name },
                                       smallestGroupBefore: enforced.smallestBefore,
                                       smallestGroupAfter: enforced.smallestAfter, groupsBefore: enforced.groupsBefore,
                                       groupsSuppressed: enforced.groupsSuppressed, rowsSuppressed: enforced.rowsSuppressed)
            smallestGroups = enforced.smallestGroups
        }

        // 4. Drops last: a dropped column takes no part in any group.
        for (c, step) in compiled.dropped {
            reports[step].valuesChanged = input.rows.reduce(0) { n, row in
                n + (c < row.count && Grouping.key(row[c]) != nil ? 1 : 0)
            }
        }
        if compiled.aggregate == nil {
            let keep = table.columns.indices.filter { compiled.dropped[$0] == nil }
            table.columns = keep.map { table.columns[$0] }
            table.cells = keep.map { table.cells[$0] }
            origin = keep.map { Optional($0) }
        }
        table.columns = table.columns.enumerated().map { o, col in
            rebuilt(col, values: table.cells[o], keptNames: Set(table.columns.map(\.name)))
        }

        let checks = ComplianceChecks(input: input, plan: compiled, output: table, origin: origin,
                                      kEnforced: kReport != nil).run()
        let pseudonymised = origin.compactMap { $0 }.filter { compiled.transforms[$0]?.transform == .pseudonymise }
            .map { input.columns[$0].name }
        let report = AnonymisationReport(
            steps: reports, kAnonymity: kReport, checks: checks, smallestGroupSize: kReport?.smallestGroupAfter,
            smallestGroupSizeBefore: kReport?.smallestGroupBefore, smallestGroups: smallestGroups,
            pseudonymisedColumns: pseudonymised,
            secretFingerprint: compiled.pseudonymises ? Pseudonymiser.fingerprint(secret: secret) : nil,
            referenceDate: compiled.usesAgeBand ? referenceDate : nil,
            rowsIn: input.rows.count, rowsOut: table.rowCount,
            clearsPersonalData: checks.allSatisfy(\.passed) && pseudonymised.isEmpty)
        return AnonymisationResult(columns: table.columns, rows: table.rows(), report: report)
    }

    /// The column named or labelled `nameOrLabel` (case- and accent-insensitive label match);
    /// unknown → `anonymisation.column_unknown` with the closest column names.
    public static func resolveColumn(_ nameOrLabel: String, in columns: [ColumnSchema]) throws -> ColumnSchema {
        AnonymisationText.registerCatalog()
        return columns[try ColumnResolver.index(of: nameOrLabel, in: columns)]
    }

    /// Loads the anonymisation catalog (idempotent); the engine also does it on first use.
    public static func registerCatalog() { AnonymisationText.registerCatalog() }

    private static func validate(_ input: AnonymisationInput) throws {
        var seen = Set<String>()
        for c in input.columns where !seen.insert(c.name).inserted {
            throw AnonymisationText.error("duplicate_column", ["column": c.name], column: c.name)
        }
        let (cells, overflow) = input.rows.count.multipliedReportingOverflow(by: max(1, input.columns.count))
        if overflow || cells > maxCells {
            throw AnonymisationText.error("too_large", ["rows": String(input.rows.count),
                                                       "columns": String(input.columns.count), "max": String(maxCells)],
                                          kind: .tooLarge)
        }
        if let r = input.rows.firstIndex(where: { $0.count != input.columns.count }) {
            throw SocleError(.invalidInput, code: "anonymisation.row_width",
                             args: ["row": String(r + 1), "found": String(input.rows[r].count),
                                    "expected": String(input.columns.count)],
                             location: SourceLocation(row: r + 1))
        }
    }

    /// The schema of a transformed column: same name and label, the type of the new values, no parsing format.
    private static func retyped(_ column: ColumnSchema, transform: CompiledPlan.Transform) -> ColumnSchema {
        var c = column
        c.format = ColumnFormat()
        switch transform {
        case .pseudonymise: c.type = .code
        case .generalise(let g): c.type = g.outputType
        }
        c.evidence.notes = [Notice(transformNoteKey(transform),
                                   ["transform": transformName(transform), "from": column.type.rawValue])]
        return c
    }

    private static func transformName(_ t: CompiledPlan.Transform) -> String {
        if case .generalise(let g) = t { return g.description }
        return "pseudonymise"
    }

    private static func transformNoteKey(_ t: CompiledPlan.Transform) -> String {
        if case .generalise = t { return "anonymisation.note.column_generalised" }
        return "anonymisation.note.column_pseudonymised"
    }

    /// Evidence rebuilt from the output values: the source's samples, counter-examples and notes may quote raw
    /// personal values and must not follow the derived dataset.
    private static func rebuilt(_ column: ColumnSchema, values: [CellValue], keptNames: Set<String>) -> ColumnSchema {
        var c = column
        let nonNull = values.filter { Grouping.key($0) != nil }
        var samples: [String] = []
        for v in nonNull where samples.count < 3 {
            if let t = v.text, !samples.contains(t) { samples.append(String(t.prefix(80))) }
        }
        let notes = column.evidence.notes.filter { $0.code.hasPrefix("anonymisation.") }
        c.evidence = TypeEvidence(values: nonNull.count, nulls: values.count - nonNull.count,
                                  matches: [column.type.rawValue: nonNull.count], samples: samples, notes: notes)
        // A point built from a latitude/longitude pair no longer is when the pair is gone.
        if let lat = c.format.latitudeColumn, let lon = c.format.longitudeColumn,
           !keptNames.contains(lat) || !keptNames.contains(lon) {
            c.format.latitudeColumn = nil
            c.format.longitudeColumn = nil
        }
        return c
    }
}
