import Foundation
import FuzzDriver
import FuzzIngestSupport

/// One input: a spreadsheet upload named `.xlsx`. Format detection sends a file whose first zip entry
/// is the OpenDocument `mimetype` to the ODS reader (as production does), anything else to the XLSX reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    IngestPipeline.run(data, size, fileName: "fuzz.xlsx")
    return 0
}

exit(socle_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv, fuzzOneInput))
