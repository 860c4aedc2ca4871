import Foundation
import SocleActions
import SocleCore
import Testing

/// The DPIA screening (GDPR.md §2): the CNIL's required list first, its exemptions next, then two criteria of nine.
@Suite("DPIA screening")
struct RegisterDPIATests {
    static func activity(_ screening: DPIAScreening?) -> ProcessingActivity {
        ProcessingActivity(name: "Vidéoprotection", purpose: "Prévenir les atteintes", dpia: screening)
    }

    @Test("two criteria require a DPIA, one does not, and the reasons say which")
    func criteria() {
        let two = Self.activity(DPIAScreening(criteria: [.systematicMonitoring, .largeScale])).dpiaVerdict
        #expect(two.required)
        let text = two.reasons.map { $0.text(.french) }.joined()
        #expect(text.contains("2 critères") && text.contains("Surveillance systématique") && text.contains("grande échelle"), "\(text)")
        let one = Self.activity(DPIAScreening(criteria: [.largeScale])).dpiaVerdict
        #expect(!one.required)
        #expect(one.reasons.first?.text(.english).contains("only one") == true)
        #expect(!Self.activity(nil).dpiaVerdict.required)
    }

    @Test("the CNIL's lists decide before the criteria: required list first, then exemptions")
    func lists() {
        let monitoring = Self.activity(DPIAScreening(requiredCases: [.publicSpaceMonitoring])).dpiaVerdict
        #expect(monitoring.required)
        #expect(monitoring.reasons.first?.text(.french).contains("liste de la CNIL") == true)
        let roll = Self.activity(DPIAScreening(criteria: [.largeScale, .matching], exemptCases: [.electoralRoll])).dpiaVerdict
        #expect(!roll.required, "the electoral roll is exempt whatever the criteria")
        #expect(roll.reasons.first?.text(.french).contains("Liste électorale") == true)
    }

    @Test("the record's own fields suggest criteria it has not ticked")
    func suggestions() {
        var a = ProcessingActivity(name: "Cantine", purpose: "Restauration", people: [.minors], estimatedPeople: 12_000, categories: [.health])
        #expect(Set(a.suggestedDPIACriteria) == [.sensitiveData, .vulnerablePeople, .largeScale])
        a.dpia = DPIAScreening(criteria: [.sensitiveData])
        #expect(!a.suggestedDPIACriteria.contains(.sensitiveData))
    }

    @Test("retention durations: ISO 8601 checked, and told in words")
    func durations() {
        #expect(ISODuration.isValid("P1Y6M") && !ISODuration.isValid("P6M1Y") && !ISODuration.isValid("5 ans") && !ISODuration.isValid("P"))
        #expect(ISODuration.describe("P1Y6M", .french) == "1 an et 6 mois")
        #expect(ISODuration.describe("P30D", .english) == "30 days")
    }
}
