import SocleCore
@testable import SocleServer
import Testing

@Suite("Form fields")
struct FormFieldsTests {
    @Test("required fields: trimmed value, or a refusal naming the field")
    func require() throws {
        let f = FormFields(urlEncoded: "nom=+Vire+&vide=+&mot=a%20b&mot=c")
        #expect(try f.require("nom") == "Vire")
        #expect(f.all("mot") == ["a b", "c"])
        for missing in ["vide", "absent"] {
            do {
                _ = try f.require(missing)
                Issue.record("\(missing) was accepted")
            } catch let e as SocleError {
                #expect(e.code == "server.field_required")
                #expect(e.args["field"] == missing)
            }
        }
    }
}
