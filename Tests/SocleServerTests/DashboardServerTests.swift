import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import SocleActions
import SocleCore
@testable import SocleServer
import SocleStore
import SocleTestSupport
import Testing

/// The DPO's dashboard, notifications and e-mail with the real router and a local SMTP sink, on both backends:
/// a public data-subject request becomes an in-app notification for the DPO and an e-mail in the sink; a refused
/// e-mail is retried; the API (in its OpenAPI shapes), the pages, the header's counter, the CSRF-protected POSTs.
@Suite("Dashboard, notifications and e-mail")
struct DashboardServerTests {
    static func platform(_ f: ServerFixture) -> Platform {
        Platform(store: f.store, secretsDirectory: f.configuration.secretsDirectory)
    }

    static func submit(_ p: Platform) async throws -> RequestEntry {
        try await p.requests.submit(RequestInput(right: .access, requester: "Jean Martin", contact: "jean.martin@example.org",
                                                 message: "Je souhaite une copie de mes données."),
                                    organisation: "ville", client: "192.0.2.7").0
    }

    @Test("a new public request: an in-app notification for the DPO and an e-mail in the SMTP sink, once", arguments: Backend.all)
    func mail(_ backend: Backend) async throws {
        let f = try await ServerFixture.make(backend)
        defer { Task { await f.close() } }
        let sink = try SMTPSink()
        defer { sink.stop() }
        let p = Self.platform(f)
        let request = try await Self.submit(p)
        var smtp = SMTPConfiguration(host: "127.0.0.1", port: sink.port, username: "socle", password: "secret", from: "DPO Socle <dpo@territoire.test>")
        smtp.timeout = 30
        let service = NotificationService(notifications: p.notifications, smtp: smtp, baseURL: "https://data.territoire.test",
                                          interval: .seconds(60), logger: Logger(label: "test"))
        await service.round()

        let dpo = Principal.user(f.users[.dpo]!)
        let inApp = try await p.notifications.list(dpo, language: .french)
        #expect(inApp.map(\.kind) == ["request_new"])
        #expect(inApp.first?.href == "/register/requests/\(request.id)")
        #expect(try await p.notifications.list(.user(f.users[.agent]!), language: .french).isEmpty)

        let mails = sink.messages.filter { $0.recipients == ["dpo@ville.test"] }
        #expect(mails.count == 1, "\(sink.messages.map(\.recipients))")
        let m = try #require(mails.first)
        #expect(m.from == "dpo@territoire.test")
        #expect(m.auth == "\u{0}socle\u{0}secret")
        #expect(m.header("Subject") == "[Socle] Nouvelle demande d'exercice de droits")
        #expect(m.header("To") == "dpo@ville.test" && m.header("From") == "DPO Socle <dpo@territoire.test>")
        #expect(m.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(m.header("Content-Transfer-Encoding") == "quoted-printable")
        #expect(m.header("Message-ID")?.hasSuffix("@territoire.test>") == true)
        #expect(m.header("Date")?.hasSuffix("+0000") == true)
        #expect(m.body.contains("Nouvelle demande d'exercice de droits n° \(request.id) (Accès) pour Ville de Test"), "\(m.body)")
        #expect(m.body.contains("https://data.territoire.test/register/requests/\(request.id)"))
        #expect(m.body.contains("New data-subject request no. \(request.id)"), "English second")
        // The administrator of "ville" keeps the register too; nobody of "autre" hears of it.
        #expect(sink.messages.contains { $0.recipients == ["admin@ville.test"] })
        #expect(!sink.messages.contains { $0.recipients.contains { $0.hasSuffix("@autre.test") || $0 == "agent@ville.test" } })

        let count = sink.messages.count
        await service.round()
        #expect(sink.messages.count == count, "sent once: nothing new, nothing resent")
    }

    @Test("a refused e-mail stays in the outbox and is sent at its retry; an unreachable server is logged, not thrown", arguments: Backend.all)
    func retry(_ backend: Backend) async throws {
        let f = try await ServerFixture.make(backend)
        defer { Task { await f.close() } }
        let sink = try SMTPSink(refuse: 1)
        defer { sink.stop() }
        let p = Self.platform(f)
        _ = try await Self.submit(p)
        let now = Date()
        #expect(try await p.notifications.sweep(now: now, mail: true) == 2, "the DPO and the administrator of ville")
        let mailer = SMTPMailer(SMTPConfiguration(host: "127.0.0.1", port: sink.port, from: "dpo@territoire.test"))
        let first = await p.notifications.deliver(via: mailer, from: "dpo@territoire.test", now: now)
        #expect(first.sent == 1 && first.retried == 1)
        #expect(first.errors.first?.contains("451") == true, "\(first.errors)")
        let early = await p.notifications.deliver(via: mailer, from: "dpo@territoire.test", now: now.addingTimeInterval(30))
        #expect(early.sent == 0 && early.retried == 0, "not before its retry time")
        let later = await p.notifications.deliver(via: mailer, from: "dpo@territoire.test", now: now.addingTimeInterval(61))
        #expect(later.sent == 1)
        #expect(Set(sink.messages.flatMap(\.recipients)) == ["dpo@ville.test", "admin@ville.test"])

        // Nobody listens: the failure is recorded for a later attempt.
        let closed = try SMTPSink()
        closed.stop()
        _ = try await p.notifications.sweep(now: now, mail: true, baseURL: nil) // nothing new
        _ = try await p.register.breaches.create(BreachActionsTestsShim.breach(), organisation: "ville", by: .user(f.users[.dpo]!), now: now)
        #expect(try await p.notifications.sweep(now: now, mail: true) == 2)
        let down = await p.notifications.deliver(via: SMTPMailer(SMTPConfiguration(host: "127.0.0.1", port: closed.port, from: "dpo@territoire.test")),
                                                 from: "dpo@territoire.test", now: now)
        #expect(down.sent == 0 && down.retried == 2 && down.errors.count == 2)
    }

    @Test("the message format: RFC 2047 subject, quoted-printable body, dot-stuffing through a real exchange")
    func format() async throws {
        let subject = "Demande bientôt à échéance — une très longue ligne d'objet qui dépasse largement soixante-quinze caractères"
        let encoded = MailFormat.encodedWord(subject)
        #expect(encoded.hasPrefix("=?utf-8?B?"))
        let words = encoded.components(separatedBy: "\r\n ")
        #expect(words.count > 1 && words.allSatisfy { $0.count <= 75 }, "\(words)")
        let decoded = words.map { w in String(decoding: Data(base64Encoded: String(w.dropFirst(10).dropLast(2)))!, as: UTF8.self) }.joined()
        #expect(decoded == subject)
        #expect(MailFormat.encodedWord("Plain ASCII\r\nBcc: x@y") == "Plain ASCIIBcc: x@y", "no header injection")
        #expect(MailFormat.quotedPrintable("été = 1") == "=C3=A9t=C3=A9 =3D 1")
        let long = MailFormat.quotedPrintable(String(repeating: "é", count: 40))
        #expect(long.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })

        let sink = try SMTPSink()
        defer { sink.stop() }
        let body = "Ligne normale\n.ligne qui commence par un point\n.\nfin"
        try await SMTPMailer(SMTPConfiguration(host: "127.0.0.1", port: sink.port, from: "a@b.test"))
            .send(MailMessage(from: "a@b.test", to: ["c@d.test"], subject: subject, body: body))
        let m = try #require(sink.messages.first)
        #expect(m.body == body.replacingOccurrences(of: "\n", with: "\r\n"), "\(m.body)")
        #expect(m.auth == nil, "no AUTH without a user")
    }

    @Test("SMTP URLs: user, password and port read; bad ones refused in French")
    func configuration() throws {
        let c = try SMTPConfiguration(url: "smtp://mairie%40ville.fr:p%3Ass@relais.ville.fr:2525", from: "DPO <dpo@ville.fr>")
        #expect(c.host == "relais.ville.fr" && c.port == 2525 && c.username == "mairie@ville.fr" && c.password == "p:ss")
        #expect(try SMTPConfiguration(url: "smtp://localhost", from: "dpo@ville.fr").port == 25)
        ServerStrings.register()
        for bad in ["http://localhost", "smtp://", "localhost:25"] {
            #expect(throws: SocleError.self) { try SMTPConfiguration(url: bad, from: "dpo@ville.fr") }
        }
        do {
            _ = try SMTPConfiguration(url: "smtp://localhost", from: "personne")
            Issue.record("a sender without @ is refused")
        } catch let e as SocleError {
            #expect(e.message(.french).contains("Adresse d'expéditeur invalide"))
        }
    }

    @Test("API and pages: the dashboard (OpenAPI shape), notifications, the header's counter, mark read with CSRF", arguments: Backend.all)
    func surfaces(_ backend: Backend) async throws {
        let f = try await ServerFixture.make(backend)
        defer { Task { await f.close() } }
        let p = Self.platform(f)
        let request = try await Self.submit(p)
        _ = try await p.notifications.sweep()
        let app = try await buildApplication(configuration: f.configuration, platform: p)
        try await app.test(.router) { client in
            let dpo = f.headers(.dpo, csrf: true)
            let board = try await client.json("/api/v1/register/dashboard", headers: dpo)
            #expect(board.status == .ok, "\(board.text.prefix(500))")
            RegisterAPITests.conforms(board, "Dashboard")
            let requests = try #require(board.json["requests"] as? [[String: Any]])
            #expect(requests.first?["id"] as? Int == Int(request.id) && requests.first?["href"] as? String == "/register/requests/\(request.id)")
            #expect(try await client.json("/api/v1/register/dashboard", headers: f.headers(.agent)).status == .forbidden)
            #expect(try await client.json("/api/v1/register/dashboard").status == .unauthorized)

            let list = try await client.json("/api/v1/notifications", headers: dpo)
            RegisterAPITests.conforms(list, "NotificationList")
            #expect(list.json["unread"] as? Int == 1)
            let id = try #require((list.json["notifications"] as? [[String: Any]])?.first?["id"] as? Int)

            let page = try await client.execute(uri: "/register/dashboard", method: .get, headers: f.headers(.dpo))
            #expect(page.status == .ok)
            #expect(page.text.contains("Tableau de bord du DPO") && page.text.contains("/register/requests/\(request.id)"))
            #expect(page.text.contains("class=\"bell-count\" aria-hidden=\"true\">1<"), "the header's counter")
            #expect(page.text.contains("href=\"/register/dashboard\""), "the register's entry lands on the dashboard")
            let english = try await client.execute(uri: "/register/dashboard?lang=en", method: .get, headers: f.headers(.dpo))
            #expect(english.text.contains("DPO dashboard"))
            #expect(try await client.execute(uri: "/register/dashboard", method: .get, headers: f.headers(.agent)).status == .forbidden)

            let notifications = try await client.execute(uri: "/notifications", method: .get, headers: f.headers(.dpo))
            #expect(notifications.text.contains("Nouvelle demande d") && notifications.text.contains("/notifications/\(id)/read"))
            let noCSRF = try await client.form("/notifications/\(id)/read", headers: f.headers(.dpo), [])
            #expect(noCSRF.status == .forbidden)
            let read = try await client.form("/notifications/\(id)/read", headers: f.headers(.dpo), [("_csrf", f.csrf(.dpo))])
            #expect(read.status == .seeOther)
            #expect(p.notifications.unreadCount(.user(f.users[.dpo]!)) == 0)
            let marked = try await client.json("/api/v1/notifications/read-all", .post, headers: f.headers(.admin, csrf: true))
            #expect(marked.json["marked"] as? Int == 1, "the administrator's own notification")
            RegisterAPITests.conforms(marked, "NotificationsMarked")
            let again = try await client.json("/api/v1/notifications/\(id)/read", .post, headers: dpo)
            #expect(again.json["marked"] as? Int == 0)
        }
    }
}

/// A breach the register accepts (aware an hour ago).
enum BreachActionsTestsShim {
    static func breach() -> DataBreach {
        DataBreach(title: "Courriel mal adressé", awareAt: Date().addingTimeInterval(-3600), natures: [.confidentiality], categories: [.identity],
                   people: [.residents])
    }
}
