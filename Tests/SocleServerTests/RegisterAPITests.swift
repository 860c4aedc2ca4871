import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SocleActions
import SocleCore
@testable import SocleServer
import SocleStore
import SocleTestSupport
import Testing

/// `/api/v1/register/…` with the real router, on both backends: credentials, creation with completeness,
/// value lists, update, detail with datasets, archive, duplicate, exports, the public register, tokens.
@Suite("Register API")
struct RegisterAPITests {
    static let activities = "/api/v1/register/activities"

    /// A body with every field the register requires.
    static func complete(_ name: String, isPublic: Bool = true, categories: [String] = ["identity", "email"]) -> [String: Any] {
        [
            "name": name, "purpose": "Gérer les inscriptions aux activités municipales.", "status": "complete",
            "controller": ["name": "Le maire", "contact": "mairie@ville.test"], "is_public": isPublic,
            "legal_bases": ["publicTask"], "collection": ["webForm"], "people": ["residents"], "categories": categories,
            "recipients": [["kind": "internalService", "name": "Service des sports"]],
            "retention": [["duration": "P2Y", "start_event": "fin de l'inscription", "phase": "active", "binding": "recommended",
                           "fate": "destroy"]],
            "security": ["accessControl", "backup"],
        ]
    }

    /// Creates an activity in `organisation` as `who` and returns its id (expects 201).
    static func create(_ client: any TestClientProtocol, _ f: ServerFixture, _ body: [String: Any], as who: Who = .dpo,
                       organisation: String = "ville", sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> Int {
        let r = try await client.json("\(activities)?organisation=\(organisation)", .post, headers: f.headers(who, csrf: true), body)
        #expect(r.status == .created, "\(r.text.prefix(300))", sourceLocation: sourceLocation)
        return try #require(r.json["id"] as? Int, sourceLocation: sourceLocation)
    }

    static func activity(_ json: [String: Any]) -> [String: Any] { json["activity"] as? [String: Any] ?? [:] }

    // MARK: responses against the OpenAPI document

    static var schemas: [String: Any] {
        let doc = (try? JSONSerialization.jsonObject(with: Data(OpenAPIDocument.bytes))) as? [String: Any]
        return (doc?["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
    }

    /// Where `value` departs from the documented schema `name`: keys the document does not list, required keys
    /// absent, values outside an enum, wrong JSON types.
    static func departures(_ value: Any, from name: String) -> [String] {
        let schemas = Self.schemas
        var out: [String] = []
        func resolve(_ schema: [String: Any]) -> [String: Any] {
            if let ref = schema["$ref"] as? String, let target = schemas[String(ref.split(separator: "/").last ?? "")] as? [String: Any] {
                return resolve(target)
            }
            return schema
        }
        func walk(_ value: Any, _ raw: [String: Any], _ path: String) {
            let schema = resolve(raw)
            if let options = (schema["oneOf"] ?? schema["anyOf"]) as? [[String: Any]] {
                if value is NSNull { return }
                if let first = options.first(where: { ($0["type"] as? String) != "null" }) { walk(value, first, path) }
                return
            }
            var types: [String] = []
            if let t = schema["type"] as? String { types = [t] } else if let t = schema["type"] as? [String] { types = t }
            if value is NSNull {
                if !types.isEmpty && !types.contains("null") { out.append("\(path): null") }
                return
            }
            if let allowed = schema["enum"] as? [Any], let s = value as? String, !allowed.contains(where: { ($0 as? String) == s }) {
                out.append("\(path): \(s) not in enum")
            }
            switch value {
            case let object as [String: Any]:
                if !types.isEmpty && !types.contains("object") { out.append("\(path): object") }
                let properties = schema["properties"] as? [String: Any] ?? [:]
                for key in (schema["required"] as? [String] ?? []) where object[key] == nil { out.append("\(path).\(key): required, absent") }
                for (key, v) in object {
                    if let p = properties[key] as? [String: Any] {
                        walk(v, p, "\(path).\(key)")
                    } else if let extra = schema["additionalProperties"] as? [String: Any] {
                        walk(v, extra, "\(path).\(key)")
                    } else if !properties.isEmpty {
                        out.append("\(path).\(key): undocumented")
                    }
                }
            case let array as [Any]:
                if !types.isEmpty && !types.contains("array") { out.append("\(path): array") }
                if let items = schema["items"] as? [String: Any] {
                    for (i, v) in array.enumerated() { walk(v, items, "\(path)[\(i)]") }
                }
            case is String:
                if !types.isEmpty && !types.contains("string") { out.append("\(path): string") }
            case is NSNumber:
                if !types.isEmpty && !types.contains("boolean") && !types.contains("integer") && !types.contains("number") {
                    out.append("\(path): number")
                }
            default:
                break
            }
        }
        guard let root = schemas[name] as? [String: Any] else { return ["no schema \(name)"] }
        walk(value, root, name)
        return out
    }

    /// Records an issue for each departure of a response's JSON from its documented schema.
    static func conforms(_ r: TestResponse, _ schema: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let value = (try? JSONSerialization.jsonObject(with: Data(r.body.readableBytesView))) ?? [:]
        let found = departures(value, from: schema)
        #expect(found.isEmpty, "\(schema): \(found)", sourceLocation: sourceLocation)
    }

    @Test("the response check against the OpenAPI document is not vacuous")
    func checkerBites() {
        let found = Self.departures(["id": 1, "bogus": 2, "activity": ["name": "X", "status": "finished", "links": [["dataset": 3]]]],
                                    from: "RegisterActivityRecord")
        #expect(found.contains("RegisterActivityRecord.bogus: undocumented"), "\(found)")
        #expect(found.contains("RegisterActivityRecord.archived: required, absent"), "\(found)")
        #expect(found.contains("RegisterActivityRecord.activity.status: finished not in enum"), "\(found)")
        #expect(found.contains("RegisterActivityRecord.activity.links[0].dataset: number"), "\(found)")
        #expect(found.contains("RegisterActivityRecord.activity.links[0].column: required, absent"), "\(found)")
        #expect(Self.departures(["activities": [["id": 1, "organisation": "ville", "name": "X", "purpose": "Y", "links": []]]],
                                from: "PublicActivityList") == ["PublicActivityList.activities[0].links: undocumented"])
    }

    @Test("signed-in routes answer 401 without credentials, and with an expired or revoked token", arguments: Backend.all)
    func credentials(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            for (uri, method) in [(Self.activities, HTTPRequest.Method.get), ("\(Self.activities)/1", .get), ("/api/v1/register/export", .get),
                                  ("/api/v1/register/processors", .get), ("/api/v1/register/measures", .get)] {
                let r = try await client.execute(uri: uri, method: method, headers: [:], body: nil)
                #expect(r.status == .unauthorized, "\(uri)")
                #expect(r.errorCode == "auth.required", "\(uri): \(r.text.prefix(200))")
            }
            let post = try await client.json("\(Self.activities)?organisation=ville", .post, headers: [:], ["name": "X"])
            #expect(post.status == .unauthorized)
            for secret in [f.expiredToken, f.revokedToken] {
                let r = try await client.execute(uri: Self.activities, method: .get, headers: [.authorization: "Bearer \(secret)"], body: nil)
                #expect(r.status == .unauthorized)
            }
            // The public register needs none.
            #expect(try await client.json("/api/v1/register/public").status == .ok)
            // Nothing was created by the refused POST.
            let list = try await client.json(Self.activities, headers: f.headers(.dpo))
            #expect((list.json["activities"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("POST creates a draft (201, completeness, missing); unknown values are refused with the allowed ones; PUT, GET detail",
          arguments: Backend.all)
    func createUpdateDetail(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let dpo = f.headers(.dpo, csrf: true)
            let created = try await client.json("\(Self.activities)?organisation=ville", .post, headers: dpo, ["name": "Inscriptions sportives"])
            #expect(created.status == .created, "\(created.text.prefix(300))")
            Self.conforms(created, "RegisterActivityRecord")
            let id = try #require(created.json["id"] as? Int)
            #expect(created.json["completeness"] as? Int == 10)
            let missing = try #require(created.json["missing"] as? [String])
            #expect(missing.contains("purpose") && missing.contains("legalBases") && !missing.contains("name"))
            #expect((created.json["organisation"] as? [String: Any])?["slug"] as? String == "ville")
            #expect(created.json["archived"] as? Bool == false)
            #expect(created.json["created_at"] is String)
            let body = Self.activity(created.json)
            #expect(body["status"] as? String == "draft")
            #expect(body["is_public"] as? Bool == false)
            #expect(body["legal_bases"] as? [String] == [])
            #expect(body["legalBases"] == nil, "keys are snake_case")

            // The organisation is required; an unknown one is 404.
            let noOrg = try await client.json(Self.activities, .post, headers: dpo, ["name": "X"])
            #expect(noOrg.status == .badRequest)
            #expect(noOrg.errorMessage?.contains("organisation") == true)
            #expect(try await client.json("\(Self.activities)?organisation=nulle-part", .post, headers: dpo, ["name": "X"]).status == .notFound)
            // A value outside a list: 400, the message lists what is allowed.
            let badBasis = try await client.json("\(Self.activities)?organisation=ville", .post, headers: dpo,
                                                 ["name": "X", "legal_bases": ["whatever"]])
            #expect(badBasis.status == .badRequest)
            #expect(badBasis.errorCode == "register.bad_value")
            Self.conforms(badBasis, "Error")
            let message = badBasis.errorMessage ?? ""
            #expect(message.contains("whatever"), "\(message)")
            for allowed in LegalBasis.allCases { #expect(message.contains(allowed.rawValue), "\(message)") }
            // The same for a data category (a list of the privacy module) and a nested value.
            let badCategory = try await client.json("\(Self.activities)?organisation=ville", .post, headers: dpo,
                                                    ["name": "X", "categories": ["email", "pointure"]])
            #expect(badCategory.status == .badRequest)
            #expect(badCategory.errorMessage?.contains("pointure") == true, "\(badCategory.text.prefix(400))")
            #expect(badCategory.errorCode == "register.bad_value")
            #expect(badCategory.errorMessage?.contains("birthDate") == true, "\(badCategory.text.prefix(400))")
            #expect(badCategory.errorMessage?.contains("categories") == true, "\(badCategory.text.prefix(400))")
            let badRetention = try await client.json("\(Self.activities)?organisation=ville", .post, headers: dpo,
                                                     ["name": "X", "retention": [["category": "pointure", "duration": "P1Y", "start_event": "x"]]])
            #expect(badRetention.errorCode == "register.bad_value" && badRetention.errorMessage?.contains("birthDate") == true,
                    "\(badRetention.text.prefix(400))")
            let badRecipient = try await client.json("\(Self.activities)?organisation=ville", .post, headers: dpo,
                                                     ["name": "X", "recipients": [["kind": "voisin", "name": "Y"]]])
            #expect(badRecipient.status == .badRequest)
            #expect(badRecipient.errorMessage?.contains("internalService") == true, "\(badRecipient.text.prefix(400))")
            // Malformed JSON types are a 400 too; a non-JSON body a 415.
            #expect(try await client.json("\(Self.activities)?organisation=ville", .post, headers: dpo, ["name": 12]).status == .badRequest)
            var textHeaders = dpo
            textHeaders[.contentType] = "text/plain"
            let text = try await client.execute(uri: "\(Self.activities)?organisation=ville", method: .post, headers: textHeaders,
                                                body: ByteBuffer(string: "name=X"))
            #expect(text.status == .unsupportedMediaType)
            // "complete" while incomplete: 400 with the missing fields in French.
            let incomplete = try await client.json("\(Self.activities)?organisation=ville", .post, headers: dpo,
                                                   ["name": "X", "status": "complete"])
            #expect(incomplete.status == .badRequest)
            #expect(incomplete.errorCode == "register.incomplete")
            #expect(incomplete.errorMessage?.contains("Finalité") == true, "\(incomplete.errorMessage ?? "")")
            // Only the first one was created.
            #expect((try await client.json(Self.activities, headers: dpo).json["activities"] as? [Any])?.count == 1)

            // PUT replaces the fields: now complete.
            let put = try await client.json("\(Self.activities)/\(id)", .put, headers: dpo, Self.complete("Inscriptions sportives"))
            #expect(put.status == .ok, "\(put.text.prefix(300))")
            Self.conforms(put, "RegisterActivityDetail")
            let record = try #require(put.json["record"] as? [String: Any])
            #expect(record["completeness"] as? Int == 100)
            #expect(record["missing"] as? [String] == [])
            #expect(Self.activity(record)["status"] as? String == "complete")
            #expect(put.json["datasets"] as? [Any] != nil)
            let badDuration = Self.complete("X").merging(["retention": [["duration": "5 ans", "start_event": "collecte"]]]) { $1 }
            let refused = try await client.json("\(Self.activities)/\(id)", .put, headers: dpo, badDuration)
            #expect(refused.status == .badRequest && refused.errorCode == "register.bad_duration", "\(refused.text.prefix(300))")
            #expect(refused.errorMessage?.contains("P5Y") == true)
            // A retention rule needs only its duration and start; the rest takes the defaults.
            let minimal = Self.complete("Inscriptions sportives").merging(["retention": [["duration": "P1Y", "start_event": "collecte"]]]) { $1 }
            let accepted = try await client.json("\(Self.activities)/\(id)", .put, headers: dpo, minimal)
            #expect(accepted.status == .ok, "\(accepted.text.prefix(300))")
            let rule = (Self.activity(accepted.json["record"] as? [String: Any] ?? [:])["retention"] as? [[String: Any]])?.first
            #expect(rule?["phase"] as? String == "active" && rule?["binding"] as? String == "recommended" && rule?["fate"] as? String == "destroy")

            // GET detail: the record and the datasets it links to.
            let detail = try await client.json("\(Self.activities)/\(id)", headers: f.headers(.agent))
            #expect(detail.status == .ok)
            Self.conforms(detail, "RegisterActivityDetail")
            #expect((detail.json["record"] as? [String: Any])?["id"] as? Int == id)
            #expect(Self.activity(detail.json["record"] as? [String: Any] ?? [:])["name"] as? String == "Inscriptions sportives")
            #expect(detail.json["datasets"] as? [Any] != nil)
            // The agent reads but may not change; another organisation's admin does not see it.
            #expect(try await client.json("\(Self.activities)/\(id)", .put, headers: f.headers(.agent, csrf: true), Self.complete("Y")).status
                    == .forbidden)
            #expect(try await client.json("\(Self.activities)?organisation=ville", .post, headers: f.headers(.agent, csrf: true),
                                          ["name": "Y"]).status == .forbidden)
            #expect(try await client.json("\(Self.activities)/\(id)", headers: f.headers(.otherAdmin)).status == .notFound)
            #expect(try await client.json("\(Self.activities)/\(id + 1000)", headers: f.headers(.dpo)).status == .notFound)
            #expect(try await client.json("\(Self.activities)/\(id)", .put, headers: f.headers(.otherAdmin, csrf: true), Self.complete("Z")).status
                    == .notFound)
            #expect(try await client.json("\(Self.activities)/abc", headers: f.headers(.dpo)).status == .badRequest)
            // A session write without the CSRF token is refused.
            #expect(try await client.json("\(Self.activities)?organisation=ville", .post, headers: f.headers(.dpo), ["name": "Y"]).status
                    == .forbidden)
        }
    }

    @Test("links: proposals from classified columns, confirmed links shown in the detail with rows and exposure", arguments: Backend.all)
    func links(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let d = try await f.dataset("inscriptions", csv: "activite;courriel\nJudo;a.martin@exemple.fr\nTennis;b.durand@exemple.fr\n")
            _ = try await PrivacyActions(store: f.store).classify(d, column: "courriel", as: .personal, category: .email, by: .system("test"))
            let id = try await Self.create(client, f, Self.complete("Inscriptions", categories: ["email"]))
            let proposals = try await client.json("\(Self.activities)/\(id)/proposals", headers: f.headers(.agent))
            #expect(proposals.status == .ok)
            Self.conforms(proposals, "RegisterProposals")
            let list = try #require(proposals.json["proposals"] as? [[String: Any]])
            #expect(list.count == 1)
            #expect(list.first?["dataset"] as? String == "inscriptions")
            #expect(list.first?["column"] as? String == "courriel")
            #expect(list.first?["category"] as? String == "email")
            #expect(list.first?["dataset_title"] as? String == "Jeu de test")

            let linked = try await client.json("\(Self.activities)/\(id)/links", .post, headers: f.headers(.dpo, csrf: true),
                                               ["add": [["dataset": "inscriptions", "column": "courriel"]]])
            #expect(linked.status == .ok, "\(linked.text.prefix(300))")
            Self.conforms(linked, "RegisterActivityDetail")
            let link = try #require((Self.activity(linked.json["record"] as? [String: Any] ?? [:])["links"] as? [[String: Any]])?.first)
            #expect(link["confirmed_by"] as? String == "Dpo")
            let dataset = try #require((linked.json["datasets"] as? [[String: Any]])?.first)
            #expect(dataset["slug"] as? String == "inscriptions")
            #expect(dataset["rows"] as? Int == 2)
            #expect(dataset["exposed"] as? [String] == [])
            let column = try #require((dataset["columns"] as? [[String: Any]])?.first)
            #expect(column["publicly_visible"] as? Bool == false)
            #expect(column["level"] as? String == "personal")
            let after = try await client.json("\(Self.activities)/\(id)/proposals", headers: f.headers(.dpo))
            #expect((after.json["proposals"] as? [Any])?.isEmpty == true, "a linked column is no longer proposed")
            // An unknown column: 400 with the columns.
            let bad = try await client.json("\(Self.activities)/\(id)/links", .post, headers: f.headers(.dpo, csrf: true),
                                            ["add": [["dataset": "inscriptions", "column": "nom"]]])
            #expect(bad.status == .badRequest && bad.errorCode == "register.unknown_column")
            #expect(try await client.json("\(Self.activities)/\(id)/links", .post, headers: f.headers(.agent, csrf: true),
                                          ["remove": [["dataset": "inscriptions", "column": "courriel"]]]).status == .forbidden)
            let removed = try await client.json("\(Self.activities)/\(id)/links", .post, headers: f.headers(.dpo, csrf: true),
                                                ["remove": [["dataset": "inscriptions", "column": "courriel"]]])
            #expect(removed.json["datasets"] as? [Any] != nil && (removed.json["datasets"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("archive hides from the list (unless ?archived=true), restore brings back; duplicate into the organisations one keeps",
          arguments: Backend.all)
    func archiveAndDuplicate(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let dpo = f.headers(.dpo, csrf: true)
            let id = try await Self.create(client, f, Self.complete("Cantine"))
            let keep = try await Self.create(client, f, ["name": "Brouillon"])
            let archived = try await client.json("\(Self.activities)/\(id)/archive", .post, headers: dpo)
            #expect(archived.status == .ok)
            #expect(archived.json["archived"] as? Bool == true)
            Self.conforms(archived, "RegisterActivityRecord")
            Self.conforms(try await client.json("\(Self.activities)?archived=true", headers: f.headers(.agent)), "RegisterActivityList")
            func ids(_ uri: String) async throws -> [Int] {
                (try await client.json(uri, headers: f.headers(.agent)).json["activities"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } ?? []
            }
            #expect(try await ids(Self.activities) == [keep])
            #expect(try await ids("\(Self.activities)?archived=true") == [id, keep])
            #expect(try await ids("\(Self.activities)?organisation=ville&archived=true") == [id, keep])
            #expect(try await client.json("\(Self.activities)/\(id)/restore", .post, headers: f.headers(.agent, csrf: true)).status == .forbidden)
            let restored = try await client.json("\(Self.activities)/\(id)/restore", .post, headers: dpo)
            #expect(restored.status == .ok && restored.json["archived"] as? Bool == false)
            #expect(try await ids(Self.activities) == [id, keep])

            // The DPO keeps no register in "autre": refused. Once DPO there too: a draft copy with the template.
            let refused = try await client.json("\(Self.activities)/\(id)/duplicate", .post, headers: dpo, ["organisations": ["autre"]])
            #expect(refused.status == .forbidden)
            try await f.store.setMembership(userId: f.users[.dpo]!.id, organisationId: f.autre.id, role: .dpo)
            let copied = try await client.json("\(Self.activities)/\(id)/duplicate", .post, headers: dpo, ["organisations": ["autre"]])
            #expect(copied.status == .created, "\(copied.text.prefix(300))")
            Self.conforms(copied, "RegisterActivityList")
            let copy = try #require((copied.json["activities"] as? [[String: Any]])?.first)
            #expect((copy["organisation"] as? [String: Any])?["slug"] as? String == "autre")
            #expect(Self.activity(copy)["status"] as? String == "draft")
            #expect(Self.activity(copy)["template"] as? String == "ville/\(id)")
            #expect(Self.activity(copy)["links"] as? [Any] != nil && (Self.activity(copy)["links"] as? [Any])?.isEmpty == true)
            #expect(try await ids("\(Self.activities)?organisation=autre").count == 0, "the agent of ville may not read autre's list")
            let otherList = try await client.json("\(Self.activities)?organisation=autre", headers: f.headers(.otherAdmin))
            #expect((otherList.json["activities"] as? [Any])?.count == 1)
            #expect(try await client.json("\(Self.activities)/\(id)/duplicate", .post, headers: dpo, ["organisations": []]).status == .badRequest)
        }
    }

    @Test("exports: CSV with French headers, JSON; an unknown format is 400", arguments: Backend.all)
    func export(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            _ = try await Self.create(client, f, Self.complete("Cantine scolaire"))
            _ = try await Self.create(client, f, ["name": "Brouillon; avec \"guillemets\""])
            let csv = try await client.execute(uri: "/api/v1/register/export?format=csv", method: .get, headers: f.headers(.agent), body: nil)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.headers[.contentDisposition]?.contains(".csv") == true)
            let lines = csv.text.split(whereSeparator: \.isNewline)
            let header = try #require(lines.first)
            #expect(header.contains("Traitement") && header.contains("Finalité") && header.contains("Complétude"), "\(header)")
            #expect(lines.count == 3, "\(csv.text)")
            #expect(csv.text.contains("Cantine scolaire"))
            #expect(csv.text.contains(LegalBasis.publicTask.label(.french)) && csv.text.contains("100 %"), "\(csv.text)")
            #expect(!csv.text.contains("publicTask"), "values are written with their French names")
            #expect(csv.text.contains("\"Brouillon; avec \"\"guillemets\"\"\""), "quoted as CSV: \(csv.text)")
            let english = try await client.execute(uri: "/api/v1/register/export?format=csv&lang=en", method: .get,
                                                   headers: f.headers(.agent), body: nil)
            #expect(english.text.contains("Processing activity") && !english.text.contains("Traitement"), "\(english.text.prefix(200))")

            let json = try await client.json("/api/v1/register/export?format=json", headers: f.headers(.agent))
            #expect(json.status == .ok)
            #expect(json.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect((json.json["activities"] as? [Any])?.count == 2)
            Self.conforms(json, "RegisterActivityList")
            let defaultFormat = try await client.json("/api/v1/register/export?organisation=ville", headers: f.headers(.agent))
            #expect((defaultFormat.json["activities"] as? [Any])?.count == 2)
            let bad = try await client.json("/api/v1/register/export?format=xml", headers: f.headers(.agent))
            #expect(bad.status == .badRequest && bad.errorMessage?.contains("csv") == true)
            // Another organisation's admin exports an empty register, not ville's.
            #expect((try await client.json("/api/v1/register/export", headers: f.headers(.otherAdmin)).json["activities"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("the public register: anonymous, only public non-draft non-archived activities, never links nor security", arguments: Backend.all)
    func publicRegister(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let d = try await f.dataset("usagers-cantine", csv: "classe;courriel\nCP;a.martin@exemple.fr\n")
            _ = try await PrivacyActions(store: f.store).classify(d, column: "courriel", as: .personal, category: .email, by: .system("test"))
            let shown = try await Self.create(client, f, Self.complete("Cantine scolaire"))
            let linked = try await client.json("\(Self.activities)/\(shown)/links", .post, headers: f.headers(.dpo, csrf: true),
                                               ["add": [["dataset": "usagers-cantine", "column": "courriel"]]])
            #expect(linked.status == .ok)
            _ = try await Self.create(client, f, ["name": "Brouillon public", "is_public": true])
            _ = try await Self.create(client, f, Self.complete("Vidéoprotection", isPublic: false))
            let archived = try await Self.create(client, f, Self.complete("Ancien traitement"))
            #expect(try await client.json("\(Self.activities)/\(archived)/archive", .post, headers: f.headers(.dpo, csrf: true)).status == .ok)
            let elsewhere = try await Self.create(client, f, Self.complete("Listes électorales"), as: .otherAdmin, organisation: "autre")

            let r = try await client.json("/api/v1/register/public")
            #expect(r.status == .ok)
            Self.conforms(r, "PublicActivityList")
            let list = try #require(r.json["activities"] as? [[String: Any]])
            #expect(Set(list.compactMap { $0["name"] as? String }) == ["Cantine scolaire", "Listes électorales"])
            #expect(Set(list.compactMap { $0["id"] as? Int }) == [shown, elsewhere])
            for a in list {
                #expect(a["links"] == nil && a["security"] == nil && a["processors"] == nil && a["status"] == nil, "\(a.keys.sorted())")
                #expect(a["organisation"] is String && a["organisation_name"] is String && a["purpose"] is String)
            }
            #expect(!r.text.contains("\"links\"") && !r.text.contains("\"security\""))
            #expect(!r.text.contains("courriel") && !r.text.contains("usagers-cantine") && !r.text.contains("accessControl"), "\(r.text)")
            let cantine = try #require(list.first { $0["id"] as? Int == shown })
            #expect(cantine["legal_bases"] as? [String] == ["publicTask"])
            #expect(cantine["organisation"] as? String == "ville")
            #expect((cantine["retention"] as? [[String: Any]])?.first?["duration"] as? String == "P2Y")

            let ville = try await client.json("/api/v1/register/public?organisation=ville")
            #expect((ville.json["activities"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [shown])
            #expect(try await client.json("/api/v1/register/public?organisation=nulle-part").status == .notFound)
            // Signed-in readers get the same public view.
            let signedIn = try await client.json("/api/v1/register/public", headers: f.headers(.dpo))
            #expect((signedIn.json["activities"] as? [Any])?.count == 2)
        }
    }

    @Test("a read-only token reads but cannot write (403); a write token of the DPO role can", arguments: Backend.all)
    func tokens(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let accounts = AccountActions(store: f.store)
            let admin = f.users[.admin]!
            let readOnly = try await accounts.createToken(for: admin, organisation: f.ville, canWrite: false, datasets: nil, expiresIn: nil,
                                                          by: .system("test")).secret
            let readWrite = try await accounts.createToken(for: admin, organisation: f.ville, canWrite: true, datasets: nil, expiresIn: nil,
                                                           by: .system("test")).secret
            let ro: HTTPFields = [.authorization: "Bearer \(readOnly)"]
            let rw: HTTPFields = [.authorization: "Bearer \(readWrite)"]
            let id = try await Self.create(client, f, Self.complete("Cantine"))
            #expect(try await client.json(Self.activities, headers: ro).status == .ok)
            #expect(try await client.json("\(Self.activities)/\(id)", headers: ro).status == .ok)
            #expect(try await client.json("/api/v1/register/export?format=csv", headers: ro).status == .ok)
            let refused = try await client.json("\(Self.activities)?organisation=ville", .post, headers: ro, ["name": "Par jeton"])
            #expect(refused.status == .forbidden, "\(refused.text.prefix(200))")
            #expect(try await client.json("\(Self.activities)/\(id)", .put, headers: ro, Self.complete("X")).status == .forbidden)
            #expect(try await client.json("\(Self.activities)/\(id)/archive", .post, headers: ro).status == .forbidden)
            #expect(try await client.json("/api/v1/register/processors?organisation=ville", .post, headers: ro, ["name": "P"]).status == .forbidden)
            // The steward's tokens: the role is too low whatever the token.
            #expect(try await client.json("\(Self.activities)?organisation=ville", .post, headers: f.headers(.tokenRead), ["name": "X"]).status
                    == .forbidden)
            #expect(try await client.json("\(Self.activities)?organisation=ville", .post, headers: f.headers(.tokenWrite), ["name": "X"]).status
                    == .forbidden)
            // The admin's write token may.
            let made = try await client.json("\(Self.activities)?organisation=ville", .post, headers: rw, ["name": "Par jeton"])
            #expect(made.status == .created, "\(made.text.prefix(200))")
            let processor = try await client.json("/api/v1/register/processors?organisation=ville", .post, headers: rw,
                                                  ["name": "Hébergeur", "contract_clauses": true])
            #expect(processor.status == .created)
            Self.conforms(processor, "RegisterProcessorRecord")
            #expect((processor.json["record"] as? [String: Any])?["contract_clauses"] as? Bool == true)
            let measure = try await client.json("/api/v1/register/measures?organisation=ville", .post, headers: rw,
                                                ["title": "Former", "type": "training", "due": "2027-02-30"])
            #expect(measure.status == .badRequest && measure.errorCode == "register.bad_date")
            let processorId = try #require(processor.json["id"] as? Int)
            let made2 = try await client.json("/api/v1/register/measures?organisation=ville", .post, headers: rw,
                                              ["title": "Former", "type": "training", "due": "2027-03-31", "priority": "high", "owner": "DGS"])
            #expect(made2.status == .created, "\(made2.text.prefix(300))")
            Self.conforms(made2, "RegisterMeasureRecord")
            #expect((made2.json["record"] as? [String: Any])?["status"] as? String == "planned")
            let measureId = try #require(made2.json["id"] as? Int)
            let updated = try await client.json("/api/v1/register/measures/\(measureId)", .put, headers: rw,
                                                ["title": "Former les agents", "type": "training", "status": "done"])
            #expect(updated.status == .ok && (updated.json["record"] as? [String: Any])?["status"] as? String == "done")
            Self.conforms(try await client.json("/api/v1/register/measures", headers: ro), "RegisterMeasureList")
            Self.conforms(try await client.json("/api/v1/register/measures/\(measureId)", headers: ro), "RegisterMeasureRecord")
            Self.conforms(try await client.json("/api/v1/register/processors?organisation=ville", headers: ro), "RegisterProcessorList")
            let oneProcessor = try await client.json("/api/v1/register/processors/\(processorId)", headers: ro)
            #expect(oneProcessor.status == .ok)
            Self.conforms(oneProcessor, "RegisterProcessorRecord")
            let renamed = try await client.json("/api/v1/register/processors/\(processorId)", .put, headers: rw, ["name": "Hébergeur certifié"])
            #expect((renamed.json["record"] as? [String: Any])?["name"] as? String == "Hébergeur certifié")
            #expect((renamed.json["record"] as? [String: Any])?["contract_clauses"] as? Bool == false, "PUT replaces: unsent checks are unchecked")
            #expect(try await client.json("/api/v1/register/processors/\(processorId)", headers: f.headers(.otherAdmin)).status == .notFound)
            #expect((try await client.json(Self.activities, headers: ro).json["activities"] as? [Any])?.count == 2)
        }
    }

    @Test("a query flag outside true/false is refused, not read as false (schemathesis found it)", arguments: Backend.all)
    func archivedFlag(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            for uri in ["/api/v1/register/activities?archived=null", "/api/v1/register/processors?archived=1",
                        "/api/v1/register/measures?archived=oui", "/api/v1/register/export?archived=yes"] {
                let r = try await client.json(uri, headers: f.headers(.dpo))
                #expect(r.status == .badRequest, "\(uri)")
                #expect(r.errorCode == "register.bad_value", "\(uri)")
            }
            #expect(try await client.json("/api/v1/register/activities?archived=true", headers: f.headers(.dpo)).status == .ok)
            #expect(try await client.json("/api/v1/register/activities?archived=false", headers: f.headers(.dpo)).status == .ok)
        }
    }
}
