import ArgumentParser
import Foundation
import SocleActions
import SocleCore

/// `socle retention …`: the retention rules of the register enforced (GDPR.md §5). Run by the machine's
/// operator (the `cli` system principal); every removal is audited with its proof.
struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention", abstract: "Durées de conservation appliquées / Retention rules enforced.",
        subcommands: [Run.self, Rules.self, Runs.self])

    static let cli = Principal.system("cli")

    /// JSON as the API writes it (snake_case keys, ISO dates).
    static func json<T: Encodable>(_ value: T) {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        e.keyEncodingStrategy = .convertToSnakeCase
        if let data = try? e.encode(value) {
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
        }
    }

    /// One line per rule and dataset, in words.
    static func describe(_ o: RetentionOutcome) -> String {
        let lang = Output.language
        var text = Output.t("retention.cli.outcome", [
            "activity": o.activity, "id": String(o.activityId), "rule": String(o.rule),
            "duration": ISODuration.describe(o.duration, lang), "fate": o.fate.label(lang),
            "dataset": o.dataset.isEmpty ? "—" : o.dataset])
        if let problem = o.problem { return text + " : " + Output.t(problem) }
        text += " " + Output.t("retention.cli.cutoff", ["column": o.dateColumn ?? "", "cutoff": o.cutoff])
        text += " : " + Output.t("retention.cli.rows", ["rows": String(o.rows), "done": Output.t(o.done)])
        if !o.tables.isEmpty {
            text += "\n    " + o.tables.map { t in
                Output.t("retention.cli.table", ["revision": String(t.revision), "rows": String(t.matched),
                                                 "sample": t.sample.map(String.init).joined(separator: ", ") + (t.matched > Int64(t.sample.count) ? "…" : "")])
            }.joined(separator: " ; ")
        }
        if let n = o.newRevision { text += "\n    " + Output.t("retention.cli.new_revision", ["revision": String(n)]) }
        if o.undated > 0 { text += "\n    " + Output.t("retention.cli.undated", ["rows": String(o.undated)]) }
        if let file = o.file { text += "\n    " + Output.t("retention.cli.file", ["file": file]) }
        if !o.sha256.isEmpty { text += "\n    " + Output.t("retention.cli.proof", ["sha256": o.sha256]) }
        return text
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run", abstract: "Applique les règles (ou les simule) / Apply the rules (or simulate them).")
        @Flag(help: "Only list the rows that would go; change nothing.") var dryRun = false
        @Option(name: .customLong("org"), help: "Only this organisation's rules.") var organisation: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let result = try await store.withPlatform { p in
                try await p.retention.run(RetentionCommand.cli, dryRun: dryRun, organisation: organisation, trigger: "cli")
            }
            if store.json { return RetentionCommand.json(result) }
            Output.line(Output.t(dryRun ? "retention.cli.dry_run" : "retention.cli.run", ["rows": String(result.rows)]))
            if result.outcomes.isEmpty { Output.line(Output.t("retention.cli.no_rules")) }
            for o in result.outcomes { Output.line("  " + RetentionCommand.describe(o)) }
        }
    }

    struct Rules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rules", abstract: "Liste les règles et leur portée / List the rules and their scope.")
        @Option(name: .customLong("org"), help: "Only this organisation's rules.") var organisation: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let scopes = try await store.withPlatform { p in try await p.retention.scopes(RetentionCommand.cli, organisation: organisation) }
            if store.json { return RetentionCommand.json(scopes) }
            let lang = Output.language
            if scopes.isEmpty { Output.line(Output.t("retention.cli.no_rules")) }
            for s in scopes {
                Output.line(Output.t("retention.cli.outcome", ["activity": s.activity, "id": String(s.activityId), "rule": String(s.rule),
                                                               "duration": ISODuration.describe(s.retention.duration, lang),
                                                               "fate": s.retention.fate.label(lang), "dataset": s.targets.map(\.dataset).joined(separator: ", ")]))
                if let p = s.problem { Output.line("    " + Output.t(p)) }
                for t in s.targets {
                    Output.line("    " + t.dataset + (t.dateColumn.map { ".\($0)" } ?? "") + (t.problem.map { " : " + Output.t($0) } ?? ""))
                }
            }
        }
    }

    struct Runs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "runs", abstract: "Dernières exécutions / Last runs.")
        @Option(name: .customLong("org"), help: "Only this organisation's runs.") var organisation: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let runs = try await store.withPlatform { p in try await p.retention.runs(RetentionCommand.cli, organisation: organisation) }
            if store.json { return RetentionCommand.json(runs.map(\.run)) }
            for r in runs {
                Output.line(Output.t("retention.cli.past_run", ["at": r.run.at.formatted(.iso8601), "organisation": r.organisation.name,
                                                                "trigger": r.run.trigger, "rows": String(r.run.rows)]))
                for o in r.run.outcomes { Output.line("  " + RetentionCommand.describe(o)) }
            }
        }
    }
}
