import ArgumentParser
import Foundation
import SocleActions
import SocleCore

/// `socle subject …`: one person across every dataset and revision (issue 12, item 3) — search, access package,
/// erasure. Run by the machine's operator (the `cli` system principal); every step is audited.
struct SubjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subject",
        abstract: "Une personne dans toutes les données : recherche, dossier d'accès, effacement / One person across all data.",
        subcommands: [Search.self, Package.self, Erase.self, Rectify.self, Compact.self, Reindex.self])

    /// The identifiers a person is looked for by.
    struct Identifiers: ParsableArguments {
        @Option(help: "Adresse électronique / e-mail address.") var email: String?
        @Option(help: "Téléphone / phone (any spelling: 06 12…, +33 6…).") var phone: String?
        @Option(help: "NIR (numéro de sécurité sociale), with or without its key.") var nir: String?
        @Option(help: "Nom et prénom(s), with --birth-date / name, with --birth-date.") var name: String?
        @Option(name: .customLong("birth-date"), help: "Date de naissance (29/02/1980 or 1980-02-29).") var birthDate: String?
        @Option(help: "Plaque d'immatriculation / licence plate.") var plate: String?

        var query: SubjectQuery {
            SubjectQuery(email: email, phone: phone, nir: nir, name: name, birthDate: birthDate, plate: plate)
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Où la personne apparaît / where the person appears.")
        @OptionGroup var identifiers: Identifiers
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let result = try await store.withPlatform { p in try await p.subjects.search(identifiers.query, by: RegisterCommand.cli) }
            if store.json { return Output.json(result) }
            Output.line(Output.t("subject.cli.found", ["count": String(result.matches.count), "datasets": String(result.datasetsSearched),
                                                      "revisions": String(result.revisionsSearched)]))
            Table.print(header: Output.t("subject.cli.header"),
                        rows: result.matches.map { [$0.dataset, String($0.revision), String($0.row), $0.column] })
        }
    }

    struct Package: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Dossier d'accès (ZIP) / access package (ZIP).")
        @OptionGroup var identifiers: Identifiers
        @Option(help: "Numéro de la demande / the request's number.") var request: Int64?
        @Option(help: "Fichier ZIP à écrire / ZIP file to write.") var output: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let package = try await store.withPlatform { p in
                try await p.subjects.package(identifiers.query, request: request, by: RegisterCommand.cli, language: Output.language)
            }
            guard FileManager.default.createFile(atPath: output, contents: Data(package.bytes), attributes: [.posixPermissions: 0o600]) else {
                throw SocleError(.invalidInput, code: "subject.cli.unwritable", args: ["path": output])
            }
            if store.json {
                struct Written: Encodable { var file: String; var matches: Int; var datasets: Int; var bytes: Int }
                return Output.json(Written(file: output, matches: package.matches, datasets: package.datasets, bytes: package.bytes.count))
            }
            Output.line(Output.t("subject.cli.package", ["file": output, "count": String(package.matches), "datasets": String(package.datasets)]))
        }
    }

    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Efface la personne partout / erases the person everywhere.")
        @OptionGroup var identifiers: Identifiers
        @Option(help: "Numéro de la demande d'effacement / the erasure request's number.") var request: Int64
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let report = try await store.withPlatform { p in
                try await p.subjects.erase(identifiers.query, request: request, by: RegisterCommand.cli)
            }
            if store.json { return Output.json(report) }
            Output.line(Output.t("subject.cli.erased", ["rows": String(report.rowsRemoved), "datasets": String(report.datasets.count),
                                                       "request": String(report.request)]))
            for d in report.datasets {
                Output.line("  " + Output.t("subject.cli.erased_dataset", [
                    "dataset": d.dataset, "rows": String(d.rowsRemoved),
                    "revisions": d.revisionsTouched.map(String.init).joined(separator: ", "),
                    "new": d.newRevision.map(String.init) ?? "—"]))
            }
            Output.line(Output.t(report.compacted ? "subject.cli.compacted" : "subject.cli.not_compacted", ["sha256": report.sha256]))
        }
    }

    struct Rectify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Corrige les données de la personne dans un jeu / corrects the person's data in one dataset.")
        @OptionGroup var identifiers: Identifiers
        @Option(help: "Numéro de la demande de rectification / the rectification request's number.") var request: Int64
        @Option(help: "Jeu de données (identifiant) / dataset slug.") var dataset: String
        @Option(name: .customLong("set"), help: "colonne=nouvelle valeur, répétable / column=new value, repeatable.") var assignments: [String] = []
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let changes = try await Output.guarded {
                var changes: [String: String] = [:]
                for a in assignments {
                    guard let eq = a.firstIndex(of: "="), eq != a.startIndex else {
                        throw SocleError(.invalidInput, code: "subject.cli.bad_assignment", args: ["value": a])
                    }
                    changes[String(a[..<eq])] = String(a[a.index(after: eq)...])
                }
                return changes
            }
            let report = try await store.withPlatform { p in
                try await p.subjects.rectify(identifiers.query, request: request, dataset: dataset, changes: changes, by: RegisterCommand.cli)
            }
            if store.json { return Output.json(report) }
            Output.line(Output.t("subject.cli.rectified", [
                "rows": String(report.rowsCorrected), "dataset": report.dataset, "columns": report.columns.joined(separator: ", "),
                "revisions": report.revisionsTouched.map(String.init).joined(separator: ", "),
                "new": report.newRevision.map(String.init) ?? "—"]))
            Output.line(Output.t(report.compacted ? "subject.cli.compacted" : "subject.cli.not_compacted", ["sha256": report.sha256]))
        }
    }

    struct Compact: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Vide le journal de la base après un effacement / compacts the files after an erasure.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withPlatform { p in try await p.subjects.compact(by: RegisterCommand.cli) }
            if !store.json { Output.line(Output.t("subject.cli.compact_done")) }
        }
    }

    struct Reindex: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Met à jour l'index des personnes / brings the subject index up to date.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let n = try await store.withPlatform { p in try await p.subjects.reindex(by: RegisterCommand.cli) }
            if store.json { struct Done: Encodable { var revisionsIndexed: Int }; return Output.json(Done(revisionsIndexed: n)) }
            Output.line(Output.t("subject.cli.reindexed", ["count": String(n)]))
        }
    }
}
