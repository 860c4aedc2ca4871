import Foundation
import SocleCore
import SocleIngest

/// Feeds one fuzzer input through the ingest pipeline as `socle ingest` runs it, minus the store:
/// `Analyzer.analyze` (which opens the file with `ReaderFactory` and drains every batch), then
/// `ConvertingSource` over the same file, drained too.
///
/// A `SocleError` is the expected answer to a bad file. Any other error escaping is a finding: it
/// traps, so libFuzzer records the input like a crash.
public enum IngestPipeline {
    /// A scratch directory of this process; libFuzzer runs inputs one at a time.
    static let directory: URL = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let url = URL(fileURLWithPath: base).appendingPathComponent("socle-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Writes the input under `fileName` (its extension picks the reader, as for an upload) and runs both passes.
    /// `format` forces the format as `socle ingest --format` does.
    public static func run(_ data: UnsafePointer<UInt8>, _ size: Int, fileName: String, format: SourceFormat? = nil) {
        let url = directory.appendingPathComponent(fileName)
        do {
            try Data(bytes: data, count: size).write(to: url)
        } catch {
            fatalError("fuzz: cannot write the scratch file \(url.path): \(error)")
        }
        defer { try? FileManager.default.removeItem(at: url) }
        let threadsBefore = threadCount()
        defer { awaitHelperThreads(returningTo: threadsBefore) }
        let options = ReaderOptions(displayName: fileName, onRagged: .pad, format: format)
        do {
            let analysis = try Analyzer.analyze(url: url, options: options)
            var source = try ConvertingSource(url: url, options: options, analysis: analysis)
            while try source.next() != nil {}
        } catch is SocleError {
            return
        } catch {
            fatalError("fuzz: an error that is not a SocleError escaped the ingest pipeline: \(error)")
        }
    }

    /// Threads of this process (the XLSX and ODS readers inflate on a helper thread).
    static func threadCount() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? 0
    }

    /// Waits for the helper threads the readers started to end. A reader's helper ends on its own
    /// once the reader is gone, but not at once: LeakSanitizer, which libFuzzer runs right after the
    /// input, would report the chunks it still holds. A helper still alive after a few seconds never
    /// ends, and that is a finding.
    static func awaitHelperThreads(returningTo count: Int) {
        for _ in 0 ..< 5_000 {
            if threadCount() <= count { return }
            usleep(1_000)
        }
        fatalError("fuzz: a thread started while reading the input outlived its reader")
    }
}
