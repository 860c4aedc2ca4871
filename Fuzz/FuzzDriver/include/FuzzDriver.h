#ifndef SOCLE_FUZZ_DRIVER_H
#define SOCLE_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer's command line on `callback` and returns its exit status.
///
/// SwiftPM links an executable target with `main` aliased to the module's own entry point, so
/// libFuzzer's `main` is never the one that runs: each harness's `main.swift` calls this instead.
int socle_fuzz_run(int argc, char **argv, int (*_Nonnull callback)(const uint8_t *_Nonnull data, size_t size));

#endif
