import Foundation
import OpenAPIKit
@testable import SocleServer
import SocleTestSupport
import Testing

/// docs/api/openapi.json is the document the server serves, and it describes every API route.
@Suite("OpenAPI document")
struct OpenAPITests {
    static let file = Paths.packageRoot.appendingPathComponent("docs/api/openapi.json")

    @Test("docs/api/openapi.json matches the served document (SOCLE_WRITE_OPENAPI=1 rewrites it)")
    func inSync() throws {
        let served = Data(OpenAPIDocument.bytes)
        if ProcessInfo.processInfo.environment["SOCLE_WRITE_OPENAPI"] == "1" {
            try FileManager.default.createDirectory(at: Self.file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try served.write(to: Self.file)
        }
        let onDisk = try Data(contentsOf: Self.file)
        #expect(onDisk == served, "docs/api/openapi.json is stale: run SOCLE_WRITE_OPENAPI=1 swift test --filter OpenAPITests")
    }

    @Test("OpenAPIKit's validator accepts the document, with its optional checks too")
    func valid() throws {
        let validator = Validator()
            .validating(\.documentContainsPaths, \.pathsContainOperations, \.operationsContainResponses,
                        \.pathParametersAreDefined, \.schemaComponentsAreDefined)
            .validatingAllReferencesFoundInComponents()
        try OpenAPIDocument.document.validate(using: validator)
        // The validator is not vacuous: a dangling reference fails it.
        var broken = OpenAPIDocument.document
        broken.components.schemas["Location"] = nil
        #expect(throws: (any Swift.Error).self) { try broken.validate(using: validator) }
    }

    @Test("every API route is documented, every reference resolves")
    func complete() throws {
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.bytes)) as? [String: Any])
        #expect(doc["openapi"] as? String == "3.1.0")
        let paths = try #require(doc["paths"] as? [String: [String: Any]])
        let routes: [(String, String)] = [
            ("/api/v1/datasets", "get"), ("/api/v1/datasets", "post"), ("/api/v1/datasets/{slug}", "get"),
            ("/api/v1/datasets/{slug}", "put"), ("/api/v1/datasets/{slug}/upload", "post"),
            ("/api/v1/datasets/{slug}/publish", "post"), ("/api/v1/datasets/{slug}/unpublish", "post"),
            ("/api/v1/datasets/{slug}/revisions", "get"), ("/api/v1/datasets/{slug}/rows", "get"),
            ("/api/v1/datasets/{slug}/download.csv", "get"), ("/api/v1/jobs/{id}", "get"), ("/api/v1/inventory", "get"),
            ("/api/v1/inventory/import", "post"), ("/api/v1/audit", "get"), ("/healthz", "get"), ("/metrics", "get"),
            ("/api/v1/register/activities", "get"), ("/api/v1/register/activities", "post"),
            ("/api/v1/register/activities/{id}", "get"), ("/api/v1/register/activities/{id}", "put"),
            ("/api/v1/register/activities/{id}/archive", "post"), ("/api/v1/register/activities/{id}/restore", "post"),
            ("/api/v1/register/activities/{id}/duplicate", "post"), ("/api/v1/register/activities/{id}/proposals", "get"),
            ("/api/v1/register/activities/{id}/links", "post"), ("/api/v1/register/processors", "get"),
            ("/api/v1/register/processors", "post"), ("/api/v1/register/processors/{id}", "get"),
            ("/api/v1/register/processors/{id}", "put"), ("/api/v1/register/measures", "get"), ("/api/v1/register/measures", "post"),
            ("/api/v1/register/measures/{id}", "get"), ("/api/v1/register/measures/{id}", "put"), ("/api/v1/register/export", "get"),
            ("/api/v1/register/public", "get"), ("/api/v1/register/retention", "get"),
            ("/api/v1/register/retention/dry-run", "post"), ("/api/v1/register/retention/run", "post"),
            ("/api/v1/register/dashboard", "get"), ("/api/v1/notifications", "get"), ("/api/v1/notifications/{id}/read", "post"),
            ("/api/v1/notifications/read-all", "post"), ("/api/v1/schemas", "get"), ("/api/v1/datasets/{slug}/schema", "get"),
            ("/api/v1/datasets/{slug}/validate", "post"), ("/api/v1/datasets/{slug}/apply-schema", "post"),
        ]
        for (path, method) in routes { #expect(paths[path]?[method] != nil, "\(method) \(path) undocumented") }
        let schemas = try #require((doc["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let text = String(decoding: OpenAPIDocument.bytes, as: UTF8.self)
        let refs = text.components(separatedBy: "#/components/schemas/").dropFirst().map { $0.prefix { $0 != "\"" } }
        for r in refs { #expect(schemas[String(r)] != nil, "dangling $ref \(r)") }
    }
}
