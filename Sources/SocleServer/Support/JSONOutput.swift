import Foundation
import Hummingbird
import SocleActions

/// JSON in and out of the API: snake_case keys, ISO 8601 dates, sorted keys (stable diffs and tests).
enum JSONOutput {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.dateEncodingStrategy = .iso8601
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    /// Accepts snake_case and camelCase keys alike.
    static var decoder: JSONDecoder { JSONInput.decoder }

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A body already in JSON (the OpenAPI document).
    static func raw(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Reads a small JSON body (415 when it is not JSON, 413 above 1 MiB).
    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        try decoder.decode(T.self, from: try await body(request))
    }

    /// The bytes of a small JSON body (415 when it is not JSON, 413 above 1 MiB).
    static func body(_ request: Request) async throws -> Data {
        let contentType = request.headers[.contentType]
        guard let contentType, contentType.lowercased().hasPrefix("application/json") else {
            throw ServerError.unsupportedMediaType(contentType, accepted: "application/json")
        }
        let buffer = try await request.body.collect(upTo: 1 << 20)
        return Data(buffer.readableBytesView)
    }
}
