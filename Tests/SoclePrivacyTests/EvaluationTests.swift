import Foundation
import Testing
import SocleCore
@testable import SoclePrivacy

/// Per-column precision, recall and F2 over the synthetic personal tables and the public corpus.
@Suite struct EvaluationTests {
    struct Score {
        var tp = 0, fp = 0, fn = 0, tn = 0, wrongCategory = 0
        var misses: [String] = []
        mutating func add(_ label: String, expected: (PrivacyLevel, DataCategory?), got: ColumnVerdict) {
            let wantPersonal = expected.0 != .public, gotPersonal = got.verdict != .public
            switch (wantPersonal, gotPersonal) {
            case (true, true): tp += 1; if expected.1 != got.category || expected.0 != got.verdict { wrongCategory += 1; misses.append("cat:\(label)") }
            case (true, false): fn += 1; misses.append("fn:\(label)")
            case (false, true): fp += 1; misses.append("fp:\(label)")
            case (false, false): tn += 1
            }
        }
        var precision: Double { tp + fp == 0 ? 1 : Double(tp) / Double(tp + fp) }
        var recall: Double { tp + fn == 0 ? 1 : Double(tp) / Double(tp + fn) }
        var f2: Double { precision + recall == 0 ? 0 : 5 * precision * recall / (4 * precision + recall) }
    }

    @Test func precisionRecallF2() throws {
        var score = Score()
        for seed in [1, 2, 3] as [UInt64] {
            var gen = SyntheticPeople(seed: seed)
            let t = gen.table(rows: 250)
            for (label, v) in zip(t.labels, ColumnDetector.detect(table: t.labels, rows: t.rows)) {
                score.add(label, expected: DetectorTests.expected[label]!, got: v)
            }
        }
        // English headers over the same kind of values.
        var gen = SyntheticPeople(seed: 9)
        let english = ["Last name", "First name", "Date of birth", "Social security number", "E-mail", "Mobile phone", "Home address", "Allergies"]
        let englishExpected: [(PrivacyLevel, DataCategory?)] = [(.personal, .identity), (.personal, .identity), (.personal, .birthDate),
            (.sensitive, .nir), (.personal, .email), (.personal, .phone), (.personal, .postalAddress), (.sensitive, .health)]
        let base = gen.table(rows: 120)
        let rows = base.rows.map { r in [r[0], r[1], r[2], r[3], r[7], r[6], r[9], r[11]] }
        for (i, v) in ColumnDetector.detect(table: english, rows: rows).enumerated() {
            score.add(english[i], expected: englishExpected[i], got: v)
        }
        // Public corpus.
        for (path, d) in [("real_csv/laposte/laposte_hexasmal.csv", ";"), ("real_csv/insee_cog/commune_2022.csv", ","),
                          ("scdl/subventions/exemple_valide.csv", ","),
                          ("real_csv/ban_bal_validateur/sample.csv", ";"), ("real_csv/mobilite_idf/emplacement-des-gares-idf.csv", ";"),
                          ("real_csv/elections/presidentielle2022_resultats-par-niveau-dpt-t1_extrait.csv", ";")] {
            let (labels, rows) = try CorpusTests.read(path, delimiter: Character(d))
            for (label, v) in zip(labels, ColumnDetector.detect(table: labels, rows: rows)) {
                score.add(label, expected: (.public, nil), got: v)
            }
        }
        // A real file about people (elected officials): names, birth dates and sex are personal.
        let (elus, eluRows) = try CorpusTests.read("real_csv/rne_elus/elus-deputes-dep.csv", delimiter: ";")
        let eluExpected: [String: (PrivacyLevel, DataCategory?)] = ["Nom de l'élu": (.personal, .identity),
            "Prénom de l'élu": (.personal, .identity), "Date de naissance": (.personal, .birthDate), "Code sexe": (.personal, .civilStatus)]
        for (label, v) in zip(elus, ColumnDetector.detect(table: elus, rows: eluRows)) {
            score.add(label, expected: eluExpected[label] ?? (.public, nil), got: v)
        }
        print("privacy evaluation: tp=\(score.tp) fp=\(score.fp) fn=\(score.fn) tn=\(score.tn) wrongCategory=\(score.wrongCategory)"
              + " precision=\(score.precision) recall=\(score.recall) f2=\(score.f2) misses=\(score.misses)")
        #expect(score.recall == 1.0)
        #expect(score.precision >= 0.95)
    }
}

@Suite struct ThroughputTests {
    /// Prints the scan throughput (MB/s of cell text) on a 10,000-row synthetic table; a sanity bound only.
    @Test func scanThroughput() {
        var gen = SyntheticPeople(seed: 5)
        let t = gen.table(rows: 10_000)
        let bytes = t.rows.reduce(0) { $0 + $1.reduce(0) { $0 + ($1?.utf8.count ?? 0) } }
        let start = Date()
        let verdicts = ColumnDetector.detect(table: t.labels, rows: t.rows)
        let seconds = Date().timeIntervalSince(start)
        print("privacy throughput: \(bytes) bytes in \(seconds) s = \(Double(bytes) / 1_000_000 / seconds) MB/s")
        #expect(verdicts.count == t.labels.count)
        #expect(seconds < 60)
    }
}
