import ArgumentParser
import Foundation
import SocleCore
import SocleActions

/// `socle validate FILE --schema PATH|scdl:NAME`: checks a file against a Table Schema (a file, or one shipped
/// with Socle: `socle schemas list`) without loading it.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Vérifie un fichier contre un schéma Table Schema / Validate a file against a Table Schema.")

    @Argument(help: "The file to check.") var file: String
    @Option(help: "The Table Schema: a JSON file, or scdl:NAME for a bundled one (socle schemas list).") var schema: String
    @Option(help: "Force the encoding.") var encoding: String?
    @Option(help: "Force the CSV delimiter.") var delimiter: String?
    @Option(help: "Spreadsheet sheet.") var sheet: String?
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        let options = ReaderOptions(displayName: url.lastPathComponent, encoding: encoding, delimiter: delimiter,
                                    sheet: sheet, onRagged: .pad)
        let report = try await Output.guarded {
            try FileChecks.validate(url, schema: try FileChecks.schemaURL(schema), options: options)
        }
        ValidationOutput.print(report, json: json)
        if !report.valid { throw ExitCode(1) }
    }
}

/// Prints a validation report as JSON or as located lines.
enum ValidationOutput {
    static func print(_ report: ValidationReport, json: Bool) {
        if json { return Output.json(report) }
        CLIStrings.register()
        if report.valid {
            Output.line(Output.t("validate.valid", ["rows": String(report.rowCount)]))
        } else {
            Output.line(Output.t("validate.invalid", ["count": String(report.errorCount), "rows": String(report.rowCount)]))
            // Each message already starts with its location (row, line, field).
            for e in report.errors { Output.line("  [\(e.constraint)] " + e.message) }
            if report.truncated {
                Output.line(Output.t("validate.truncated", ["shown": String(report.errors.count), "count": String(report.errorCount)]))
            }
        }
        for w in report.warnings { Output.line("  " + Output.t("ingest.warning", ["text": w.message])) }
    }
}
