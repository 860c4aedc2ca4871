import ArgumentParser
import Foundation
import SocleActions
import SocleCore

/// `socle schemas list`: the Table Schemas shipped with Socle (SCDL, etalab).
struct SchemasCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemas", abstract: "Schémas fournis avec Socle / Bundled schemas.",
        subcommands: [SchemasListCommand.self], defaultSubcommand: SchemasListCommand.self)
}

struct SchemasListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Liste les schémas fournis (nom, titre, version) / List bundled schemas.")

    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let list = SchemaActions.list()
        if json { return Output.json(list) }
        CLIStrings.register()
        Table.print(header: Output.t("schemas.header"), rows: list.map {
            ["scdl:" + $0.name, $0.version ?? "-", String($0.fields), String($0.requiredFields), $0.title]
        })
    }
}

/// `socle dataset …`: operations on one dataset's current revision against a bundled schema.
struct DatasetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset", abstract: "Schéma d'un jeu de données / A dataset's schema.",
        subcommands: [DatasetSchemaCommand.self, DatasetValidateCommand.self, DatasetApplySchemaCommand.self])
}

/// `socle dataset schema SLUG`: the schema suggested for the current revision, and how well it matches.
struct DatasetSchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Schéma suggéré / Suggested schema.")

    @Argument(help: "The dataset.") var slug: String
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let match = try await store.withPlatform { try await $0.schemas.suggestion(slug: slug, by: .system("cli")).match }
        if store.json { return Output.json(SuggestionJSON(suggestion: match)) }
        CLIStrings.register()
        guard let match else { return Output.line(Output.t("schemas.no_suggestion", ["slug": slug])) }
        Output.line(match.notice.message(Output.language))
    }

    struct SuggestionJSON: Encodable { var suggestion: SchemaMatch? }
}

/// `socle dataset validate SLUG --schema NAME`: the current revision's stored rows against a bundled schema.
struct DatasetValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Valide la version courante contre un schéma fourni / Validate against a bundled schema.")

    @Argument(help: "The dataset.") var slug: String
    @Option(help: "A bundled schema (socle schemas list).") var schema: String
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let report = try await store.withPlatform { try await $0.schemas.validate(slug: slug, schema: schema, by: .system("cli")) }
        ValidationOutput.print(report, json: store.json)
        if !report.valid { throw ExitCode(1) }
    }
}

/// `socle dataset apply-schema SLUG [--schema NAME]`: a new revision with the schema's column names.
struct DatasetApplySchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply-schema",
        abstract: "Renomme les colonnes selon le schéma suggéré, dans une nouvelle version / Rename columns to the schema's names.")

    @Argument(help: "The dataset.") var slug: String
    @Option(help: "The bundled schema (default: the suggested one).") var schema: String?
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let outcome = try await store.withPlatform { try await $0.schemas.apply(slug: slug, schema: schema, by: .system("cli")) }
        if store.json { return Output.json(outcome) }
        CLIStrings.register()
        Output.line(Output.t("schemas.applied", ["slug": outcome.dataset, "schema": outcome.schema,
                                                 "revision": String(outcome.revision), "previous": String(outcome.previousRevision),
                                                 "count": String(outcome.renamed.count)]))
        for r in outcome.renamed { Output.line("  \(r.column) → \(r.field)") }
    }
}
