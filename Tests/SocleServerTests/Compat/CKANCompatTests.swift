import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SocleCore
import SocleServer
import SocleTestSupport
import Testing

/// CKAN Action API compatibility (catalog actions), through the real router, on both backends.
@Suite("CKAN compatibility: catalog")
struct CKANCompatTests {
    @Test("package_list, package_show, resource_show and the envelope, by GET and POST", arguments: Backend.all)
    func packages(_ backend: Backend) async throws {
        try await withCompatServer(backend) { f, client in
            let list = try await client.get("/api/3/action/package_list")
            #expect(list.status == .ok)
            #expect(list.json["success"] as? Bool == true)
            #expect((list.json["help"] as? String)?.contains("package_list") == true)
            #expect(list.result as? [String] == ["arbres", "comptages-velo", "equipements", "inscriptions"])
            let posted = try await client.ckan("package_list", ["limit": 2, "offset": 1])
            #expect(posted.result as? [String] == ["comptages-velo", "equipements"])

            let show = try await client.ckan("package_show", ["id": "equipements"])
            let pkg = try #require(show.result as? [String: Any])
            #expect(pkg["name"] as? String == "equipements")
            #expect(pkg["title"] as? String == "Équipements publics")
            #expect(pkg["notes"] as? String == "Écoles, gymnases et médiathèques.")
            #expect(pkg["license_id"] as? String == "etalab-2.0")
            #expect((pkg["organization"] as? [String: Any])?["name"] as? String == "ville")
            #expect((pkg["tags"] as? [[String: Any]])?.map { $0["name"] as? String } == ["équipements", "sport"])
            #expect((pkg["groups"] as? [[String: Any]])?.map { $0["name"] as? String } == ["gove", "educ"])
            let resources = try #require(pkg["resources"] as? [[String: Any]])
            #expect(resources.count == 1)
            #expect(resources[0]["id"] as? String == "equipements")
            #expect(resources[0]["datastore_active"] as? Bool == true)
            #expect(resources[0]["format"] as? String == "CSV")
            #expect((resources[0]["url"] as? String)?.hasSuffix("/datastore/dump/equipements") == true)
            let byGet = try await client.get("/api/3/action/package_show", [("id", "equipements")])
            #expect(byGet.body == show.body)
            let resource = try await client.ckan("resource_show", ["id": "comptages-velo"])
            #expect((resource.result as? [String: Any])?["package_id"] as? String == "comptages-velo")

            // Not found, unpublished, missing parameter, unknown action, broken body.
            for id in ["agents", "inconnu"] {
                let r = try await client.ckan("package_show", ["id": id])
                #expect(r.status == .notFound)
                #expect(r.json["success"] as? Bool == false)
                #expect(r.ckanError?["__type"] as? String == "Not Found Error")
            }
            let member = try await client.ckan("package_show", ["id": "agents"], headers: f.headers(.tokenRead))
            #expect((member.result as? [String: Any])?["name"] as? String == "agents")
            let missing = try await client.ckan("package_show")
            #expect(missing.status == .badRequest)
            #expect(missing.ckanError?["__type"] as? String == "Validation Error")
            #expect((missing.ckanError?["message"] as? String)?.contains("id") == true)
            let unknown = try await client.get("/api/3/action/package_destroy", [("id", "equipements")])
            #expect(unknown.status == .badRequest)
            #expect((unknown.ckanError?["message"] as? String)?.hasPrefix("Bad request - Action name not known: package_destroy") == true)
            var h = HTTPFields()
            h[.contentType] = "application/json"
            let broken = try await client.execute(uri: "/api/action/package_show", method: .post, headers: h,
                                                  body: ByteBuffer(string: "{\"id\": [[[[[["))
            #expect(broken.status == .badRequest)
            #expect(broken.ckanError?["__type"] as? String == "Validation Error")
            let notObject = try await client.execute(uri: "/api/action/package_show", method: .post, headers: h, body: ByteBuffer(string: "[1]"))
            #expect(notObject.status == .badRequest)
        }
    }

    @Test("package_search: q, fq, rows, start, sort and facets", arguments: Backend.all)
    func search(_ backend: Backend) async throws {
        try await withCompatServer(backend) { _, client in
            let all = try #require(try await client.ckan("package_search").result as? [String: Any])
            #expect(all["count"] as? Int == 4)
            #expect((all["results"] as? [Any])?.count == 4)
            let velo = try #require(try await client.get("/api/3/action/package_search", [("q", "vélo")]).result as? [String: Any])
            #expect((velo["results"] as? [[String: Any]])?.map { $0["name"] as? String } == ["comptages-velo"])
            let accents = try #require(try await client.ckan("package_search", ["q": "ECOLES gymnases"]).result as? [String: Any])
            #expect(accents["count"] as? Int == 1)

            let fq = try #require(try await client.ckan("package_search", [
                "fq": "organization:ville license_id:etalab-2.0", "sort": "name desc", "rows": 1, "start": 1,
                "facet.field": ["organization", "tags", "license_id", "groups"], "facet.limit": 5,
            ]).result as? [String: Any])
            #expect(fq["count"] as? Int == 2)
            #expect((fq["results"] as? [[String: Any]])?.map { $0["name"] as? String } == ["equipements"])
            let facets = try #require(fq["search_facets"] as? [String: Any])
            let org = try #require((facets["organization"] as? [String: Any])?["items"] as? [[String: Any]])
            #expect(org.first?["name"] as? String == "ville")
            #expect(org.first?["display_name"] as? String == "Ville de Test")
            #expect(org.first?["count"] as? Int == 2)
            let groups = try #require((facets["groups"] as? [String: Any])?["items"] as? [[String: Any]])
            #expect(groups.map { $0["name"] as? String } == ["educ", "gove"])
            #expect(((fq["facets"] as? [String: Any])?["license_id"] as? [String: Any])?["etalab-2.0"] as? Int == 2)
            // facet.field as JSON text, as `ckanapi … facet.field='["tags"]'` sends it.
            let text = try #require(try await client.ckan("package_search", ["facet.field": "[\"tags\"]", "fq": "tags:\"vélo\""]).result as? [String: Any])
            #expect(text["count"] as? Int == 1)
            #expect(((text["search_facets"] as? [String: Any])?["tags"] as? [String: Any]) != nil)
            let negated = try #require(try await client.ckan("package_search", ["fq": "-organization:ville res_format:CSV"]).result as? [String: Any])
            #expect((negated["results"] as? [[String: Any]])?.map { $0["name"] as? String } == ["arbres"])
            let inQ = try #require(try await client.ckan("package_search", ["q": "groups:tran"]).result as? [String: Any])
            #expect(inQ["count"] as? Int == 1)

            // Unpublished datasets are never found; rows are capped at 1000.
            let hidden = try #require(try await client.ckan("package_search", ["q": "agents"]).result as? [String: Any])
            #expect(hidden["count"] as? Int == 0)
            let many = try await client.ckan("package_search", ["rows": 5_000_000])
            #expect(many.status == .ok)
            let bad = try await client.ckan("package_search", ["fq": "owner:1"])
            #expect(bad.status == .badRequest)
            #expect(bad.ckanError?["__type"] as? String == "Search Query Error")
            let badSort = try await client.ckan("package_search", ["sort": "password desc"])
            #expect(badSort.ckanError?["__type"] as? String == "Search Query Error")
            let badRows = try await client.ckan("package_search", ["rows": "dix"])
            #expect(badRows.ckanError?["__type"] as? String == "Validation Error")
        }
    }

    @Test("organizations, groups, tags, licences and status", arguments: Backend.all)
    func catalogActions(_ backend: Backend) async throws {
        try await withCompatServer(backend) { _, client in
            #expect(try await client.ckan("organization_list").result as? [String] == ["autre", "ville"])
            let full = try #require(try await client.ckan("organization_list", ["all_fields": true]).result as? [[String: Any]])
            #expect(full.map { $0["package_count"] as? Int } == [1, 3])
            #expect(full.last?["title"] as? String == "Ville de Test")
            #expect(full.last?["is_organization"] as? Bool == true)
            let show = try #require(try await client.ckan("organization_show", ["id": "ville", "include_datasets": true]).result as? [String: Any])
            #expect((show["packages"] as? [[String: Any]])?.count == 3)
            let none = try await client.ckan("organization_show", ["id": "nulle-part"])
            #expect(none.ckanError?["__type"] as? String == "Not Found Error")
            #expect(try await client.ckan("group_list").result as? [String] == ["educ", "envi", "gove", "tran"])
            let group = try #require(try await client.ckan("group_show", ["id": "tran"]).result as? [String: Any])
            #expect(group["package_count"] as? Int == 1)
            #expect((try await client.ckan("tag_list").result as? [String])?.contains("vélo") == true)
            let licences = try #require(try await client.ckan("license_list").result as? [[String: Any]])
            #expect(licences.map { $0["id"] as? String } == ["etalab-2.0", "odc-odbl", "notspecified"])
            let status = try #require(try await client.get("/api/3/action/status_show").result as? [String: Any])
            #expect((status["extensions"] as? [String])?.contains("datastore") == true)
            #expect(status["ckan_version"] is String)
            #expect(try await client.ckan("site_read").result as? Bool == true)
        }
    }
}
