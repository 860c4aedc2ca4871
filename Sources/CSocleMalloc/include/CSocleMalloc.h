// glibc's allocator controls, for the server (see SocleServer/Jobs/MemoryTrim.swift).
#ifndef CSOCLEMALLOC_H
#define CSOCLEMALLOC_H
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
static inline int socle_fix_mmap_threshold(int bytes) { return mallopt(M_MMAP_THRESHOLD, bytes); }
static inline int socle_malloc_trim(void) { return malloc_trim(0); }
static inline int socle_limit_arenas(int count) { return mallopt(M_ARENA_MAX, count); }
#else
static inline int socle_fix_mmap_threshold(int bytes) { (void)bytes; return 0; }
static inline int socle_malloc_trim(void) { return 0; }
static inline int socle_limit_arenas(int count) { (void)count; return 0; }
#endif
#endif
