import Foundation
import FuzzDriver
import FuzzIngestSupport

/// One input: a CSV upload, read with the encoding, dialect and header sniffed as in production.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    IngestPipeline.run(data, size, fileName: "fuzz.csv")
    return 0
}

exit(socle_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv, fuzzOneInput))
