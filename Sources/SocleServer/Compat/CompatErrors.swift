import Foundation
import Hummingbird
import SocleCore

/// Shapes errors the way the imitated APIs do, so that their clients recognise them: Opendatasoft's
/// `{"error_code", "message"}` and CKAN's `{"help", "success": false, "error": {"__type", "message"}}`.
/// Statuses and messages (in the reader's language) come from the same `ErrorDescription` as the
/// native API; unexpected errors are logged and answered with the request id only.
enum CompatErrors {
    /// The Opendatasoft error body for any error.
    static func ods(_ error: any Error, language: Language, context: SocleRequestContext) -> Response {
        let d = describe(error, language: language, context: context)
        let code: String
        if d.code.hasPrefix("query.") || d.code.hasPrefix("ods.catalog_") {
            code = "ODSQLError"
        } else {
            switch d.status.code {
            case 404: code = "NotFoundResource"
            case 401, 403: code = "AuthenticationError"
            case 400: code = "InvalidRESTParameterError"
            case 503: code = "ServiceUnavailable"
            default: code = d.status.code >= 500 ? "InternalServerError" : "BadRequest"
            }
        }
        return CompatJSON.object([("error_code", .string(code)), ("message", .string(d.message))]).response(status: d.status)
    }

    /// The CKAN error body for any error of `action`.
    static func ckan(_ error: any Error, action: String, language: Language, context: SocleRequestContext) -> Response {
        let d = describe(error, language: language, context: context)
        let type: String
        if d.code == "ckan.unknown_action" {
            type = "Bad Request"
        } else if d.code.hasPrefix("ckan.search.") {
            type = "Search Query Error"
        } else {
            switch d.status.code {
            case 404: type = "Not Found Error"
            case 401, 403: type = "Authorization Error"
            case 400, 409, 413, 415: type = "Validation Error"
            default: type = "Internal Server Error"
            }
        }
        let body = CompatJSON.object([
            ("help", .string(CKANController.helpURL(action))),
            ("success", .bool(false)),
            ("error", .object([("__type", .string(type)), ("message", .string(d.message))])),
        ])
        return body.response(status: d.status)
    }

    private static func describe(_ error: any Error, language: Language, context: SocleRequestContext) -> ErrorDescription {
        let d = ErrorDescription(error, language: language, requestId: context.requestId)
        if d.unexpected {
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
        } else {
            context.logger.info("refused", metadata: ["status": "\(d.status.code)", "code": "\(d.code)"])
        }
        return d
    }
}
