import Foundation

/// Runs the real `socle` executable as a subprocess, as a user or a script would.
public struct CLIResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    /// stdout parsed as a JSON object (or nil).
    public var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any]
    }
    public var jsonArray: [[String: Any]]? {
        (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [[String: Any]]
    }
}

public enum CLI {
    public static func run(_ args: [String], environment: [String: String], stdin: Data? = nil) throws -> CLIResult {
        let p = Process()
        p.executableURL = Paths.socleBinary
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["SOCLE_LANG"] = env["SOCLE_LANG"] ?? "fr"
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let input = Pipe()
        p.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try p.run()
        if let stdin {
            input.fileHandleForWriting.write(stdin)
            try? input.fileHandleForWriting.close()
        }
        // Read both pipes concurrently so a chatty process never blocks on a full pipe.
        let errData = ReadBox()
        let t = Thread { errData.data = err.fileHandleForReading.readDataToEndOfFile() }
        t.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        while !errData.done { usleep(1000) }
        return CLIResult(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData.data, as: UTF8.self))
    }

    final class ReadBox: @unchecked Sendable {
        private let lock = NSLock()
        private var _data = Data()
        private var _done = false
        var data: Data {
            get { lock.lock(); defer { lock.unlock() }; return _data }
            set { lock.lock(); _data = newValue; _done = true; lock.unlock() }
        }
        var done: Bool { lock.lock(); defer { lock.unlock() }; return _done }
    }
}
