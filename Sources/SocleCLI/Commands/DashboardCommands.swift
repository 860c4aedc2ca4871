import ArgumentParser
import Foundation
import SocleActions
import SocleCore

extension RegisterCommand {
    /// `socle register dashboard [--json]`: the DPO's dashboard over every organisation's register (the operator
    /// sees them all), in words or as the API's JSON.
    struct DashboardView: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dashboard", abstract: "Tableau de bord du DPO / The DPO's dashboard.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let board = try await store.withPlatform { p in try await p.dashboard.dashboard(RegisterCommand.cli) }
            if store.json { return RetentionCommand.json(board) }
            let lang = Output.language
            func section(_ key: String, _ lines: [String]) {
                Output.line(Output.t("dashboard.cli.\(key)", ["n": String(lines.count)]))
                for l in lines { Output.line("  " + l) }
            }
            section("requests", board.requests.map { r in
                let right = SubjectRight(rawValue: r.right)?.label(lang) ?? r.right
                return Output.t(r.overdue ? "dashboard.cli.request_overdue" : "dashboard.cli.request",
                                ["id": String(r.id), "right": right, "organisation": r.organisation, "due": r.due, "days": String(r.daysLeft)])
            })
            section("breaches", board.breaches.map { b in
                Output.t(b.overdue ? "dashboard.cli.breach_overdue" : "dashboard.cli.breach",
                         ["id": String(b.id), "title": b.title, "organisation": b.organisation,
                          "hours": String(format: "%.1f", abs(b.hoursLeft ?? 0))])
            })
            section("dpias", board.missingDpias.map { "#\($0.id) \($0.name) — \($0.organisation)" })
            section("activities", board.incompleteActivities.map { a in
                "#\(a.id) \(a.name) — \(a.organisation) · \(a.completeness) %"
                    + (a.missing.isEmpty ? "" : " · " + a.missing.map { Catalog.shared.string("register.field.\($0)", language: lang) }.joined(separator: ", "))
            })
            section("unreviewed", board.unreviewedDatasets.map { "\($0.slug) — \($0.organisation) : \($0.columns.joined(separator: ", "))" })
            section("unlinked", board.unlinkedDatasets.map { "\($0.slug) — \($0.organisation) : \($0.columns.joined(separator: ", "))" })
            section("retention", board.retentionRuns.map { r in
                Output.t("dashboard.cli.run", ["at": r.at.formatted(.iso8601), "organisation": r.organisation,
                                               "trigger": r.dryRun ? "dry-run" : r.trigger, "rows": String(r.rows), "problems": String(r.problems)])
            })
        }
    }

    /// `socle register notify [--json]`: stores the notifications of the events not notified yet (the server does
    /// it every minute); with `SOCLE_SMTP_URL` set, their e-mails go into the outbox that `socle serve` sends.
    struct Notify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "notify", abstract: "Crée les notifications des DPO / Create the DPOs' notifications.")
        @OptionGroup var store: StoreOptions

        struct Result: Encodable { var stored: Int }

        func run() async throws {
            let env = ProcessInfo.processInfo.environment
            let mail = !(env["SOCLE_SMTP_URL"] ?? "").isEmpty
            let n = try await store.withPlatform { p in
                try await p.notifications.sweep(mail: mail, baseURL: env["SOCLE_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 })
            }
            if store.json { return RetentionCommand.json(Result(stored: n)) }
            Output.line(Output.t("dashboard.cli.notified", ["n": String(n)]))
        }
    }
}
