import Foundation
import FuzzDriver
import FuzzIngestSupport
import SocleIngest

/// One input, read three ways: as a `.json` upload (detection may turn a FeatureCollection into
/// GeoJSON), as NDJSON and as GeoJSON, so every JSON-based reader sees every mutation.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    IngestPipeline.run(data, size, fileName: "fuzz.json")
    IngestPipeline.run(data, size, fileName: "fuzz.ndjson")
    IngestPipeline.run(data, size, fileName: "fuzz.geojson", format: .geojson)
    return 0
}

exit(socle_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv, fuzzOneInput))
