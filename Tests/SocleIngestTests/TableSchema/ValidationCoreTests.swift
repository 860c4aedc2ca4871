import Foundation
import SocleCore
import Testing
@testable import SocleIngest

@Suite struct ValidationCoreTests {
    static let communes = #"""
    {"fields": [
      {"name": "code_insee", "type": "string", "constraints": {"required": true, "unique": true,
       "pattern": "^([013-9]\\d|2[AB1-9])\\d{3}$"}},
      {"name": "nom", "type": "string", "constraints": {"required": true}},
      {"name": "population", "type": "integer", "constraints": {"minimum": 0}},
      {"name": "commentaire", "type": "string"}
    ]}
    """#

    @Test func columnOrderDoesNotMatter() throws {
        let schema = try SchemaTestSupport.schema(Self.communes)
        let report = try SchemaTestSupport.validate(schema, ["population", "commentaire", "nom", "code_insee"],
                                                    [["120", nil, "Ajaccio", "2A004"], ["-5", "x", "Vire", "14762"]])
        #expect(!report.valid)
        #expect(report.errors.map(\.constraint) == ["minimum"])
        #expect(report.errors.first?.field == "population")
        #expect(report.errors.first?.row == 2)
        #expect(report.rowCount == 2)
    }

    /// Header problems: (labels, expected errors as "constraint:field", expected warnings).
    @Test(arguments: [
        (["code_insee", "nom", "population", "commentaire"], [String](), [String]()),
        (["code_insee", "nom", "population"], [], ["missing-label:commentaire"]),
        (["code_insee", "population"], ["missing-label:nom"], ["missing-label:commentaire"]),
        (["code_insee", "nom", "population", "commentaire", "extra"], ["extra-label:extra"], []),
        (["Code_INSEE", "nom", "population", "commentaire"], ["missing-label:code_insee", "extra-label:Code_INSEE"], []),
        (["code_insee", "nom", "population", "commentaire", "nom"], ["duplicate-label:nom"], []),
        (["code_insee", "nom", "population", "commentaire", " "], ["blank-label:-"], []),
    ])
    func headerChecks(labels: [String], errors: [String], warnings: [String]) throws {
        let schema = try SchemaTestSupport.schema(Self.communes)
        let report = try SchemaTestSupport.validate(schema, labels, [])
        #expect(report.errors.map { "\($0.constraint):\($0.field ?? "-")" } == errors)
        #expect(report.warnings.map { "\($0.constraint):\($0.field ?? "-")" } == warnings)
        #expect(report.valid == errors.isEmpty)
        for e in report.errors { #expect(e.row == nil) }
    }

    @Test func renamedColumnGetsASuggestion() throws {
        let schema = try SchemaTestSupport.schema(Self.communes)
        let report = try SchemaTestSupport.validate(schema, ["CODE_INSEE", "nom", "population", "commentaire"], [])
        let missing = try #require(report.errors.first { $0.constraint == "missing-label" })
        #expect(missing.message.contains("« CODE_INSEE »"))
        #expect(missing.message.contains("renommez-la exactement « code_insee »"))
    }

    @Test func uniqueAndRequiredAcrossBatches() throws {
        let schema = try SchemaTestSupport.schema(Self.communes)
        let labels = ["code_insee", "nom", "population", "commentaire"]
        let b1 = SchemaTestSupport.batch([["14762", "Vire", "1", nil], ["75056", "Paris", nil, nil]], firstLine: 2)
        let b2 = SchemaTestSupport.batch([["14762", nil, "3", nil], [nil, "Sans code", nil, nil]], firstLine: 4)
        let report = try TableSchemaValidator.validate(labels: labels, batches: [b1, b2], schema: schema)
        #expect(report.errors.map { "\($0.row ?? 0):\($0.field ?? ""):\($0.constraint)" }
            == ["3:code_insee:unique", "3:nom:required", "4:code_insee:required"])
        let dup = report.errors[0]
        #expect(dup.value == "14762")
        #expect(dup.message == "Ligne 3 (ligne 4 du fichier), champ « code_insee » : « 14762 » figure déjà ligne 1 ; les valeurs de ce champ doivent être uniques.")
    }

    @Test func compositePrimaryKey() throws {
        let schema = try SchemaTestSupport.schema(#"""
        {"fields": [{"name": "site"}, {"name": "jour", "type": "date"}, {"name": "n", "type": "integer"}],
         "primaryKey": ["site", "jour"]}
        """#)
        let report = try SchemaTestSupport.validate(schema, ["n", "jour", "site"], [
            ["1", "2024-01-01", "A"], ["2", "2024-01-02", "A"], ["3", "2024-1-1", "A"], ["4", "2024-01-01", nil],
        ])
        #expect(report.errors.map { "\($0.row ?? 0):\($0.field ?? ""):\($0.constraint)" }
            == ["3:site,jour:primaryKey", "4:site:required"])
        #expect(report.errors[0].value == "A, 2024-1-1")
        #expect(report.errors[0].message.contains("déjà présente ligne 1"))
    }

    @Test func maxErrorsCapsTheListButNotValidity() throws {
        let schema = try SchemaTestSupport.schema(#"{"fields": [{"name": "n", "type": "integer"}, {"name": "m"}]}"#)
        let rows: [[String?]] = (0..<50).map { ["x\($0)", ""] }
        let report = try SchemaTestSupport.validate(schema, ["n", "extra"], rows, maxErrors: 10)
        #expect(!report.valid)
        #expect(report.errors.count == 10)
        #expect(report.errorCount == 51)  // 50 cells + the unknown column
        #expect(report.truncated)
        #expect(report.errors[0].constraint == "extra-label")
        let none = try SchemaTestSupport.validate(schema, ["n", "m"], rows, maxErrors: 0)
        #expect(!none.valid && none.errors.isEmpty && none.errorCount == 50)
    }

    @Test func messagesAreSpecificInFrenchAndEnglish() throws {
        let schema = try SchemaTestSupport.schema(#"""
        {"fields": [{"name": "date_maj", "type": "date", "format": "%d/%m/%Y"},
                    {"name": "montant", "type": "number", "decimalChar": ","}]}
        """#)
        let report = try SchemaTestSupport.validate(schema, ["date_maj", "montant"], [["2024-01-31", "12.5"]])
        #expect(report.errors.map(\.message) == [
            "Ligne 1 (ligne 2 du fichier), champ « date_maj » : « 2024-01-31 » n'est pas une date au format JJ/MM/AAAA (ex. 31/01/2024).",
            "Ligne 1 (ligne 2 du fichier), champ « montant » : « 12.5 » n'est pas un nombre avec « , » comme séparateur décimal (ex. 1234,56).",
        ])
        let rule = try FieldRule(schema.fields[0], schema: schema)
        #expect(IssueText.expected(rule.field, .english) == "a date in DD/MM/YYYY format (e.g. 31/01/2024)")
    }

    /// Every type and format has an "expected" sentence in both languages (no raw catalog key shown).
    @Test(arguments: Language.allCases)
    func everyTypeExplainsWhatItExpects(language: Language) throws {
        IngestError.registerCatalog()
        let formats = ["default", "any", "%d/%m/%Y", "email", "uri", "uuid", "binary", "array", "object", "topojson"]
        for type in FieldType.allCases {
            for format in formats {
                var field = SchemaField(name: "x", type: type, format: format)
                field.decimalChar = ","
                let text = IssueText.expected(field, language)
                #expect(!text.hasPrefix("tableschema."), "\(type) \(format): \(text)")
            }
        }
    }

    @Test func labelsMayGrowBetweenBatches() throws {
        // JSON readers discover keys as they go: a field mapped late is not reported missing.
        let schema = try SchemaTestSupport.schema(#"{"fields": [{"name": "a"}, {"name": "b", "type": "integer"}]}"#)
        let session = try TableSchemaValidation(schema: schema)
        session.updateLabels(["a"])
        session.check(SchemaTestSupport.batch([["x"]], columns: 1))
        session.updateLabels(["a", "b"])
        session.check(SchemaTestSupport.batch([["y", "z"]], columns: 2))
        let report = session.finish()
        #expect(report.errors.map { "\($0.row ?? 0):\($0.constraint)" } == ["2:type"])
        #expect(report.warnings.isEmpty)
    }

    @Test func sourceErrorEndsTheReport() throws {
        let schema = try SchemaTestSupport.schema(#"{"fields": [{"name": "a"}]}"#)
        let session = try TableSchemaValidation(schema: schema)
        session.updateLabels(["a"])
        session.sourceError(IngestError.make("file.unreadable", file: "x.csv", line: 7))
        let report = session.finish()
        #expect(!report.valid)
        #expect(report.errors.first?.constraint == "source-error")
        #expect(report.errors.first?.message.hasPrefix("x.csv, ligne 7") == true)
    }

    @Test func reportEncodesToTheCLIShape() throws {
        let report = ValidationReport(valid: false, errors: [ValidationIssue(row: 3, field: "nom", constraint: "required",
                                                                             value: nil, message: "m")])
        let data = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["valid"] as? Bool == false)
        let first = try #require((object["errors"] as? [[String: Any]])?.first)
        #expect(first["row"] as? Int == 3 && first["field"] as? String == "nom" && first["constraint"] as? String == "required")
    }

    @Test func hostileInputDoesNotCrash() throws {
        let deep = String(repeating: "[", count: 100_000)
        let e = try #require(throws: SocleError.self) { try SchemaTestSupport.schema(deep) }
        #expect(e.code == "tableschema.json.too_deep")
        let schema = try SchemaTestSupport.schema(#"{"fields": [{"name": "g", "type": "geojson"}, {"name": "d", "type": "date", "format": "%d%m%Y%H%M%S"}]}"#)
        let report = try SchemaTestSupport.validate(schema, ["g", "d"], [[deep, String(repeating: "9", count: 5000)]])
        #expect(report.errors.map(\.constraint) == ["type", "type"])
    }
}
