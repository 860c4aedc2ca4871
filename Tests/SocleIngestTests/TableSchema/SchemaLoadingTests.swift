import Foundation
import SocleCore
import Testing
@testable import SocleIngest

@Suite struct SchemaLoadingTests {
    /// Every Table Schema of the SCDL corpus loads, with the right fields and primary key.
    @Test(arguments: [
        ("scdl/budget/schema.json", 22, [String]()),
        ("scdl/catalogue/schema.json", 20, []),
        ("scdl/deliberations/schema.json", 17, []),
        ("scdl/equipements/schema.json", 21, []),
        ("scdl/menus-collectifs/schema.json", 26, []),
        ("scdl/prenoms/schema.json", 6, []),
        ("scdl/stationnement/schema.json", 30, ["id"]),
        ("scdl/lieux-covoiturage/schema.json", 18, []),
        ("scdl/subventions/schema.json", 16, []),
        ("scdl/subventions/schema_betagouv-draft-40fields.json", 40, []),
        ("scdl/irve/schema-statique.json", 40, []),
        ("scdl/irve/schema-dynamique.json", 8, []),
        ("scdl/comptage-mobilites/schema-channel.json", 19, ["channel_id"]),
        ("scdl/comptage-mobilites/schema-measure.json", 5, []),
        ("scdl/comptage-mobilites/schema-site.json", 8, ["site_id"]),
    ])
    func loadsCorpusSchema(path: String, fieldCount: Int, primaryKey: [String]) throws {
        let doc = try TableSchemaDocument.load(Fixtures.url(path))
        #expect(doc.fields.count == fieldCount)
        #expect(doc.primaryKey == primaryKey)
        #expect(doc.missingValues == [""])
        for name in primaryKey { #expect(doc.field(named: name)?.constraints.required == true) }
    }

    @Test func readsFieldDetails() throws {
        let irve = try TableSchemaDocument.load(Fixtures.url("scdl/irve/schema-statique.json"))
        let xy = try #require(irve.field(named: "coordonneesXY"))
        #expect(xy.type == .geopoint && xy.format == "array" && xy.constraints.required)
        #expect(irve.field(named: "date_maj")?.format == "%Y-%m-%d")
        #expect(irve.field(named: "nbre_pdc")?.constraints.minimum == .number("0"))
        let sub = try TableSchemaDocument.load(Fixtures.url("scdl/subventions/schema.json"))
        #expect(sub.field(named: "notificationUE")?.trueValues == ["oui"])
        #expect(sub.field(named: "pourcentageSubvention")?.constraints.minimum == .number("0.01"))
        #expect(sub.field(named: "nature")?.constraints.enumValues?.count == 4)
        let menus = try TableSchemaDocument.load(Fixtures.url("scdl/menus-collectifs/schema.json"))
        #expect(menus.field(named: "menuPlatSiqo")?.arrayItemEnum?.contains(.string("label rouge")) == true)
    }

    /// Documents that are not Table Schemas are refused with a message saying what they are.
    @Test(arguments: [
        ("scdl/decp/schema_decp_v2.0.2.json", "tableschema.is_json_schema", "draft-07"),
        ("scdl/irve/datapackage.json", "tableschema.is_data_package", "statique/schema-statique.json"),
        ("scdl/comptage-mobilites/datapackage.json", "tableschema.is_data_package", "site/schema.json"),
    ])
    func refusesOtherJSONDocuments(path: String, code: String, mention: String) throws {
        let error = try #require(throws: SocleError.self) { try TableSchemaDocument.load(Fixtures.url(path)) }
        #expect(error.code == code)
        #expect(error.location?.file == (path as NSString).lastPathComponent)
        #expect(error.message(.french).contains(mention))
        #expect(error.message(.french).contains("Table Schema"))
    }

    @Test(arguments: [
        (#"{"type": "FeatureCollection", "features": []}"#, "tableschema.is_geojson"),
        (#"{"name": "x", "path": "data.csv", "schema": "schema.json"}"#, "tableschema.is_data_resource"),
        (#"{"title": "x"}"#, "tableschema.no_fields"),
        (#"[1, 2]"#, "tableschema.not_object"),
        (#"{"fields": []}"#, "tableschema.fields_empty"),
        (#"{"fields": {"a": 1}}"#, "tableschema.schema_member_kind"),
        (#"{"fields": ["a"]}"#, "tableschema.field_not_object"),
        (#"{"fields": [{"type": "string"}]}"#, "tableschema.field_no_name"),
        (#"{"fields": [{"name": "a"}, {"name": "a"}]}"#, "tableschema.field_duplicate"),
        (#"{"fields": [{"name": "a", "type": "text"}]}"#, "tableschema.field_bad_type"),
        (#"{"fields": [{"name": "a", "constraints": {"required": "yes"}}]}"#, "tableschema.member_kind"),
        (#"{"fields": [{"name": "a", "constraints": {"pattern": "[0-9"}}]}"#, "tableschema.bad_pattern"),
        (#"{"fields": [{"name": "a", "type": "date", "format": "DD/MM/YYYY"}]}"#, "tableschema.bad_format"),
        (#"{"fields": [{"name": "a", "type": "date", "format": "%d/%U"}]}"#, "tableschema.bad_format"),
        (#"{"fields": [{"name": "a", "type": "integer", "constraints": {"enum": ["un"]}}]}"#, "tableschema.bad_constraint_value"),
        (#"{"fields": [{"name": "a", "type": "date", "constraints": {"minimum": 3}}]}"#, "tableschema.bad_constraint_value"),
        (#"{"fields": [{"name": "a"}], "primaryKey": ["b"]}"#, "tableschema.primary_key_unknown"),
        (#"{"fields": [{"name": "a"}], "missingValues": "NA"}"#, "tableschema.schema_member_kind"),
    ])
    func refusesInvalidSchemas(json: String, code: String) throws {
        let error = try #require(throws: SocleError.self) { try SchemaTestSupport.schema(json) }
        #expect(error.code == code)
        // Every code has a French and an English message in the catalog.
        #expect(Catalog.shared.template(code, language: .french) != nil)
        #expect(Catalog.shared.template(code, language: .english) != nil)
    }

    /// Broken JSON gives the line and character of the first mistake.
    @Test(arguments: [
        ("{\n  \"fields\": [\n    {\"name\": \"a\",}\n  ]\n}", "tableschema.json.unexpected_character", 3, 18),
        ("{\n  \"fields\": [\n    {\"name\": \"a\"}\n", "tableschema.json.unexpected_end", 4, 1),
        ("{\"fields\": [{\"name\": \"a\", \"constraints\": {\"pattern\": \"^\\d$\"}}]}", "tableschema.json.bad_escape", 1, 56),
        ("{\"fields\": []} x", "tableschema.json.trailing_content", 1, 16),
        ("{\"fields\": [{\"name\": \"é\", \"x\": 01}]}", "tableschema.json.bad_number", 1, 32),
    ])
    func locatesJSONSyntaxErrors(json: String, code: String, line: Int, column: Int) throws {
        let error = try #require(throws: SocleError.self) { try SchemaTestSupport.schema(json) }
        #expect(error.code == code)
        #expect(error.location?.line == line)
        #expect(error.args["column"] == String(column))
    }

    @Test func ignoresUnknownMembersAndAcceptsLegacySpellings() throws {
        let doc = try SchemaTestSupport.schema(#"""
        {"$schema": "https://frictionlessdata.io/schemas/table-schema.json", "custom_checks": [{"name": "x"}],
         "fields": [{"name": "d", "type": "date", "format": "fmt:%d/%m/%Y", "rdfType": "x", "example": 3},
                    {"name": "n", "constraints": {"required": true, "unknown": 1}}],
         "primaryKey": "n", "missingValues": ["", "NA"]}
        """#)
        #expect(doc.fieldNames == ["d", "n"])
        #expect(doc.primaryKey == ["n"])
        #expect(doc.missingValues == ["", "NA"])
    }

    @Test func typeOverridesFollowSchemaTypes() throws {
        let irve = try TableSchemaDocument.load(Fixtures.url("scdl/irve/schema-statique.json")).typeOverrides
        #expect(irve["siren_amenageur"] == .code)
        #expect(irve["code_insee_commune"] == .code)
        #expect(irve["id_station_itinerance"] == .text)  // its pattern also allows "Non concerné"
        #expect(irve["coordonneesXY"] == .geopoint)
        #expect(irve["nbre_pdc"] == .integer)
        #expect(irve["puissance_nominale"] == .number)
        #expect(irve["prise_type_ef"] == .boolean)
        #expect(irve["date_maj"] == .date)
        #expect(irve["nom_station"] == .text)
        #expect(irve["horaires"] == .text)
        let dyn = try TableSchemaDocument.load(Fixtures.url("scdl/irve/schema-dynamique.json")).typeOverrides
        #expect(dyn["horodatage"] == .datetime)
        #expect(dyn["id_pdc_itinerance"] == .code)
        let prenoms = try TableSchemaDocument.load(Fixtures.url("scdl/prenoms/schema.json")).typeOverrides
        #expect(prenoms["ANNEE"] == .text)
        #expect(prenoms["COLL_INSEE"] == .code)
        #expect(prenoms["ENFANT_PRENOM"] == .text)
        // Only the [lon,lat] array form imposes a point: Table Schema's default `lon, lat` would be read the other way round.
        let points = try SchemaTestSupport.schema(#"{"fields": [{"name": "a", "type": "geopoint", "format": "array"}, {"name": "d", "type": "geopoint"}, {"name": "o", "type": "geopoint", "format": "object"}]}"#).typeOverrides
        #expect(points == ["a": .geopoint, "d": .text, "o": .text])
        let geo = try SchemaTestSupport.schema(#"{"fields": [{"name": "g", "type": "geojson"}, {"name": "o", "type": "object"}]}"#)
        #expect(geo.typeOverrides == ["g": .geometry, "o": .text])
    }

    @Test(arguments: [
        (#"^\d{14}$"#, true), (#"^\d{9}$"#, true), (#"^([013-9]\d|2[AB1-9])\d{3}$"#, true), (#"^W\d{9}$"#, true),
        (#"^[A-Z]{2}[A-Z0-9]{4,33}$"#, true), (#"^\d\.\d{1,2}$"#, true), (#"^[0-9A-B]{5}-[0-9]{8}-[0-9]{3}"#, true),
        (#"^[A-Za-z0-9_]+$"#, true), (#"^[0-9]{4}(\/[0-9]{4})?$"#, true),
        (#"^[A-Za-z\s\-\u00C0-\u00FF]+$"#, false), (#"(?:(?:^|,)(BIKE|PEDESTRIAN|E\-SCOOTER))+$"#, false),
        (#"(.*?)((\d{1,2}:\d{2})-(\d{1,2}:\d{2})|24/7)"#, false), (#"^[A-Z]+$"#, false), (#"^\w{5}$"#, false),
        (#"^(\d{5}|Non concerné)$"#, false),
    ])
    func codePatterns(pattern: String, isCode: Bool) {
        #expect(TableSchemaDocument.isCodePattern(pattern) == isCode)
    }

    @Test func formatOverridesCarryDayOrderAndDecimalComma() throws {
        let doc = try SchemaTestSupport.schema(#"""
        {"fields": [{"name": "d", "type": "date", "format": "%d/%m/%Y"}, {"name": "i", "type": "date"},
                    {"name": "m", "type": "number", "decimalChar": ","}, {"name": "s"}]}
        """#)
        let f = doc.formatOverrides
        #expect(f["d"]?.dayFirst == true)
        #expect(f["i"]?.dayFirst == false)
        #expect(f["m"]?.decimalSeparator == ",")
        #expect(f["s"] == nil)
    }
}
