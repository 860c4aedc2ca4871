import Foundation
import Testing
import SocleCore
@testable import SocleWeb

/// Static files, templates, the string catalog, formatting and the computed summaries.
@Suite struct SupportTests {
    static let webSources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/SocleWeb/Resources").standardized

    @Test func staticFilesAreServedWithTheirTypeAndNothingElse() throws {
        let css = try #require(PageRenderer.staticFile("socle.css"))
        #expect(css.contentType == "text/css; charset=utf-8")
        let text = String(decoding: css.bytes, as: UTF8.self)
        #expect(text.contains(":focus-visible") && text.contains(".table-wrap") && !text.contains("@import") && !text.contains("url("))
        let js = try #require(PageRenderer.staticFile("socle.js"))
        #expect(js.contentType == "text/javascript; charset=utf-8")
        #expect(!String(decoding: js.bytes, as: UTF8.self).contains("http"))
        for name in ["../strings/web.json", "", ".hidden", "nope.css", "/etc/passwd", "..%2Fx", "a/b.css"] {
            #expect(PageRenderer.staticFile(name) == nil, "\(name)")
        }
    }

    @Test func templatesNeverOutputUnescapedValues() throws {
        let dir = Self.webSources.appendingPathComponent("templates")
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
        #expect(files.count > 15)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(!text.contains("{{{") && !text.contains("{{&"), "\(file.lastPathComponent)")
            #expect(!text.contains("http://") && !text.contains("https://"), "\(file.lastPathComponent)")
        }
    }

    @Test func everyStringHasFrenchAndEnglishWithTheSamePlaceholders() throws {
        let data = try Data(contentsOf: Self.webSources.appendingPathComponent("strings/web.json"))
        let table = try JSONDecoder().decode([String: [String: String]].self, from: data)
        #expect(table.count > 300)
        let placeholder = try Regex("\\{[a-z]+\\}")
        for (key, entry) in table {
            #expect(key.hasPrefix("web."), "\(key)")
            let fr = entry["fr"] ?? "", en = entry["en"] ?? ""
            #expect(!fr.isEmpty && !en.isEmpty, "\(key)")
            let a = Set(fr.matches(of: placeholder).map { String(fr[$0.range]) })
            let b = Set(en.matches(of: placeholder).map { String(en[$0.range]) })
            #expect(a == b, "\(key)")
        }
        // Every enum value the pages label has an entry.
        let needed = DatasetStatus.allCases.map { "status." + $0.rawValue } + Licence.allCases.map { "licence." + $0.rawValue }
            + Classification.allCases.map { "classification." + $0.rawValue } + AccessLevel.allCases.map { "access." + $0.rawValue }
            + DataOrigin.allCases.map { "origin." + $0.rawValue } + Role.allCases.map { "role." + $0.rawValue }
            + Role.allCases.map { "role_help." + $0.rawValue } + OrganisationKind.allCases.map { "kind." + $0.rawValue }
            + ColumnType.allCases.map { "type." + $0.rawValue } + JobStatus.allCases.map { "job.status." + $0.rawValue }
            + DatasetMetadata.euThemes.map { "theme." + $0 } + DatasetMetadata.euFrequencies.map { "frequency." + $0 }
            + FacetKind.allCases.map { "facet." + $0.rawValue } + MetadataField.allCases.map { "edit.field." + $0.rawValue }
            + InventoryStats.Gap.allCases.map { "inventory.gap." + $0.rawValue }
        for key in needed { #expect(table["web." + key] != nil, "\(key)") }
    }

    @Test(arguments: [
        (Language.french, 0, "0"), (.french, 999, "999"), (.french, 1_234_567, "1\u{202f}234\u{202f}567"),
        (.english, 1_234_567, "1,234,567"), (.english, -12_000, "-12,000"),
    ])
    func numbers(language: Language, value: Int, expected: String) {
        let ctx = ViewContext(chrome: Chrome(language: language, territoryName: "T", csrfToken: "x"))
        #expect(ctx.number(value) == expected)
    }

    @Test func datesAreShownInParisTime() {
        let fr = ViewContext(chrome: Chrome(language: .french, territoryName: "T", csrfToken: "x"))
        let en = ViewContext(chrome: Chrome(language: .english, territoryName: "T", csrfToken: "x"))
        let summer = Date(timeIntervalSince1970: 1_751_371_200) // 2025-07-01 12:00 UTC
        #expect(fr.date(summer) == "01/07/2025 14:00")
        #expect(en.date(summer) == "2025-07-01 14:00")
        #expect(fr.bytes(1 << 30) == "1\u{a0}Gio" && en.bytes(1536) == "1.5\u{a0}KiB" && fr.bytes(1536) == "1,5\u{a0}Kio")
        #expect(fr.percent(0.999) == "99\u{202f}%" && en.percent(1) == "100%")
    }

    @Test(arguments: [("/", "/"), ("/catalog?q=x", "/catalog?q=x"), ("//evil.example", "/"), ("https://evil.example", "/"),
                      ("/\\evil", "/"), ("javascript:alert(1)", "/"), ("/a\nb", "/"), ("", "/")])
    func onlyLocalPathsAreKept(raw: String, kept: String) {
        #expect(LayoutView.localPath(raw) == kept)
    }

    @Test func revisionChangesCompareColumnsAndRows() {
        let old = Samples.revisions[1], new = Samples.revisions[0]
        let c = RevisionChanges(from: old, to: new)
        #expect(c.added == ["ouverture"] && c.removed == ["ancien"] && c.rowDelta == 20)
        #expect(c.retyped == [RevisionChanges.Retyped(column: "effectif", from: .text, to: .integer)])
        #expect(RevisionChanges(from: new, to: new).isEmpty)
    }

    @Test(arguments: [
        (nil as String?, nil as Classification?, false, AccessLevel.internal, Licence.none, nil as String?,
         [InventoryStats.Gap.owner, .classification, .data]),
        ("Écoles", .personal, true, .internal, .none, nil, [.processingActivity]),
        ("Écoles", .sensitive, true, .internal, .none, "Inscriptions scolaires", []),
        ("Écoles", .public, true, .public, .none, nil, [.licence]),
        ("Écoles", .public, true, .public, .etalab2, nil, []),
    ])
    func inventoryGaps(service: String?, classification: Classification?, loaded: Bool, access: AccessLevel,
                       licence: Licence, activity: String?, expected: [InventoryStats.Gap]) {
        let m = DatasetMetadata(licence: licence, accessLevel: access, classification: classification,
                                processingActivity: activity)
        let source = InventorySource(slug: "s", title: "S", serviceName: service, metadata: m, loaded: loaded)
        #expect(InventoryStats.gaps(of: source) == expected)
    }

    @Test func inventoryStatsCountEachMeasure() {
        let sources = [
            Samples.inventorySource(1, service: "A", classification: .personal, loaded: true),
            Samples.inventorySource(2, service: nil, classification: nil, loaded: false),
            Samples.inventorySource(3, service: "A", classification: .public, loaded: true),
        ]
        let s = InventoryStats(sources)
        #expect(s == InventoryStats(sources: 3, withOwner: 2, withClassification: 2, needingProcessingActivity: 1,
                                    withProcessingActivity: 0, loaded: 2, published: 2))
    }
}

/// The colour pairs of the style sheet reach the WCAG AA contrast for text (4.5:1).
@Test(arguments: [("ink", "paper"), ("muted", "paper"), ("muted", "soft"), ("link", "paper"), ("link", "soft"),
                  ("ok-ink", "ok-bg"), ("err-ink", "err-bg"), ("info-ink", "info-bg"), ("#ffffff", "brand"),
                  ("#ffffff", "link"), ("focus", "paper")])
func contrast(foreground: String, background: String) throws {
    let css = String(decoding: try #require(PageRenderer.staticFile("socle.css")).bytes, as: UTF8.self)
    func color(_ name: String) throws -> (Double, Double, Double) {
        var hex = name
        if !name.hasPrefix("#") {
            let regex = try Regex("--\(name):\\s*(#[0-9a-fA-F]{6})")
            hex = String(try #require(css.firstMatch(of: regex)?.output[1].substring))
        }
        let v = Int(hex.dropFirst(), radix: 16)!
        return (Double((v >> 16) & 255), Double((v >> 8) & 255), Double(v & 255))
    }
    func luminance(_ c: (Double, Double, Double)) -> Double {
        func channel(_ x: Double) -> Double { let s = x / 255; return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4) }
        return 0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
    }
    let a = luminance(try color(foreground)), b = luminance(try color(background))
    let ratio = (max(a, b) + 0.05) / (min(a, b) + 0.05)
    #expect(ratio >= 4.5, "\(foreground) on \(background): \(ratio)")
}
