import Foundation
import SocleCore
import SocleQuery
import Testing

/// The query module's catalog, read from its resource file.
let queryStrings: String = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/SocleQuery/Resources/strings/query.json")
    return (try? String(contentsOf: url, encoding: .utf8)) ?? "{}"
}()

@Test func everyErrorCodeHasFrenchAndEnglishText() throws {
    let table = try JSONDecoder().decode([String: [String: String]].self, from: Data(queryStrings.utf8))
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")
    var used = Set<String>()
    // The compiler's codes, and the read path's (time limit, SQL endpoint) thrown by the stores.
    for module in ["SocleQuery", "SocleStore", "SocleStoreSQLite", "SocleStorePostgres"] {
        let sources = root.appendingPathComponent(module)
        for file in try FileManager.default.contentsOfDirectory(at: sources, includingPropertiesForKeys: nil) where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for prefix in ["query.", "sql."] {
                var rest = Substring(text)
                while let r = rest.range(of: "\"" + prefix) {
                    let tail = rest[r.upperBound...]
                    let name = tail.prefix { $0.isLetter || $0 == "_" }
                    used.insert(prefix + name)
                    rest = tail.dropFirst(name.count)
                }
            }
        }
    }
    #expect(used.count > 30)
    #expect(used == Set(table.keys))
    for (key, texts) in table { #expect(texts["fr"] != nil && texts["en"] != nil, "\(key)") }
}

@Test func queryErrorsRenderInFrenchFromTheBundle() throws {
    QueryStrings.register()
    let e = SocleError(.invalidInput, code: "query.unknown_column", args: ["name": "populaton", "position": "1", "suggestions": "population"])
    #expect(e.message(.french).hasPrefix("Champ inconnu « populaton » à la position 1"))
}
