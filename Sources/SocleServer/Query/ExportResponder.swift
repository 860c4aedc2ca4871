import Foundation
import Hummingbird
import SocleActions
import SocleCore

/// Streams an export (`ExportAction`): the HTTP parameters, the access rule, validators, then the bytes
/// piped to the socket. Everything that can be refused (unknown format, bad filter) is refused before the
/// first byte; a failure after it cuts the connection, which clients see as an incomplete download.
struct ExportResponder {
    let state: ServerState
    static let flushBytes = 256 * 1024

    func respond(_ request: Request, _ context: SocleRequestContext, format text: String, slug: String? = nil,
                 params given: QueryParameters? = nil) async throws -> Response {
        let params = try given ?? QueryParameters(request)
        let slug = try slug ?? context.parameters.require("slug")
        let name = text
        if let d = params.nonEmpty("dialect"), d != "excel-fr" {
            throw SocleError(.invalidInput, code: "server.bad_choice", args: ["field": "dialect", "value": String(d.prefix(40)), "allowed": "excel-fr"])
        }
        if let l = params.nonEmpty("labels"), l != "true", l != "false" {
            throw SocleError(.invalidInput, code: "server.bad_choice", args: ["field": "labels", "value": String(l.prefix(40)), "allowed": "true, false"])
        }
        let grant = try await state.policy.grant(slug, for: context.principal)
        let export = try ExportAction(reads: state.reads).prepare(
            grant, try params.recordsRequest(), format: name, excelFrench: params["dialect"] == "excel-fr",
            useLabels: params["labels"] == "true")
        let validators = ConditionalGET(grant: grant, request: request, variant: export.variant)
        return try await validators.respond(request, context) {
            // The query starts when the body is written, not before: a response whose body is never written
            // (HEAD, a client gone before the first byte) must not leave a producer holding a connection.
            let body = ResponseBody { writer in
                let bytes = export.bytes.makeAsyncIterator()
                do {
                    while let chunk = try await bytes.next() {
                        try await writer.write(ByteBuffer(bytes: chunk))
                    }
                    try await writer.finish(nil)
                } catch {
                    await bytes.cancel()
                    throw error
                }
            }
            return Response(status: .ok, headers: [
                .contentType: export.mediaType,
                .contentDisposition: "attachment; filename=\"\(export.fileName)\"",
            ], body: body)
        }
    }
}
