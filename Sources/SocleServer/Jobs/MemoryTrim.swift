import Foundation
import CSocleMalloc

/// Returning freed memory to the system. glibc's allocator keeps what a thread freed in that thread's arena
/// (up to 8 per core) and, by default, raises its mmap threshold each time a large block is freed, so the
/// 1 MiB reading chunks of every load and the 256 KiB buffers of every export end up in the heaps and stay
/// there: bench/soak measured 188 MB held for 29 MB in use after 538 uploads. `socle serve` fixes the
/// threshold at start, caps the arenas, and the job service trims after each job.
public enum MemoryTrim {
    /// Large blocks (≥ 128 KiB) are mapped and unmapped on their own, whatever was freed before; and at
    /// most two arenas per core (glibc's default is eight): the server's threads (event loops, 32 SQLite
    /// readers, jobs) each hold freed memory in their own arena otherwise.
    public static func configureForServer() {
        _ = socle_fix_mmap_threshold(128 * 1024)
        _ = socle_limit_arenas(Int32(max(2, 2 * ProcessInfo.processInfo.activeProcessorCount)))
    }

    /// Gives the free pages of every arena back to the system (a few milliseconds).
    public static func afterJob() {
        _ = socle_malloc_trim()
    }
}
