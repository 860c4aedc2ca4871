import ArgumentParser
import Foundation
import SocleActions
import SocleCore

/// `socle query SLUG --where … --select … --group-by … --order-by … --limit N`: the records API from
/// the command line (as an operator: the current revision, every column).
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query", abstract: "Interroge un jeu de données (langage ODSQL) / Query a dataset (ODSQL).")

    @Argument(help: "Dataset identifier.") var slug: String
    @Option(name: .customLong("where"), help: "Filter, e.g. \"compteur = 'X2' and date >= date'2024-01-01'\".") var filter: String?
    @Option(help: "Columns or aggregates, e.g. \"hour(date) as h, sum(passages)\".") var select: String?
    @Option(name: .customLong("group-by"), help: "Grouping terms.") var groupBy: String?
    @Option(name: .customLong("order-by"), help: "Sort terms, e.g. \"passages desc\".") var orderBy: String?
    @Option(help: "Rows per page (at most 10000).") var limit: Int?
    @Option(help: "Rows to skip.") var offset: Int?
    @Option(help: "Facet refinement field:value (repeatable).") var refine: [String] = []
    @Option(help: "Export every matching row in this format to stdout (csv, excel-fr, json, ndjson, geojson, xlsx).") var export: String?
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let request = RecordsRequest(select: select, filter: filter, groupBy: groupBy, orderBy: orderBy, limit: limit,
                                     offset: offset, refine: refine)
        try await store.withPlatform { p in
            let grant = try await p.policy.grant(slug, for: .system("cli"))
            if let export {
                let prepared = try ExportAction(reads: p.reads).prepare(grant, request, format: export)
                for try await chunk in prepared.bytes { FileHandle.standardOutput.write(Data(chunk)) }
                return
            }
            let page = try await p.reads.records(grant, request)
            if store.json {
                var text = "{\n  \"total_count\": \(page.totalCount),\n  \"next\": \(page.next.map { "\"\($0)\"" } ?? "null"),\n  \"results\": ["
                text += page.rows.map { "\n    " + JSONCLI.object(page.columns, $0) }.joined(separator: ",")
                text += page.rows.isEmpty ? "]\n}" : "\n  ]\n}"
                return Output.line(text)
            }
            Table.print(header: page.columns.joined(separator: "|"), rows: page.rows.map { $0.map { $0.text ?? "" } })
            Output.line(Output.t("query.footer", ["shown": String(page.rows.count), "total": Format.integer(page.totalCount),
                                                  "description": page.description]))
        }
    }
}
