import Foundation
import Testing
import SocleCore
@testable import SoclePrivacy

@Suite struct RobustnessTests {
    @Test func emptyColumn() {
        let v = ColumnDetector.detect(ColumnSample(name: "x", label: "", values: []))
        #expect(v.verdict == .public)
        #expect(v.evidence.signals.contains { $0.code == "privacy.signal.empty_column" })
        let nulls = ColumnDetector.detect(ColumnSample(name: "nir", label: "NIR", values: [nil, nil, "", "  "]))
        #expect(nulls.verdict == .sensitive)
        #expect(nulls.confidence < 0.5)
    }

    @Test func oneValueColumn() {
        let v = ColumnDetector.detect(ColumnSample(name: "t", label: "Téléphone portable", values: ["06 12 34 56 78"]))
        #expect(v.verdict == .personal)
        #expect(v.confidence <= 0.5)
        #expect(v.evidence.signals.contains { $0.code == "privacy.signal.few_values" })
    }

    @Test func mixedColumn() {
        var gen = SyntheticPeople(seed: 3)
        let values: [String?] = (0..<100).map { i in i % 3 == 0 ? gen.nir() : (i % 3 == 1 ? "texte libre \(i)" : nil) }
        let v = ColumnDetector.detect(ColumnSample(name: "divers", label: "Divers", values: values))
        #expect(v.verdict == .sensitive)
        #expect(v.evidence.signals.contains { $0.code == "privacy.signal.mixed_values" })
        #expect(v.confidence <= 0.55)
    }

    @Test func megabyteCellsWithoutSignals() {
        let big = String(repeating: "Compte rendu de la séance du conseil. ", count: 28_000)
        let v = ColumnDetector.detect(ColumnSample(name: "texte", label: "Texte", values: [big, big, "court"],
                                                   neighbourLabels: ["Date de séance", "Objet"]))
        #expect(v.verdict == .public)
        #expect(v.confidence <= 0.5)
        #expect(v.evidence.signals.contains { $0.code == "privacy.signal.long_cells" })
    }

    @Test func oneDistinctValueAndMixedShapes() {
        let same = ColumnDetector.detect(ColumnSample(name: "nom", label: "Nom", values: Array(repeating: "Villeurbanne", count: 500),
                                                      neighbourLabels: ["Prénom"]))
        #expect(same.verdict == .public)
        #expect(!same.evidence.signals.isEmpty)
        let mixed: [String?] = ["12", "2024-01-05", "Jean", "AB-123-CD", "06 12 34 56 78", "x@y.fr", "", nil, "1,5", "Rue Pasteur"]
        let v = ColumnDetector.detect(ColumnSample(name: "divers", label: "Divers", values: mixed + mixed))
        #expect(v.confidence <= 0.55 || v.verdict == .public)
        #expect(!v.evidence.signals.isEmpty)
    }

    @Test func hugeCellAndBrokenText() {
        let huge = String(repeating: "é\u{FFFD}x ", count: 1_300_000) + " allergie"
        let values: [String?] = [huge, "\u{FFFD}\u{FFFD}", "\u{0}\u{1}", "Ã©tÃ©", nil, "🙂 emoji"]
        let start = Date()
        let v = ColumnDetector.detect(ColumnSample(name: "obs", label: "Observations", values: values, neighbourLabels: ["Prénom"]))
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(v.confidence <= 0.5)
        #expect(v.evidence.signals.contains { $0.code == "privacy.signal.long_cells" })
        for e in v.evidence.examples { #expect(e.count <= 80) }
    }

    @Test func raggedRowsAndOddHeaders() {
        let v = ColumnDetector.detect(table: ["", "\n", "Nom"], rows: [["a"], [], ["b", nil, "Dupont", "extra"]])
        #expect(v.count == 3)
    }
}

@Suite struct OddValueTests {
    static let odd = ["½.1.1.1", "١٢.1.1.1", "１２３４５６７８９０１２３４５", "²84027511504593", "FR７６３０００６", "0６12345678",
                      "2A", "::", ":::::::", "@", "a@b", "..", "--", "2024-13-45", "99/99/9999", "ⅫⅫ-123-ⅫⅫ", "\u{FFFD}@x.fr",
                      "1 84 03 75 123 456 9", "٠٦١٢٣٤٥٦٧٨", "2B", String(repeating: "9", count: 70)]

    @Test(arguments: odd)
    func validatorsNeverCrash(value: String) {
        _ = Checksums.isValidNIR(value); _ = Checksums.looksLikeNIR(value); _ = Checksums.isValidIBAN(value)
        _ = Checksums.isValidSIREN(value); _ = Checksums.isValidSIRET(value); _ = ValuePatterns.isEmail(value)
        _ = ValuePatterns.isFrenchPhone(value); _ = ValuePatterns.isMobilePhone(value); _ = ValuePatterns.isLicensePlate(value)
        _ = ValuePatterns.isIPAddress(value); _ = ValuePatterns.year(ofDate: value); _ = ValuePatterns.isPostalAddress(value)
        _ = Masking.mask(value)
        #expect(!Checksums.isValidNIR(value))
    }

    @Test func detectorOnOddColumn() {
        let v = ColumnDetector.detect(ColumnSample(name: "x", label: "¿?", values: Self.odd.map { $0 }))
        #expect(v.confidence >= 0 && v.confidence <= 1)
    }
}
