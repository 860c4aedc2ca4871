import ArgumentParser
import Foundation
import SocleActions
import SocleCore

/// `socle inventory [show|import]`: the état des lieux from the command line.
struct InventoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory", abstract: "État des lieux des sources de données / Data source inventory.",
        subcommands: [Show.self, Import.self], defaultSubcommand: Show.self)

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show",
            abstract: "Couverture par organisation et par service / Coverage per organisation and service.")
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let rows = try await store.withPlatform { p in try await p.inventory.dashboard(for: .system("cli")) }
            if store.json { return Output.json(rows) }
            Table.print(header: Output.t("inventory.header"), rows: rows.map { c in
                [c.organisation, c.serviceName ?? "—", String(c.known), String(c.withOwner), String(c.withClassification),
                 String(c.withActivity), String(c.loaded), String(c.published)]
            })
            for c in rows where c.service == nil {
                for m in c.missing {
                    Output.line(Output.t("inventory.missing", ["dataset": m.dataset,
                        "lacks": m.lacks.map { Output.t("inventory.lacks.\($0)") }.joined(separator: ", ")]))
                }
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import",
            abstract: "Déclare les sources d'un tableur (une ligne par source) / Declare sources from a spreadsheet.")
        @Argument(help: "CSV, XLSX or ODS file, one row per source (titre, service, responsable, origine…).") var file: String
        @Option(help: "Organisation (slug).") var org: String
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let url = URL(fileURLWithPath: file)
            let declared = try await store.withPlatform { p in
                let o = try await p.directory.organisation(slug: org)
                return try await p.inventory.importInventory(file: url, displayName: url.lastPathComponent,
                                                                           organisation: o, by: .system("cli"))
            }
            if store.json { return Output.json(declared.map(\.slug)) }
            Output.line(Output.t("inventory.imported", ["count": String(declared.count), "org": org]))
            for d in declared { Output.line("  \(d.slug)  \(d.title)") }
        }
    }
}
