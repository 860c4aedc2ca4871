import Foundation
import FuzzDriver
import SocleCore
import SocleQuery

/// Two datasets the statement may name, as the SQL endpoint builds them from the reader's grants.
let tables: [SQLGuard.Table] = [
    .init(slug: "communes", physical: "rev_1_1", columns: ["code_insee", "nom", "population"]),
    .init(slug: "comptages-velo", physical: "rev_2_3", columns: ["date_heure", "comptage"]),
]
let guards = [SQLGuard(tables: tables, dialect: .sqlite), SQLGuard(tables: tables, dialect: .postgres)]

/// One input: a statement sent to the SQL endpoint, checked for both dialects. A `SocleError` is the
/// expected refusal; any other error is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for guardian in guards {
        do {
            _ = try guardian.check(text)
        } catch is SocleError {
        } catch {
            fatalError("fuzz: an error that is not a SocleError escaped SQLGuard: \(error)")
        }
    }
    return 0
}

exit(socle_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv, fuzzOneInput))
