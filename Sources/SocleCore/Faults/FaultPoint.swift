import Foundation

/// Named crash points for the fault-injection tests (`Tests/SocleCLITests/FaultInjectionTests.swift`).
///
/// `SOCLE_FAULT=after-load-commit` (several names may be given, comma-separated) makes a debug build kill
/// itself with SIGKILL when it reaches that point — exactly what `kill -9` at the worst moment would do,
/// without depending on luck. A no-op in release builds and whenever the variable does not name the point.
public enum FaultPoint {
    /// The load's transaction has committed (with its privacy scan, audit entry and job state since issue 10's fix).
    public static let afterLoadCommit = "after-load-commit"
    /// The publication has committed (with its audit entry since issue 10's fix).
    public static let afterPublishCommit = "after-publish-commit"
    /// An anonymisation's derived revision has committed (with its lineage and audit entry since issue 10's fix).
    public static let afterAnonymiseLoad = "after-anonymise-load"
    /// An erasure has removed the first dataset's rows, inside its transaction (nothing may remain of it).
    public static let eraseMidway = "erase-midway"
    /// An erasure has committed, before the database files are compacted (the next open must compact).
    public static let afterEraseCommit = "after-erase-commit"

    #if DEBUG
    private static let armed: Set<Substring> = Set(
        (ProcessInfo.processInfo.environment["SOCLE_FAULT"] ?? "").split(separator: ","))
    #endif

    /// Dies here, at once, when `SOCLE_FAULT` names this point (debug builds only).
    @inline(__always)
    public static func hit(_ name: String) {
        #if DEBUG
        guard !armed.isEmpty, armed.contains(Substring(name)) else { return }
        FileHandle.standardError.write(Data("socle: fault point \(name): SIGKILL\n".utf8))
        kill(getpid(), SIGKILL)
        #endif
    }
}
