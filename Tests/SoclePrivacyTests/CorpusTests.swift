import Foundation
import Testing
import SocleCore
@testable import SoclePrivacy

/// The non-personal corpus (public files): no column may be personal or sensitive.
@Suite struct CorpusTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// A tiny split on a known delimiter (enough for these simple files, no quoted delimiters handled).
    static func read(_ path: String, delimiter: Character, limit: Int = 10_000) throws -> ([String], [[String?]]) {
        let text = try String(contentsOf: fixtures.appendingPathComponent(path), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: delimiter, omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"\u{FEFF} ")) }
        let rows = lines.prefix(limit).map { line in
            line.split(separator: delimiter, omittingEmptySubsequences: false).map { cell -> String? in
                let v = cell.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return v.isEmpty ? nil : v
            }
        }
        return (header, Array(rows))
    }

    @Test(arguments: [
        ("real_csv/laposte/laposte_hexasmal.csv", ";"), ("real_csv/insee_cog/commune_2022.csv", ","),
        ("scdl/subventions/exemple_valide.csv", ","),
        ("real_csv/ban_bal_validateur/sample.csv", ";"), ("real_csv/mobilite_idf/emplacement-des-gares-idf.csv", ";"),
        ("real_csv/elections/presidentielle2022_resultats-par-niveau-dpt-t1_extrait.csv", ";"),
    ])
    func noPersonalVerdict(path: String, delimiter: String) throws {
        let (labels, rows) = try Self.read(path, delimiter: Character(delimiter))
        let verdicts = ColumnDetector.detect(table: labels, rows: rows)
        for (label, v) in zip(labels, verdicts) {
            #expect(v.verdict == .public, "\(path) \(label): \(v.verdict) \(String(describing: v.category)) \(v.evidence.signals.map(\.code))")
        }
    }

    @Test func otherScdlExamples() throws {
        let dir = Self.fixtures.appendingPathComponent("scdl")
        let fm = FileManager.default
        var checked = 0
        for schema in try fm.contentsOfDirectory(atPath: dir.path) where schema != "prenoms" {
            let files = (try? fm.contentsOfDirectory(atPath: dir.appendingPathComponent(schema).path)) ?? []
            for file in files where file.hasSuffix(".csv") && file.contains("valide") && !file.contains("invalide") {
                let path = "scdl/\(schema)/\(file)"
                guard let first = try? String(contentsOf: Self.fixtures.appendingPathComponent(path), encoding: .utf8)
                    .split(whereSeparator: \.isNewline).first, !first.contains("\"") else { continue }
                let delimiter: Character = first.filter { $0 == ";" }.count > first.filter { $0 == "," }.count ? ";" : ","
                let (labels, rows) = try Self.read(path, delimiter: delimiter)
                for (label, v) in zip(labels, ColumnDetector.detect(table: labels, rows: rows)) {
                    #expect(v.verdict == .public, "\(path) \(label): \(String(describing: v.category)) \(v.evidence.signals.map(\.code))")
                }
                checked += 1
            }
        }
        #expect(checked > 0)
    }
}
