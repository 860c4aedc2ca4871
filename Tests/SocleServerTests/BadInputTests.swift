import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SocleCore
import SocleServer
import SocleTestSupport
import Testing

/// Bad input of issue 3: each refused with a clear message, nothing changed.
@Suite("Bad input")
struct BadInputTests {
    /// Files left in the staging directory (none after a refused upload).
    static func staged(_ f: ServerFixture) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: f.configuration.stagingDirectory.path)) ?? []
    }

    @Test("oversized uploads are refused with 413 and leave nothing", arguments: Backend.all)
    func oversized(_ backend: Backend) async throws {
        try await withServer(backend, uploadLimit: 64) { f, client in
            try await f.dataset("petit")
            let big = Array(String(repeating: "a;b\n", count: 100).utf8)
            // Raw body: Content-Length says it all, nothing is read.
            var raw = f.headers(.tokenWrite)
            raw[.contentType] = "text/csv"
            let r1 = try await client.execute(uri: "/api/v1/datasets/petit/upload?filename=big.csv", method: .post,
                                              headers: raw, body: ByteBuffer(bytes: big))
            #expect(r1.status == .contentTooLarge)
            #expect(r1.errorCode == "server.upload_too_large")
            #expect(r1.errorMessage?.contains("64 o") == true)
            // Multipart: the file part is cut as soon as it passes the limit while streaming.
            let r2 = try await client.multipart("/api/v1/datasets/petit/upload", headers: f.headers(.tokenWrite),
                                                Multipart(file: ("file", "big.csv", big)))
            #expect(r2.status == .contentTooLarge)
            #expect(Self.staged(f).isEmpty)
            #expect(try await f.store.jobs(status: nil, limit: 10).isEmpty)
            // English when asked.
            var en = raw
            en[.acceptLanguage] = "en-GB,en;q=0.9"
            let r3 = try await client.execute(uri: "/api/v1/datasets/petit/upload?filename=big.csv", method: .post,
                                              headers: en, body: ByteBuffer(bytes: big))
            #expect(r3.errorMessage?.hasPrefix("The file is larger") == true)
        }
    }

    @Test("wrong content types are refused with 415", arguments: Backend.all)
    func wrongContentType(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("jeu")
            var h = f.headers(.tokenWrite)
            h[.contentType] = "image/png"
            let r = try await client.execute(uri: "/api/v1/datasets/jeu/upload?filename=x.png", method: .post, headers: h,
                                             body: ByteBuffer(string: "PNG"))
            #expect(r.status == .unsupportedMediaType)
            #expect(r.errorMessage?.contains("image/png") == true)
            #expect(r.errorMessage?.contains("text/csv") == true)
            // JSON endpoints want JSON.
            var form = f.headers(.tokenWrite)
            form[.contentType] = "application/x-www-form-urlencoded"
            let r2 = try await client.execute(uri: "/api/v1/datasets", method: .post, headers: form,
                                              body: ByteBuffer(string: "title=x&organisation=ville"))
            #expect(r2.status == .unsupportedMediaType)
            // A raw body without its file name, a multipart form without a file.
            var csv = f.headers(.tokenWrite)
            csv[.contentType] = "text/csv"
            let r3 = try await client.execute(uri: "/api/v1/datasets/jeu/upload", method: .post, headers: csv,
                                              body: ByteBuffer(string: "a\n1\n"))
            #expect(r3.status == .badRequest)
            #expect(r3.errorCode == "server.upload_no_filename")
            // An unknown ragged-row policy: refused with the choices, the staged file deleted, no job queued.
            let staging = f.configuration.stagingDirectory
            let before = (try? FileManager.default.contentsOfDirectory(atPath: staging.path).count) ?? 0
            let bad = try await client.execute(uri: "/api/v1/datasets/jeu/upload?filename=x.csv&on_ragged=ignorer", method: .post,
                                               headers: csv, body: ByteBuffer(string: "a\n1\n"))
            #expect(bad.status == .badRequest)
            #expect(bad.errorCode == "upload.bad_option")
            #expect(bad.errorMessage?.contains("pad") == true)
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: staging.path).count) ?? 0) == before)
            let r4 = try await client.multipart("/api/v1/datasets/jeu/upload", headers: f.headers(.tokenWrite),
                                                Multipart(fields: [("note", "rien")]))
            #expect(r4.errorCode == "server.upload_no_file")
            #expect(Self.staged(f).isEmpty)
        }
    }

    @Test("a file the readers refuse fails its job with the reader's located message", arguments: Backend.all)
    func readerRefusal(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("casse", csv: ServerFixture.csv)
            let bad = "a;b;c\n1;2;3\n4;\"5;6\n"
            let r = try await client.multipart("/api/v1/datasets/casse/upload", headers: f.headers(.tokenWrite),
                                               Multipart(file: ("file", "casse.csv", Array(bad.utf8))))
            #expect(r.status == .accepted)
            let job = try await client.waitForJob(try #require(r.json["job"] as? Int), headers: f.headers(.tokenWrite))
            #expect(job["status"] as? String == "failed")
            let message = try #require(job["error"] as? String)
            #expect(message.hasPrefix("casse.csv, ligne"), "\(message)")
            #expect((job["error_location"] as? [String: Any])?["file"] as? String == "casse.csv")
            // Nothing changed: the previous revision is still current.
            let d = try await f.store.dataset(slug: "casse")
            #expect(d?.currentRevision == 1)
        }
    }

    @Test("unknown slugs and jobs are 404 with a message", arguments: Backend.all)
    func unknown(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            for (uri, method) in [("/api/v1/datasets/inconnu", HTTPRequest.Method.get), ("/api/v1/datasets/inconnu/rows", .get),
                                  ("/api/v1/datasets/inconnu/publish", .post), ("/api/v1/jobs/999", .get)] {
                let r = try await client.json(uri, method, headers: f.headers(.tokenWrite))
                #expect(r.status == .notFound, "\(uri)")
                #expect(r.errorMessage?.isEmpty == false)
            }
            let page = try await client.execute(uri: "/datasets/inconnu", method: .get)
            #expect(page.status == .notFound)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            let route = try await client.json("/api/v1/nulle-part")
            #expect(route.status == .notFound)
            #expect(route.errorCode == "server.not_found")
        }
    }

    @Test("form posts without the CSRF token are refused with 403", arguments: Backend.all)
    func csrf(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("jeu", csv: ServerFixture.csv)
            let session = f.headers(.steward)
            let missing = try await client.form("/datasets/jeu/unpublish", headers: session, [])
            #expect(missing.status == .forbidden)
            #expect(missing.text.contains("anti-falsification"))
            let wrong = try await client.form("/datasets/jeu/edit", headers: session, [("_csrf", "faux"), ("title", "Piraté")])
            #expect(wrong.status == .forbidden)
            #expect(try await f.store.dataset(slug: "jeu")?.title == "Jeu de test")
            // Multipart forms: `_csrf` must come before the file.
            let upload = try await client.multipart("/upload", headers: session,
                                                    Multipart(fields: [("dataset", "jeu")], file: ("file", "x.csv", Array("a\n1\n".utf8))))
            #expect(upload.status == .forbidden)
            #expect(BadInputTests.staged(f).isEmpty)
            // The API with a session cookie needs the X-CSRF-Token header; with a token it does not.
            let api = try await client.json("/api/v1/datasets/jeu", .put, headers: f.headers(.steward), ["title": "x"])
            #expect(api.status == .forbidden)
            #expect(api.errorCode == "auth.csrf")
            let apiOK = try await client.json("/api/v1/datasets/jeu", .put, headers: f.headers(.steward, csrf: true), ["title": "Titre"])
            #expect(apiOK.status == .ok)
            // The right token passes.
            let ok = try await client.form("/datasets/jeu/edit", headers: session, [("_csrf", f.csrf(.steward)), ("title", "Nouveau titre")])
            #expect(ok.status == .seeOther)
            #expect(try await f.store.dataset(slug: "jeu")?.title == "Nouveau titre")
        }
    }

    @Test("expired, revoked and unknown tokens are 401", arguments: Backend.all)
    func badTokens(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            for (secret, code) in [(f.expiredToken, "auth.token_expired"), (f.revokedToken, "auth.token_revoked"),
                                   ("socle_inconnu", "auth.token_unknown")] {
                var h = HTTPFields()
                h[.authorization] = "Bearer \(secret)"
                let r = try await client.json("/api/v1/datasets", headers: h)
                #expect(r.status == .unauthorized)
                #expect(r.errorCode == code)
                #expect(r.headers[.wwwAuthenticate] != nil)
                let w = try await client.json("/api/v1/datasets", .post, headers: h, ["title": "x", "organisation": "ville"])
                #expect(w.status == .unauthorized)
            }
            #expect(try await f.store.datasets().isEmpty)
        }
    }

    @Test("a steward of another organisation may not write", arguments: Backend.all)
    func otherOrganisation(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("public", csv: ServerFixture.csv, publish: true)
            let other = f.headers(.otherAdmin, csrf: true)
            let put = try await client.json("/api/v1/datasets/public", .put, headers: other, ["title": "Volé"])
            #expect(put.status == .forbidden)
            #expect(put.errorCode == "auth.forbidden")
            let unpublish = try await client.json("/api/v1/datasets/public/unpublish", .post, headers: other)
            #expect(unpublish.status == .forbidden)
            let create = try await client.json("/api/v1/datasets", .post, headers: other, ["title": "x", "organisation": "ville"])
            #expect(create.status == .forbidden)
            #expect(try await f.store.dataset(slug: "public")?.title == "Jeu de test")
            #expect(try await f.store.publishedRevision(datasetId: try #require(await f.store.dataset(slug: "public")).id) == 1)
        }
    }

    @Test("malicious text in metadata is never rendered as HTML", arguments: Backend.all)
    func scriptInTitle(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let evil = "<script>alert('x')</script> & <img src=x onerror=alert(1)>"
            let created = try await client.json("/api/v1/datasets", .post, headers: f.headers(.tokenWrite), [
                "title": evil, "organisation": "ville", "slug": "piege", "description": evil, "keywords": [evil],
                "licence": "etalab-2.0", "access_level": "public", "classification": "public",
            ])
            #expect(created.status == .created)
            for (uri, who) in [("/datasets/piege", Who.steward), ("/catalog", .steward), ("/inventory", .steward),
                               ("/datasets/piege/edit", .steward), ("/upload", .steward)] {
                let page = try await client.execute(uri: uri, method: .get, headers: f.headers(who))
                #expect(page.status == .ok, "\(uri)")
                #expect(!page.text.contains("<script>alert"), "\(uri) renders the script unescaped")
                #expect(!page.text.contains("<img src=x"), "\(uri) renders the image unescaped")
            }
            // The JSON keeps the text as data.
            let json = try await client.json("/api/v1/datasets/piege", headers: f.headers(.tokenRead))
            #expect(json.json["title"] as? String == evil)
        }
    }

    @Test("bad JSON and bad values name what to fix", arguments: Backend.all)
    func badJSON(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            var h = f.headers(.tokenWrite)
            h[.contentType] = "application/json"
            let broken = try await client.execute(uri: "/api/v1/datasets", method: .post, headers: h, body: ByteBuffer(string: "{\"title\":"))
            #expect(broken.status == .badRequest)
            #expect(broken.errorCode == "server.bad_json")
            let noOrg = try await client.json("/api/v1/datasets", .post, headers: f.headers(.tokenWrite), ["title": "x"])
            #expect(noOrg.errorCode == "server.field_required")
            let licence = try await client.json("/api/v1/datasets", .post, headers: f.headers(.tokenWrite),
                                                ["title": "x", "organisation": "ville", "licence": "cc-by"])
            #expect(licence.status == .badRequest)
            #expect(licence.errorMessage?.contains("etalab-2.0") == true)
            let theme = try await client.json("/api/v1/datasets", .post, headers: f.headers(.tokenWrite),
                                              ["title": "x", "organisation": "ville", "themes": ["CUISINE"]])
            #expect(theme.errorCode == "catalog.bad_theme")
            let limit = try await client.json("/api/v1/datasets/x/rows?limit=abc")
            #expect(limit.status == .notFound || limit.status == .badRequest)
            #expect(try await f.store.datasets().isEmpty)
        }
    }
}
