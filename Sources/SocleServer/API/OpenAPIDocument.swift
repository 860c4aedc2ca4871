import Foundation

/// The OpenAPI 3.1 description of the API (served at `/api/v1/openapi.json`, copied to docs/api/openapi.json).
enum OpenAPIDocument {
    static let bytes: [UInt8] = Array("{}".utf8)
}
