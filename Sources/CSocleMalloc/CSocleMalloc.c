// The helpers are inline in the header. What lives here is `socle serve`'s allocator setting, made before the
// first thread starts (the Swift runtime starts threads before `main`): an ELF initialiser, which glibc calls
// with argc/argv before any other code, fixes the mmap threshold. The number of arenas stays glibc's: one arena
// made the soak's RSS flat but halved the throughput of 32 concurrent exports (bench/api: 26.6 against 58.7 MB/s;
// two arenas 39.1 MB/s), so it is the administrator's choice (`MALLOC_ARENA_MAX=1`, docs/security.md).
#include "CSocleMalloc.h"
#if defined(__GLIBC__)
#include <stdlib.h>
#include <string.h>

static void socle_server_allocator(int argc, char **argv, char **envp) {
    (void)envp;
    if (argc < 2 || argv[1] == NULL || strcmp(argv[1], "serve") != 0) return;
    // The administrator's own glibc setting wins.
    if (getenv("MALLOC_MMAP_THRESHOLD_") == NULL) mallopt(M_MMAP_THRESHOLD, 128 * 1024);
}

__attribute__((section(".init_array"), used)) static void (*socle_server_allocator_init)(int, char **, char **) = socle_server_allocator;
#endif
