import Testing
import SocleCore
@testable import SoclePrivacy

@Suite struct CatalogTests {
    @Test func everyKeyHasFrenchAndEnglish() {
        ColumnDetector.registerCatalog()
        let keys = ColumnDetector.signalKeys + DataCategory.allCases.map(\.catalogKey)
            + PrivacyLevel.allCases.map { "privacy.level.\($0.rawValue)" }
        for key in keys {
            #expect(Catalog.shared.template(key, language: .french) != nil, "\(key) fr")
            #expect(Catalog.shared.template(key, language: .english) != nil, "\(key) en")
        }
        let n = Notice("privacy.signal.values", ["count": "3", "total": "10", "signal": "nir"]).message(.french)
        #expect(n.contains("3") && n.contains("10"))
    }

    @Test func emittedSignalsAreKnown() {
        var gen = SyntheticPeople()
        let table = gen.table(rows: 40)
        let known = Set(ColumnDetector.signalKeys)
        for v in ColumnDetector.detect(table: table.labels, rows: table.rows) {
            for s in v.evidence.signals { #expect(known.contains(s.code), "\(s.code)") }
        }
    }
}
