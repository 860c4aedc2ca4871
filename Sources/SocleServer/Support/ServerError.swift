import Foundation
import Hummingbird
import NIOHTTP1
import SocleActions
import SocleCore

/// A refusal whose HTTP status is not implied by a `SocleError` kind (415 Unsupported Media Type…).
public struct ServerError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var error: SocleError

    public init(_ status: HTTPResponse.Status, _ error: SocleError) {
        self.status = status
        self.error = error
    }

    static func unsupportedMediaType(_ received: String?, accepted: String) -> ServerError {
        ServerError(.unsupportedMediaType, SocleError(.invalidInput, code: "server.unsupported_media_type",
                                                      args: ["type": received ?? "—", "accepted": accepted]))
    }
}

/// Any error, as the client will see it: status, catalog code, message in the reader's language.
struct ErrorDescription: Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var location: SourceLocation?
    /// Why a publication was refused, one message per reason.
    var reasons: [String]?
    /// The same reasons' catalog codes (`publish.blocked.lineage.unreviewed`…), for programs.
    var reasonCodes: [String]?
    /// Unexpected errors are logged with their detail; users get the request id instead.
    var unexpected: Bool = false

    init(_ error: any Error, language: Language, requestId: String) {
        switch error {
        case let e as SocleError:
            self.init(status: Self.status(e.kind), e, language)
        case let e as ServerError:
            self.init(status: e.status, e.error, language)
        case let refusal as PublicationRefusal:
            let reasons = refusal.reasons.map { $0.message(language) }
            let e = SocleError(.conflict, code: "publish.refused", args: ["reasons": reasons.joined(separator: " ; ")])
            self.init(status: .conflict, e, language)
            self.reasons = reasons
            reasonCodes = refusal.reasons.map(\.code)
        case let e as any HTTPResponseError:
            let code: String
            switch e.status.code {
            case 404: code = "server.not_found"
            case 405: code = "server.method_not_allowed"
            case 413: code = "server.body_too_large"
            case 400: code = "server.bad_request"
            default: code = "server.http_error"
            }
            self.init(status: e.status, SocleError(.invalidInput, code: code, args: ["status": String(e.status.code)]), language)
        case is HTTPParserError:
            // A malformed request body (a bad chunk size…) is the client's error, not ours (finding 13).
            self.init(status: .badRequest, SocleError(.invalidInput, code: "server.malformed_body"), language)
        case let e as DecodingError:
            self.init(status: .badRequest, SocleError(.invalidInput, code: "server.bad_json",
                                                      args: ["detail": JSONInput.describe(e)]), language)
        default:
            self.init(status: .internalServerError,
                      SocleError(.internalError, code: "server.internal", args: ["request_id": requestId]), language)
            unexpected = true
        }
    }

    private init(status: HTTPResponse.Status, _ e: SocleError, _ language: Language) {
        self.status = status
        code = e.code
        message = e.message(language)
        location = e.location
    }

    static func status(_ kind: SocleError.Kind) -> HTTPResponse.Status {
        switch kind {
        case .invalidInput: return .badRequest
        case .unauthorized: return .unauthorized
        case .forbidden: return .forbidden
        case .notFound: return .notFound
        case .conflict: return .conflict
        case .tooLarge: return .contentTooLarge
        case .unavailable: return .serviceUnavailable
        case .internalError: return .internalServerError
        }
    }
}
