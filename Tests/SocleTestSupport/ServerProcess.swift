import Foundation

/// `socle serve` run as a subprocess on a free loopback port, for tests that kill it with SIGKILL,
/// restart it, or take its database away — what an in-process router test cannot do.
public final class ServerProcess: @unchecked Sendable {
    public let port: Int
    public let process: Process
    /// stdout and stderr of the server, kept for failure messages.
    public let log: URL
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, process: Process, log: URL) {
        self.port = port
        self.process = process
        self.log = log
    }

    /// Starts `socle serve --port P [arguments]` with `environment` added to the test's own.
    public static func start(_ arguments: [String] = [], environment: [String: String], port: Int? = nil) throws -> ServerProcess {
        let port = try port ?? FreePort.pick()
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("socle-serve-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let p = Process()
        p.executableURL = Paths.socleBinary
        p.arguments = ["serve", "--host", "127.0.0.1", "--port", String(port)] + arguments
        var env = ProcessInfo.processInfo.environment
        env["SOCLE_LANG"] = env["SOCLE_LANG"] ?? "fr"
        env["SOCLE_FAULT"] = nil
        for (k, v) in environment { env[k] = v }
        p.environment = env
        p.standardOutput = handle
        p.standardError = handle
        p.standardInput = FileHandle.nullDevice
        try p.run()
        try? handle.close()
        return ServerProcess(port: port, process: p, log: log)
    }

    /// Polls `/healthz` until it answers 200; fails when the process exits first or the time runs out.
    public func waitUntilHealthy(timeout: Duration = .seconds(240)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw Failure("socle serve exited (\(process.terminationStatus)) before answering:\n\(logTail)") }
            if (try? HTTP.request("GET", baseURL + "/healthz", timeout: 5))?.status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure("socle serve did not answer /healthz within \(timeout):\n\(logTail)")
    }

    /// `kill -9`, then waits for the process to be gone.
    public func kill9() async {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        _ = await waitForExit(timeout: .seconds(30))
    }

    /// SIGTERM (a graceful stop), then SIGKILL if it is still there after `grace`.
    public func stop(grace: Duration = .seconds(30)) async {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        if await !waitForExit(timeout: grace) { await kill9() }
    }

    /// Waits for the process to exit by itself (a fault point kills it); false when it is still running.
    public func waitForExit(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning { return false }
        process.waitUntilExit()
        return true
    }

    public var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
    public var logTail: String { String(logText.suffix(3_000)) }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(_ d: String) { description = d }
    }
}

/// A loopback port nobody listens on (the kernel's choice for port 0, released at once).
public enum FreePort {
    public static func pick() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerProcess.Failure("socket() failed") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard bound else { throw ServerProcess.Failure("bind() failed") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}

/// One HTTP exchange, made by `curl` (a real client over a real socket, bounded by `--max-time`).
public struct HTTPResult: Sendable {
    /// 0 when no answer came (connection refused or reset, timeout).
    public var status: Int
    public var body: Data
    public var text: String { String(decoding: body, as: UTF8.self) }
    public var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
}

public enum HTTP {
    /// `method url`, with a Bearer token, a JSON body or a file sent as the raw body.
    public static func request(_ method: String, _ url: String, token: String? = nil, json: Any? = nil, file: URL? = nil,
                               contentType: String = "text/csv", timeout: Double = 60) throws -> HTTPResult {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("socle-http-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let p = curl(method, url, token: token, file: file, contentType: contentType, timeout: timeout, output: out,
                     json: json != nil)
        let status = Pipe(), input = Pipe()
        p.standardOutput = status
        p.standardInput = json == nil ? FileHandle.nullDevice : input
        try p.run()
        if let json {
            input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: json))
            try? input.fileHandleForWriting.close()
        }
        let code = status.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return HTTPResult(status: Int(String(decoding: code, as: UTF8.self)) ?? 0,
                          body: (try? Data(contentsOf: out)) ?? Data())
    }

    /// A `curl` process sending `file` as the raw body, not started: the caller runs it and may kill the server meanwhile.
    public static func upload(_ url: String, token: String, file: URL, timeout: Double = 120) -> Process {
        let p = curl("POST", url, token: token, file: file, contentType: "text/csv", timeout: timeout,
                     output: URL(fileURLWithPath: "/dev/null"), json: false)
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        return p
    }

    /// A `curl` process for one request (JSON body optional), not started: the test kills the server while it runs.
    public static func start(_ method: String, _ url: String, token: String?, json: Any? = nil, timeout: Double = 120) -> Process {
        var file: URL?
        if let json, let data = try? JSONSerialization.data(withJSONObject: json) {
            let f = FileManager.default.temporaryDirectory.appendingPathComponent("socle-body-\(UUID().uuidString).json")
            try? data.write(to: f)
            file = f
        }
        let p = curl(method, url, token: token, file: file, contentType: "application/json", timeout: timeout,
                     output: URL(fileURLWithPath: "/dev/null"), json: false)
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        return p
    }

    static func curl(_ method: String, _ url: String, token: String?, file: URL?, contentType: String, timeout: Double,
                     output: URL, json: Bool) -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var args = ["curl", "-sS", "-X", method, "-o", output.path, "-w", "%{http_code}", "--max-time", String(timeout),
                    "-H", "Accept: application/json", "-H", "Expect:"]
        if let token { args += ["-H", "Authorization: Bearer \(token)"] }
        if json { args += ["-H", "Content-Type: application/json", "--data-binary", "@-"] }
        if let file { args += ["-H", "Content-Type: \(contentType)", "--data-binary", "@\(file.path)"] }
        p.arguments = args + [url]
        p.standardError = FileHandle.nullDevice
        return p
    }
}
