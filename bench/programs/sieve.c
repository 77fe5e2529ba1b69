/* Memory-bound loops: sieve of Eratosthenes up to n, repeated 5 times over a
 * byte array. Checks pi(n) against the known values for powers of ten and,
 * for any n, spot-checks primality by trial division. */
#include "bench_common.h"

static int is_prime_slow(long v) {
  if (v < 2) return 0;
  for (long d = 2; d * d <= v; ++d)
    if (v % d == 0) return 0;
  return 1;
}

int main(int argc, char** argv) {
  long n = bench_size(argc, argv, 20000000);
  unsigned char* composite = malloc((size_t)n + 1);
  long count = 0;
  for (int rep = 0; rep < 5; ++rep) {
    memset(composite, 0, (size_t)n + 1);
    count = 0;
    for (long i = 2; i <= n; ++i) {
      if (composite[i]) continue;
      ++count;
      if (i > n / i) continue; /* i*i would pass n (and overflow a 32-bit long) */
      for (long j = i * i; j <= n; j += i) composite[j] = 1;
    }
  }
  printf("pi(%ld) = %ld\n", n, count);
  static const long pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
  static const long pi_pow10[] = {0, 4, 25, 168, 1229, 9592, 78498, 664579, 5761455};
  for (int i = 0; i < 9; ++i)
    if (n == pow10[i]) BENCH_CHECK("sieve", count == pi_pow10[i]);
  for (int i = 0; i < 2000; ++i) {
    long v = (long)(bench_rand() % (uint64_t)(n + 1));
    BENCH_CHECK("sieve", (v >= 2 && !composite[v]) == is_prime_slow(v));
  }
  free(composite);
  return 0;
}
