import Foundation
import FuzzDriver
import SocleCore
import SocleQuery

/// A table with one column of each type, so every operator and function finds a column it applies to.
let schema: [ColumnSchema] = [
    ColumnSchema(name: "nom", label: "Nom", type: .text),
    ColumnSchema(name: "code_insee", label: "Code INSEE", type: .code),
    ColumnSchema(name: "population", label: "Population", type: .integer),
    ColumnSchema(name: "surface", label: "Surface", type: .number),
    ColumnSchema(name: "ouvert", label: "Ouvert", type: .boolean),
    ColumnSchema(name: "date_creation", label: "Date", type: .date),
    ColumnSchema(name: "maj", label: "Mise à jour", type: .datetime),
    ColumnSchema(name: "geo", label: "Position", type: .geopoint),
    ColumnSchema(name: "contour", label: "Contour", type: .geometry),
]

/// One input: the parameters of a records request, one per line — where, select, group_by, order_by,
/// refine, exclude, cursor — compiled for both dialects. A `SocleError` is the expected refusal; any
/// other error is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parts = text.split(separator: "\n", maxSplits: 6, omittingEmptySubsequences: false).map(String.init)
    func part(_ i: Int) -> String? { i < parts.count && !parts[i].isEmpty ? parts[i] : nil }
    let request = RecordsRequest(select: part(1), filter: part(0), groupBy: part(2), orderBy: part(3),
                                 refine: part(4).map { [$0] } ?? [], exclude: part(5).map { [$0] } ?? [],
                                 cursor: part(6))
    let compiler = QueryCompiler(table: "rev_fuzz_1", schema: schema)
    for dialect in [SQLDialect.sqlite, .postgres] {
        expectSocleError { _ = try compiler.compile(request, dialect: dialect) }
        expectSocleError { _ = try compiler.compile(request, dialect: dialect, withRowId: false) }
    }
    if let cursor = part(6) { expectSocleError { _ = try QueryCursor.decode(cursor) } }
    return 0
}

func expectSocleError(_ body: () throws -> Void) {
    do {
        try body()
    } catch is SocleError {
    } catch {
        fatalError("fuzz: an error that is not a SocleError escaped the query compiler: \(error)")
    }
}

exit(socle_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv, fuzzOneInput))
