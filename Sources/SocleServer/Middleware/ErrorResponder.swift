import Foundation
import Hummingbird
import Logging
import SocleCore
import SocleWeb

/// Turns any error into the response the client expects: JSON `{"error": {"code", "message",
/// "location"}}` under `/api/`, an HTML error page elsewhere, in the reader's language.
struct ErrorResponder: Sendable {
    let pages: Pages

    struct Body: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
            var location: SourceLocation?
        }
        var error: Detail
        var reasons: [String]?
        var reasonCodes: [String]?
        var requestId: String
    }

    static func wantsJSON(_ request: Request) -> Bool {
        let path = request.uri.path
        if path.hasPrefix("/api/") || path == "/healthz" || path == "/metrics" { return true }
        let accept = request.headers[.accept] ?? ""
        return accept.contains("application/json") && !accept.contains("text/html")
    }

    func response(for error: any Error, _ request: Request, _ context: SocleRequestContext) -> Response {
        let d = ErrorDescription(error, language: context.language, requestId: context.requestId)
        if d.unexpected {
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
        } else {
            context.logger.info("refused", metadata: ["status": "\(d.status.code)", "code": "\(d.code)"])
        }
        if Self.wantsJSON(request) {
            let body = Body(error: .init(code: d.code, message: d.message, location: d.location), reasons: d.reasons,
                            reasonCodes: d.reasonCodes, requestId: context.requestId)
            var response = (try? JSONOutput.response(body, status: d.status)) ?? Response(status: d.status)
            if d.status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"socle\"" }
            return response
        }
        // A page that needs a signed-in person: go and sign in, then come back.
        if d.status == .unauthorized, request.method == .get {
            let next = request.uri.description
            let location = PortalPaths.login + "?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")
            return Response.redirect(to: location, type: .normal)
        }
        let detail = d.reasons.map { d.message + "\n" + $0.joined(separator: "\n") } ?? d.message
        do {
            return try pages.render(ErrorPage(status: Int(d.status.code), detail: detail), request, context, status: d.status)
        } catch {
            // The error page itself failed (a template problem): a bare, escaped page still says what happened.
            context.logger.error("error page failed", metadata: ["error": "\(error)"])
            return Pages.html("<!DOCTYPE html><html lang=\"\(context.language.rawValue)\"><meta charset=\"utf-8\"><title>\(d.status.code)</title><p>"
                              + HTMLEscape.text(d.message) + "</p></html>", status: d.status)
        }
    }
}

/// Escaping for the few strings the server writes into HTML itself (the portal's templates escape theirs).
enum HTMLEscape {
    static func text(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
