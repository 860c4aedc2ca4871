import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SocleActions
import SocleCore
@testable import SocleServer
import SocleTestSupport
import Testing

/// The register's files through the real router, on both backends: proofs (upload, download headers, who sees
/// what, refusals), the spreadsheet in the CNIL's model, the Madis import, and their portal pages.
@Suite("Register files API and pages")
struct RegisterFilesAPITests {
    static let pdf = Array("%PDF-1.7\n% proof\n1 0 obj << >> endobj\n%%EOF\n".utf8)
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    @Test("the routes of the register's files are in the OpenAPI document")
    func documented() throws {
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.bytes)) as? [String: Any])
        let paths = try #require(doc["paths"] as? [String: [String: Any]])
        let routes: [(String, String)] = [
            ("/api/v1/register/proofs", "get"), ("/api/v1/register/proofs", "post"), ("/api/v1/register/proofs/{id}", "get"),
            ("/api/v1/register/proofs/{id}", "put"), ("/api/v1/register/proofs/{id}", "delete"), ("/api/v1/register/proofs/{id}/file", "get"),
            ("/api/v1/register/public/proofs/{id}/file", "get"), ("/api/v1/register/export.xlsx", "get"), ("/api/v1/register/import", "post"),
        ]
        for (path, method) in routes { #expect(paths[path]?[method] != nil, "\(method) \(path) undocumented") }
    }

    @Test("proofs: upload, download as an attachment with its real type and nosniff, members only, refusals in French", arguments: Backend.all)
    func proofs(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let dpo = f.headers(.dpo, csrf: true)
            let activity = try await RegisterAPITests.create(client, f, ["name": "Cantine"])
            let up = try await client.multipart("/api/v1/register/proofs", headers: dpo, Multipart(
                fields: [("organisation", "ville"), ("type", "contract"), ("title", "Contrat cantine"), ("date", "2024-09-01"),
                         ("activities", String(activity))],
                file: ("file", "contrat signé.txt", Self.pdf)))
            #expect(up.status == .created, "\(up.text.prefix(400))")
            let id = try #require(up.json["id"] as? Int)
            #expect(up.json["media_type"] as? String == "application/pdf")
            let record = up.json["record"] as? [String: Any] ?? [:]
            #expect(record["file_name"] as? String == "contrat signé.pdf")
            #expect(record["activities"] as? [Int] == [activity])
            #expect((record["sha256"] as? String)?.count == 64)

            let file = try await client.execute(uri: "/api/v1/register/proofs/\(id)/file", method: .get, headers: f.headers(.agent), body: nil)
            #expect(file.status == .ok)
            #expect(Array(file.body.readableBytesView) == Self.pdf)
            #expect(file.headers[.contentType] == "application/pdf")
            #expect(file.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            let disposition = file.headers[.contentDisposition] ?? ""
            #expect(disposition.hasPrefix("attachment; filename=\"contrat sign_.pdf\""), "\(disposition)")
            #expect(disposition.contains("filename*=UTF-8''contrat%20sign%C3%A9.pdf"), "\(disposition)")

            // Another organisation's admin and anonymous visitors see nothing; an agent cannot upload.
            let other = try await client.execute(uri: "/api/v1/register/proofs/\(id)/file", method: .get, headers: f.headers(.otherAdmin), body: nil)
            #expect(other.status == .notFound)
            let anonymous = try await client.execute(uri: "/api/v1/register/public/proofs/\(id)/file", method: .get, headers: [:], body: nil)
            #expect(anonymous.status == .notFound)
            let agent = try await client.multipart("/api/v1/register/proofs", headers: f.headers(.agent, csrf: true), Multipart(
                fields: [("organisation", "ville"), ("title", "Charte")], file: ("file", "charte.pdf", Self.pdf)))
            #expect(agent.status == .forbidden)
            // A broken file: a clear French refusal, nothing stored.
            let broken = try await client.multipart("/api/v1/register/proofs", headers: dpo, Multipart(
                fields: [("organisation", "ville"), ("title", "Scan")], file: ("file", "scan.pdf", Array(Self.pdf.prefix(20)))))
            #expect(broken.status == .badRequest)
            #expect(broken.errorCode == "register.proof.broken_file")
            #expect(broken.errorMessage?.contains("abîmé ou incomplet") == true, "\(broken.text)")
            let list = try await client.json("/api/v1/register/proofs?record=\(activity)", headers: f.headers(.agent))
            #expect((list.json["proofs"] as? [[String: Any]])?.map { $0["id"] as? Int } == [id])
            RegisterAPITests.conforms(list, "RegisterProofList")
            // Record numbers start at 1 (the documented minimum); 0 and negatives are refused, not answered empty.
            for bad in ["0", "-3", "x"] {
                let refused = try await client.json("/api/v1/register/proofs?record=\(bad)", headers: f.headers(.agent))
                #expect(refused.status == .badRequest, "record=\(bad): \(refused.status)")
            }

            // Made public, anyone downloads it; deleted, it is gone.
            let put = try await client.json("/api/v1/register/proofs/\(id)", .put, headers: dpo,
                                            ["type": "deliberation", "title": "Délibération", "is_public": true])
            #expect(put.status == .ok, "\(put.text.prefix(300))")
            RegisterAPITests.conforms(put, "RegisterProof")
            let open = try await client.execute(uri: "/api/v1/register/public/proofs/\(id)/file", method: .get, headers: [:], body: nil)
            #expect(open.status == .ok && Array(open.body.readableBytesView) == Self.pdf)
            let gone = try await client.execute(uri: "/api/v1/register/proofs/\(id)", method: .delete, headers: dpo, body: nil)
            #expect(gone.status == .noContent)
            let after = try await client.execute(uri: "/api/v1/register/proofs/\(id)/file", method: .get, headers: f.headers(.dpo), body: nil)
            #expect(after.status == .notFound)
        }
    }

    @Test("the spreadsheet export and the Madis import (raw CSV and multipart, dry run, refusal of wrong columns)", arguments: Backend.all)
    func spreadsheetAndImport(_ backend: Backend) async throws {
        try await withServer(backend, uploadLimit: 8 << 20) { f, client in
            let dpo = f.headers(.dpo, csrf: true)
            let csv = try [UInt8](Data(contentsOf: Paths.fixture("register/madis-export.csv")))
            var raw = dpo
            raw[.contentType] = "text/csv"
            let dry = try await client.execute(uri: "/api/v1/register/import?organisation=ville&dry_run=true", method: .post, headers: raw,
                                               body: ByteBuffer(bytes: csv))
            #expect(dry.status == .ok, "\(dry.text.prefix(400))")
            RegisterAPITests.conforms(dry, "RegisterImportReport")
            #expect((dry.json["activities"] as? [[String: Any]])?.count == 3)
            let wrong = try await client.execute(uri: "/api/v1/register/import?organisation=ville", method: .post, headers: raw,
                                                 body: ByteBuffer(string: "Nom;Finalité;Couleur\nA;B;C\n"))
            #expect(wrong.status == .badRequest)
            #expect(wrong.errorCode == "register.import.columns")
            #expect(wrong.errorMessage?.contains("Colonnes trouvées : Nom ; Finalité ; Couleur") == true, "\(wrong.text)")
            let listed = try await client.json("/api/v1/register/activities?organisation=ville", headers: f.headers(.dpo))
            #expect((listed.json["activities"] as? [Any])?.isEmpty == true, "nothing imported by the dry run or the refusal")
            let done = try await client.multipart("/api/v1/register/import", headers: dpo, Multipart(
                fields: [("organisation", "ville")], file: ("file", "madis.csv", csv)))
            #expect(done.status == .created, "\(done.text.prefix(400))")

            let xlsx = try await client.execute(uri: "/api/v1/register/export.xlsx?organisation=ville", method: .get, headers: f.headers(.agent), body: nil)
            #expect(xlsx.status == .ok)
            #expect(xlsx.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(xlsx.headers[.contentDisposition]?.contains("registre-ville.xlsx") == true)
            #expect(try ProofFileKind.detect(Array(xlsx.body.readableBytesView)) == .xlsx)
        }
    }

    @Test("the portal: the proofs page uploads with its form (CSRF checked) and the import page shows the report", arguments: Backend.all)
    func pages(_ backend: Backend) async throws {
        try await withServer(backend, uploadLimit: 8 << 20) { f, client in
            let page = try await client.execute(uri: "/register/proofs", method: .get, headers: f.headers(.dpo), body: nil)
            #expect(page.status == .ok)
            #expect(page.text.contains("data-upload-next=\"/register/proofs/\"") && page.text.contains("Déposer une preuve"))
            let forged = try await client.multipart("/register/proofs", headers: f.headers(.dpo), Multipart(
                fields: [("_csrf", "faux"), ("organisation", "ville"), ("title", "Charte")], file: ("file", "charte.pdf", Self.pdf)))
            #expect(forged.status == .forbidden)
            let sent = try await client.multipart("/register/proofs", headers: f.headers(.dpo), Multipart(
                fields: [("_csrf", f.csrf(.dpo)), ("organisation", "ville"), ("type", "itCharter"), ("title", "Charte informatique")],
                file: ("file", "charte.pdf", Self.pdf)))
            #expect(sent.status == .seeOther, "\(sent.text.prefix(300))")
            let location = try #require(sent.headers[.location])
            #expect(location.hasPrefix("/register/proofs/"))
            let shown = try await client.execute(uri: location, method: .get, headers: f.headers(.dpo), body: nil)
            #expect(shown.status == .ok && shown.text.contains("Charte informatique") && shown.text.contains("SHA-256"))
            let bad = try await client.multipart("/register/proofs", headers: f.headers(.dpo), Multipart(
                fields: [("_csrf", f.csrf(.dpo)), ("organisation", "ville"), ("title", "Exécutable")], file: ("file", "x.pdf", [0x4D, 0x5A, 0x90, 0])))
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("Type de fichier non accepté"))

            let register = try await client.execute(uri: "/register", method: .get, headers: f.headers(.dpo), body: nil)
            #expect(register.text.contains("/api/v1/register/export.xlsx") && register.text.contains("/register/import"))
            let form = try await client.execute(uri: "/register/import", method: .get, headers: f.headers(.dpo), body: nil)
            #expect(form.status == .ok)
            let imported = try await client.multipart("/register/import", headers: f.headers(.dpo), Multipart(
                fields: [("_csrf", f.csrf(.dpo)), ("organisation", "ville")],
                file: ("file", "madis.csv", try [UInt8](Data(contentsOf: Paths.fixture("register/madis-export.csv"))))))
            #expect(imported.status == .created, "\(imported.text.prefix(300))")
            #expect(imported.text.contains("3 traitement(s) importé(s) en brouillon") && imported.text.contains("Restauration scolaire"))
            #expect(!imported.text.contains("⟦"), "every label is in the catalog")
            #expect(!shown.text.contains("⟦") && !page.text.contains("⟦"))
        }
    }
}
