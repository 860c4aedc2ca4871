// The helpers are inline in the header. What lives here is the one setting that must be made before the
// first thread starts: `socle serve` uses a single malloc arena (and a fixed mmap threshold). glibc gives each
// thread that allocates before the limit is set an arena of its own, and the Swift runtime starts threads
// before `main` runs, so the limit is set by an ELF initialiser, which glibc calls with argc/argv before any
// other code. bench/soak measured the difference (docs/security.md, "What is not covered").
#include "CSocleMalloc.h"
#if defined(__GLIBC__)
#include <stdlib.h>
#include <string.h>

static void socle_server_allocator(int argc, char **argv, char **envp) {
    (void)envp;
    if (argc < 2 || argv[1] == NULL || strcmp(argv[1], "serve") != 0) return;
    // The administrator's own glibc settings win.
    if (getenv("MALLOC_ARENA_MAX") == NULL) mallopt(M_ARENA_MAX, 1);
    if (getenv("MALLOC_MMAP_THRESHOLD_") == NULL) mallopt(M_MMAP_THRESHOLD, 128 * 1024);
}

__attribute__((section(".init_array"), used)) static void (*socle_server_allocator_init)(int, char **, char **) = socle_server_allocator;
#endif
