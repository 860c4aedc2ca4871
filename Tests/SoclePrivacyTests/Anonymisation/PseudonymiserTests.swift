import Foundation
import Testing
import SocleCore
@testable import SoclePrivacy

@Suite struct PseudonymiserTests {
    /// RFC 4231 test cases 1 and 2 (HMAC-SHA-256), through the function the engine uses.
    @Test func rfc4231Vectors() throws {
        let case1 = Pseudonymiser.hmacSHA256Hex(message: Array("Hi There".utf8), key: [UInt8](repeating: 0x0b, count: 20))
        #expect(case1 == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        let case2 = Pseudonymiser.hmacSHA256Hex(message: Array("what do ya want for nothing?".utf8), key: Array("Jefe".utf8))
        #expect(case2 == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(Pseudonymiser.pseudonym("what do ya want for nothing?", secret: Array("Jefe".utf8)) == String(case2.prefix(32)))
    }

    @Test func deterministicAndKeyDependent() throws {
        let a = Pseudonymiser.pseudonym("Dupont", secret: AnonFixtures.secret)
        #expect(a == Pseudonymiser.pseudonym("Dupont", secret: AnonFixtures.secret))
        #expect(a != Pseudonymiser.pseudonym("Dupond", secret: AnonFixtures.secret))
        #expect(a != Pseudonymiser.pseudonym("Dupont", secret: Array("another-secret-of-16+".utf8)))
        #expect(a.count == 32 && a.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(Pseudonymiser.fingerprint(secret: AnonFixtures.secret).count == 12)
    }

    @Test func columnKeepsNullsAndJoins() throws {
        let input = AnonFixtures.single("nir", .code, [.text("185057800608436"), .null, .text(" 185057800608436 "), .text("")])
        let r = try AnonFixtures.run(AnonymisationPlan(steps: [.pseudonymise(column: "nir")]), input)
        let v = AnonFixtures.texts(r, column: "nir")
        #expect(v[0] != nil && v[0] == v[2])
        #expect(v[1] == nil && v[3] == nil)
        #expect(v[0] == Pseudonymiser.pseudonym("185057800608436", secret: AnonFixtures.secret))
        #expect(r.columns[0].type == .code)
        #expect(r.report.steps[0].valuesChanged == 2)
        // Still personal: never cleared, and the report says so.
        #expect(!r.report.clearsPersonalData)
        #expect(r.report.pseudonymisedColumns == ["nir"])
        #expect(r.report.secretFingerprint != nil)
        #expect(r.report.checks.contains { $0.notice.code == "anonymisation.check.pseudonymised" && !$0.passed })
    }

    @Test func shortSecretRefused() throws {
        let input = AnonFixtures.single("nom", .text, [.text("Martin")])
        let code = AnonFixtures.code {
            try Anonymiser.run(AnonymisationPlan(steps: [.pseudonymise(column: "nom")]), on: input,
                               secret: Array("short".utf8), referenceDate: AnonFixtures.reference)
        }
        #expect(code == "anonymisation.secret_too_short")
        // Without a pseudonymisation no secret is needed.
        #expect(AnonFixtures.code {
            try Anonymiser.run(AnonymisationPlan(steps: [.drop(column: "nom")]), on: input, secret: [],
                               referenceDate: AnonFixtures.reference)
        } == nil)
    }
}
