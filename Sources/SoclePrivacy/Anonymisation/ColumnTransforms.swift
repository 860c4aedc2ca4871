import Foundation
import SocleCore

/// Applies one value transform (generalisation or pseudonymisation) to one column and reports its effect.
struct ColumnTransforms {
    let keyed: Pseudonymiser.Keyed
    let reference: CivilDate

    init(secret: [UInt8], reference: CivilDate) {
        self.keyed = Pseudonymiser.Keyed(secret: secret)
        self.reference = reference
    }

    /// The new values and the step's counts; nulls stay null.
    func apply(_ transform: CompiledPlan.Transform, to values: [CellValue], report: inout StepReport) -> [CellValue] {
        var out: [CellValue] = []
        out.reserveCapacity(values.count)
        var failures: [DateGeneraliser.Failure: Int] = [:]
        var memo: [String: CellValue] = [:]
        for v in values {
            guard let text = Grouping.key(v) else { out.append(.null); continue }
            let result: CellValue
            if let known = memo[text] {
                result = known
            } else {
                switch transform {
                case .pseudonymise:
                    result = .text(keyed.pseudonym(text.trimmingCharacters(in: .whitespaces)))
                case .generalise(let g):
                    switch generalise(text, g) {
                    case .success(let s): result = .text(s)
                    case .failure(let f): failures[f, default: 0] += 1; out.append(.null); continue
                    }
                }
                // Distinct values are few in a town's table; the cache saves repeated HMACs and parses.
                if memo.count < 100_000 { memo[text] = result }
            }
            out.append(result)
            if result != v { report.valuesChanged += 1 }
        }
        let nulled = failures.values.reduce(0, +)
        report.valuesNulled += nulled
        report.valuesChanged += nulled
        if case .generalise(let g) = transform {
            let notes = failures.map { Notice(noteKey($0.key, g), ["count": String($0.value)]) }
            report.notes += notes.sorted { $0.code < $1.code }
        }
        return out
    }

    private func generalise(_ text: String, _ g: Generalisation) -> Result<String, DateGeneraliser.Failure> {
        switch g {
        case .month: return DateGeneraliser.month(text)
        case .year: return DateGeneraliser.year(text)
        case .ageBand: return DateGeneraliser.ageBand(text, at: reference)
        case .commune: return CommuneExtractor.extract(text).map { .success($0) } ?? .failure(DateGeneraliser.Failure.unreadable)
        case .grid(let m): return GridSnapper.snap(text, metres: m).map { .success($0) } ?? .failure(DateGeneraliser.Failure.unreadable)
        }
    }

    private func noteKey(_ f: DateGeneraliser.Failure, _ g: Generalisation) -> String {
        switch (f, g) {
        case (.future, _): return "anonymisation.note.birth_in_future"
        case (.tooOld, _): return "anonymisation.note.too_old"
        case (_, .commune): return "anonymisation.note.no_postcode"
        case (_, .grid): return "anonymisation.note.not_a_point"
        case (_, .ageBand): return "anonymisation.note.not_a_birth_date"
        default: return "anonymisation.note.not_a_date"
        }
    }

    /// Values seen in fewer than k rows become null.
    static func suppressRare(_ values: [CellValue], k: Int, report: inout StepReport) -> [CellValue] {
        var counts: [String: Int] = [:]
        for v in values { if let key = Grouping.key(v) { counts[key, default: 0] += 1 } }
        let rare = Set(counts.filter { $0.value < k }.keys)
        guard !rare.isEmpty else { return values }
        var nulled = 0
        let out = values.map { v -> CellValue in
            guard let key = Grouping.key(v), rare.contains(key) else { return v }
            nulled += 1
            return .null
        }
        report.valuesNulled += nulled
        report.valuesChanged += nulled
        report.notes.append(Notice("anonymisation.note.rare_values", [
            "count": String(nulled), "distinct": String(rare.count), "k": String(k),
        ]))
        return out
    }
}
