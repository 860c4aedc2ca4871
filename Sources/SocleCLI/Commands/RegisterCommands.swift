import ArgumentParser
import Foundation
import SocleActions
import SocleCore

/// `socle register …`: the GDPR register of processing activities, with its processors and measures.
/// Run by the machine's operator (the `cli` system principal); every change is audited.
struct RegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register", abstract: "Registre des activités de traitement (RGPD) / GDPR register of processing activities.",
        subcommands: [List.self, Show.self, Create.self, Update.self, Archive.self, Duplicate.self, Proposals.self, Link.self,
                      Export.self, Public.self, Proof.self, Import.self, DashboardView.self, Notify.self])

    static let cli = Principal.system("cli")

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case activity, processor, measure
    }

    /// A JSON file (or `-` for standard input), as the API takes it.
    static func read<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
        try JSONInput.decode(T.self, from: try bytes(path), source: source(path))
    }

    static func source(_ path: String) -> String { path == "-" ? "stdin" : (path as NSString).lastPathComponent }

    /// The bytes of a JSON file (or standard input), at most 1 MiB.
    static func bytes(_ path: String) throws -> Data {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let d = FileManager.default.contents(atPath: path) else {
                throw SocleError(.invalidInput, code: "register.file_unreadable", args: ["path": path])
            }
            data = d
        }
        guard data.count <= 1 << 20 else {
            throw SocleError(.tooLarge, code: "register.file_too_large", args: ["source": path, "max": "1 Mio"])
        }
        return data
    }

    static func printActivity(_ e: ActivityEntry, datasets: [LinkedDataset]?, json: Bool) {
        if json {
            if let datasets { return Output.json(Detail(record: ActivityDocument(e), datasets: datasets)) }
            return Output.json(ActivityDocument(e))
        }
        let a = e.body
        let lang = Output.language
        Output.line("#\(e.id) \(a.name) — \(e.organisation.name)")
        Output.line(Output.t("register.cli.status", ["status": a.status.label(lang), "completeness": String(a.completeness)])
                    + (e.archived ? " · " + Output.t("register.cli.archived") : ""))
        if !a.missing.isEmpty {
            Output.line(Output.t("register.cli.missing", ["fields": a.missing.map { Catalog.shared.string("register.field.\($0)", language: lang) }
                .joined(separator: ", ")]))
        }
        for r in a.dpiaVerdict.reasons { Output.line(r.text(lang)) }
        for l in a.links { Output.line("  → \(l.dataset).\(l.column)" + (l.confirmedBy.map { " (\($0))" } ?? "")) }
        for d in datasets ?? [] where !d.exposed.isEmpty {
            Output.line(Output.t("register.cli.exposed", ["dataset": d.slug, "columns": d.exposed.joined(separator: ", ")]))
        }
    }

    struct Detail: Encodable {
        var record: ActivityDocument
        var datasets: [LinkedDataset]
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Liste les fiches / List records.")
        @Option(help: "activity, processor or measure.") var kind: Kind = .activity
        @Option(name: .customLong("org"), help: "Only this organisation's register.") var organisation: String?
        @Flag(help: "Include archived records.") var archived = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let lang = Output.language
            let rows: [[String]] = try await store.withPlatform { p in
                switch kind {
                case .activity:
                    let list = try await p.register.activities(cli, organisation: organisation, includeArchived: archived)
                    if store.json { Output.json(list.map { ActivityDocument($0) }); return [] }
                    return list.map { [String($0.id), $0.organisation.slug, $0.body.status.label(lang), "\($0.body.completeness) %", $0.body.name] }
                case .processor:
                    let list = try await p.register.processors(cli, organisation: organisation, includeArchived: archived)
                    if store.json { Output.json(list.map { Record(id: $0.id, organisation: $0.organisation.slug, archived: $0.archived, record: $0.body) }); return [] }
                    return list.map { [String($0.id), $0.organisation.slug, $0.body.openChecks.isEmpty ? "✓" : "\($0.body.openChecks.count) !", "", $0.body.name] }
                case .measure:
                    let list = try await p.register.measures(cli, organisation: organisation, includeArchived: archived)
                    if store.json { Output.json(list.map { Record(id: $0.id, organisation: $0.organisation.slug, archived: $0.archived, record: $0.body) }); return [] }
                    return list.map { [String($0.id), $0.organisation.slug, $0.body.status.label(lang), $0.body.due ?? "", $0.body.title] }
                }
            }
            if !store.json { Table.print(header: Output.t("register.cli.header"), rows: rows) }
        }
    }

    struct Record<B: Encodable>: Encodable {
        var id: Int64
        var organisation: String
        var archived: Bool
        var record: B
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Montre une activité et ses données / Show an activity and its data.")
        @Argument(help: "Activity number.") var id: Int64
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let (e, datasets) = try await store.withPlatform { p in
                let e = try await p.register.activity(id, cli)
                return (e, try await p.register.linkedDatasets(e))
            }
            printActivity(e, datasets: datasets, json: store.json)
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Crée une fiche depuis un fichier JSON / Create a record from a JSON file.")
        @Option(help: "activity, processor or measure.") var kind: Kind = .activity
        @Option(name: .customLong("org"), help: "Organisation whose register gets it.") var organisation: String
        @Option(help: "JSON file with the record's fields (- for standard input); see docs/register.md.") var file: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let id: Int64 = try await store.withPlatform { p in
                switch kind {
                case .activity:
                    let e = try await p.register.createActivity(try read(ProcessingActivity.self, file), organisation: organisation, by: cli)
                    if store.json { Output.json(ActivityDocument(e)) }
                    return e.id
                case .processor:
                    let e = try await p.register.createProcessor(try read(Processor.self, file), organisation: organisation, by: cli)
                    if store.json { Output.json(Record(id: e.id, organisation: e.organisation.slug, archived: false, record: e.body)) }
                    return e.id
                case .measure:
                    let e = try await p.register.createMeasure(try read(ProtectiveMeasure.self, file), organisation: organisation, by: cli)
                    if store.json { Output.json(Record(id: e.id, organisation: e.organisation.slug, archived: false, record: e.body)) }
                    return e.id
                }
            }
            if !store.json { Output.line(Output.t("register.cli.created", ["id": String(id)])) }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "Remplace les champs d'une fiche / Replace a record's fields.")
        @Argument(help: "Record number.") var id: Int64
        @Option(help: "activity, processor or measure.") var kind: Kind = .activity
        @Option(help: "JSON file with the record's fields (- for standard input).") var file: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withPlatform { p in
                switch kind {
                case .activity:
                    let e = try await p.register.updateActivity(id, json: try bytes(file), source: source(file), by: cli)
                    printActivity(e, datasets: nil, json: store.json)
                case .processor:
                    let e = try await p.register.updateProcessor(id, try read(Processor.self, file), by: cli)
                    if store.json { Output.json(Record(id: e.id, organisation: e.organisation.slug, archived: e.archived, record: e.body)) }
                case .measure:
                    let e = try await p.register.updateMeasure(id, try read(ProtectiveMeasure.self, file), by: cli)
                    if store.json { Output.json(Record(id: e.id, organisation: e.organisation.slug, archived: e.archived, record: e.body)) }
                }
            }
            if !store.json && kind != .activity { Output.line(Output.t("register.cli.updated", ["id": String(id)])) }
        }
    }

    struct Archive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "archive", abstract: "Archive (ou restaure) une activité / Archive (or restore) an activity.")
        @Argument(help: "Activity number.") var id: Int64
        @Flag(help: "Restore it instead.") var restore = false
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let e = try await store.withPlatform { p in try await p.register.archiveActivity(id, archived: !restore, by: cli) }
            printActivity(e, datasets: nil, json: store.json)
        }
    }

    struct Duplicate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "duplicate",
                                                        abstract: "Copie une activité dans d'autres organisations (brouillons) / Copy an activity into other organisations (drafts).")
        @Argument(help: "Activity number.") var id: Int64
        @Option(name: .customLong("into"), help: "Target organisation (repeat for several).") var organisations: [String] = []
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let copies = try await store.withPlatform { p in try await p.register.duplicateActivity(id, into: organisations, by: cli) }
            if store.json { return Output.json(copies.map { ActivityDocument($0) }) }
            for c in copies { Output.line(Output.t("register.cli.duplicated", ["id": String(c.id), "organisation": c.organisation.slug])) }
        }
    }

    struct Proposals: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "proposals",
                                                        abstract: "Colonnes à relier, d'après leur classement confirmé / Columns to link, from their confirmed classification.")
        @Argument(help: "Activity number.") var id: Int64
        @OptionGroup var store: StoreOptions
        struct Line: Encodable { var dataset: String; var column: String; var label: String; var category: String }
        func run() async throws {
            let list = try await store.withPlatform { p in try await p.register.proposals(id, cli) }
            if store.json { return Output.json(list.map { Line(dataset: $0.dataset, column: $0.column, label: $0.label, category: $0.category.rawValue) }) }
            if list.isEmpty { return Output.line(Output.t("register.cli.no_proposal")) }
            for l in list { Output.line("\(l.dataset):\(l.column)  (\(l.label) — \(l.category.label(Output.language)))") }
        }
    }

    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "link",
                                                        abstract: "Relie une activité à des colonnes (dataset:colonne) / Link an activity to columns (dataset:column).")
        @Argument(help: "Activity number.") var id: Int64
        @Option(help: "dataset:column to link (repeat).") var add: [String] = []
        @Option(help: "dataset:column to unlink (repeat).") var remove: [String] = []
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let (e, datasets) = try await store.withPlatform { p in
                let e = try await p.register.setLinks(id, add: try add.map(RegisterActions.columnRef), remove: try remove.map(RegisterActions.columnRef), by: cli)
                return (e, try await p.register.linkedDatasets(e))
            }
            printActivity(e, datasets: datasets, json: store.json)
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Exporte le registre (csv, json, xlsx) / Export the register.")
        @Option(name: .customLong("org"), help: "Only this organisation's register.") var organisation: String?
        @Option(help: "csv, json, or xlsx (the CNIL's model).") var format: String = "csv"
        @Option(help: "Write to this file instead of standard output.") var output: String?
        @Flag(help: "Include archived activities.") var archived = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let bytes: [UInt8] = try await store.withPlatform { p in
                let list = try await p.register.activities(cli, organisation: organisation, includeArchived: archived)
                switch format.lowercased() {
                case "csv": return p.register.csv(list, language: Output.language)
                case "json":
                    let e = JSONEncoder()
                    e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    e.dateEncodingStrategy = .iso8601
                    return Array(try e.encode(["activities": list.map { ActivityDocument($0) }])) + Array("\n".utf8)
                case "xlsx": return try await p.register.spreadsheet(list, principal: cli, language: Output.language)
                default:
                    throw SocleError(.invalidInput, code: "register.bad_value", args: ["field": "format", "value": String(format.prefix(20)), "known": "csv, json, xlsx"])
                }
            }
            if let output {
                try await Output.guarded { try Data(bytes).write(to: URL(fileURLWithPath: output), options: .atomic) }
            } else {
                FileHandle.standardOutput.write(Data(bytes))
            }
        }
    }

    struct Public: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "public", abstract: "Le registre public, en JSON / The public register, as JSON.")
        @Option(name: .customLong("org"), help: "Only this organisation.") var organisation: String?
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let list = try await store.withPlatform { p in try await p.register.publicActivities(organisation: organisation) }
            Output.json(["activities": list.map(PublicActivity.init)])
        }
    }
}
