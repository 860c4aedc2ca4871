import Foundation
import HTTPTypes
import Hummingbird
import SocleActions
import SocleCore

/// `/api/v1/register/…` for the register's files: proofs (documents stored in the database, linked to
/// activities, processors and measures), the spreadsheet in the CNIL's model, and the import of a Madis export.
struct RegisterFilesAPIController {
    let state: ServerState
    var register: RegisterActions { state.register }

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("register/proofs", use: proofs)
        group.post("register/proofs", use: upload)
        group.get("register/proofs/{id}", use: proof)
        group.put("register/proofs/{id}", use: updateProof)
        group.delete("register/proofs/{id}", use: deleteProof)
        group.get("register/proofs/{id}/file", use: file)
        group.get("register/export.xlsx", use: spreadsheet)
        group.post("register/import", use: importMadis)
    }

    struct ProofJSON: Encodable {
        var id: Int64
        var organisation: String
        var archived: Bool
        var createdAt: Date
        var updatedAt: Date
        var mediaType: String
        var download: String
        var record: RegisterProof
        init(_ e: ProofEntry) {
            id = e.id
            organisation = e.organisation.slug
            archived = e.archived
            createdAt = e.createdAt
            updatedAt = e.updatedAt
            mediaType = e.body.mediaType
            download = "/api/v1/register/proofs/\(e.id)/file"
            record = e.body
        }
    }

    @Sendable func proofs(_ request: Request, context: SignedInContext) async throws -> Response {
        let q = request.uri.queryParameters
        var record: Int64?
        if let raw = q.get("record") {
            guard let n = Int64(raw), n >= 1 else {
                throw SocleError(.invalidInput, code: "register.bad_value", args: ["field": "record", "value": String(raw.prefix(20)), "known": "1, 2, 3…"])
            }
            record = n
        }
        let list = try await register.proofs(context.principal, organisation: q.get("organisation"),
                                             includeArchived: try RegisterAPIController.includeArchived(request), linkedTo: record)
        return try JSONOutput.response(["proofs": list.map(ProofJSON.init)])
    }

    @Sendable func proof(_ request: Request, context: SignedInContext) async throws -> Response {
        try JSONOutput.response(ProofJSON(try await register.proof(try context.parameters.require("id", as: Int64.self), context.principal)))
    }

    /// Multipart (`file` + the fields of `ProofInput`, `activities` etc. repeated or comma-separated), or the raw
    /// file with the fields in the query (`?organisation=&title=&type=&filename=`).
    @Sendable func upload(_ request: Request, context: SignedInContext) async throws -> Response {
        let (fields, staged) = try await RegisterFileUpload.receive(request, state: state, limit: Int64(RegisterActions.maxProofBytes), csrf: nil)
        defer { try? FileManager.default.removeItem(at: staged.url) }
        let input = try RegisterFileUpload.proofInput(fields)
        let slug = try fields.require("organisation")
        let bytes = [UInt8](try Data(contentsOf: staged.url))
        let e = try await register.addProof(input, fileName: staged.fileName, content: bytes, organisation: slug, by: context.principal)
        return try JSONOutput.response(ProofJSON(e), status: .created)
    }

    @Sendable func updateProof(_ request: Request, context: SignedInContext) async throws -> Response {
        let data = try await JSONOutput.body(request)
        var input: ProofInput?
        if !data.isEmpty { input = try JSONInput.decode(ProofInput.self, from: data, source: "JSON") }
        let e = try await register.updateProof(try context.parameters.require("id", as: Int64.self), input,
                                               archived: try RegisterAPIController.archivedParameter(request), by: context.principal)
        return try JSONOutput.response(ProofJSON(e))
    }

    @Sendable func deleteProof(_ request: Request, context: SignedInContext) async throws -> Response {
        try await register.deleteProof(try context.parameters.require("id", as: Int64.self), by: context.principal)
        return Response(status: .noContent)
    }

    @Sendable func file(_ request: Request, context: SignedInContext) async throws -> Response {
        let (e, bytes) = try await register.proofFile(try context.parameters.require("id", as: Int64.self), context.principal)
        return RegisterFileUpload.download(bytes, name: e.body.fileName, mediaType: e.body.mediaType)
    }

    /// `?organisation=` to keep one register, `?archived=true` to include archived activities.
    @Sendable func spreadsheet(_ request: Request, context: SignedInContext) async throws -> Response {
        let q = request.uri.queryParameters
        let list = try await register.activities(context.principal, organisation: q.get("organisation"),
                                                 includeArchived: try RegisterAPIController.includeArchived(request))
        let bytes = try await register.spreadsheet(list, principal: context.principal, language: context.language)
        return RegisterFileUpload.download(bytes, name: "registre-" + (q.get("organisation") ?? "traitements") + ".xlsx",
                                           mediaType: ProofFileKind.xlsx.mediaType)
    }

    /// A Madis CSV export, multipart (`file`) or raw (`text/csv`); `?organisation=` (or the form field), `?dry_run=true`.
    @Sendable func importMadis(_ request: Request, context: SignedInContext) async throws -> Response {
        let (fields, staged) = try await RegisterFileUpload.receive(request, state: state, limit: state.configuration.uploadLimit, csrf: nil)
        defer { try? FileManager.default.removeItem(at: staged.url) }
        let report = try await register.importMadis(file: staged.url, displayName: staged.fileName, organisation: try fields.require("organisation"),
                                                    dryRun: try RegisterFileUpload.flag(fields, "dry_run"), by: context.principal)
        return try JSONOutput.response(report, status: report.dryRun ? .ok : .created)
    }
}

/// `/api/v1/register/public/proofs/{id}/file`: a proof marked public, for anyone (a deliberation, a policy).
struct PublicRegisterFilesAPIController {
    let state: ServerState

    func addRoutes(to group: RouterGroup<SocleRequestContext>) {
        group.get("register/public/proofs/{id}/file", use: file)
    }

    @Sendable func file(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let (e, bytes) = try await state.register.proofFile(try context.parameters.require("id", as: Int64.self), .anonymous)
        return RegisterFileUpload.download(bytes, name: e.body.fileName, mediaType: e.body.mediaType)
    }
}

/// Receiving a register file (a proof, a Madis export) and sending one back.
enum RegisterFileUpload {
    /// The form fields (multipart text parts, else the query) and the file staged on disk; `csrf` is the
    /// session's token for portal forms (nil for the API, whose CSRF header is checked by the middleware).
    static func receive(_ request: Request, state: ServerState, limit: Int64, csrf: String?,
                        beforeFile: (FormFields) async throws -> Void = { _ in }) async throws -> (FormFields, StagedFile) {
        let receiver = UploadReceiver(directory: state.configuration.stagingDirectory, limit: limit, metrics: state.metrics)
        var fields = FormFields(urlEncoded: request.uri.query ?? "")
        let type = (request.headers[.contentType] ?? "").lowercased()
        if type.hasPrefix("multipart/form-data") {
            guard let boundary = MultipartParser.boundary(contentType: request.headers[.contentType] ?? "") else {
                throw SocleError(.invalidInput, code: "server.multipart_no_boundary")
            }
            let query = fields
            let (received, file) = try await receiver.receiveMultipart(request, boundary: boundary) { f in
                try CSRFMiddleware.checkMultipart(f, csrf)
                try await beforeFile(f)
            }
            fields = received
            for (name, values) in query.values where fields.values[name] == nil { for v in values { fields.append(name, v) } }
            guard let file else { throw SocleError(.invalidInput, code: "server.upload_no_file") }
            return (fields, file)
        }
        if csrf != nil { throw SocleError(.forbidden, code: "auth.csrf") }
        let file = try await receiver.receiveRaw(request, fileName: fields["filename"] ?? "document")
        return (fields, file)
    }

    /// The fields of a proof from a form: `type`, `title`, `date`, `comment`, `is_public`, and the linked ids
    /// (`activities`, `processors`, `measures`: repeated, or separated by commas).
    static func proofInput(_ f: FormFields) throws -> ProofInput {
        func ids(_ name: String) throws -> [Int64] {
            try (f.values[name] ?? []).flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                .map { raw in
                    guard let n = Int64(raw) else {
                        throw SocleError(.invalidInput, code: "register.bad_value", args: ["field": name, "value": String(raw.prefix(20)), "known": "1, 2, 3…"])
                    }
                    return n
                }
        }
        return ProofInput(type: try f["type"].map { try ProofType.parse($0, field: "type") } ?? .other, title: f["title"] ?? "",
                          date: f["date"], comment: f["comment"], isPublic: try flag(f, "is_public"),
                          activities: try ids("activities"), processors: try ids("processors"), measures: try ids("measures"))
    }

    static func flag(_ f: FormFields, _ name: String) throws -> Bool {
        switch f[name]?.lowercased() {
        case nil, "false", "0", "off": return false
        case "true", "1", "on": return true
        case let other?:
            throw SocleError(.invalidInput, code: "register.bad_value", args: ["field": name, "value": String(other.prefix(20)), "known": "true, false"])
        }
    }

    /// A file to save, never to render in the page's origin: `attachment`, its real type, `nosniff`.
    static func download(_ bytes: [UInt8], name: String, mediaType: String) -> Response {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        // RFC 5987: only ASCII letters, digits and `-._~` stay as they are.
        let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ascii
        var headers = HTTPFields()
        headers[.contentType] = mediaType
        headers[.contentDisposition] = "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Content-Security-Policy")!] = "sandbox; default-src 'none'"
        headers[.contentLength] = String(bytes.count)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
