import ArgumentParser
import Foundation
import SocleActions
import SocleCore

/// `socle ingest FILE --dataset SLUG …`: loads a file as a new revision.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Charge un fichier comme nouvelle révision d'un jeu de données / Load a file as a new revision.")

    @Argument(help: "CSV, XLSX, ODS, JSON, NDJSON or GeoJSON file.")
    var file: String

    @Option(help: "Dataset identifier (slug), created if missing.")
    var dataset: String

    @Option(help: "Owning organisation (slug) of a new dataset; it must exist, and own the dataset if it exists.")
    var org: String?

    @Flag(help: "Create the organisation given with --org when it does not exist.")
    var createOrg = false

    @Option(help: "Title of a new dataset.")
    var title: String?

    @Option(help: "Force the encoding (utf-8, windows-1252, iso-8859-1).")
    var encoding: String?

    @Option(help: "Force the CSV delimiter (';', ',', 'tab', '|').")
    var delimiter: String?

    @Option(help: "Spreadsheet sheet, by name or 1-based number.")
    var sheet: String?

    @Option(help: "Row of the header (CSV line or spreadsheet row, 1-based) instead of detecting it.")
    var headerRow: Int?

    @Option(help: "Table Schema the file must satisfy: a JSON file, or scdl:NAME (socle schemas list).")
    var schema: String?

    @Option(help: "Rows with a wrong number of fields: error, pad or skip.")
    var onRagged: RaggedPolicy = .error

    @Option(name: .customLong("null-marker"),
            help: "A value meaning \"no value\" in this dataset, on top of the built-in list (NC, néant, s.o., -…); repeatable. Kept for the dataset's next loads.")
    var nullMarkers: [String] = []

    @Option(help: "Progress on stderr: auto (a bar on a terminal), lines (for scripts) or none.")
    var progress: ProgressMode = .auto

    @OptionGroup var store: StoreOptions

    func run() async throws {
        if let headerRow {
            _ = try await Output.guarded { try UploadOptions.headerRow(String(headerRow)) }
        }
        let url = URL(fileURLWithPath: file)
        var options = ReaderOptions(displayName: url.lastPathComponent, encoding: encoding, delimiter: delimiter,
                                    sheet: sheet, onRagged: onRagged, headerRow: headerRow)
        options.nullMarkers = nullMarkers
        let schemaURL = try await Output.guarded { try schema.map(FileChecks.schemaURL) }
        var request = IngestRequest(file: url, datasetSlug: dataset, organisationSlug: org, title: title,
                                    options: options, schema: schemaURL)
        request.createOrganisation = createOrg
        // SOCLE_NO_SCAN=1 exists to measure the scan's cost (bench/ingest) and nothing else.
        request.privacyScan = ProcessInfo.processInfo.environment["SOCLE_NO_SCAN"] != "1"
        request.trace = ProcessInfo.processInfo.environment["SOCLE_TRACE"] == "1"
        let bar = ProgressBar(mode: progress, json: store.json)
        let report: IngestReport
        do {
            report = try await store.withStore { s in
                // SOCLE_NO_SUBJECT_INDEX=1 exists to measure the index's cost (bench/subject); a later search indexes anyway.
                let subjects = ProcessInfo.processInfo.environment["SOCLE_NO_SUBJECT_INDEX"] == "1" ? nil : SubjectIndexer(directory: store.keyDirectory)
                return try await IngestAction(store: s, subjects: subjects).run(request) { bar.update($0) }
            }
        } catch let refusal as SchemaRefusal {
            bar.finish()
            CLIStrings.register()
            Output.error(Output.t("cli.error_prefix") + Output.t("ingest.schema_refused", ["count": String(refusal.report.errorCount)]))
            if store.json { ValidationOutput.print(refusal.report, json: true) } else {
                for e in refusal.report.errors.prefix(50) { Output.error("  [\(e.constraint)] " + e.message) }
            }
            throw ExitCode(1)
        } catch {
            bar.finish()
            throw error
        }
        bar.finish()
        if store.json {
            Output.json(report)
        } else {
            IngestSummary.print(report)
        }
    }
}

extension RaggedPolicy: ExpressibleByArgument {}
