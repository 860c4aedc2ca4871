import ArgumentParser
import Foundation
import SocleActions
import SocleCore

/// `socle breach …`: the breach register (GDPR art. 33/34) and its 72-hour clock. Run by the machine's
/// operator (the `cli` system principal); every change is audited.
struct BreachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "breach", abstract: "Registre des violations de données (RGPD) / data breach register.",
        subcommands: [List.self, Show.self, Create.self, Update.self, Notify.self, Inform.self])

    static let cli = Principal.system("cli")

    /// An instant from the command line (ISO 8601, or Paris time without an offset).
    static func instant(_ raw: String, field: String) throws -> Date {
        guard let d = BreachTime.parse(raw) else {
            throw SocleError(.invalidInput, code: "breach.bad_datetime", args: ["field": field, "value": String(raw.prefix(40))])
        }
        return d
    }

    static func print(_ e: BreachEntry, json: Bool) {
        if json { return Output.json(BreachDocument(e)) }
        let b = e.body
        let lang = Output.language
        let clock = BreachClock(b, now: Date())
        Output.line("#\(e.id) \(b.title) — \(e.organisation.name)")
        Output.line(Output.t("breach.cli.status", ["status": b.status.label(lang)]) + (e.archived ? " · " + Output.t("register.cli.archived") : ""))
        if let a = b.awareAt { Output.line(Output.t("breach.cli.aware", ["date": BreachTime.text(a)])) }
        if let d = clock.deadline { Output.line(Output.t("breach.cli.deadline", ["date": BreachTime.text(d)])) }
        Output.line((clock.overdue ? "⚠ " : "") + clock.text(lang))
        if let n = b.notification {
            Output.line(Output.t("breach.cli.notified", ["date": BreachTime.text(n.at), "reference": n.reference ?? "—"]))
        }
        for (i, c) in b.complementary.enumerated() {
            Output.line(Output.t("breach.cli.complementary", ["n": String(i + 1), "date": BreachTime.text(c.at)]))
        }
        if let r = b.notNotifiedReason { Output.line(Output.t("breach.cli.not_notified", ["reason": r])) }
        if let at = b.peopleInformedAt {
            Output.line(Output.t("breach.cli.informed", ["date": BreachTime.text(at), "means": b.peopleInformedMeans ?? ""]))
        } else if let r = b.peopleNotInformedReason {
            Output.line(Output.t("breach.cli.not_informed", ["reason": r]))
        }
        if !b.missing.isEmpty {
            Output.line(Output.t("breach.cli.missing", ["fields": b.missing.map { Catalog.shared.string("register.breachField.\($0)", language: lang) }
                .joined(separator: ", ")]))
        }
        if !b.datasets.isEmpty { Output.line(Output.t("breach.cli.datasets", ["datasets": b.datasets.joined(separator: ", ")])) }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Liste les violations, en cours d'abord / List breaches, open first.")
        @Option(name: .customLong("org"), help: "Only this organisation's register.") var organisation: String?
        @Flag(help: "Include archived breaches.") var archived = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let lang = Output.language
            let now = Date()
            let list = try await store.withPlatform { p in
                try await p.register.breaches.list(cli, organisation: organisation, includeArchived: archived, now: now)
            }
            if store.json { return Output.json(list.map { BreachDocument($0, now: now) }) }
            let rows = list.map { e -> [String] in
                let clock = BreachClock(e.body, now: now)
                return [String(e.id), e.organisation.slug, e.body.status.label(lang) + (e.body.missing.isEmpty ? "" : " (" + Output.t("breach.cli.incomplete") + ")"),
                        (clock.overdue ? "⚠ " : "") + clock.text(lang), e.body.title]
            }
            Table.print(header: Output.t("breach.cli.header"), rows: rows)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Montre une violation et son délai / Show a breach and its clock.")
        @Argument(help: "Breach number.") var id: Int64
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let e = try await store.withPlatform { p in try await p.register.breaches.breach(id, cli) }
            print(e, json: store.json)
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Enregistre une violation depuis un fichier JSON / Record a breach from a JSON file.")
        @Option(name: .customLong("org"), help: "Organisation whose register gets it.") var organisation: String
        @Option(help: "JSON file with the breach's fields (- for standard input); see docs/breaches.md.") var file: String
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let e = try await store.withPlatform { p in
                try await p.register.breaches.create(try RegisterCommand.read(DataBreach.self, file), organisation: organisation, by: cli)
            }
            if store.json { return Output.json(BreachDocument(e)) }
            Output.line(Output.t("breach.cli.created", ["id": String(e.id)]))
            print(e, json: false)
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "Remplace les champs d'une violation / Replace a breach's fields.")
        @Argument(help: "Breach number.") var id: Int64
        @Option(help: "JSON file with the breach's fields (- for standard input); unmentioned steps are kept.") var file: String
        @Flag(help: "Archive it.") var archive = false
        @Flag(help: "Restore it from the archive.") var restore = false
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let archived: Bool? = archive ? true : restore ? false : nil
            let e = try await store.withPlatform { p in
                try await p.register.breaches.update(id, json: try RegisterCommand.bytes(file), source: RegisterCommand.source(file),
                                                     archived: archived, by: cli)
            }
            print(e, json: store.json)
        }
    }

    struct Notify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "notify",
            abstract: "Enregistre la notification à la CNIL (initiale ou complémentaire), ou pourquoi elle n'est pas faite / Record the CNIL notification, or why not.")
        @Argument(help: "Breach number.") var id: Int64
        @Option(help: "When the CNIL was notified (ISO 8601, or Paris time: 2026-12-07T14:30).") var at: String?
        @Option(help: "The CNIL's reference of the notification.") var reference: String?
        @Option(help: "A note.") var note: String?
        @Flag(help: "A complementary notification (after the initial one).") var complementary = false
        @Option(name: .customLong("not-required"), help: "Do not notify: why the breach is unlikely to result in a risk.") var notRequired: String?
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let e = try await store.withPlatform { p in
                if let reason = notRequired {
                    return try await p.register.breaches.notNotified(id, reason: reason, by: cli)
                }
                guard let at else { throw SocleError(.invalidInput, code: "server.field_required", args: ["field": "--at"]) }
                return try await p.register.breaches.notify(id, BreachNotification(at: try instant(at, field: "--at"), reference: reference, note: note),
                                                            complementary: complementary, by: cli)
            }
            print(e, json: store.json)
        }
    }

    struct Inform: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inform", abstract: "Enregistre l'information des personnes, ou pourquoi elle n'est pas faite / Record that the people were informed, or why not.")
        @Argument(help: "Breach number.") var id: Int64
        @Option(help: "When the people were informed (ISO 8601, or Paris time).") var at: String?
        @Option(help: "How: letter, e-mail, notice…") var means: String?
        @Option(name: .customLong("not-informed"), help: "Why the people are not informed.") var notInformed: String?
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let e = try await store.withPlatform { p in
                try await p.register.breaches.inform(id, at: try at.map { try instant($0, field: "--at") }, means: means,
                                                     notInformedReason: notInformed, by: cli)
            }
            print(e, json: store.json)
        }
    }
}
