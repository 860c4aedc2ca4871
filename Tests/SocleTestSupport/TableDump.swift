import Foundation

/// Every table of a store read through the database's own command-line client, so that a restored copy
/// can be compared with its original row by row without going through Socle's code.
public enum TableDump {
    /// Table name → its rows, each rendered as one line, sorted (row order is not part of the content).
    public typealias Tables = [String: [String]]

    /// Every table of an SQLite file, from `sqlite_master`.
    public static func sqlite(_ path: String) throws -> Tables {
        let names = try run("/usr/bin/sqlite3", ["-batch", "-bail", "-noheader", path,
                                                 "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"])
            .split(separator: "\n").map(String.init)
        var out: Tables = [:]
        for name in names {
            let text = try run("/usr/bin/sqlite3", ["-batch", "-bail", "-json", path, "SELECT * FROM \"\(name)\""])
            let rows = text.isEmpty ? [] : (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any] ?? [])
            out[name] = try rows.map { row in
                String(decoding: try JSONSerialization.data(withJSONObject: row, options: [.sortedKeys]), as: UTF8.self)
            }.sorted()
        }
        return out
    }

    /// Every base table of one schema, from `information_schema`, each row as `COPY … TO STDOUT` prints it.
    public static func postgres(url: String, schema: String) throws -> Tables {
        let conn = ScratchDatabase.clientURL(url)
        let names = try psql(conn, """
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = '\(schema)' AND table_type = 'BASE TABLE' ORDER BY table_name
            """).split(separator: "\n").map(String.init)
        var out: Tables = [:]
        for name in names {
            let text = try psql(conn, "COPY (SELECT * FROM \"\(schema)\".\"\(name)\") TO STDOUT")
            out[name] = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init).sorted()
        }
        return out
    }

    public static func psql(_ url: String, _ sql: String, file: String? = nil) throws -> String {
        var args = ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url]
        if let file { args += ["-f", file] } else { args += ["-c", sql] }
        return try run(tool("psql"), args)
    }

    /// A PostgreSQL client program on PATH, else in the newest /usr/lib/postgresql/*/bin.
    public static func tool(_ name: String) -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
            return "\(dir)/\(name)"
        }
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .sorted { $0.compare($1, options: .numeric) == .orderedDescending }
        return versions.map { "/usr/lib/postgresql/\($0)/bin/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? name
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let errBox = CLI.ReadBox()
        let t = Thread { errBox.data = err.fileHandleForReading.readDataToEndOfFile() }
        t.start()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        while !errBox.done { usleep(1000) }
        guard p.terminationStatus == 0 else {
            throw ToolFailure(command: ([executable] + arguments).joined(separator: " "),
                              stderr: String(decoding: errBox.data, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }

    public struct ToolFailure: Error, CustomStringConvertible {
        public var command: String
        public var stderr: String
        public var description: String { "\(command): \(stderr)" }
    }
}

/// A database of its own in the test cluster, for what needs a fresh database rather than a fresh schema
/// (a PostgreSQL restore keeps the schema's name; the upgrade fixture names its schema).
public struct ScratchDatabase: Sendable {
    public let name: String
    /// The Socle URL of this database with `search_path=schema`.
    public let url: String

    public static func create(schema: String) throws -> ScratchDatabase {
        guard let base = Backend.postgresURL, var c = URLComponents(string: base) else {
            fatalError("SOCLE_TEST_DATABASE_URL not set")
        }
        let name = "scratch_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        _ = try TableDump.psql(clientURL(base), "CREATE DATABASE \"\(name)\"")
        c.path = "/" + name
        c.queryItems = [URLQueryItem(name: "search_path", value: schema)]
        return ScratchDatabase(name: String(name), url: c.string ?? base)
    }

    public func drop() {
        guard let base = Backend.postgresURL else { return }
        _ = try? TableDump.psql(Self.clientURL(base), "DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)")
    }

    /// A URL libpq accepts: Socle's `search_path` query item removed.
    public static func clientURL(_ url: String) -> String {
        guard var c = URLComponents(string: url) else { return url }
        c.queryItems = c.queryItems?.filter { $0.name != "search_path" }
        if c.queryItems?.isEmpty ?? false { c.queryItems = nil }
        return c.string ?? url
    }

    /// The schema named by a Socle URL's `search_path`.
    public static func schema(of url: String) -> String {
        URLComponents(string: url)?.queryItems?.first { $0.name == "search_path" }?.value ?? "public"
    }
}
