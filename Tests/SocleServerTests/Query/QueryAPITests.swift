import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SocleActions
import SocleCore
import SocleServer
import SocleStore
import SocleTestSupport
import Testing
import SocleQuery

/// The native read API on both backends: records, facets, record, exports, validators, bad input.
@Suite("Query API")
struct QueryAPITests {
    static let counts = """
    compteur;date;passages;actif;position
    X1;2024-03-01T08:00:00Z;12;oui;48.84,-0.89
    X1;2024-03-01T09:00:00Z;30;oui;48.84,-0.89
    X2;2024-03-01T08:00:00Z;7;non;48.85,-0.88
    X2;2024-03-02T08:00:00Z;9;non;48.85,-0.88
    X1;2024-04-01T08:00:00Z;5;oui;48.84,-0.89
    """

    /// Issue 11, point 5: four JSON writers disagreed (a whole decimal was `3.0` in the records API and `3` in
    /// exports and the CLI). One writer now: the same cell reads the same on every surface.
    @Test("JSON values: a decimal, an integer, a null and a date are written alike by every surface", arguments: Backend.all)
    func oneJSONRule(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("mesures", csv: "code;jour;montant;nombre\n01001;2024-03-01;3;12\n01002;2024-03-02;2,5;\n", publish: true)
            func text(_ uri: String) async throws -> String {
                let r = try await client.execute(uri: uri, method: .get, headers: [:], body: nil)
                #expect(r.status == .ok, "\(uri)")
                return String(buffer: r.body)
            }
            let expected = [#""code":"01001""#, #""jour":"2024-03-01""#, #""montant":3"#, #""nombre":12"#, #""nombre":null"#, #""montant":2.5"#]
            for uri in ["/api/v1/datasets/mesures/records", "/api/v1/datasets/mesures/exports/json", "/api/v1/datasets/mesures/exports/ndjson",
                        "/api/explore/v2.1/catalog/datasets/mesures/records", "/api/action/datastore_search?resource_id=mesures"] {
                let body = try await text(uri).replacingOccurrences(of: " ", with: "")
                for piece in expected { #expect(body.contains(piece), "\(uri) lacks \(piece): \(body.prefix(400))") }
                #expect(!body.contains(#""montant":3.0"#), "\(uri)")
            }
            // The CLI side: IngestCLITests.oneJSONRule.
        }
    }

    @Test("records: where, select with aggregates, group_by, order_by, cursor, total_count", arguments: Backend.all)
    func records(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("velo", csv: Self.counts, publish: true)
            let all = try await client.json("/api/v1/datasets/velo/records")
            #expect(all.status == .ok)
            #expect(all.json["total_count"] as? Int == 5)
            let first = try #require((all.json["results"] as? [[String: Any]])?.first)
            #expect(first["_row"] as? Int == 1)
            #expect(first["compteur"] as? String == "X1")
            #expect(first["actif"] as? Bool == true)

            let filtered = try await client.json("/api/v1/datasets/velo/records?where=compteur%3D%27X1%27%20and%20passages%20%3E%2010&order_by=passages%20desc")
            #expect(filtered.json["total_count"] as? Int == 2)
            #expect((filtered.json["results"] as? [[String: Any]])?.map { $0["passages"] as? Int } == [30, 12])

            let grouped = try await client.json("/api/v1/datasets/velo/records?select=compteur,sum(passages)%20as%20total&group_by=compteur&order_by=compteur")
            #expect(grouped.json["total_count"] as? Int == 2)
            let groups = try #require(grouped.json["results"] as? [[String: Any]])
            #expect(groups.map { $0["total"] as? Int } == [47, 16])

            // Deep pages by cursor give the same rows as offsets.
            var seen: [Int] = []
            var next: String? = nil
            repeat {
                let uri = "/api/v1/datasets/velo/records?limit=2" + (next.map { "&cursor=" + $0 } ?? "")
                let page = try await client.json(uri)
                #expect(page.status == .ok)
                seen += (page.json["results"] as? [[String: Any]])?.compactMap { $0["_row"] as? Int } ?? []
                next = page.json["next"] as? String
            } while next != nil && seen.count < 10
            #expect(seen == [1, 2, 3, 4, 5])

            let capped = try await client.json("/api/v1/datasets/velo/records?limit=999999999")
            #expect(capped.status == .ok)
            #expect(capped.json["truncated"] as? Bool == true)
            #expect(capped.json["limit"] as? Int == 10_000)

            let record = try await client.json("/api/v1/datasets/velo/records/2")
            #expect(record.json["passages"] as? Int == 30)
            #expect(try await client.json("/api/v1/datasets/velo/records/99").status == .notFound)

            let facets = try await client.json("/api/v1/datasets/velo/facets?facet=compteur&where=passages%3E6")
            let facet = try #require((facets.json["facets"] as? [[String: Any]])?.first)
            #expect(facet["name"] as? String == "compteur")
            #expect((facet["facets"] as? [[String: Any]])?.map { $0["count"] as? Int } == [2, 2])
        }
    }

    // The limit catches the hang this test guards against (a HEAD that never returns), not slowness: it is
    // generous because a loaded machine (a release build or a soak beside the suite) made 6 s exceed 2 minutes.
    @Test("HEAD answers as GET without a body, and HEAD on exports holds no connection", .timeLimit(.minutes(10)), arguments: Backend.all)
    func head(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("velo", csv: Self.counts, publish: true)
            let get = try await client.execute(uri: "/api/v1/datasets/velo/records?limit=2", method: .get)
            let head = try await client.execute(uri: "/api/v1/datasets/velo/records?limit=2", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.eTag] != nil && head.headers[.eTag] == get.headers[.eTag])
            #expect(head.headers[.lastModified] == get.headers[.lastModified])
            #expect(try await client.execute(uri: "/api/v1/datasets/nope/records", method: .head).status == .notFound)
            // More HEADs on an export of ~1.6 MB (more than the export's queue holds) than there are
            // connections to read with: had any of them started its query, it would wait forever for a
            // reader of its body, holding its connection, and the reads after them would never run.
            let big = "compteur;passages;emplacement\n"
                + (0 ..< 30_000).map { "X\($0 % 7);\($0);Compteur \($0) de la rue des Lilas, côté pair" }.joined(separator: "\n") + "\n"
            try await f.dataset("gros", csv: big, publish: true)
            for _ in 0 ..< 40 {
                let h = try await client.execute(uri: "/api/v1/datasets/gros/exports/csv", method: .head)
                #expect(h.status == .ok && h.body.readableBytes == 0 && h.headers[.contentType]?.hasPrefix("text/csv") == true)
            }
            #expect(try await client.execute(uri: "/api/v1/datasets/gros/exports/csv", method: .get).text.split(separator: "\r\n").count == 30_001)
            #expect(try await client.json("/api/v1/datasets/velo/records").json["total_count"] as? Int == 5)
        }
    }

    @Test("exports: every format streamed with the filters; excel-fr; GeoJSON refused without geometry", arguments: Backend.all)
    func exports(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("velo", csv: Self.counts, publish: true)
            let csv = try await client.execute(uri: "/api/v1/datasets/velo/exports/csv?where=compteur%3D%27X2%27", method: .get)
            #expect(csv.status == .ok)
            #expect(csv.text == "compteur,date,passages,actif,position\r\nX2,2024-03-01T08:00:00Z,7,false,\"48.85,-0.88\"\r\nX2,2024-03-02T08:00:00Z,9,false,\"48.85,-0.88\"\r\n")
            let fr = try await client.execute(uri: "/api/v1/datasets/velo/exports/csv?dialect=excel-fr&where=passages%3D30", method: .get)
            #expect(Array(fr.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let frLines = fr.text.dropFirst().split(separator: "\r\n")
            #expect(frLines.first == "compteur;date;passages;actif;position")
            #expect(frLines.dropFirst().first?.hasPrefix("X1;2024-03-01T09:00:00Z;30;VRAI;") == true)
            let json = try await client.execute(uri: "/api/v1/datasets/velo/exports/json", method: .get)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.body.readableBytesView)) as? [[String: Any]])
            #expect(rows.count == 5)
            let nd = try await client.execute(uri: "/api/v1/datasets/velo/exports/ndjson", method: .get)
            #expect(nd.text.split(separator: "\n").count == 5)
            let geo = try await client.execute(uri: "/api/v1/datasets/velo/exports/geojson", method: .get)
            let fc = try #require(try JSONSerialization.jsonObject(with: Data(geo.body.readableBytesView)) as? [String: Any])
            #expect((fc["features"] as? [Any])?.count == 5)
            let xlsx = try await client.execute(uri: "/api/v1/datasets/velo/exports/xlsx", method: .get)
            #expect(Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            let unknown = try await client.json("/api/v1/datasets/velo/exports/parquet")
            #expect(unknown.status == .badRequest)
            #expect(unknown.errorCode == "export.unknown_format")
            try await f.dataset("budget", csv: "ligne;montant\nA;1\n", publish: true)
            let noGeo = try await client.json("/api/v1/datasets/budget/exports/geojson")
            #expect(noGeo.errorCode == "export.no_geometry")
        }
    }

    @Test("ETag and Last-Modified: a conditional request costs a 304, If-None-Match before If-Modified-Since", arguments: Backend.all)
    func conditional(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("velo", csv: Self.counts, publish: true)
            let first = try await client.json("/api/v1/datasets/velo/records?limit=1")
            let etag = try #require(first.headers[.eTag])
            #expect(first.headers[.lastModified] != nil)
            let again = try await client.json("/api/v1/datasets/velo/records?limit=1", headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            let other = try await client.json("/api/v1/datasets/velo/records?limit=2", headers: [.ifNoneMatch: etag])
            #expect(other.status == .ok)
            // The date side: If-Modified-Since at the revision's date is a 304, a day earlier is not.
            let date = try #require(first.headers[.lastModified])
            let since = try await client.json("/api/v1/datasets/velo/records?limit=1", headers: [.ifModifiedSince: date])
            #expect(since.status == .notModified)
            #expect(since.headers[.eTag] == etag)
            let before = try await client.json("/api/v1/datasets/velo/records?limit=1",
                                               headers: [.ifModifiedSince: "Sat, 06 Nov 1999 08:49:37 GMT"])
            #expect(before.status == .ok)
            #expect(before.headers[.lastModified] == date)
            // If-None-Match wins (RFC 9110 §13.1.3): a stale tag is a 200 even with a covering date.
            let stale = try await client.json("/api/v1/datasets/velo/records?limit=1",
                                              headers: [.ifNoneMatch: "W/\"stale\"", .ifModifiedSince: date])
            #expect(stale.status == .ok)
            // An unreadable date is ignored, not an error.
            let garbage = try await client.json("/api/v1/datasets/velo/records?limit=1", headers: [.ifModifiedSince: "hier"])
            #expect(garbage.status == .ok)
        }
    }

    @Test("hostile query strings get a precise 400 and never reach the database", arguments: Backend.all)
    func hostile(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("velo", csv: Self.counts, publish: true)
            let cases: [(String, String)] = [
                ("where=compteur%3D%27X1%27%3B%20DROP%20TABLE%20datasets%3B--", "query."),
                ("where=%22compteur%3B%20DROP%20TABLE%20datasets%22%20%3D%201", "query."),
                ("where=populaton%20%3E%203", "query.unknown_column"),
                ("where=passages%20%3D%20%27abc%27", "query."),
                ("where=" + String(repeating: "%28", count: 5000) + "1", "query."),
                ("where=foo(compteur)", "query.unknown_function"),
                ("cursor=not-a-cursor", "query.invalid_cursor"),
                ("limit=-1", "server.bad_parameter"),
                ("where=%FF%FE", "params.bad_encoding"),
                ("order_by=compteur%3B%20select", "query."),
            ]
            for (query, code) in cases {
                let r = try await client.json("/api/v1/datasets/velo/records?" + query)
                #expect(r.status == .badRequest, "\(query)")
                #expect(r.errorCode?.hasPrefix(code) == true, "\(query): \(r.errorCode ?? "nil")")
                #expect(r.errorMessage?.isEmpty == false)
            }
            // The table is still there and whole.
            #expect(try await client.json("/api/v1/datasets/velo/records").json["total_count"] as? Int == 5)
        }
    }

    @Test("DCAT-AP feed: published datasets only, three syntaxes, Hydra paging, per-dataset documents", arguments: Backend.all)
    func dcat(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("velo", csv: Self.counts, publish: true)
            try await f.dataset("prive", csv: Self.counts)
            let ttl = try await client.execute(uri: "/catalog.ttl", method: .get)
            #expect(ttl.status == .ok)
            #expect(ttl.headers[.contentType]?.hasPrefix("text/turtle") == true)
            #expect(ttl.text.contains("/datasets/velo>"))
            #expect(!ttl.text.contains("/datasets/prive"))
            #expect(ttl.text.contains("hydra:totalItems"))
            let jsonld = try await client.execute(uri: "/catalog.jsonld", method: .get)
            #expect((try? JSONSerialization.jsonObject(with: Data(jsonld.body.readableBytesView))) != nil)
            let rdf = try await client.execute(uri: "/catalog.rdf", method: .get)
            #expect(rdf.text.hasPrefix("<?xml"))
            let one = try await client.execute(uri: "/datasets/velo.jsonld", method: .get)
            #expect(one.status == .ok)
            #expect(one.text.contains("exports/csv"))
            #expect(try await client.execute(uri: "/datasets/prive.ttl", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/catalog.ttl?page=0", method: .get).status == .badRequest)
        }
    }
}

/// Indexes are built for the filters real queries use, once, in the background.
@Suite("Advised indexes")
struct AdvisedIndexTests {
    /// The definitions of the advised indexes, once the background build has made one (5 s at most).
    static func advisedIndexes(_ store: any SocleStore, _ backend: Backend) async throws -> [[CellValue]] {
        let list = backend == .postgres ? "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname LIKE 'ix_%'"
                                        : "SELECT sql FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%'"
        var definitions: [[CellValue]] = []
        for _ in 0..<50 {
            definitions = try await store.rows(CompiledQuery(sql: list, binds: [], description: "indexes"), types: [.text]).rows
            if !definitions.isEmpty { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        return definitions
    }

    @Test("a filter seen three times gets its index; the answers do not change", arguments: Backend.all)
    func advised(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("velo", csv: QueryAPITests.counts, publish: true)
            let uri = "/api/v1/datasets/velo/records?where=compteur%3D%27X1%27%20and%20date%20%3E%3D%20date%272024-03-01%27"
            var answers: [Int] = []
            for _ in 0..<3 { answers.append(try await client.json(uri).json["total_count"] as? Int ?? -1) }
            #expect(try await Self.advisedIndexes(f.store, backend).count == 1)
            answers.append(try await client.json(uri).json["total_count"] as? Int ?? -1)
            #expect(answers == [3, 3, 3, 3])
        }
    }

    @Test("an aggregate's index also holds the column it sums, so the index alone answers it", arguments: Backend.all)
    func covering(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("velo", csv: QueryAPITests.counts, publish: true)
            let uri = "/api/v1/datasets/velo/records?select=sum(passages)%20as%20total&group_by=hour(date)%20as%20h"
                + "&where=compteur%3D%27X1%27%20and%20date%20%3E%3D%20date%272024-03-01%27%20and%20date%20%3C%20date%272024-04-01%27"
            var totals: [Int] = []
            for _ in 0..<3 {
                let results = try await client.json(uri).json["results"] as? [[String: Any]] ?? []
                totals.append(results.compactMap { $0["total"] as? Int }.reduce(0, +))
            }
            let definitions = try await Self.advisedIndexes(f.store, backend)
            guard definitions.count == 1, case .text(let sql) = definitions[0][0] else {
                Issue.record("expected one advised index, found \(definitions)")
                return
            }
            let columns = sql.drop(while: { $0 != "(" })
            #expect(columns.contains("compteur") && columns.contains("date") && columns.contains("passages"), "\(sql)")
            let results = try await client.json(uri).json["results"] as? [[String: Any]] ?? []
            totals.append(results.compactMap { $0["total"] as? Int }.reduce(0, +))
            #expect(totals == [42, 42, 42, 42])
        }
    }

    @Test("PostgreSQL: a code column's load-time index ends with _row, and no other index is advised for it")
    func codeIndexInRecordOrder() async throws {
        guard Backend.all.contains(.postgres) else { return }
        try await withServer(.postgres) { f, client in
            try await f.dataset("compteurs", csv: "code_compteur;passages\n0014762002;3\n0014762002;5\n0014118001;7\n", publish: true)
            for _ in 0..<4 {
                let page = try await client.json("/api/v1/datasets/compteurs/records?where=code_compteur%3D%270014762002%27")
                #expect(page.json["total_count"] as? Int == 2)
            }
            // Give a (wrongly) advised build the time it would take on this tiny table.
            try await Task.sleep(for: .milliseconds(500))
            let list = "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexdef LIKE '%(code_compteur%'"
            let definitions = try await f.store.rows(CompiledQuery(sql: list, binds: [], description: "indexes"), types: [.text]).rows
            #expect(definitions.count == 1, "\(definitions)")
            #expect(definitions.first.map { "\($0)".contains("(code_compteur, _row)") } == true, "\(definitions)")
        }
    }
}
