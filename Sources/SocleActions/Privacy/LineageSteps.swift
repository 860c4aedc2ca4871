import Foundation
import SocleCore

/// One recorded step of an anonymisation plan, read back from the lineage's text (`drop nom`,
/// `generalise adresse:commune`…): for the sentences the DPO reads, the codes the API returns, and
/// re-running the same plan on a source that has been reviewed since.
public enum LineageStep: Sendable, Equatable {
    case drop(String)
    case pseudonymise(String)
    /// Column and generalisation (`month`, `year`, `age-band`, `commune`, `grid:N`).
    case generalise(String, String)
    case suppressRare(String, Int)
    case aggregate(by: [String], sum: [String], k: Int)
    case kAnonymity(k: Int, quasi: [String])
    /// A step this version cannot read back (kept verbatim).
    case other(String)

    /// Reads one line of `AnonymisationPlanRecord.steps`.
    public static func parse(_ text: String) -> LineageStep {
        func after(_ prefix: String) -> String? { text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : nil }
        func list(_ s: Substring) -> [String] { s.components(separatedBy: ", ").filter { !$0.isEmpty } }
        if let c = after("drop ") { return .drop(c) }
        if let c = after("pseudonymise ") { return .pseudonymise(c) }
        if let g = after("generalise "), let colon = g.firstIndex(of: ":") {
            return .generalise(String(g[..<colon]), String(g[g.index(after: colon)...]))
        }
        if let s = after("suppress-rare "), let colon = s.lastIndex(of: ":"), let k = Int(s[s.index(after: colon)...]) {
            return .suppressRare(String(s[..<colon]), k)
        }
        if let a = after("aggregate by "), let tail = a.range(of: ", groups under ", options: .backwards),
           let k = Int(a[tail.upperBound...].split(separator: " ").first ?? "") {
            let head = a[..<tail.lowerBound]
            if let sum = head.range(of: " sum ") {
                return .aggregate(by: list(head[..<sum.lowerBound]), sum: list(head[sum.upperBound...]), k: k)
            }
            return .aggregate(by: list(head), sum: [], k: k)
        }
        if let rest = after("k-anonymity k="), let over = rest.range(of: " over "), let k = Int(rest[..<over.lowerBound]) {
            return .kAnonymity(k: k, quasi: list(rest[over.upperBound...]))
        }
        return .other(text)
    }

    /// The machine code the API returns beside the sentence.
    public var code: String {
        switch self {
        case .drop: return "drop"
        case .pseudonymise: return "pseudonymise"
        case .generalise: return "generalise"
        case .suppressRare: return "suppress_rare"
        case .aggregate: return "aggregate"
        case .kAnonymity: return "k_anonymity"
        case .other: return "other"
        }
    }

    /// The columns the step names.
    public var columns: [String] {
        switch self {
        case .drop(let c), .pseudonymise(let c), .generalise(let c, _), .suppressRare(let c, _): return [c]
        case .aggregate(let by, let sum, _): return by + sum
        case .kAnonymity(_, let quasi): return quasi
        case .other: return []
        }
    }

    /// The step in words: « colonne « nom » supprimée », « « adresse » généralisée à la commune »…
    /// `labels` gives a column's header for its name, when it has one.
    public func sentence(_ language: Language, labels: [String: String] = [:]) -> String {
        ActionStrings.register()
        func name(_ c: String) -> String {
            guard let l = labels[c], !l.isEmpty, l != c else { return c }
            return l
        }
        func names(_ cs: [String]) -> String { cs.map { "« \(name($0)) »" }.joined(separator: ", ") }
        func t(_ key: String, _ args: [String: String]) -> String {
            Catalog.shared.string("lineage.step." + key, language: language, args: args)
        }
        switch self {
        case .drop(let c): return t("drop", ["column": name(c)])
        case .pseudonymise(let c): return t("pseudonymise", ["column": name(c)])
        case .generalise(let c, let g):
            if g.hasPrefix("grid:") { return t("grid", ["column": name(c), "size": String(g.dropFirst(5))]) }
            let known = ["month", "year", "age-band", "commune"]
            return known.contains(g) ? t("generalise_" + g.replacingOccurrences(of: "-", with: "_"), ["column": name(c)])
                : t("generalise_other", ["column": name(c), "generalisation": g])
        case .suppressRare(let c, let k): return t("suppress_rare", ["column": name(c), "k": String(k)])
        case .aggregate(let by, let sum, let k):
            return sum.isEmpty ? t("aggregate", ["columns": names(by), "k": String(k)])
                : t("aggregate_sum", ["columns": names(by), "sums": names(sum), "k": String(k)])
        case .kAnonymity(let k, let quasi): return t("k_anonymity", ["columns": names(quasi), "k": String(k)])
        case .other(let text): return text
        }
    }
}

extension AnonymisationPlanRecord {
    /// The recorded steps, read back.
    public var parsedSteps: [LineageStep] { steps.map(LineageStep.parse) }
}

extension AnonymiseRequest {
    /// The request that produced a derived dataset, to run it again on its source's current revision and
    /// reviews (the derived dataset gets a new revision; nothing else changes).
    public init(rerunning lineage: DatasetLineage, into: String) {
        self.init(source: lineage.sourceDataset, into: into)
        for step in lineage.plan.parsedSteps {
            switch step {
            case .drop(let c): drop.append(c)
            case .pseudonymise(let c): pseudonymise.append(c)
            case .generalise(let c, let g): generalise.append(c + ":" + g)
            case .suppressRare(let c, let k): suppressRare.append(c + ":" + String(k))
            case .aggregate(let by, let sum, let k):
                aggregateBy = by
                self.sum = sum
                self.k = k
            case .kAnonymity(let k, let q):
                self.k = k
                quasi = q
            case .other: break
            }
        }
    }
}
