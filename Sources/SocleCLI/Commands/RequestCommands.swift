import ArgumentParser
import Foundation
import SocleActions
import SocleCore

/// `socle request …`: data-subject requests (GDPR art. 15–22), by legal due date. Run by the machine's
/// operator (the `cli` system principal); every change is audited and written to the request's history.
struct RequestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request", abstract: "Demandes d'exercice de droits (RGPD) / data-subject requests (GDPR).",
        subcommands: [List.self, Show.self, Create.self, Transition.self, Extend.self, Answer.self, Identity.self, Event.self])

    static let cli = Principal.system("cli")

    static func print(_ e: RequestEntry, json: Bool, token: String? = nil) {
        let lang = Output.language
        if json {
            struct Created: Encodable {
                var request: RequestDocument
                var trackingToken: String
            }
            if let token { return Output.json(Created(request: RequestDocument(e, language: lang), trackingToken: token)) }
            return Output.json(RequestDocument(e, language: lang))
        }
        let r = e.body
        let today = RequestCalendar.today()
        Output.line("#\(e.id) \(r.right.label(lang)) — \(r.requester) <\(r.contact)> — \(e.organisation.name)")
        Output.line(Output.t("request.cli.state", ["state": r.state.label(lang), "received": r.received, "due": r.due]))
        if r.isOverdue(today: today) { Output.line(Output.t("request.cli.overdue", ["n": String(-r.daysLeft(today: today))])) }
        else if r.isDueSoon(today: today) { Output.line(Output.t("request.cli.due_soon", ["n": String(r.daysLeft(today: today))])) }
        if let x = r.extended { Output.line(Output.t("request.cli.extended", ["notified": x.notified, "reason": x.reason])) }
        let ids = r.identifiers.usable.map { Catalog.shared.string("request.identifier.\($0)", language: lang) }
        Output.line(ids.isEmpty ? Output.t("request.cli.no_identifier") : Output.t("request.cli.identifiers", ["list": ids.joined(separator: ", ")]))
        if let a = r.answer { Output.line(Output.t("request.cli.answer", ["date": a.date, "channel": a.channel.label(lang), "text": a.text])) }
        if let reason = r.refusal { Output.line(Output.t("request.cli.refusal", ["reason": reason])) }
        for ev in r.events { Output.line("  \(ISO8601DateFormatter().string(from: ev.at))  \(ev.text(lang)) (\(ev.actor))") }
        if let token { Output.line(Output.t("request.cli.token", ["token": token])) }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Liste les demandes par échéance / List requests by due date.")
        @Option(name: .customLong("org"), help: "Only this organisation's requests.") var organisation: String?
        @Option(help: "dueSoon (7 days or less) or overdue.") var reminder: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let lang = Output.language
            let today = RequestCalendar.today()
            let list: [RequestEntry] = try await store.withPlatform { p in
                switch reminder {
                case nil: return try await p.requests.list(cli, organisation: organisation)
                case "dueSoon": return try await p.requests.dueSoon(cli).filter { organisation == nil || $0.organisation.slug == organisation }
                case "overdue": return try await p.requests.overdue(cli).filter { organisation == nil || $0.organisation.slug == organisation }
                case let other?:
                    throw SocleError(.invalidInput, code: "register.bad_value", args: ["field": "reminder", "value": other, "known": "dueSoon, overdue"])
                }
            }
            if store.json { return Output.json(["requests": list.map { RequestDocument($0, language: lang) }]) }
            Table.print(header: Output.t("request.cli.header"), rows: list.map { e in
                let r = e.body
                let flag = r.isOverdue(today: today) ? " ⚠" : r.isDueSoon(today: today) ? " ⏰" : ""
                return [String(e.id), r.due + flag, r.right.label(lang), r.state.label(lang), e.organisation.slug, r.requester]
            })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Montre une demande et son historique / Show a request and its history.")
        @Argument(help: "Request number.") var id: Int64
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let e = try await store.withPlatform { p in try await p.requests.get(id, cli) }
            RequestCommand.print(e, json: store.json)
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create",
                                                        abstract: "Enregistre une demande reçue (courrier, courriel, accueil) / Record a received request.")
        @Option(name: .customLong("org"), help: "Organisation the request is for.") var organisation: String
        @Option(help: "access, rectification, erasure, restriction, objection, portability, withdrawConsent.") var right: String
        @Option(help: "The requester's name.") var requester: String
        @Option(help: "E-mail address to answer to.") var contact: String
        @Option(help: "Day received, YYYY-MM-DD (today by default).") var received: String?
        @Option(help: "publicForm, email, post, counter, phone, other.") var channel: String = "post"
        @Option(help: "Identifier: e-mail known to the organisation.") var email: String?
        @Option(help: "Identifier: phone number.") var phone: String?
        @Option(help: "Identifier: NIR.") var nir: String?
        @Option(help: "Identifier: name in the files (with --birth-date).") var name: String?
        @Option(help: "Identifier: birth date, YYYY-MM-DD.") var birthDate: String?
        @Option(help: "Identifier: licence plate.") var plate: String?
        @Option(help: "The request's text.") var message: String = ""
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let (e, token) = try await store.withPlatform { p in
                let input = RequestInput(right: try SubjectRight.parse(right, field: "right"), requester: requester, contact: contact,
                                         identifiers: SubjectIdentifiers(email: email, phone: phone, nir: nir, name: name, birthDate: birthDate, plate: plate),
                                         message: message, received: received, channel: try RequestChannel.parse(channel, field: "channel"))
                return try await p.requests.create(input, organisation: organisation, by: cli)
            }
            RequestCommand.print(e, json: store.json, token: token)
        }
    }

    struct Transition: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "transition", abstract: "Change l'état d'une demande / Move a request to another state.")
        @Argument(help: "Request number.") var id: Int64
        @Argument(help: "toHandle, awaitingIdentity, awaitingClarification, awaitingService, refused.") var state: String
        @Option(help: "Why it is refused (required to refuse).") var reason: String?
        @Option(help: "A note for the history.") var note: String?
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let e = try await store.withPlatform { p in
                try await p.requests.transition(id, to: try RequestState.parse(state, field: "state"), reason: reason, note: note, by: cli)
            }
            RequestCommand.print(e, json: store.json)
        }
    }

    struct Extend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "extend",
                                                        abstract: "Prolonge le délai de deux mois (notifié dans le premier mois) / Extend by two months.")
        @Argument(help: "Request number.") var id: Int64
        @Option(help: "Day the person was told, YYYY-MM-DD.") var notified: String
        @Option(help: "The reason given to the person.") var reason: String
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let e = try await store.withPlatform { p in try await p.requests.extend(id, notified: notified, reason: reason, by: cli) }
            RequestCommand.print(e, json: store.json)
        }
    }

    struct Answer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "answer", abstract: "Enregistre la réponse et clôt la demande / Record the answer and close.")
        @Argument(help: "Request number.") var id: Int64
        @Option(help: "The answer sent.") var text: String
        @Option(help: "Day sent, YYYY-MM-DD (today by default).") var date: String?
        @Option(help: "email, post, counter, phone, other.") var channel: String = "email"
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let e = try await store.withPlatform { p in
                try await p.requests.answer(id, text: text, date: date ?? RequestCalendar.today(), channel: try RequestChannel.parse(channel, field: "channel"), by: cli)
            }
            RequestCommand.print(e, json: store.json)
        }
    }

    struct Identity: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "identity", abstract: "Enregistre la vérification d'identité / Record the identity check.")
        @Argument(help: "Request number.") var id: Int64
        @Option(help: "How the identity was checked.") var method: String
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let e = try await store.withPlatform { p in try await p.requests.confirmIdentity(id, method: method, by: cli) }
            RequestCommand.print(e, json: store.json)
        }
    }

    struct Event: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "event", abstract: "Ajoute une étape à l'historique / Add a step to the history.")
        @Argument(help: "Request number.") var id: Int64
        @Option(help: "A short lowercase word: note, search, package, erasure…") var kind: String = "note"
        @Option(help: "What happened.") var summary: String
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let e = try await store.withPlatform { p in try await p.requests.recordEvent(id, kind: kind, summary: summary, by: cli) }
            RequestCommand.print(e, json: store.json)
        }
    }
}
