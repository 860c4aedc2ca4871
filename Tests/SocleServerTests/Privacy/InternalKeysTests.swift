import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SocleActions
import SocleCore
import SocleServer
import SocleStore
import SocleTestSupport
import Testing

/// No internal key on a French page: the demo territory's privacy, audit, register and dataset pages,
/// read by its DPO, show labels, never the codes behind them (`birthDate`, `restricted`, `user:2`…).
/// Only the « détails » disclosures of the audit log may show codes and hashes.
@Suite("No internal key on the DPO's pages")
struct InternalKeysTests {
    /// Codes a reader must never see: the camel-cased data categories, the English level names, actor codes
    /// and action codes.
    static let forbidden: [String] = {
        var words = DataCategory.allCases.map(\.rawValue).filter { $0.contains(where: \.isUppercase) }
        words += ["restricted", "personal", "sensitive", "internal"]
        return words
    }()
    static let forbiddenPatterns = [#"\b(user|token|system):[0-9a-z]+"#,
                                    #"\b(dataset|privacy|register|request|subject|retention|session|organisation|service)\.[a-z_]+\b"#]

    /// The text a reader sees: no script, style, disclosure of raw details, tag or attribute.
    static func visibleText(_ html: String) -> String {
        var s = html
        for pattern in [#"(?s)<script.*?</script>"#, #"(?s)<style.*?</style>"#, #"(?s)<details.*?</details>"#, #"<[^>]*>"#] {
            s = s.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return s
    }

    static func leaks(_ html: String) -> [String] {
        let text = visibleText(html)
        var out = forbidden.filter { word in text.range(of: "\\b\(word)\\b", options: .regularExpression) != nil }
        for p in forbiddenPatterns {
            if let r = text.range(of: p, options: .regularExpression) { out.append(String(text[r])) }
        }
        return out
    }

    @Test("the demo's privacy, audit, register and dataset pages show no internal key", arguments: Backend.all)
    func demoPages(_ backend: Backend) async throws {
        ServerStrings.register()
        let test = try await TestStore.make(backend)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("socle-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            let configuration = ServerConfiguration(dataDirectory: dir, territoryName: "Démo", logLevel: .critical)
            _ = try await DemoTerritory(store: test.store).create()
            let dpo = try #require(try await test.store.users().first { $0.email.hasPrefix("dpo@") })
            let (cookie, _) = try await AccountActions(store: test.store).openSession(for: dpo)
            let headers: HTTPFields = [.cookie: "socle_session=\(cookie)"]
            var uris = ["/admin/audit", "/register"]
            var derivedOrPersonal: [String] = []
            for d in try await test.store.datasets() {
                uris.append("/datasets/\(d.slug)")
                // A dataset only declared (no data loaded) has no privacy page: 404 there is right.
                if d.currentRevision != nil { uris.append("/datasets/\(d.slug)/privacy") }
                if let cols = try await PrivacyActions(store: test.store).statuses(d)?.columns, cols.contains(where: { $0.effective != .public }) {
                    derivedOrPersonal.append(d.slug)
                }
            }
            uris += derivedOrPersonal.prefix(2).map { "/datasets/\($0)/anonymise" }
            let app = try await buildApplication(configuration: configuration,
                                                 platform: Platform(store: test.store, secretsDirectory: configuration.secretsDirectory))
            let pages = uris
            try await app.test(.router) { client in
                for uri in pages {
                    let r = try await client.execute(uri: uri, method: .get, headers: headers)
                    #expect(r.status == .ok, "\(uri)")
                    let leaks = Self.leaks(String(buffer: r.body))
                    #expect(leaks.isEmpty, "\(uri): \(leaks)")
                }
            }
        } catch {
            await test.close()
            throw error
        }
        await test.close()
    }

    @Test("the check itself finds a key in visible text, not in attributes or details")
    func detector() {
        #expect(Self.leaks("<p>Catégorie : birthDate</p>") == ["birthDate"])
        #expect(Self.leaks("<p class=\"level-personal\" data-x=\"restricted\">Données personnelles</p>").isEmpty)
        #expect(Self.leaks("<details><code>dataset.publish</code> user:2</details><p>Marie a publié</p>").isEmpty)
        #expect(Self.leaks("<td>user:2</td>") == ["user:2"])
    }
}
