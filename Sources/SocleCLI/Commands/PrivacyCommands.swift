import ArgumentParser
import Foundation
import SocleActions
import SocleCore

/// `socle scan FILE`: the personal-data detector on a file, without loading anything.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "Détecte les données personnelles d'un fichier sans le charger / Detect personal data in a file without loading it.")

    @Argument(help: "CSV, XLSX, ODS, JSON or GeoJSON file.") var file: String
    @Option(help: "Force the encoding (utf-8, windows-1252, iso-8859-1).") var encoding: String?
    @Option(help: "Force the CSV delimiter (';', ',', 'tab', '|').") var delimiter: String?
    @Option(help: "Spreadsheet sheet, by name or 1-based number.") var sheet: String?
    @Flag(help: "Print JSON.") var json = false

    struct Report: Encodable {
        var file: String
        var rows: Int
        var bytes: Int64
        var seconds: Double
        var columns: [ScanColumnReport]
    }

    func run() async throws {
        try await Output.guarded {
            CLIStrings.register()
            let url = URL(fileURLWithPath: file)
            try FileChecks.requireReadable(url)
            let options = ReaderOptions(displayName: url.lastPathComponent, encoding: encoding, delimiter: delimiter, sheet: sheet)
            let started = Date()
            let (columns, rows) = try PrivacyScanner().scan(file: url, options: options)
            let seconds = Date().timeIntervalSince(started)
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int64) ?? 0
            let report = Report(file: url.lastPathComponent, rows: rows, bytes: size, seconds: seconds,
                                columns: columns.map { ScanColumnReport($0, language: Output.language) })
            if json { return Output.json(report) }
            Table.print(header: Output.t("scan.header"), rows: report.columns.map {
                [$0.name, $0.label, Output.t("privacy.level.\($0.verdict.rawValue)"), $0.category.map { Output.t($0.catalogKey) } ?? "",
                 String(format: "%.2f", $0.confidence), $0.evidence.signals.prefix(2).joined(separator: " ; ")]
            })
        }
    }
}

/// `socle privacy SLUG`: the review state of a dataset's columns.
struct PrivacyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "privacy", abstract: "Classification des colonnes d'un jeu (suggestions et revues) / Column classification of a dataset.")

    @Argument(help: "Dataset identifier.") var slug: String
    @OptionGroup var store: StoreOptions

    struct Row: Encodable {
        var name: String
        var label: String
        var suggested: PrivacySuggestion?
        var reviewed: ColumnReview?
        var effective: PrivacyLevel
        var needsReview: Bool
    }

    func run() async throws {
        let rows: [Row] = try await store.withPlatform { p in
            let d = try await p.queries.requireDataset(slug)
            guard let (_, columns) = try await p.privacy.statuses(d) else {
                throw SocleError(.notFound, code: "store.no_data", args: ["slug": slug])
            }
            return columns.map { Row(name: $0.name, label: $0.label, suggested: $0.suggestion.map { PrivacySuggestion($0, language: Output.language) },
                                     reviewed: $0.review, effective: $0.effective, needsReview: $0.needsReview) }
        }
        if store.json { return Output.json(rows) }
        Table.print(header: Output.t("privacy.header"), rows: rows.map { r in
            [r.name, r.suggested.map { Output.t("privacy.level.\($0.verdict.rawValue)") } ?? "-",
             r.reviewed.map { Output.t("privacy.level.\($0.verdict.rawValue)") + " (\($0.reviewer))" } ?? Output.t("privacy.to_review"),
             Output.t("privacy.level.\(r.effective.rawValue)")]
        })
    }
}

/// `socle classify SLUG COLUMN --as public|personal|sensitive [--category C]`: a reviewer's decision.
struct ClassifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify", abstract: "Confirme ou corrige la classification d'une colonne / Confirm or override a column's classification.")

    @Argument(help: "Dataset identifier.") var slug: String
    @Argument(help: "Column name or original header label (not with --confirm-all).") var column: String?
    @Option(name: .customLong("as"), help: "public, personal or sensitive.") var level: String?
    @Option(help: "Data category (identity, phone, email, health, nir…).") var category: String?
    @Flag(name: .customLong("confirm-all"), help: "Confirm the detector's suggestion for every column still to review.") var confirmAll = false
    @Option(help: "With --confirm-all: columns to leave for review, comma-separated.") var except: String?
    @OptionGroup var store: StoreOptions

    func run() async throws {
        if confirmAll { return try await confirmEverySuggestion() }
        let status = try await store.withPlatform { p in
            CLIStrings.register()
            guard let column, let level else {
                throw SocleError(.invalidInput, code: "classify.cli.column_required")
            }
            guard let lvl = PrivacyLevel(rawValue: level.lowercased()) else {
                throw SocleError(.invalidInput, code: "privacy.bad_level", args: ["value": level])
            }
            var cat: DataCategory?
            if let category {
                guard let c = DataCategory(rawValue: category) ?? DataCategory.allCases.first(where: { $0.rawValue.lowercased() == category.lowercased() }) else {
                    throw SocleError(.invalidInput, code: "privacy.bad_category",
                                     args: ["value": category, "known": DataCategory.allCases.map(\.rawValue).joined(separator: ", ")])
                }
                cat = c
            }
            let d = try await p.queries.requireDataset(slug)
            return try await p.privacy.classify(d, column: column, as: lvl, category: cat, by: .system("cli"))
        }
        if store.json { return Output.json(status) }
        Output.line(Output.t("classify.done", ["column": status.name, "level": Output.t("privacy.level.\(status.effective.rawValue)")]))
    }

    /// `--confirm-all [--except a,b]`: every suggestion confirmed at once (each decision audited).
    func confirmEverySuggestion() async throws {
        let done = try await store.withPlatform { p in
            CLIStrings.register()
            if column != nil || level != nil { throw SocleError(.invalidInput, code: "classify.cli.confirm_all_alone") }
            let d = try await p.queries.requireDataset(slug)
            let except = (self.except ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return try await p.privacy.confirmSuggestions(d, except: except, by: .system("cli"))
        }
        if store.json { return Output.json(done) }
        Output.line(Output.t("classify.cli.confirmed_all", ["count": String(done.count)]))
        for s in done { Output.line("  ✔ " + s.name + " : " + Output.t("privacy.level.\(s.effective.rawValue)")) }
    }
}

/// `socle publish SLUG` / `socle unpublish SLUG`.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish", abstract: "Publie un jeu en open data (ou dit pourquoi c'est refusé) / Publish a dataset as open data.")

    @Argument(help: "Dataset identifier.") var slug: String
    @Flag(help: "Unpublish instead.") var undo = false
    @OptionGroup var store: StoreOptions

    func run() async throws {
        do {
            try await store.withPlatform { p in
                let d = try await p.queries.requireDataset(slug)
                if undo { try await p.catalog.unpublish(d, by: .system("cli")) }
                else { try await p.catalog.publish(d, by: .system("cli")) }
            }
        } catch let refusal as PublicationRefusal {
            CLIStrings.register()
            let reasons = refusal.reasons.map { $0.message(Output.language) }
            if store.json {
                Output.json(["published": "false", "reasons": reasons.joined(separator: "\n"),
                             "reason_codes": refusal.reasons.map(\.code).joined(separator: "\n")])
            } else {
                Output.error(Output.t("publish.refused_cli", ["slug": slug]))
                for r in reasons { Output.error("  – " + r) }
            }
            throw ExitCode(1)
        }
        if store.json { return Output.json(["published": undo ? "false" : "true"]) }
        Output.line(Output.t(undo ? "publish.undone" : "publish.done", ["slug": slug]))
    }
}

/// `socle anonymise SLUG --into NEW …`: a derived dataset with recorded lineage.
struct AnonymiseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anonymise", abstract: "Produit un jeu anonymisé dérivé, avec sa provenance / Produce an anonymised derived dataset with its lineage.")

    @Argument(help: "Source dataset (with --rerun: the derived dataset).") var slug: String
    @Option(help: "Identifier of the new dataset.") var into: String?
    @Flag(help: "Re-run the recorded plan of the derived dataset SLUG on its source's current revision and reviews (a new revision).") var rerun = false
    @Flag(name: .customLong("dry-run"), help: "Only show the checks and what would block publication; produce nothing.") var dryRun = false
    @Option(help: "Title of the new dataset.") var title: String?
    @Option(help: "Columns to drop, comma-separated (names or header labels).") var drop: String?
    @Option(help: "Columns to pseudonymise (HMAC-SHA-256; the result stays personal data).") var pseudonymise: String?
    @Option(help: "C:month|year|age-band|commune|grid:N (repeatable or comma-separated).") var generalise: [String] = []
    @Option(name: .customLong("suppress-rare"), help: "C:k — values seen fewer than k times become empty (repeatable).") var suppressRare: [String] = []
    @Option(help: "k of the k-anonymity check (default 5 when --quasi is given).") var k: Int?
    @Option(help: "Quasi-identifiers of the k-anonymity check, comma-separated.") var quasi: String?
    @Option(name: .customLong("aggregate-by"), help: "Aggregate: one row per group of these columns, with a count (groups under k suppressed).") var aggregateBy: String?
    @Option(help: "With --aggregate-by: columns to sum.") var sum: String?
    @OptionGroup var store: StoreOptions

    func run() async throws {
        func list(_ s: String?) -> [String] { (s ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        if rerun || dryRun { return try await rerunOrPreview(list) }
        guard let into else {
            CLIStrings.register()
            return try await Output.guarded { throw SocleError(.invalidInput, code: "anonymise.cli.into_required") }
        }
        let request = AnonymiseRequest(source: slug, into: into, title: title, drop: list(drop), pseudonymise: list(pseudonymise),
                                       generalise: generalise.flatMap { Self.splitGeneralise($0) }, suppressRare: suppressRare,
                                       k: k, quasi: list(quasi), aggregateBy: list(aggregateBy), sum: list(sum))
        let outcome = try await store.withPlatform { p in
            try await p.privacy.anonymise(request, by: .system("cli"), language: Output.language)
        }
        if store.json { return Output.json(outcome) }
        Output.line(Output.t("anonymise.done", ["slug": outcome.dataset, "rows_in": String(outcome.rowsIn), "rows_out": String(outcome.rowsOut),
                                                "smallest": outcome.smallestGroupSize.map(String.init) ?? "—"]))
        for c in outcome.checks { Output.line((c.passed ? "  ✔ " : "  ✘ ") + c.message) }
        Output.line(outcome.clearsPersonalData ? Output.t("anonymise.cleared") : Output.t("anonymise.not_cleared"))
    }

    /// `--rerun` (a new revision of the derived dataset) or `--dry-run` (the checks only).
    func rerunOrPreview(_ list: (String?) -> [String]) async throws {
        if rerun {
            let outcome = try await store.withPlatform { p in
                try await p.privacy.rerunAnonymisation(slug, by: .system("cli"), language: Output.language)
            }
            if store.json { return Output.json(outcome) }
            Output.line(Output.t("anonymise.cli.rerun_done", ["slug": outcome.dataset, "revision": String(outcome.revision)]))
            for c in outcome.checks { Output.line((c.passed ? "  ✔ " : "  ✘ ") + c.message) }
            for b in outcome.publicationBlockers { Output.line("  – " + b) }
            return
        }
        let request = AnonymiseRequest(source: slug, into: into ?? "", title: title, drop: list(drop), pseudonymise: list(pseudonymise),
                                       generalise: generalise.flatMap { Self.splitGeneralise($0) }, suppressRare: suppressRare,
                                       k: k, quasi: list(quasi), aggregateBy: list(aggregateBy), sum: list(sum))
        let preview = try await store.withPlatform { p in
            try await p.privacy.previewAnonymise(request, by: .system("cli"), language: Output.language)
        }
        if store.json { return Output.json(preview) }
        for c in preview.checks { Output.line((c.passed ? "  ✔ " : "  ✘ ") + c.message) }
        Output.line(preview.clearsPersonalData ? Output.t("anonymise.cleared") : Output.t("anonymise.cli.would_block"))
        for b in preview.blockers { Output.line("  – " + b.message) }
    }

    /// "a:month,b:grid:200" → ["a:month", "b:grid:200"] (a comma starts a new item only before a name).
    static func splitGeneralise(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// `socle privacy-key rotate`: a new pseudonymisation key (the old one is kept, dated).
struct PrivacyKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "privacy-key", abstract: "Renouvelle la clé de pseudonymisation / Rotate the pseudonymisation key.")
    @Argument(help: "rotate") var action: String
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await Output.guarded {
            guard action == "rotate" else { throw SocleError(.invalidInput, code: "cli.unknown_action", args: ["value": action, "allowed": "rotate"]) }
            try PseudonymisationKey(directory: store.keyDirectory).rotate()
            Output.line(Output.t("privacy_key.rotated", ["path": store.keyDirectory.path]))
        }
    }
}
