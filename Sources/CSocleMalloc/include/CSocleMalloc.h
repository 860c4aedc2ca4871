// glibc's allocator controls, for the server (see SocleServer/Jobs/MemoryTrim.swift and CSocleMalloc.c).
#ifndef CSOCLEMALLOC_H
#define CSOCLEMALLOC_H
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
static inline int socle_malloc_trim(void) { return malloc_trim(0); }
#else
static inline int socle_malloc_trim(void) { return 0; }
#endif
#endif
