import Foundation
import CSocleMalloc

/// Returning freed memory to the system. glibc's allocator keeps what a thread freed in that thread's arena
/// (up to 8 per core) and, by default, raises its mmap threshold each time a large block is freed, so the
/// 1 MiB reading chunks of every load and the 256 KiB buffers of every export end up in the heaps and stay
/// there: bench/soak measured 188 MB held for 29 MB in use after 538 uploads. `socle serve` fixes the
/// threshold and uses one arena (set before `main`, in `CSocleMalloc.c`), and the job service trims after each job.
public enum MemoryTrim {
    /// `socle serve`'s allocator settings — one arena, large blocks (≥ 128 KiB) mapped and unmapped on their
    /// own — are made by `CSocleMalloc`'s initialiser, before the first thread: glibc's default (eight
    /// arenas per core) let each server thread (event loops, 32 SQLite readers, jobs) hold freed memory in
    /// its own. bench/soak measured it: two arenas per core set at `serve`'s start, RSS 52 → 106 MiB in ten
    /// minutes, still growing after thirty while the memory in use stayed flat; one arena set in `main`
    /// (after the runtime's first threads), 89 → 97 MiB; one arena from the start (`MALLOC_ARENA_MAX=1`),
    /// 83 → 87 MiB, serving as many requests (each thread's cache, tcache, keeps small blocks off the lock).

    /// Gives the free pages of every arena back to the system (a few milliseconds).
    public static func afterJob() {
        _ = socle_malloc_trim()
    }
}
