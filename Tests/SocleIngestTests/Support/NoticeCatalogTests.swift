import Foundation
import Testing
import SocleCore
@testable import SocleIngest

/// Warnings and inference notes are catalog notices: French first, English second, never a
/// sentence in Swift. These tests render some and check that every code has its entry.
@Suite("Notices and the ingest catalogs")
struct NoticeCatalogTests {
    init() { IngestError.registerCatalog() }

    static var packageRoot: URL { Fixtures.root.deletingLastPathComponent().deletingLastPathComponent() }

    /// `{name}` placeholders of a template.
    static func placeholders(_ template: String) -> Set<String> {
        let regex = /\{([A-Za-z][A-Za-z0-9_]*)\}/
        return Set(template.matches(of: regex).map { String($0.output.1) })
    }

    @Test("notices render in French and in English with their arguments", arguments: [
        (Notice("inference.note.day_first", ["value": "25/11/1962", "line": "2"]),
         "jour en premier : « 25/11/1962 » vu ligne 2", "day first: \"25/11/1962\" seen on line 2"),
        (Notice("csv.warning.skipped_ragged", ["count": "2", "line": "3"]),
         "2 ligne(s) dont le nombre de champs diffère de celui de l'en-tête ont été ignorée(s) (--on-ragged skip), la première ligne 3.",
         "2 row(s) whose field count differs from the header's were skipped (--on-ragged skip), the first on line 3."),
        (Notice("spreadsheet.warning.sheet", ["sheet": "Données"]), "feuille lue : « Données »", "sheet read: \"Données\""),
        (Notice("inference.note.checkbox"), "colonne de cases à cocher : « x » vaut vrai et une cellule vide vaut faux",
         "checkbox column: \"x\" is true and an empty cell is false"),
    ])
    func renders(_ notice: Notice, _ french: String, _ english: String) {
        #expect(notice.message(.french) == french)
        #expect(notice.message(.english) == english)
    }

    @Test("a warning built by the inference reads naturally in both languages")
    func zerosStrippedWarning() throws {
        let f = try InferenceCorpusTests.load("real_csv/elections/Presidentielle_2017_Resultats_Tour_1_dpt_extrait.csv")
        let w = try #require(f.analysis.warnings.first { $0.code == "inference.warning.zeros_stripped" })
        let fr = w.message(.french)
        #expect(fr.hasPrefix("Colonne « Code du département » : les zéros en tête semblent avoir été supprimés"))
        #expect(w.message(.english).hasPrefix("Column \"Code du département\": leading zeros seem to have been stripped"))
        #expect(!fr.contains("{") && !fr.contains("}"))
    }

    /// The corpus files the ingest tests read, schemas and data packages aside, up to 1 MB each
    /// (the few bigger files add time in debug builds, not kinds of notices).
    static func corpusFiles() throws -> [String] {
        let root = Fixtures.root.resolvingSymlinksInPath()
        let data: Set<String> = ["csv", "json", "geojson", "xlsx", "xls", "ods", "ndjson", "jsonl"]
        let skip = ["schema", "datapackage"]
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.fileSizeKey])
        else { return [] }
        var out: [String] = []
        for case let url as URL in walker where data.contains(url.pathExtension.lowercased()) {
            let name = url.lastPathComponent.lowercased()
            if url.pathExtension == "json" && skip.contains(where: name.hasPrefix) { continue }
            if (try url.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0) > 1 << 20 { continue }
            out.append(String(url.resolvingSymlinksInPath().path.dropFirst(root.path.count + 1)))
        }
        return out.sorted()
    }

    @Test("every notice the analyzer gives on the corpus has a French and an English text")
    func corpusNoticesAreInTheCatalog() throws {
        let files = try Self.corpusFiles()
        #expect(files.count >= 30)
        var analyzed = 0
        var codes: Set<String> = []
        for path in files {
            let options = ReaderOptions(displayName: (path as NSString).lastPathComponent)
            // Some corpus files are refused on purpose (ragged rows…): their errors are tested elsewhere.
            guard let a = try? Analyzer.analyze(url: Fixtures.url(path), options: options) else { continue }
            analyzed += 1
            for n in a.warnings + a.columns.flatMap(\.evidence.notes) {
                codes.insert(n.code)
                for language in Language.allCases {
                    let template = try #require(Catalog.shared.template(n.code, language: language), "\(n.code) in \(path)")
                    #expect(Self.placeholders(template).isSubset(of: Set(n.args.keys)),
                            "\(n.code) (\(language)) lacks arguments in \(path): \(n.args)")
                }
            }
        }
        #expect(analyzed >= 25)
        // The corpus exercises notices of every kind of reader and of the inference.
        for expected in ["inference.warning.zeros_stripped", "inference.note.day_first", "inference.note.decimal_separator",
                         "inference.note.leading_zeros_kept", "spreadsheet.warning.sheet", "geojson.warning.crs_geographic"] {
            #expect(codes.contains(expected), "\(expected)")
        }
    }

    @Test("every notice and error code written in the ingest sources has both texts, with the same placeholders")
    func sourceCodesAreInTheCatalog() throws {
        let sources = Self.packageRoot.appendingPathComponent("Sources/SocleIngest").resolvingSymlinksInPath()
        let walker = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        // Any literal shaped like a key of the ingest areas (notice codes, error codes kept in
        // variables), and the first argument of IngestError.make.
        let noticeCode = /"((?:csv|json|geojson|xlsx|ods|spreadsheet|inference|tableschema|file|format)\.[a-zA-Z0-9_.]*[a-zA-Z0-9_])"/
        let errorCode = /IngestError\.make\(\s*"([a-z0-9_.]*[a-z0-9_])"/
        var codes: Set<String> = []
        for case let url as URL in walker where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            codes.formUnion(text.matches(of: noticeCode).map { String($0.output.1) })
            codes.formUnion(text.matches(of: errorCode).map { String($0.output.1) })
        }
        #expect(codes.count >= 120)
        for code in codes.sorted() {
            let fr = Catalog.shared.template(code, language: .french)
            let en = Catalog.shared.template(code, language: .english)
            #expect(fr != nil && en != nil, "\(code) has no catalog entry")
            if let fr, let en {
                #expect(fr != en, "\(code): the French text is the English one")
                #expect(Self.placeholders(fr) == Self.placeholders(en), "\(code): placeholders differ")
            }
        }
    }

    @Test("catalog files: every entry has a French and an English text")
    func catalogFilesAreComplete() throws {
        let dir = Self.packageRoot.appendingPathComponent("Sources/SocleIngest/Resources/strings").resolvingSymlinksInPath()
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
        #expect(files.count >= 5)
        for file in files {
            let table = try JSONDecoder().decode([String: [String: String]].self, from: Data(contentsOf: file))
            for (key, texts) in table {
                #expect(texts["fr"]?.isEmpty == false && texts["en"]?.isEmpty == false, "\(file.lastPathComponent): \(key)")
            }
        }
    }
}
