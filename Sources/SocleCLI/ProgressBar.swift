import ArgumentParser
import Foundation
import SocleCore
import SocleActions

/// How `socle ingest` shows progress on stderr.
enum ProgressMode: String, CaseIterable, ExpressibleByArgument {
    /// A bar when stderr is a terminal, nothing otherwise.
    case auto
    /// One machine-readable line per update (`progress pass=2 rows=… bytes=… total=…`), for scripts.
    case lines
    case none
}

/// A one-line progress bar on stderr for terminals: pass, percentage, rows, MB/s, ETA.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let lines: Bool
    private let lock = NSLock()
    private var last = Date.distantPast
    private var passStart: [Int: Date] = [:]
    private var drawn = false

    init(mode: ProgressMode, json: Bool) {
        lines = mode == .lines
        enabled = lines || (mode == .auto && !json && isatty(STDERR_FILENO) == 1)
    }

    func update(_ p: IngestProgress) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        let start = passStart[p.pass] ?? now
        passStart[p.pass] = start
        guard now.timeIntervalSince(last) > 0.1 else { return }
        last = now
        if lines {
            FileHandle.standardError.write(Data("progress pass=\(p.pass) rows=\(p.rows) bytes=\(p.bytesRead) total=\(p.totalBytes)\n".utf8))
            return
        }
        let total = max(p.totalBytes, 1)
        let fraction = min(1, Double(p.bytesRead) / Double(total))
        let elapsed = now.timeIntervalSince(start)
        let mbps = elapsed > 0 ? Double(p.bytesRead) / elapsed / 1_000_000 : 0
        let eta = fraction > 0.01 ? elapsed * (1 - fraction) / fraction : 0
        let width = 24
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        CLIStrings.register()
        let label = Output.t(p.pass == 1 ? "progress.analyse" : "progress.load")
        let text = String(format: "\r%@ %@ %3d%%  %@  %.1f Mo/s  %@ %ds   ", label, bar, Int(fraction * 100),
                          Output.t("progress.rows", ["rows": Format.integer(Int64(p.rows))]), mbps,
                          Output.t("progress.eta"), Int(eta.rounded()))
        FileHandle.standardError.write(Data(text.utf8))
        drawn = true
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        drawn = false
    }
}
