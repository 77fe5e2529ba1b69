/* Call-heavy: naive doubly recursive Fibonacci, checked against the
 * iterative definition. Default size 42. */
#include "bench_common.h"

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(int argc, char** argv) {
  long n = bench_size(argc, argv, 42);
  uint32_t got = fib((uint32_t)n);
  uint32_t a = 0, b = 1;
  for (long i = 0; i < n; ++i) {
    uint32_t t = a + b;
    a = b;
    b = t;
  }
  printf("fib(%ld) = %u\n", n, got);
  BENCH_CHECK("fib", got == a);
  return 0;
}
