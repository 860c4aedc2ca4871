import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SocleCore
import SocleServer
import SocleTestSupport
import Testing

/// Opendatasoft Explore v2.1 compatibility, through the real router, on both backends.
@Suite("Opendatasoft compatibility")
struct ODSCompatTests {
    static let base = "/api/explore/v2.1/catalog"

    @Test("catalog: datasets list, where, refine, order_by, paging and catalog facets", arguments: Backend.all)
    func catalog(_ backend: Backend) async throws {
        try await withCompatServer(backend) { f, client in
            let all = try await client.get("\(Self.base)/datasets")
            #expect(all.status == .ok)
            // Only published datasets: "agents" is not.
            #expect(all.json["total_count"] as? Int == 4)
            let results = try #require(all.json["results"] as? [[String: Any]])
            let ids = Set(results.compactMap { $0["dataset_id"] as? String })
            #expect(ids == ["equipements", "comptages-velo", "arbres", "inscriptions"])
            let eq = try #require(results.first { $0["dataset_id"] as? String == "equipements" })
            #expect(eq["has_records"] as? Bool == true)
            let meta = try #require((eq["metas"] as? [String: Any])?["default"] as? [String: Any])
            #expect(meta["title"] as? String == "Équipements publics")
            #expect(meta["publisher"] as? String == "Ville de Test")
            #expect(meta["records_count"] as? Int == 5)
            #expect(meta["keyword"] as? [String] == ["équipements", "sport"])
            #expect(meta["theme"] as? [String] == ["GOVE", "EDUC"])
            #expect(meta["license"] as? String == "Licence Ouverte v2.0 (Etalab)")
            #expect((meta["modified"] as? String)?.hasSuffix("Z") == true)
            let fields = try #require(eq["fields"] as? [[String: Any]])
            let types = Dictionary(uniqueKeysWithValues: fields.map { ($0["name"] as! String, $0["type"] as! String) })
            #expect(types["coordonnees"] == "geo_point_2d")
            #expect(types["places"] == "int")
            #expect(types["surface"] == "double")
            #expect(types["accessible"] == "boolean")
            #expect(types["ouverture"] == "date")
            #expect(types["nom"] == "text")
            #expect((eq["features"] as? [String])?.contains("geo") == true)
            // The personal column is not even named.
            let inscriptions = try #require(results.first { $0["dataset_id"] as? String == "inscriptions" })
            #expect((inscriptions["fields"] as? [[String: Any]])?.map { $0["name"] as? String } == ["ecole", "classe"])

            // Filters written for an Opendatasoft portal.
            let ville = try await client.get("\(Self.base)/datasets", [("where", "publisher = \"Ville de Test\" and records_count > 3"),
                                                                        ("order_by", "title desc"), ("select", "dataset_id")])
            #expect((ville.json["results"] as? [[String: Any]])?.map { $0["dataset_id"] as? String } == ["equipements", "comptages-velo"])
            let word = try await client.get("\(Self.base)/datasets", [("where", "\"velo\"")])
            #expect(word.json["total_count"] as? Int == 1)
            let refined = try await client.get("\(Self.base)/datasets", [("refine", "theme:EDUC"), ("exclude", "keyword:sport")])
            #expect((refined.json["results"] as? [[String: Any]])?.map { $0["dataset_id"] as? String } == ["inscriptions"])
            let paged = try await client.get("\(Self.base)/datasets", [("limit", "1"), ("offset", "1"), ("order_by", "dataset_id")])
            #expect(paged.json["total_count"] as? Int == 4)
            #expect((paged.json["results"] as? [[String: Any]])?.map { $0["dataset_id"] as? String } == ["comptages-velo"])

            // Errors in Opendatasoft's shape.
            let unknown = try await client.get("\(Self.base)/datasets", [("where", "owner = 1")])
            #expect(unknown.status == .badRequest)
            #expect(unknown.odsErrorCode == "ODSQLError")
            #expect((unknown.json["message"] as? String)?.contains("owner") == true)
            let tooMany = try await client.get("\(Self.base)/datasets", [("limit", "1000")])
            #expect(tooMany.status == .badRequest)
            #expect(tooMany.odsErrorCode == "InvalidRESTParameterError")

            // Catalog facets, counted over readable datasets only.
            let facets = try await client.get("\(Self.base)/facets", [("facet", "publisher"), ("facet", "theme")])
            let list = try #require(facets.json["facets"] as? [[String: Any]])
            #expect(list.map { $0["name"] as? String } == ["publisher", "theme"])
            let publishers = try #require(list[0]["facets"] as? [[String: Any]])
            #expect(publishers.first?["name"] as? String == "Ville de Test")
            #expect(publishers.first?["count"] as? Int == 3)
            #expect(publishers.first?["state"] as? String == "displayed")

            // One dataset.
            let one = try await client.get("\(Self.base)/datasets/comptages-velo")
            #expect(one.json["dataset_id"] as? String == "comptages-velo")
            #expect(((one.json["metas"] as? [String: Any])?["default"] as? [String: Any])?["license"] as? String == "Open Database License (ODbL)")
            let etag = try #require(one.headers[.eTag])
            let again = try await client.execute(uri: "\(Self.base)/datasets/comptages-velo", method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            _ = f
        }
    }

    @Test("records: requests from the Opendatasoft docs work unchanged", arguments: Backend.all)
    func records(_ backend: Backend) async throws {
        try await withCompatServer(backend) { _, client in
            let path = "\(Self.base)/datasets/equipements/records"
            // Default page: 10 records, plain field objects, no record number.
            let page = try await client.get(path)
            #expect(page.status == .ok)
            #expect(page.json["total_count"] as? Int == 5)
            let rows = try #require(page.json["results"] as? [[String: Any]])
            #expect(rows.count == 5)
            #expect(rows[0]["_row"] == nil)
            #expect(rows[0]["nom"] as? String == "Gymnase Bernard")
            let point = try #require(rows[0]["coordonnees"] as? [String: Any])
            #expect(point["lat"] as? Double == 48.86412)
            #expect(point["lon"] as? Double == -0.88581)
            #expect(rows[1]["nom"] as? String == "Médiathèque \"Dubois\"")

            // select / where / order_by / limit as in the docs, single quotes and all.
            let docs = try await client.get(path, [("select", "nom, places"), ("where", "categorie='Sport' AND places > 100"),
                                                   ("order_by", "places desc"), ("limit", "20"), ("lang", "en"), ("timezone", "Europe/Paris")])
            #expect(docs.json["total_count"] as? Int == 2)
            #expect((docs.json["results"] as? [[String: Any]])?.map { $0["nom"] as? String } == ["Stade Robert", "Gymnase Bernard"])
            #expect((docs.json["results"] as? [[String: Any]])?.first?.keys.sorted() == ["nom", "places"])

            // Aggregation with group_by, and limit=-1 for every group.
            let groups = try await client.get(path, [("select", "categorie, count(*) as n, sum(places) as total"),
                                                     ("group_by", "categorie"), ("order_by", "n desc, categorie"), ("limit", "-1")])
            let g = try #require(groups.json["results"] as? [[String: Any]])
            #expect(g.first?["categorie"] as? String == "Sport")
            #expect(g.first?["n"] as? Int == 3)
            #expect(g.first?["total"] as? Int == 2120)
            #expect(groups.json["total_count"] as? Int == 3)
            // refine / exclude, search(), in_bbox on the point column, date literal.
            let refined = try await client.get(path, [("refine", "categorie:Sport"), ("exclude", "accessible:false")])
            #expect((refined.json["results"] as? [[String: Any]])?.map { $0["identifiant"] as? String } == ["EQ01"])
            let searched = try await client.get(path, [("where", "search(nom, \"gymnase\") or ouverture >= date'2000-01-01'")])
            #expect(searched.json["total_count"] as? Int == 2)
            let box = try await client.get(path, [("where", "in_bbox(coordonnees, 48.845, -0.89, 48.87, -0.80)")])
            #expect(box.json["total_count"] as? Int == 3)
            let empty = try await client.get(path, [("where", "places is null")])
            #expect((empty.json["results"] as? [[String: Any]])?.first?["places"] is NSNull)

            // One record by its number; facets; ETag.
            let one = try await client.get("\(path)/3")
            #expect(one.json["nom"] as? String == "Stade Robert")
            #expect(one.json["_row"] == nil)
            let missing = try await client.get("\(path)/99")
            #expect(missing.status == .notFound)
            #expect(missing.odsErrorCode == "NotFoundResource")
            let facets = try await client.get("\(Self.base)/datasets/equipements/facets",
                                              [("facet", "categorie"), ("facet", "facet(name=\"accessible\", sort=\"count\")"), ("where", "places > 100")])
            let list = try #require(facets.json["facets"] as? [[String: Any]])
            #expect(list.map { $0["name"] as? String } == ["categorie", "accessible"])
            let values = try #require(list[0]["facets"] as? [[String: Any]])
            #expect(values.first?["name"] as? String == "Sport")
            #expect(values.first?["count"] as? Int == 2)
            let etag = try #require(page.headers[.eTag])
            let again = try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
        }
    }

    @Test("records: Opendatasoft's limits and hostile input answer 400 in its shape", arguments: Backend.all)
    func limits(_ backend: Backend) async throws {
        try await withCompatServer(backend) { _, client in
            let path = "\(Self.base)/datasets/equipements/records"
            func refused(_ pairs: [(String, String)], code: String, _ words: [String]) async throws {
                let r = try await client.get(path, pairs)
                #expect(r.status == .badRequest, "\(pairs)")
                #expect(r.odsErrorCode == code, "\(pairs)")
                let message = r.json["message"] as? String ?? ""
                for w in words { #expect(message.contains(w), "\(pairs): \(message)") }
            }
            try await refused([("limit", "101")], code: "InvalidRESTParameterError", ["101", "100"])
            try await refused([("limit", "99999999999999999999999")], code: "InvalidRESTParameterError", ["limit"])
            try await refused([("limit", "-1")], code: "InvalidRESTParameterError", ["group_by"])
            try await refused([("offset", "9950"), ("limit", "100")], code: "InvalidRESTParameterError", ["10000", "9950"])
            try await refused([("offset", "-3")], code: "InvalidRESTParameterError", ["offset"])
            try await refused([("timezone", "Mars/Olympus")], code: "InvalidRESTParameterError", ["Mars/Olympus"])
            // SQL in values is a value; SQL in names is an unknown field; unknown functions; nesting.
            let injected = try await client.get(path, [("where", "nom = \"x'; DROP TABLE datasets; --\"")])
            #expect(injected.status == .ok)
            #expect(injected.json["total_count"] as? Int == 0)
            try await refused([("where", "`nom; DROP TABLE datasets` = 1")], code: "ODSQLError", ["nom; DROP TABLE datasets"])
            try await refused([("select", "sqlite_version()")], code: "ODSQLError", ["sqlite_version"])
            try await refused([("where", String(repeating: "(", count: 200) + "places > 1" + String(repeating: ")", count: 200))],
                              code: "ODSQLError", ["64"])
            try await refused([("where", "nom =")], code: "ODSQLError", ["6"])
            try await refused([("where", "nom = 'x' and")], code: "ODSQLError", [])
            // Non-UTF-8 bytes in a parameter.
            let bytes = try await client.execute(uri: "\(path)?where=nom%3D%22%FF%FE%22", method: .get, headers: [:], body: nil)
            #expect(bytes.status == .badRequest)
            #expect(bytes.odsErrorCode == "InvalidRESTParameterError")
            #expect((bytes.json["message"] as? String)?.contains("where") == true)
            // lang picks the message language.
            let en = try await client.get(path, [("limit", "500"), ("lang", "en")])
            #expect((en.json["message"] as? String)?.hasPrefix("Invalid value for limit API parameter") == true)
        }
    }

    @Test("exports stream csv, json, jsonl, geojson and xlsx with the records' filters", arguments: Backend.all)
    func exports(_ backend: Backend) async throws {
        try await withCompatServer(backend) { _, client in
            let path = "\(Self.base)/datasets/equipements/exports"
            let csv = try await client.get("\(path)/csv", [("where", "categorie = \"Sport\""), ("select", "identifiant, nom"),
                                                          ("order_by", "identifiant"), ("limit", "-1")])
            #expect(csv.status == .ok)
            #expect(csv.text == "identifiant,nom\r\nEQ01,Gymnase Bernard\r\nEQ03,Stade Robert\r\nEQ05,Piscine d'été\r\n")
            let excel = try await client.get("\(path)/csv", [("select", "identifiant, surface"), ("where", "identifiant = \"EQ02\""), ("delimiter", ";")])
            #expect(Array(excel.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(excel.text.contains("EQ02;900,25"))
            let json = try await client.get("\(path)/json", [("where", "identifiant = \"EQ01\"")])
            #expect((json.jsonArray?.first as? [String: Any])?["nom"] as? String == "Gymnase Bernard")
            let jsonl = try await client.get("\(path)/jsonl")
            #expect(jsonl.text.split(separator: "\n").count == 5)
            let geo = try await client.get("\(path)/geojson", [("refine", "categorie:Culture")])
            #expect(geo.json["type"] as? String == "FeatureCollection")
            #expect((geo.json["features"] as? [Any])?.count == 1)
            let xlsx = try await client.get("\(path)/xlsx")
            #expect(Array(xlsx.body.readableBytesView.prefix(2)) == Array("PK".utf8))
            let parquet = try await client.get("\(path)/parquet")
            #expect(parquet.status == .badRequest)
            #expect(parquet.odsErrorCode == "InvalidRESTParameterError")
            #expect((parquet.json["message"] as? String)?.contains("csv, json, jsonl, geojson, xlsx") == true)
            let noGeo = try await client.get("\(Self.base)/datasets/comptages-velo/exports/geojson")
            #expect(noGeo.status == .badRequest)
            #expect(noGeo.odsErrorCode == "InvalidRESTParameterError")
        }
    }

    @Test("unpublished datasets and personal columns stay invisible on every endpoint", arguments: Backend.all)
    func policy(_ backend: Backend) async throws {
        try await withCompatServer(backend) { f, client in
            for path in ["datasets/agents", "datasets/agents/records", "datasets/agents/records/1", "datasets/agents/facets",
                         "datasets/agents/exports/csv", "datasets/nothing-here/records"] {
                let r = try await client.get("\(Self.base)/\(path)")
                #expect(r.status == .notFound, "\(path)")
                #expect(r.odsErrorCode == "NotFoundResource", "\(path)")
            }
            // The owner's members read it (their own data).
            let member = try await client.get("\(Self.base)/datasets/agents/records", headers: f.headers(.steward))
            #expect(member.json["total_count"] as? Int == 2)
            // The personal column: absent from records, refused by name, absent from exports.
            let records = try await client.get("\(Self.base)/datasets/inscriptions/records")
            #expect((records.json["results"] as? [[String: Any]])?.first?.keys.sorted() == ["classe", "ecole"])
            let named = try await client.get("\(Self.base)/datasets/inscriptions/records", [("select", "eleve")])
            #expect(named.status == .badRequest)
            #expect(named.odsErrorCode == "ODSQLError")
            let filtered = try await client.get("\(Self.base)/datasets/inscriptions/records", [("where", "eleve = \"Léa Petit\"")])
            #expect(filtered.status == .badRequest)
            let csv = try await client.get("\(Self.base)/datasets/inscriptions/exports/csv")
            #expect(!csv.text.contains("Léa"))
            let facet = try await client.get("\(Self.base)/datasets/inscriptions/facets", [("facet", "eleve")])
            #expect(facet.status == .badRequest)
        }
    }
}
