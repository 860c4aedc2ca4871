import Foundation
import Testing
import SocleCore
@testable import SoclePrivacy

@Suite struct DateGeneraliserTests {
    @Test(arguments: [
        ("2024-03-15", "2024-03", "2024"), ("2024-03-15T23:30:00Z", "2024-03", "2024"), ("15/03/2024", "2024-03", "2024"),
        ("2024/03/15", "2024-03", "2024"), ("2024-03", "2024-03", "2024"), ("2024-03-15 08:00", "2024-03", "2024"),
    ])
    func monthAndYear(_ value: String, _ month: String, _ year: String) throws {
        #expect(try DateGeneraliser.month(value).get() == month)
        #expect(try DateGeneraliser.year(value).get() == year)
    }

    @Test(arguments: ["", "2024-13-01", "2023-02-29", "2024-02-30", "31/31/2024", "20240315", "2024-3-5", "hier",
                      "2024-03-15abc", "-2024-01-01", "0000-01-01"])
    func unreadableDates(_ value: String) throws {
        #expect((try? DateGeneraliser.month(value).get()) == nil)
    }

    @Test func leapDayIsADate() throws {
        #expect(try DateGeneraliser.month("2024-02-29").get() == "2024-02")
    }

    /// Reference 2024-06-15: boundaries on the birthday itself and the day before.
    @Test(arguments: [
        ("2024-06-15", "0-9"), ("2014-06-15", "10-19"), ("2014-06-16", "0-9"), ("1994-06-15", "30-39"),
        ("1994-06-16", "20-29"), ("1944-06-15", "80+"), ("1944-06-16", "70-79"), ("1904-06-15", "80+"),
        ("2015-01-01", "0-9"), ("1985-12-31", "30-39"),
    ])
    func ageBands(_ birth: String, _ band: String) throws {
        let ref = CivilDate(year: 2024, month: 6, day: 15)
        #expect(try DateGeneraliser.ageBand(birth, at: ref).get() == band)
    }

    @Test func ageOutOfRange() throws {
        let ref = CivilDate(year: 2024, month: 6, day: 15)
        #expect(DateGeneraliser.ageBand("2024-06-16", at: ref) == .failure(.future))
        #expect(DateGeneraliser.ageBand("1903-06-14", at: ref) == .failure(.tooOld))
        #expect(DateGeneraliser.ageBand("1904-06-14", at: ref) == .success("80+"))
        #expect(DateGeneraliser.ageBand("1990", at: ref) == .failure(.unreadable))
    }

    /// Born on 29 February: a year older on 1 March of a common year, not on 28 February.
    @Test func leapBirthday() throws {
        #expect(CivilDate(parsing: "2012-02-29")!.age(at: CivilDate(year: 2022, month: 2, day: 28)) == 9)
        #expect(CivilDate(parsing: "2012-02-29")!.age(at: CivilDate(year: 2022, month: 3, day: 1)) == 10)
    }

    @Test func referenceDayIsTakenInParis() throws {
        // 2024-06-14 22:30 UTC is already 15 June in Paris.
        let d = CivilDate(Date(timeIntervalSince1970: 1_718_404_200))
        #expect(d == CivilDate(year: 2024, month: 6, day: 15))
    }

    @Test func engineCountsNulledBirthDates() throws {
        let input = AnonFixtures.single("naissance", .date, [
            .text("1980-01-01"), .text("2030-01-01"), .text("1850-01-01"), .text("pas une date"), .null, .integer(1980),
        ])
        let r = try AnonFixtures.run(AnonymisationPlan(steps: [.generalise(column: "naissance", to: .ageBand)]), input)
        #expect(AnonFixtures.texts(r, column: "naissance") == ["40-49", nil, nil, nil, nil, nil])
        let step = r.report.steps[0]
        #expect(step.valuesNulled == 4)
        #expect(step.valuesChanged == 5)
        let codes = Set(step.notes.map(\.code))
        #expect(codes == ["anonymisation.note.birth_in_future", "anonymisation.note.too_old",
                          "anonymisation.note.not_a_birth_date"])
        #expect(r.columns[0].type == .code && r.columns[0].label == "naissance")
        #expect(r.report.referenceDate == AnonFixtures.reference)
    }
}
