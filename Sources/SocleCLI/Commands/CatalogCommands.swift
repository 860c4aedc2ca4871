import ArgumentParser
import Foundation
import SocleActions
import SocleCore

/// `socle datasets`: the datasets of the catalog.
struct DatasetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets", abstract: "Liste les jeux de données / List datasets.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let list = try await store.withPlatform { try await $0.queries.datasets() }
        if store.json { return Output.json(list) }
        CLIStrings.register()
        if list.isEmpty { return Output.line(Output.t("datasets.none")) }
        Table.print(header: Output.t("datasets.header"), rows: list.map {
            [$0.slug, $0.organisation, $0.currentRevision.map(String.init) ?? "-",
             $0.rows.map(Format.integer) ?? "-", $0.title]
        })
    }
}

/// `socle revisions SLUG`: the revision history of a dataset.
struct RevisionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revisions", abstract: "Historique des révisions d'un jeu de données / Revision history.")

    @Argument(help: "Dataset identifier.") var slug: String
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let list = try await store.withPlatform { try await $0.queries.revisions(slug) }
        if store.json { return Output.json(list) }
        CLIStrings.register()
        Table.print(header: Output.t("revisions.header"), rows: list.map {
            [String($0.number), $0.current ? Output.t("yes") : "", $0.createdAt.formatted(.iso8601),
             Format.integer($0.rows), $0.file, $0.encoding ?? "-", String($0.sha256.prefix(12))]
        })
    }
}

/// `socle show SLUG`: the first rows of the current (or a given) revision.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Affiche les lignes d'un jeu de données / Show rows of a dataset.")

    @Argument(help: "Dataset identifier.") var slug: String
    @Option(help: "Revision number (default: the current one).") var revision: Int?
    @Option(help: "Number of rows (at most 10000).") var limit: Int = 20
    @Option(help: "Rows to skip.") var offset: Int = 0
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let page = try await store.withPlatform {
            try await $0.queries.rows(slug, revision: revision, limit: limit, offset: offset)
        }
        let names = page.columns.map(\.name)
        if store.json {
            var text = "{\n  \"total\": \(page.total),\n  \"rows\": ["
            text += page.rows.map { "\n    " + JSONCLI.object(names, $0) }.joined(separator: ",")
            text += page.rows.isEmpty ? "]\n}" : "\n  ]\n}"
            return Output.line(text)
        }
        CLIStrings.register()
        Table.print(header: names.joined(separator: "|"), rows: page.rows.map { $0.map { $0.text ?? "" } })
        Output.line(Output.t("show.footer", ["shown": String(page.rows.count), "total": Format.integer(page.total)]))
    }
}

/// Plain-text table output with aligned columns (cells truncated to 40 characters).
enum Table {
    static func print(header: String, rows: [[String]]) {
        let head = header.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        let all = [head] + rows.map { $0.map { clip($0) } }
        let count = all.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: count)
        for r in all { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        for r in all {
            Output.line(r.enumerated().map { i, c in c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
    }

    static func clip(_ s: String) -> String {
        let flat = s.replacingOccurrences(of: "\n", with: "⏎")
        return flat.count > 40 ? String(flat.prefix(39)) + "…" : flat
    }
}
