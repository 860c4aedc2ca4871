import Foundation
import CSocleMalloc

/// Returning freed memory to the system. glibc's allocator keeps what a thread freed in that thread's arena
/// (up to 8 per core) and, by default, raises its mmap threshold each time a large block is freed, so the
/// 1 MiB reading chunks of every load and the 256 KiB buffers of every export end up in the heaps and stay
/// there: bench/soak measured 188 MB held for 29 MB in use after 538 uploads. `socle serve` fixes the
/// threshold before its first thread (`CSocleMalloc.c`) and the job service trims after each job. The number
/// of arenas stays glibc's: one arena made the soak's RSS flat but halved concurrent-export throughput
/// (bench/README.md, "bench/api with one arena"); `MALLOC_ARENA_MAX=1` is the administrator's choice.
public enum MemoryTrim {
    /// Gives the free pages of every arena back to the system (a few milliseconds).
    public static func afterJob() {
        _ = socle_malloc_trim()
    }
}
