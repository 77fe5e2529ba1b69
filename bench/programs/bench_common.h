/* Shared helpers for the benchmark programs: size selection, a checksum
 * print, and a failure exit. Each program is plain C that builds unchanged
 * for wasm32-wasi and natively. */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* argv[1] is the problem size; without it the default (0.5-3 s natively). */
static long bench_size(int argc, char** argv, long default_size) {
  if (argc > 1) {
    long n = strtol(argv[1], NULL, 10);
    if (n > 0) return n;
  }
  return default_size;
}

static void bench_fail(const char* name, const char* what) {
  printf("%s: FAILED: %s\n", name, what);
  exit(1);
}

#define BENCH_CHECK(name, cond) \
  do {                          \
    if (!(cond)) bench_fail(name, #cond); \
  } while (0)

/* Deterministic generator (xorshift64*), identical on every target. */
static uint64_t bench_rng_state = 0x9E3779B97F4A7C15ull;
static inline uint64_t bench_rand(void) {
  uint64_t x = bench_rng_state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  bench_rng_state = x;
  return x * 0x2545F4914F6CDD1Dull;
}

/* FNV-1a, used by programs to fold their output into one printed checksum. */
static inline uint64_t bench_fnv(uint64_t h, const void* data, size_t n) {
  const unsigned char* p = (const unsigned char*)data;
  for (size_t i = 0; i < n; ++i) {
    h ^= p[i];
    h *= 0x100000001B3ull;
  }
  return h;
}
#define BENCH_FNV_INIT 0xCBF29CE484222325ull

#endif
