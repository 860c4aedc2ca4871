import Foundation
import SocleCore
import SocleTestSupport
import Testing

/// Every refused file gets a located error on stderr, a non-zero exit, and writes nothing.
@Suite("socle ingest refuses bad input and writes nothing")
struct BadInputCLITests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var bytes: [UInt8]
        /// Substrings the error must contain (file name and location).
        var expect: [String]
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "vide.csv", bytes: [], expect: ["vide.csv"]),
        Case(name: "binaire.csv", bytes: [0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00, 0x10, 0x80, 0x00] + Array(repeating: 0, count: 600),
             expect: ["binaire.csv"]),
        Case(name: "guillemet.csv", bytes: Array("a;b\n1;2\n3;\"non fermé\n4;5\n".utf8), expect: ["guillemet.csv", "ligne 3"]),
        Case(name: "irregulier.csv", bytes: Array("a;b;c\n1;2;3\n4;5\n6;7;8\n".utf8), expect: ["irregulier.csv", "ligne 3"]),
        Case(name: "tronque.json", bytes: Array("[{\"a\": 1, \"b\": \"x\"}, {\"a\": 2, \"b\": ".utf8), expect: ["tronque.json"]),
        Case(name: "coords.geojson", bytes: Array("""
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"n":"ok"},"geometry":{"type":"Point","coordinates":[2.35,48.85]}},
            {"type":"Feature","properties":{"n":"ko"},"geometry":{"type":"Point","coordinates":["a",48.85]}}]}
            """.utf8), expect: ["coords.geojson"]),
        Case(name: "faux.xlsx", bytes: Array("ceci n'est pas un classeur".utf8), expect: ["faux.xlsx"]),
    ]

    @Test("each bad file is refused, located, and leaves the store untouched", arguments: Backend.all, cases)
    func refused(backend: Backend, c: Case) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        // A previous good revision must keep serving.
        let good = try Paths.tempFile("bon.csv", Array("a;b\n1;2\n".utf8))
        let ok = try CLI.run(["ingest", good.path, "--dataset", "cible"], environment: t.environment)
        #expect(ok.status == 0, "\(ok.stderr)")
        let tablesBefore = try await t.store.revisionTables()

        let file = try Paths.tempFile(c.name, c.bytes)
        for slug in ["cible", "nouveau"] {
            let r = try CLI.run(["ingest", file.path, "--dataset", slug], environment: t.environment)
            #expect(r.status != 0, "\(c.name) was accepted")
            #expect(r.stderr.hasPrefix("socle : erreur : "), "\(r.stderr)")
            for s in c.expect { #expect(r.stderr.contains(s), "«\(s)» missing from: \(r.stderr)") }
            #expect(!r.stderr.contains("Fatal error"))
        }
        #expect(try await t.store.revisionTables() == tablesBefore)
        #expect(try await t.store.dataset(slug: "nouveau") == nil)
        let cible = try #require(try await t.store.dataset(slug: "cible"))
        #expect(cible.currentRevision == 1)
    }

    @Test("a load killed with SIGKILL leaves no table and no revision", arguments: Backend.all)
    func killedLoad(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let good = try Paths.tempFile("bon.csv", Array("a;b\n1;2\n".utf8))
        _ = try CLI.run(["ingest", good.path, "--dataset", "cible"], environment: t.environment)
        // A file big enough that the load is still running when we kill it.
        var text = "id;nom;valeur;date\n"
        text.reserveCapacity(40_000_000)
        for i in 0..<600_000 { text += "\(i);nom \(i);\(i % 977),5;2024-01-\(i % 28 + 1 < 10 ? "0" : "")\(i % 28 + 1)\n" }
        let big = try Paths.tempFile("gros.csv", Array(text.utf8))
        for slug in ["cible", "nouveau"] {
            let p = Process()
            p.executableURL = Paths.socleBinary
            p.arguments = ["ingest", big.path, "--dataset", slug, "--progress", "lines"]
            var env = ProcessInfo.processInfo.environment
            for (k, v) in t.environment { env[k] = v }
            p.environment = env
            p.standardOutput = FileHandle.nullDevice
            let err = Pipe()
            p.standardError = err
            try p.run()
            // Kill only once the load pass (pass 2, writing rows inside the transaction) is under way.
            var seen = ""
            while !seen.contains("pass=2 rows=") || !seen.hasSuffix("\n") {
                let chunk = err.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                seen += String(decoding: chunk, as: UTF8.self)
            }
            #expect(seen.contains("pass=2"), "the load never reached pass 2: \(seen.suffix(500))")
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            #expect(p.terminationReason == .uncaughtSignal)
        }
        try await Task.sleep(for: .milliseconds(300))
        let tables = try await t.store.revisionTables()
        #expect(tables.count == 1, "\(tables)")
        #expect(try await t.store.dataset(slug: "nouveau") == nil)
        let cible = try #require(try await t.store.dataset(slug: "cible"))
        #expect(cible.currentRevision == 1)
        // The store accepts the next load.
        let again = try CLI.run(["ingest", good.path, "--dataset", "cible", "--json"], environment: t.environment)
        #expect(again.json?["revision"] as? Int == 2, "\(again.stderr)")
    }
}
