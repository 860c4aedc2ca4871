import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SocleActions
import SocleCore
import SocleIngest
import SocleServer
import SocleStore
import SocleTestSupport
import Testing

/// Who sends a request in the server tests. Persons act through a session cookie, tokens through
/// `Authorization: Bearer`. Roles are in organisation "ville" unless said otherwise.
enum Who: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case anonymous, agent, steward, dpo, admin
    /// Read-only and read-write tokens of the steward of "ville".
    case tokenRead, tokenWrite
    /// The administrator of the other organisation, "autre".
    case otherAdmin
    var testDescription: String { rawValue }
}

/// A store with two organisations, one person per role, tokens (read, write, expired, revoked) and
/// open sessions, and the configuration of a server on it.
struct ServerFixture: Sendable {
    let test: TestStore
    let configuration: ServerConfiguration
    let ville: Organisation
    let autre: Organisation
    let users: [Who: User]
    /// Session cookie and CSRF token per person.
    let sessions: [Who: (cookie: String, csrf: String)]
    let tokens: [Who: String]
    let expiredToken: String
    let revokedToken: String
    static let password = "mot-de-passe-de-test"

    var store: any SocleStore { test.store }

    static func make(_ backend: Backend, uploadLimit: Int64 = 1 << 20) async throws -> ServerFixture {
        ServerStrings.register()
        let test = try await TestStore.make(backend)
        let system = Principal.system("test")
        let accounts = AccountActions(store: test.store)
        let ville = try await accounts.createOrganisation(slug: "ville", name: "Ville de Test",
                                                          profile: OrganisationProfile(kind: .commune), by: system)
        let autre = try await accounts.createOrganisation(slug: "autre", name: "Autre commune",
                                                          profile: OrganisationProfile(kind: .commune), by: system)
        _ = try await accounts.createService(in: ville, slug: "urbanisme", name: "Urbanisme", by: system)
        // A cheap bcrypt cost: the fixture creates many accounts; the login test checks the real path.
        let hash = Secrets.hashPassword(password, cost: 4)
        var users: [Who: User] = [:]
        let people: [(Who, Role, Organisation)] = [(.agent, .agent, ville), (.steward, .steward, ville), (.dpo, .dpo, ville),
                                                   (.admin, .admin, ville), (.otherAdmin, .admin, autre)]
        for (who, role, org) in people {
            let u = try await test.store.createUser(email: "\(who.rawValue)@\(org.slug).test", name: who.rawValue.capitalized,
                                                    passwordHash: hash)
            try await test.store.setMembership(userId: u.id, organisationId: org.id, role: role)
            users[who] = try await test.store.user(id: u.id)
        }
        var sessions: [Who: (String, String)] = [:]
        for (who, _, _) in people {
            let (cookie, s) = try await accounts.openSession(for: users[who]!)
            sessions[who] = (cookie, s.csrfToken)
        }
        let steward = users[.steward]!
        var tokens: [Who: String] = [:]
        tokens[.tokenRead] = try await accounts.createToken(for: steward, organisation: ville, canWrite: false, datasets: nil,
                                                            expiresIn: nil, by: system).secret
        tokens[.tokenWrite] = try await accounts.createToken(for: steward, organisation: ville, canWrite: true, datasets: nil,
                                                             expiresIn: 3600, by: system).secret
        let expired = try await accounts.createToken(for: steward, organisation: ville, canWrite: true, datasets: nil,
                                                     expiresIn: 60, by: system, now: Date().addingTimeInterval(-3600)).secret
        let revoked = try await accounts.createToken(for: steward, organisation: ville, canWrite: true, datasets: nil,
                                                     expiresIn: nil, by: system)
        try await accounts.revokeToken(id: revoked.token.id, by: system)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("socle-server-\(UUID().uuidString)")
        let configuration = ServerConfiguration(dataDirectory: dir, uploadLimit: uploadLimit, territoryName: "Territoire de test",
                                                jobPollInterval: .milliseconds(100), logLevel: .critical)
        return ServerFixture(test: test, configuration: configuration, ville: ville, autre: autre, users: users,
                             sessions: sessions, tokens: tokens, expiredToken: expired, revokedToken: revoked.secret)
    }

    func close() async {
        await test.close()
        try? FileManager.default.removeItem(at: configuration.dataDirectory)
    }

    /// Headers identifying `who`; `csrf` adds the session's `X-CSRF-Token` (API writes with a cookie).
    func headers(_ who: Who, csrf: Bool = false, _ extra: HTTPFields = [:]) -> HTTPFields {
        var h = extra
        if who == .anonymous {
            h[.cookie] = "socle_csrf=\(Self.anonymousCSRF)"
        } else if let t = tokens[who] {
            h[.authorization] = "Bearer \(t)"
        } else if let s = sessions[who] {
            h[.cookie] = "socle_session=\(s.cookie)"
            if csrf { h[HTTPField.Name("X-CSRF-Token")!] = s.csrf }
        }
        return h
    }

    /// The CSRF token a form of `who` must carry.
    func csrf(_ who: Who) -> String { who == .anonymous ? Self.anonymousCSRF : sessions[who]?.csrf ?? "" }

    /// The double-submit token of an anonymous visitor (the `socle_csrf` cookie set by any page).
    static let anonymousCSRF = "jeton-anonyme-de-test"

    // MARK: datasets made without the API (setup of the permission and visibility tests)

    /// Declares a dataset in "ville" and, when `rows` is given, loads a CSV into it; `publish` makes it
    /// public and published.
    @discardableResult
    func dataset(_ slug: String, title: String = "Jeu de test", csv: String? = nil, publish: Bool = false,
                 in org: Organisation? = nil) async throws -> Dataset {
        let system = Principal.system("test")
        let catalog = CatalogActions(store: store)
        _ = try await catalog.declare(slug: slug, title: title, organisation: org ?? ville, metadata: DatasetMetadata(), by: system)
        if let csv {
            let file = try Paths.tempFile("\(slug).csv", Array(csv.utf8))
            defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
            _ = try await IngestAction(store: store).run(
                IngestRequest(file: file, datasetSlug: slug, options: ReaderOptions(displayName: "\(slug).csv")))
        }
        var d = try await store.dataset(slug: slug)!
        if publish {
            try await catalog.update(d, title: title, metadata: Self.publishable, by: system)
            d = try await store.dataset(slug: slug)!
            // A person reviewed the columns: none is personal.
            let privacy = PrivacyActions(store: store)
            for c in try await privacy.statuses(d)?.columns ?? [] {
                _ = try await privacy.classify(d, column: c.name, as: .public, category: nil, by: system)
            }
            try await catalog.publish(d, by: system)
        }
        return try await store.dataset(slug: slug)!
    }

    /// Metadata that passes the publication gate.
    static let publishable = DatasetMetadata(description: "Un jeu de données de test.", licence: .etalab2,
                                             accessLevel: .public, classification: .public)

    static let csv = "commune;population\nVire;12000\nCaen;105000\nBayeux;13000\n"
}

/// Runs `body` against a fresh server on `backend`, driving the real router in process.
func withServer(_ backend: Backend, uploadLimit: Int64 = 1 << 20,
                _ body: @Sendable (ServerFixture, any TestClientProtocol) async throws -> Void) async throws {
    let f = try await ServerFixture.make(backend, uploadLimit: uploadLimit)
    do {
        let app = try await buildApplication(configuration: f.configuration, platform: Platform(store: f.store, secretsDirectory: f.configuration.secretsDirectory))
        try await app.test(.router) { client in try await body(f, client) }
    } catch {
        await f.close()
        throw error
    }
    await f.close()
}

// MARK: request helpers

extension TestResponse {
    var text: String { String(buffer: body) }
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    var errorMessage: String? { (json["error"] as? [String: Any])?["message"] as? String }
    /// The value of a `Set-Cookie` header for `name` (attributes included).
    func setCookie(_ name: String) -> String? {
        headers[values: .setCookie].first { $0.hasPrefix(name + "=") }
    }
}

/// A `multipart/form-data` body: text fields then one file, as a browser sends it.
struct Multipart {
    static let boundary = "----SocleTestBoundary7MA4YWxkTrZu0gW"
    var fields: [(String, String)] = []
    var file: (name: String, filename: String, bytes: [UInt8])?

    var contentType: String { "multipart/form-data; boundary=\(Self.boundary)" }

    var body: ByteBuffer {
        var b = ByteBuffer()
        for (k, v) in fields {
            b.writeString("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n")
        }
        if let f = file {
            b.writeString("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"\(f.name)\"; filename=\"\(f.filename)\"\r\n"
                          + "Content-Type: text/csv\r\n\r\n")
            b.writeBytes(f.bytes)
            b.writeString("\r\n")
        }
        b.writeString("--\(Self.boundary)--\r\n")
        return b
    }
}

extension TestClientProtocol {
    func json(_ uri: String, _ method: HTTPRequest.Method = .get, headers: HTTPFields = [:], _ body: Any? = nil) async throws -> TestResponse {
        var h = headers
        var buffer: ByteBuffer?
        if let body {
            h[.contentType] = "application/json"
            buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
        }
        return try await execute(uri: uri, method: method, headers: h, body: buffer)
    }

    func multipart(_ uri: String, headers: HTTPFields, _ form: Multipart) async throws -> TestResponse {
        var h = headers
        h[.contentType] = form.contentType
        return try await execute(uri: uri, method: .post, headers: h, body: form.body)
    }

    func form(_ uri: String, headers: HTTPFields, _ fields: [(String, String)]) async throws -> TestResponse {
        var h = headers
        h[.contentType] = "application/x-www-form-urlencoded"
        let text = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        return try await execute(uri: uri, method: .post, headers: h, body: ByteBuffer(string: text))
    }

    /// Polls a job until it succeeds or fails (120 s at most: a loaded two-core machine running the whole suite
    /// once took more than 20 s to start a small upload's job).
    func waitForJob(_ id: Int, headers: HTTPFields) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let r = try await execute(uri: "/api/v1/jobs/\(id)", method: .get, headers: headers)
            let status = r.json["status"] as? String
            if status == "succeeded" || status == "failed" { return r.json }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("job \(id) did not finish in time")
        return [:]
    }
}
