import Foundation
import Testing
import SocleCore
@testable import SocleQuery

/// Runs `body` on a thread with a small stack (as server worker threads may have) and waits for it.
private func onSmallStack(_ body: @escaping @Sendable () -> Void) {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        body()
        done.signal()
    }
    thread.stackSize = 256 * 1024
    thread.start()
    done.wait()
}

@Test func worstInputsFitInASmallStack() {
    let hostile = [
        String(repeating: "(", count: 4_990) + "nom = 'x'" + String(repeating: ")", count: 4_990),
        String(repeating: "not ", count: 2_400),
        String(repeating: "(", count: 63) + "nom = 'x'" + String(repeating: ")", count: 63),
        Array(repeating: "population = 1", count: 450).joined(separator: " or "),
        "population in (" + Array(repeating: "1", count: 1_000).joined(separator: ",") + ")",
    ]
    onSmallStack {
        for filter in hostile {
            for dialect in [SQLDialect.sqlite, .postgres] {
                _ = try? compiler.compile(RecordsRequest(filter: filter), dialect: dialect)
            }
        }
    }
    #expect(failure(RecordsRequest(filter: hostile[2])) == nil)
    #expect(failure(RecordsRequest(filter: hostile[1]))?.code == "query.too_deep")
}
