import ArgumentParser
import Foundation
import SocleActions
import SocleCore

extension RegisterCommand {
    /// `socle register proof …`: documents kept as proofs of the register.
    struct Proof: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "proof", abstract: "Preuves du registre (documents) / Proofs of the register (documents).",
            subcommands: [Add.self, List.self, Show.self, Get.self, Archive.self, Delete.self])

        static func printProof(_ e: ProofEntry, json: Bool) {
            if json { return Output.json(Record(id: e.id, organisation: e.organisation.slug, archived: e.archived, record: e.body)) }
            let b = e.body
            Output.line("#\(e.id) \(b.title) — \(e.organisation.name)" + (e.archived ? " · " + Output.t("register.cli.archived") : ""))
            Output.line(Output.t("register.cli.proof.detail", ["type": b.type.label(Output.language), "file": b.fileName,
                                                                "size": String(b.size), "sha256": b.sha256]))
            let links = b.activities.map { "activité \($0)" } + b.processors.map { "sous-traitant \($0)" } + b.measures.map { "mesure \($0)" }
            if !links.isEmpty { Output.line("  → " + links.joined(separator: ", ")) }
        }

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Dépose un document comme preuve / Store a document as a proof.")
            @Argument(help: "The file (PDF, ODT, ODS, DOCX, XLSX, PNG, JPEG or text; 20 MiB at most).") var file: String
            @Option(name: [.customLong("organisation"), .customLong("org")], help: "The organisation's slug.") var organisation: String
            @Option(help: "Title of the document.") var title: String
            @Option(help: "Type: \(ProofType.allCases.map(\.rawValue).joined(separator: ", ")).") var type: String = "other"
            @Option(help: "Date of the document, YYYY-MM-DD.") var date: String?
            @Option(help: "Comment.") var comment: String?
            @Flag(name: .customLong("public"), help: "Anyone may download it.") var isPublic = false
            @Option(name: .customLong("activity"), help: "Linked activity (repeatable).") var activities: [Int64] = []
            @Option(name: .customLong("processor"), help: "Linked processor (repeatable).") var processors: [Int64] = []
            @Option(name: .customLong("measure"), help: "Linked measure (repeatable).") var measures: [Int64] = []
            @OptionGroup var store: StoreOptions

            func run() async throws {
                let url = URL(fileURLWithPath: file)
                let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
                guard let size else { throw SocleError(.invalidInput, code: "register.file_unreadable", args: ["path": file]) }
                if size > RegisterActions.maxProofBytes {
                    throw SocleError(.tooLarge, code: "register.proof.too_large",
                                     args: ["size": RegisterActions.mebibytes(size), "max": RegisterActions.mebibytes(RegisterActions.maxProofBytes)])
                }
                guard let data = FileManager.default.contents(atPath: url.path) else {
                    throw SocleError(.invalidInput, code: "register.file_unreadable", args: ["path": file])
                }
                let input = ProofInput(type: try ProofType.parse(type, field: "type"), title: title, date: date, comment: comment, isPublic: isPublic,
                                       activities: activities, processors: processors, measures: measures)
                let e = try await store.withPlatform { p in
                    try await p.register.addProof(input, fileName: url.lastPathComponent, content: [UInt8](data), organisation: organisation, by: cli)
                }
                printProof(e, json: store.json)
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "Liste les preuves / List the proofs.")
            @Option(name: [.customLong("organisation"), .customLong("org")], help: "Only this organisation's proofs.") var organisation: String?
            @Option(help: "Only the proofs linked to this record (activity, processor or measure).") var record: Int64?
            @Flag(help: "Include archived proofs.") var archived = false
            @OptionGroup var store: StoreOptions

            func run() async throws {
                let list = try await store.withPlatform { p in
                    try await p.register.proofs(cli, organisation: organisation, includeArchived: archived, linkedTo: record)
                }
                if store.json {
                    return Output.json(["proofs": list.map { Record(id: $0.id, organisation: $0.organisation.slug, archived: $0.archived, record: $0.body) }])
                }
                Table.print(header: Output.t("register.cli.proof.header"), rows: list.map {
                    [String($0.id), $0.organisation.slug, $0.body.type.label(Output.language), $0.body.date ?? "", $0.body.fileName, $0.body.title]
                })
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "Affiche une preuve / Show a proof.")
            @Argument(help: "Proof number.") var id: Int64
            @OptionGroup var store: StoreOptions
            func run() async throws {
                let e = try await store.withPlatform { p in try await p.register.proof(id, cli) }
                printProof(e, json: store.json)
            }
        }

        struct Get: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "get", abstract: "Enregistre le fichier d'une preuve / Save a proof's file.")
            @Argument(help: "Proof number.") var id: Int64
            @Option(help: "Write to this file (default: the proof's file name in the current directory).") var output: String?
            @OptionGroup var store: StoreOptions
            func run() async throws {
                let (e, bytes) = try await store.withPlatform { p in try await p.register.proofFile(id, cli) }
                let path = output ?? e.body.fileName
                try await Output.guarded { try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic) }
                if !store.json { Output.line(Output.t("register.cli.proof.saved", ["path": path, "sha256": e.body.sha256])) }
            }
        }

        struct Archive: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "archive", abstract: "Archive (ou restaure) une preuve / Archive (or restore) a proof.")
            @Argument(help: "Proof number.") var id: Int64
            @Flag(help: "Restore it instead.") var restore = false
            @OptionGroup var store: StoreOptions
            func run() async throws {
                let e = try await store.withPlatform { p in try await p.register.updateProof(id, archived: !restore, by: cli) }
                printProof(e, json: store.json)
            }
        }

        struct Delete: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "delete", abstract: "Supprime une preuve et son fichier / Delete a proof and its file.")
            @Argument(help: "Proof number.") var id: Int64
            @OptionGroup var store: StoreOptions
            func run() async throws {
                try await store.withPlatform { p in try await p.register.deleteProof(id, by: cli) }
                if store.json { Output.json(["deleted": id]) } else { Output.line(Output.t("register.cli.proof.deleted", ["id": String(id)])) }
            }
        }
    }

    /// `socle register import FILE --organisation X [--dry-run]`: a Madis CSV export, as draft activities.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import",
                                                        abstract: "Importe un export CSV de Madis (brouillons) / Import a Madis CSV export (as drafts).")
        @Argument(help: "The CSV file exported by Madis (traitements).") var file: String
        @Option(name: [.customLong("organisation"), .customLong("org")], help: "The organisation's slug.") var organisation: String
        @Flag(name: .customLong("dry-run"), help: "Check and report without creating anything.") var dryRun = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let url = URL(fileURLWithPath: file)
            guard FileManager.default.isReadableFile(atPath: url.path) else {
                throw SocleError(.invalidInput, code: "register.file_unreadable", args: ["path": file])
            }
            let report = try await store.withPlatform { p in
                try await p.register.importMadis(file: url, displayName: url.lastPathComponent, organisation: organisation, dryRun: dryRun, by: cli)
            }
            if store.json { return Output.json(report) }
            let lang = Output.language
            Output.line(Output.t(dryRun ? "register.cli.import.would_create" : "register.cli.import.created", ["n": String(report.activities.count)]))
            for i in report.activities {
                let missing = i.missing.map { Catalog.shared.string("register.field.\($0)", language: lang) }.joined(separator: ", ")
                Output.line("  " + (i.id.map { "#\($0) " } ?? "") + "\(i.name) — \(i.completeness) %" + (missing.isEmpty ? "" : " (" + Output.t("register.cli.import.missing", ["fields": missing]) + ")"))
            }
        }
    }
}
